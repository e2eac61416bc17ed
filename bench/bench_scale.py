"""Scale benchmark (issue 7): Strike Map's map pipeline against the naive folium recipe, side by side.

    python -m bench.bench_scale                       # N = 1k, 10k, 100k, 1M (+ naive at 1k, 10k)
    python -m bench.bench_scale --sizes 1000 10000    # a quicker run
    python -m bench.bench_scale --browser             # also time the first paint in Chromium at 100k

For each N, in a fresh subprocess (so peak memory is that N's alone): a synthetic store
(`bench/out/events-N.parquet`, made by `bench.synth` if missing) is loaded; then for each of a few filter
changes, the time from the new filter to the map's HTML ready on the server (filter mask → points or grid
cells → folium map → HTML), the bytes of that HTML, and the process's peak RSS. The map is built by
`dashboard.map.build_map` once that module exists, else by a minimal builder here with the same design
(`_minimal_map`). The naive approach — one `folium.Marker` with a popup per event, rendered to HTML — is
timed at 1k and 10k, and the ratio printed. Results go to stdout as a Markdown table (copy to README.md).
Run by hand, never in the test suite.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from strikes.aggregate import cell_size_for_zoom, detail_for, event_arrays, grid_cells
from strikes.filters import EventFilter, filter_mask
from strikes.store import load_events
from strikes.taxonomy import CATEGORIES, CATEGORY_COLOURS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
NAIVE_SIZES = (1_000, 10_000)
REPEATS = 3  # each filter change is timed this often; the median counts (the machine is shared)
ZOOM = 6  # the dashboard's opening view: Ukraine and the Russian border regions
CENTRE = (48.5, 33.0)
FILTERS: dict[str, EventFilter] = {
    "all": EventFilter(),
    "energy": EventFilter(categories=("energy",)),
    "civilian since 2024": EventFilter(categories=("civilian",), since=date(2024, 1, 1)),
    "text 'hospital'": EventFilter(text="hospital"),
    "RU, May 2025": EventFilter(countries=("RU",), since=date(2025, 5, 1), until=date(2025, 5, 31)),
}


def store_for(n: int) -> Path:
    """The synthetic store of `n` events, generated once (in its own process: the gazetteer is big)."""
    path = OUT / f"events-{n}.parquet"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "bench.synth", str(n), str(path)], cwd=ROOT, check=True)
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the minimal builder (used until dashboard/map.py lands) ------------------------------------------------

def _popup(row: Any) -> str:
    # Report text is hostile: escape everything; only an http(s) URL becomes a link.
    url = str(row.source_url)
    link = ""
    if url.startswith(("http://", "https://")):
        link = f'<br><a href="{html.escape(url)}" target="_blank" rel="noopener">source</a>'
    return (
        f"<b>{html.escape(str(row.target) or 'unknown target')}</b> — {html.escape(str(row.category))}<br>"
        f"{html.escape(str(row.location))}, {row.event_date:%Y-%m-%d}{link}"
    )


def _script_json(value: Any) -> str:
    # json.dumps does not escape "</", which would end the <script> early.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _minimal_map(frame: Any, arrays: Any, mask: np.ndarray, zoom: int) -> Any:
    """One folium map whose markers and cells are a single JSON payload drawn by one script (canvas)."""
    import folium
    from branca.element import Element

    fmap = folium.Map(location=CENTRE, zoom_start=zoom, tiles=None, prefer_canvas=True)
    selected = int(mask.sum())
    if detail_for(selected, zoom) == "points":
        rows = frame.iloc[np.flatnonzero(mask)]
        points = [[row.geometry.y, row.geometry.x, CATEGORIES.index(row.category), _popup(row)]
                  for row in rows.itertuples()]
        cells: list[Any] = []
    else:
        grid = grid_cells(arrays.select(mask), cell_size_for_zoom(zoom))
        lone = grid[grid["count"] == 1]
        lone_rows = frame.iloc[lone["lone_row"].to_numpy()]
        points = [[row.geometry.y, row.geometry.x, CATEGORIES.index(row.category), _popup(row)]
                  for row in lone_rows.itertuples()]
        many = grid[grid["count"] > 1]
        cells = np.column_stack([
            many["lat"].round(5), many["lon"].round(5), many["count"],
            *(many[name] for name in CATEGORIES),
        ]).tolist()
    colours = [CATEGORY_COLOURS[name] for name in CATEGORIES]
    names = list(CATEGORIES)
    script = f"""
<script>
document.addEventListener("DOMContentLoaded", function() {{
  var map = {fmap.get_name()}, colours = {_script_json(colours)}, names = {_script_json(names)};
  var points = {_script_json(points)}, cells = {_script_json(cells)};
  points.forEach(function(p) {{
    L.circleMarker([p[0], p[1]], {{radius: 5, color: colours[p[2]], fillOpacity: 0.9}})
      .bindPopup(p[3]).addTo(map);
  }});
  cells.forEach(function(c) {{
    var best = 3; for (var k = 3; k < 7; k++) if (c[k] > c[best]) best = k;
    var tip = c[2] + " events: " + names.map(function(n, i) {{ return n + " " + c[3 + i]; }}).join(", ");
    L.circleMarker([c[0], c[1]], {{radius: 6 + 3 * Math.log10(c[2]), color: colours[best - 3],
                                   fillOpacity: 0.6}}).bindTooltip(tip).addTo(map);
  }});
}});
</script>"""
    fmap.get_root().html.add_child(Element(script))  # type: ignore[attr-defined]  # the root is a Figure
    return fmap


def _dashboard_html(frame: Any, arrays: Any, mask: np.ndarray, zoom: int) -> str:
    """The app's path: the filtered frame → `dashboard.map.build_map` → `map_html` (offline page)."""
    from dashboard.map import build_map, map_html

    return map_html(build_map(frame if mask.all() else frame.iloc[np.flatnonzero(mask)]))


def _minimal_html(frame: Any, arrays: Any, mask: np.ndarray, zoom: int) -> str:
    return _minimal_map(frame, arrays, mask, zoom).get_root().render()


BUILDERS = {"dashboard": _dashboard_html, "minimal": _minimal_html}


def default_builder() -> str:
    """"dashboard" once dashboard/map.py has landed, else "minimal"."""
    try:
        import dashboard.map  # noqa: F401
    except ImportError:
        return "minimal"
    return "dashboard"


def naive_html(frame: Any) -> str:
    """The usual recipe: one folium.Marker with a popup per event, the whole map rendered to HTML."""
    import folium

    fmap = folium.Map(location=CENTRE, zoom_start=ZOOM, tiles=None)
    for row in frame.itertuples():
        folium.Marker([row.geometry.y, row.geometry.x], popup=folium.Popup(_popup(row))).add_to(fmap)
    return fmap.get_root().render()


# --- one size, in its own process ---------------------------------------------------------------------------

def measure(n: int, naive: bool, builder: str) -> dict[str, Any]:
    """Every figure for a store of `n` events (run in a fresh process: peak RSS is this size's alone)."""
    path = store_for(n)
    started, started_cpu = time.perf_counter(), time.process_time()
    frame = load_events(path)
    arrays = event_arrays(frame)  # done once per store load, cached by the app with it
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    # Warm up once (imports of folium and jinja templates are paid by the app at start, not per filter).
    build_html = BUILDERS[builder]
    build_html(frame.iloc[:10], event_arrays(frame.iloc[:10]), np.ones(min(n, 10), dtype=bool), ZOOM)
    per_filter: dict[str, float] = {}
    html_bytes: dict[str, int] = {}
    per_filter_cpu: dict[str, float] = {}
    for name, event_filter in FILTERS.items():
        times, cpu = [], []
        for _ in range(REPEATS):
            started, started_cpu = time.perf_counter(), time.process_time()
            mask = filter_mask(frame, event_filter)
            page = build_html(frame, arrays, mask, ZOOM)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        per_filter[name] = statistics.median(times)
        per_filter_cpu[name] = statistics.median(cpu)
        html_bytes[name] = len(page.encode("utf-8"))
    result: dict[str, Any] = {
        "n": n,
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "filter_map_s": per_filter,
        "filter_map_cpu_s": per_filter_cpu,
        "html_bytes": html_bytes,
        "peak_rss_mb": peak_rss_mb(),
    }
    if builder == "dashboard":
        result["levels"] = _levels_summary(frame)
    if naive:
        started, started_cpu = time.perf_counter(), time.process_time()
        page = naive_html(frame)
        result["naive_s"] = time.perf_counter() - started
        result["naive_cpu_s"] = time.process_time() - started_cpu
        result["naive_bytes"] = len(page.encode("utf-8"))
    return result


def _levels_summary(frame: Any) -> dict[str, Any]:
    """The zoom levels `build_map` sends for the whole store: zooms, cells per level, markers, why they stop."""
    from dashboard.map import MAX_POINTS, _coordinates, _zoom_for
    from strikes.aggregate import zoom_levels

    if len(frame) <= MAX_POINTS:
        return {"points": len(frame)}
    lats, lons = _coordinates(frame)
    started = time.perf_counter()
    levels = zoom_levels(frame, _zoom_for(lats, lons))
    return {
        "seconds": time.perf_counter() - started,
        "zooms": [level.zoom for level in levels.levels],
        "cells": [len(level.cells) for level in levels.levels],
        "markers": len(levels.markers),
        "marker_events": int(levels.markers["count"].sum()),
        "complete": levels.complete,
        "stop": levels.stop,
    }


def levels_lines(results: list[dict[str, Any]]) -> str:
    """One line per N: the zoom levels of the unfiltered map."""
    lines = []
    for r in results:
        info = r.get("levels")
        if not info:
            continue
        if "points" in info:
            lines.append(f"* {r['n']:,}: {info['points']:,} markers (under POINTS_LIMIT), no levels")
            continue
        cells = ", ".join(f"z{z} {c:,}" for z, c in zip(info["zooms"], info["cells"], strict=True))
        lines.append(f"* {r['n']:,}: zoom_levels {info['seconds']:.3f} s; cells per level {cells}; "
                     f"{info['markers']:,} markers for {info['marker_events']:,} events; "
                     f"{'complete' if info['complete'] else 'stops: ' + info['stop']}")
    return "\n".join(lines)


def _in_subprocess(n: int, naive: bool, builder: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.bench_scale", "--one", str(n), "--builder", builder]
    command += ["--naive"] if naive else []
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"size {n} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table: wall seconds, and CPU seconds of this process in brackets.

    The machine is shared (the load average is printed above the table): wall time there includes waiting for
    a core, CPU time does not, so CPU time is the better estimate of a quiet machine's wall time.
    """
    lines = [
        "| N | store load s [CPU] | filter → map HTML s, median [CPU] | worst filter s [CPU] | HTML bytes, "
        "no filter / largest | peak RSS MB | naive build+render s [CPU] | naive bytes | speed-up wall [CPU] |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        wall, cpu = r["filter_map_s"], r["filter_map_cpu_s"]
        worst = max(wall, key=wall.get)
        naive = f"{r['naive_s']:.2f} [{r['naive_cpu_s']:.2f}]" if "naive_s" in r else "—"
        naive_bytes = f"{r['naive_bytes']:,}" if "naive_bytes" in r else "—"
        ratio = (f"{r['naive_s'] / wall['all']:.0f}× [{r['naive_cpu_s'] / cpu['all']:.0f}×]"
                 if "naive_s" in r else "—")
        lines.append(
            f"| {r['n']:,} | {r['load_s']:.2f} [{r['load_cpu_s']:.2f}] "
            f"| {statistics.median(wall.values()):.3f} [{statistics.median(cpu.values()):.3f}] "
            f"| {wall[worst]:.3f} [{cpu[worst]:.3f}] ({worst}) | {r['html_bytes']['all']:,} / "
            f"{max(r['html_bytes'].values()):,} "
            f"| {r['peak_rss_mb']:.0f} | {naive} | {naive_bytes} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--builder", choices=sorted(BUILDERS), default=None,
                        help="dashboard.map.build_map (default once it exists) or this file's minimal builder")
    parser.add_argument("--browser", action="store_true", help="time the first paint in Chromium at 100k")
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.one, args.naive, args.builder or default_builder())))
        return 0
    builder = args.builder or default_builder()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the machine is shared)")
    zoom = "the zoom build_map fits to the events" if builder == "dashboard" else f"zoom {ZOOM}"
    print(f"map builder: {builder}; cells sized for {zoom}; filters: {', '.join(FILTERS)}", flush=True)
    results = []
    for n in args.sizes:
        store_for(n)
        result = _in_subprocess(n, naive=n in NAIVE_SIZES, builder=builder)
        results.append(result)
        print(f"  N={n:,}: " + ", ".join(f"{k} {v:.3f}s" for k, v in result["filter_map_s"].items()), flush=True)
    print()
    print(table(results))
    print()
    print(levels_lines(results))
    if args.browser:
        from bench.browser_paint import first_paint_seconds

        seconds = first_paint_seconds(store_for(100_000))
        print(f"\nChromium first paint of the map at 100,000 events: {seconds:.2f} s")
    os.makedirs(OUT, exist_ok=True)
    (OUT / f"bench_scale-{builder}.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
