"""Benchmark: import a 100,000-row ACLED-format CSV (generated) and merge it into an empty store.

Run by hand: `.venv/bin/python -m bench.bench_import [--rows N] [--out DIR]`. The CSV is written to
bench/out/ (git-ignored) and regenerated when missing or of another size. Target: ≤ 30 s for 100,000 rows.
The rows mimic a real export: all 31 ACLED columns, repeated and distinct notes, dates over three years,
points around real towns, a few bad rows (no date, out-of-range points), battles and protests out of scope.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from strikes.importers import ImportOptions, import_file, merge_into_store

OUT = Path(__file__).resolve().parent / "out"

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# (location, admin1, lat, lon, iso, country) — approximate town centres.
TOWNS = (
    ("Kharkiv", "Kharkiv", 49.99, 36.23, "804", "Ukraine"),
    ("Kherson", "Kherson", 46.64, 32.61, "804", "Ukraine"),
    ("Odesa", "Odesa", 46.48, 30.73, "804", "Ukraine"),
    ("Zaporizhzhia", "Zaporizhia", 47.84, 35.14, "804", "Ukraine"),
    ("Kyiv", "Kyiv City", 50.45, 30.52, "804", "Ukraine"),
    ("Sumy", "Sumy", 50.91, 34.80, "804", "Ukraine"),
    ("Nikopol", "Dnipropetrovsk", 47.57, 34.39, "804", "Ukraine"),
    ("Dnipro", "Dnipropetrovsk", 48.46, 35.05, "804", "Ukraine"),
    ("Belgorod", "Belgorod", 50.60, 36.59, "643", "Russia"),
    ("Kursk", "Kursk", 51.73, 36.19, "643", "Russia"),
    ("Ryazan", "Ryazan", 54.63, 39.74, "643", "Russia"),
    ("Novorossiysk", "Krasnodar", 44.72, 37.77, "643", "Russia"),
)
NOTE_TEMPLATES = (
    "On {d}, Russian forces launched drones at {t}, damaging a substation. [size=no report]",
    "On {d}, Russian forces shelled {t}. A residential building and a private house were damaged.",
    "On {d}, a missile struck the port infrastructure of {t}. {n} civilians were injured.",
    "On {d}, Ukrainian drones attacked an oil refinery in {t}, causing a fire.",
    "On {d}, Russian forces hit a hospital in {t} with a guided aerial bomb. {n} people were killed.",
    "On {d}, Russian forces shelled positions of the Ukrainian military near {t}.",
    "On {d}, Russian military struck energy infrastructure in {t}; power supply was cut for {n} homes.",
    "On {d}, an explosion was reported in {t}. No further details.",
    "On {d}, artillery hit a school and a kindergarten in {t}.",
    "On {d}, Ukrainian forces and Russian forces clashed near {t}.",
)
EVENT_TYPES = (
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
)


def generate(path: Path, rows: int, seed: int = 7) -> Path:
    """Write an ACLED-format CSV of `rows` rows to `path` (deterministic for a seed)."""
    rng = random.Random(seed)
    start = date(2022, 3, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_COLUMNS)
        for number in range(rows):
            town, admin1, lat, lon, iso, country = rng.choice(TOWNS)
            day = start + timedelta(days=rng.randrange(3 * 365))
            event_type, sub_event_type = rng.choice(EVENT_TYPES)
            note = rng.choice(NOTE_TEMPLATES).format(d=day.strftime("%d %B %Y"), t=town, n=rng.randrange(1, 9))
            event_date = day.isoformat()
            lat_text, lon_text = f"{lat + rng.uniform(-0.2, 0.2):.4f}", f"{lon + rng.uniform(-0.2, 0.2):.4f}"
            if number % 997 == 0:
                event_date = ""  # a bad row: no date
            elif number % 991 == 0:
                lat_text = "95.1"  # a bad row: out of range
            writer.writerow((
                f"{'UKR' if iso == '804' else 'RUS'}{100000 + number}", event_date, day.year,
                rng.choice("1112"), "Political violence", event_type, sub_event_type,
                "Military Forces of Russia (2000-)" if iso == "804" else "Military Forces of Ukraine (2019-)",
                "", "State forces", "Civilians (Ukraine)", "", "Civilians", "State forces-Civilians",
                "Civilian targeting", iso, "Europe", country, admin1, "", "", town, lat_text, lon_text,
                rng.choice("1112"), "Ukrinform; Suspilne", "National", note, rng.randrange(0, 3), "",
                int(time.mktime(day.timetuple())) + 86400 * 7,
            ))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--all", action="store_true", help="import out-of-scope rows too (worst case: every row kept)")
    args = parser.parse_args(argv)
    options = ImportOptions(all_rows=args.all)
    csv_path = args.out / f"acled-{args.rows}.csv"
    if not csv_path.exists():
        began = time.perf_counter()
        generate(csv_path, args.rows)
        print(f"generated {csv_path} ({csv_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    result = import_file(csv_path, options=options)
    read_s = time.perf_counter() - began
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        store = Path(folder) / "events.geojson"
        began_merge = time.perf_counter()
        summary = merge_into_store(result, store)
        merge_s = time.perf_counter() - began_merge
        began_again = time.perf_counter()
        again = merge_into_store(import_file(csv_path, options=options), store)
        again_s = time.perf_counter() - began_again
        size = store.stat().st_size / 1e6
    total = read_s + merge_s
    label = f"{args.rows} ACLED rows" + (" (--all)" if args.all else "")
    print(f"{label}: read+classify {read_s:.1f} s, dedup+write store {merge_s:.1f} s, "
          f"total {total:.1f} s (target ≤ 30 s); store {size:.1f} MB")
    print(f"  {result.messages[0]}; accepted {result.accepted}, rejected {result.rejected}, "
          f"out of scope {result.out_of_scope}")
    print(f"  first merge: {summary.line()}")
    print(f"  re-import:   {again.line()} ({again_s:.1f} s)")
    return 0 if total <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
