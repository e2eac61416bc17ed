"""`python -m bench.bench_geocoder`: index load time, exact and fuzzy lookups per second, memory.

Targets (issue 3): index load ≤ 0.2 s; exact lookups ≥ 200,000/s; fuzzy lookups ≥ 2,000/s on one core;
memory ≤ 300 MB. Run by hand (not in the test suite); the machine is shared, so each timing is the best of
a few rounds, and rates count CPU time of this process (`time.process_time`), "on one core".

Exact: `lookup_exact` over distinct real names (canonical and alternate names of the index, Latin and
Cyrillic). Fuzzy: `geocode` over distinct misspellings (one letter dropped or one vowel changed) of
settlement names of UA/RU, which miss the exact and loose steps and go to the fuzzy step. Inflected:
`geocode` over "у <name>і" / "в <name>е" forms of Cyrillic names (the stemmer's path; no target, reported).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from geocoding.build import INDEX_PATH, ensure_index  # noqa: E402
from geocoding.geocoder import Geocoder  # noqa: E402
from geocoding.normalise import loose_key, normalise  # noqa: E402

_LOAD_SNIPPET = (
    "import sys, time; sys.path.insert(0, {root!r}); "
    "from geocoding.geocoder import Geocoder; from pathlib import Path; "
    "w = time.perf_counter(); c = time.process_time(); Geocoder.from_index(Path({path!r})); "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def _cold_load_seconds(rounds: int) -> tuple[float, float]:
    """Best (wall, CPU) seconds to load the index in a fresh interpreter (imports before the clock starts)."""
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET.format(root=str(PROJECT_ROOT), path=str(INDEX_PATH))],
                             check=True, capture_output=True, text=True).stdout
        wall, cpu = (float(x) for x in out.split())
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def _exact_names(geocoder: Geocoder, count: int, rng: random.Random) -> list[str]:
    keys = [key for key in geocoder._index.exact if len(key) >= 3]
    return rng.sample(keys, min(count, len(keys)))


def _misspell(name: str, rng: random.Random) -> str:
    vowels = [i for i, ch in enumerate(name) if ch in "aeiou" and 0 < i < len(name) - 1]
    if vowels and rng.random() < 0.5:
        i = rng.choice(vowels)
        return name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1:]
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1:]


def _fuzzy_names(geocoder: Geocoder, count: int, rng: random.Random) -> list[str]:
    names = sorted({p[0] for p in geocoder._places if p[5] == "settlement" and p[3] in ("UA", "RU")
                    and len(p[0]) >= 7 and p[0].isascii()})
    out: list[str] = []
    exact, loose = geocoder._index.exact, geocoder._index.loose
    for name in rng.sample(names, len(names)):
        wrong = _misspell(name, rng)
        key = normalise(wrong)
        if key not in exact and loose_key(key) not in loose:
            out.append(wrong)
        if len(out) == count:
            break
    return out


def _inflected_names(geocoder: Geocoder, count: int, rng: random.Random) -> list[str]:
    keys = sorted(k for k in geocoder._index.exact if " " not in k and len(k) >= 5 and "\u0430" <= k[0] <= "\u044f"
                  and k[-1] not in "аеєиіїоуюяыэёь")
    sample = rng.sample(keys, min(count, len(keys)))
    return [f"у {k}і" if i % 2 else f"в {k}е" for i, k in enumerate(sample)]


def _rate(function, names: list[str], rounds: int) -> tuple[float, float]:
    """(first round, best round) lookups per CPU second; the first round also fills the place cache."""
    rates = []
    for _ in range(rounds):
        started = time.process_time()
        for name in names:
            function(name)
        rates.append(len(names) / max(time.process_time() - started, 1e-9))
    return rates[0], max(rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_geocoder", description=__doc__.split("\n")[0])
    parser.add_argument("--exact", type=int, default=50_000, help="distinct names for the exact benchmark")
    parser.add_argument("--fuzzy", type=int, default=2_000, help="distinct misspellings for the fuzzy benchmark")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(20250318)

    started = time.perf_counter()
    ensure_index()
    print(f"index ready (built if stale) in {time.perf_counter() - started:.2f} s: {INDEX_PATH}")
    wall, cpu = _cold_load_seconds(args.rounds)
    print(f"index load (fresh process, best of {args.rounds}): {cpu * 1000:.0f} ms CPU, {wall * 1000:.0f} ms wall"
          "   [target ≤ 200 ms]")

    geocoder = Geocoder.from_index(INDEX_PATH)
    exact_names = _exact_names(geocoder, args.exact, rng)
    first, best = _rate(geocoder.lookup_exact, exact_names, args.rounds)
    print(f"exact lookups: {best:,.0f}/s (first round {first:,.0f}/s) over {len(exact_names):,} distinct names"
          "   [target ≥ 200,000/s]")

    started = time.perf_counter()
    geocoder._fuzzy_blocks()
    print(f"fuzzy blocks built on first fuzzy query: {(time.perf_counter() - started) * 1000:.0f} ms (once)")
    fuzzy_names = _fuzzy_names(geocoder, args.fuzzy, rng)
    first, best = _rate(geocoder.geocode, fuzzy_names, args.rounds)
    resolved = sum(geocoder.geocode(n).resolved for n in fuzzy_names)
    print(f"fuzzy lookups: {best:,.0f}/s (first round {first:,.0f}/s) over {len(fuzzy_names):,} misspellings "
          f"({resolved / len(fuzzy_names):.0%} resolved)   [target ≥ 2,000/s]")

    inflected = _inflected_names(geocoder, args.fuzzy, rng)
    first, best = _rate(geocoder.geocode, inflected, args.rounds)
    resolved = sum(geocoder.geocode(n).resolved for n in inflected)
    print(f"inflected Cyrillic lookups: {best:,.0f}/s (first round {first:,.0f}/s) over {len(inflected):,} names "
          f"({resolved / len(inflected):.0%} resolved)")

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss_mb:.0f} MB   [target ≤ 300 MB]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
