"""Benchmark (run by hand): extraction speed in MB of report text per second, after the gazetteer is loaded.

    .venv/bin/python -m bench.bench_extract [--mb 1.0]

The text is made of our own report-like sentences (strikes, traps and filler) over many place names, so the
geocoder is exercised and not only its cache. Goal: ≥ 1 MB/s on one core.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from strikes.extract import ReportMeta, extract_events

PLACES = ("Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Poltava", "Sumy", "Kherson", "Mykolaiv", "Lviv", "Kyiv",
          "Chernihiv", "Zhytomyr", "Vinnytsia", "Kremenchuk", "Pavlohrad", "Bryansk", "Belgorod", "Kursk",
          "Tuapse", "Novorossiysk", "Ryazan", "Saratov", "Engels", "Oryol", "Voronezh", "Smolensk")
STRIKES = (
    "Russian drones hit a power substation in {p} overnight, the regional governor said.",
    "A Ukrainian drone attack set an oil depot in {p} on fire on Tuesday.",
    "Missiles struck a residential building and a school in {p}, killing three people.",
    "Strikes damaged thermal power facilities in the {p} region, while in {q} a drone hit a warehouse.",
    "Officials in {p} said the city was left without power after strikes on an energy facility.",
)
TRAPS = (
    "The wounded were taken to hospital in {p}, where doctors said two were in a serious condition.",
    "The president arrived at {p} for talks on a ceasefire covering energy infrastructure.",
    "Moscow said the Kiev regime would answer for the attack, and talks planned in {p} were put off.",
    "The refinery lies roughly 120 kilometres east of {p}, close to the border.",
)
FILLER = (
    "Analysts said the winter would test the grid and the patience of the population.",
    "The ministry published a statement on its website late in the evening.",
    "Negotiators are expected to meet again next month, according to officials close to the talks.",
    "Prices for fuel in the region rose by a tenth over the year, a local newspaper reported.",
)


def make_text(megabytes: float, seed: int = 4) -> str:
    """About `megabytes` of report text: paragraphs of strike, trap and filler sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            pool = rng.choice((STRIKES, TRAPS, FILLER, FILLER))
            sentences.append(rng.choice(pool).format(p=rng.choice(PLACES), q=rng.choice(PLACES)))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(paragraphs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of text to extract from")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    args = parser.parse_args(argv)
    from geocoding import default_geocoder

    started = time.perf_counter()
    geocoder = default_geocoder()
    geocoder.geocode("Kharkiv")
    loaded = time.perf_counter() - started
    text = make_text(args.mb)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    # CPU time of this process is what "one core" means on a machine shared with other jobs; wall time is
    # printed beside it.
    best_cpu = best_wall = float("inf")
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = extract_events(text, ReportMeta(date(2025, 3, 19), title="bench"), geocoder)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"gazetteer loaded in {loaded:.2f} s")
    print(f"{megabytes:.2f} MB: {megabytes / best_cpu:.2f} MB/s of CPU time ({best_cpu:.2f} s), "
          f"{megabytes / best_wall:.2f} MB/s wall ({best_wall:.2f} s), best of {args.repeat}; "
          f"{len(result.events)} events, {len(result.unresolved)} unresolved")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
