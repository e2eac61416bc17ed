"""The page's own cost per rerun (streamlit AppTest, in-process, no browser): `python -m bench.bench_page`.

For synthetic stores of N events (`bench.synth`, reused from bench/out/): the first run (load + filter + map
+ table + timeline), a rerun that changes nothing (must cost almost nothing: every heavy step is cached per
view and store version), a filter change (category energy: a new map), and the way back to the first view
(cached). Run by hand, never in the test suite.

Examples
--------
$ python -m bench.bench_page 1000 10000 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
APP = BENCH.parent / "dashboard" / "app.py"


def _store(n: int) -> Path:
    path = OUT / f"events-{n}.parquet"
    if not path.exists():
        from bench.synth import synth_frame
        from strikes.store import save_events

        OUT.mkdir(exist_ok=True)
        save_events(synth_frame(n), path)
    return path


def _timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def measure(n: int) -> dict[str, float]:
    """Seconds for each step of a session on a store of `n` events (a fresh AppTest, empty caches)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["STRIKES_DATA"] = str(_store(n))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=600)
    times = {"first run": _timed(at.run)}
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    times["rerun, nothing changed"] = _timed(at.run)
    times["filter change (energy)"] = _timed(lambda: at.multiselect(key="category").select("energy").run())
    times["back to all (cached)"] = _timed(lambda: at.multiselect(key="category").unselect("energy").run())
    times["heatmap on"] = _timed(lambda: at.checkbox(key="heatmap").check().run())
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_page", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    args = parser.parse_args(argv)
    print(f"{'N':>9}  " + "  ".join(f"{name:>24}" for name in (
        "first run", "rerun, nothing changed", "filter change (energy)", "back to all (cached)", "heatmap on")))
    for n in args.sizes:
        times = measure(n)
        print(f"{n:>9,}  " + "  ".join(f"{seconds:>22.2f} s" for seconds in times.values()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
