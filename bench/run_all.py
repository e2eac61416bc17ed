"""`make bench`: every benchmark of bench/ in turn, each in its own process (run by hand, not in CI).

    python -m bench.run_all            # bench_scale, then the geocoder, extract, import and page benchmarks
    python -m bench.run_all --browser  # also bench.browser_paint at 100,000 events (starts streamlit)

A benchmark whose module has not landed is skipped with a note; a failing one is reported and the next runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BENCHMARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bench_scale", ()),
    ("bench_geocoder", ()),
    ("bench_extract", ()),
    ("bench_import", ()),
    ("bench_page", ()),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__.split("\n\n")[0])
    parser.add_argument("--browser", action="store_true", help="also time the app in Chromium at 100k events")
    args = parser.parse_args(argv)
    runs = list(BENCHMARKS) + ([("browser_paint", ("100000",))] if args.browser else [])
    failed = []
    for name, extra in runs:
        if not (BENCH / f"{name}.py").exists():
            print(f"== {name}: not there yet, skipped", flush=True)
            continue
        print(f"== {name}", flush=True)
        done = subprocess.run([sys.executable, "-m", f"bench.{name}", *extra], cwd=ROOT, check=False)
        if done.returncode:
            failed.append(name)
            print(f"== {name} failed with exit code {done.returncode}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
