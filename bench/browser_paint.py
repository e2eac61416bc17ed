"""The app end to end in Chromium: first paint of the map, a filter change, bytes and server memory.

    python -m bench.browser_paint 100000            # store bench/out/events-100000.parquet (made if missing)
    python -m bench.browser_paint 1000000 --filter category=energy

Starts `streamlit run dashboard/app.py` on a free local port serving the synthetic store, drives headless
Debian Chromium (/usr/bin/chromium, never a downloaded browser) with Playwright, and prints:
- cold first paint: from navigation to the first map marker or cell drawn in the map iframe, on a server whose
  caches are empty (the store is loaded and the map built inside this time);
- warm first paint: the same page opened again in a new tab (the server's caches hit);
- filter change: the page opened with a filter in the URL, to its first map marker or cell;
- the bytes Streamlit sent over its websocket for each of these (the page's data and the map's HTML);
- the server's peak resident memory (VmHWM of the `streamlit run` process).
Tile requests are answered with a blank tile and every other non-local request is aborted: nothing leaves the
machine. Run by hand; never part of the test suite.
"""

from __future__ import annotations

import argparse
import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
OUT = ROOT / "bench" / "out"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
MAP_IFRAME = 'iframe[srcdoc*="strike-legend"]'
# Classes dashboard/map.py gives markers and cells, and Leaflet.markercluster its cluster icons.
DRAWN = ".strike-marker, .strike-cell, .marker-cluster"
TIMEOUT_MS = 120_000
# A 1×1 transparent PNG: the answer to every tile request.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=="
)


# Streamlit marks its root with the script state; skeletons stand for elements not drawn yet.
_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""


@dataclass(frozen=True)
class PaintResult:
    """One page load: seconds to the first marker or cell, and websocket bytes received."""

    seconds: float
    ws_bytes: int
    drawn: int
    complete_seconds: float  # until the script run ended (plus 1.5 s of quiet)
    shell_seconds: float  # Streamlit's page shell attached (no script output yet)
    iframe_seconds: float  # the map's iframe attached (the script has sent the map HTML)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start_server(store: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STRIKES_DATA": str(store)}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError("streamlit did not become healthy in 120 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    # Only the server this script started (its own session id), never anything by name.
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _route(route: Any) -> None:
    host = urlsplit(route.request.url).hostname or ""
    if host.endswith("tile.openstreetmap.org"):
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    elif host in ("localhost", "127.0.0.1", "::1") or route.request.url.startswith(("data:", "about:")):
        route.continue_()
    else:
        route.abort()


def _paint(context: Any, url: str) -> PaintResult:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    received = [0]

    def on_socket(ws: Any) -> None:
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=TIMEOUT_MS)
    shell = time.perf_counter() - started
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=TIMEOUT_MS)
    iframe = time.perf_counter() - started
    frame = page.frame_locator(MAP_IFRAME).first
    try:
        frame.locator(DRAWN).first.wait_for(state="attached", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        shot = OUT / f"browser_paint-timeout-{int(time.time())}.png"
        page.screenshot(path=str(shot), full_page=True)
        page.close()
        raise RuntimeError(f"{url}: no marker or cell in the map after {TIMEOUT_MS / 1000:.0f} s ({shot})") from None
    seconds = time.perf_counter() - started
    drawn = frame.locator(DRAWN).count()
    # Bytes of the whole view: wait until Streamlit's script state is idle (the table and the rest
    # of the page arrive after the map), then a little longer for the last websocket frames.
    for _ in range(2):  # idle twice: writing the view into the URL can start one more run
        page.wait_for_function(_IDLE_JS, timeout=TIMEOUT_MS)
        page.wait_for_timeout(750)
    complete = time.perf_counter() - started
    page.close()
    return PaintResult(seconds, received[0], drawn, complete, shell, iframe)


def run(store: Path, query: str) -> dict[str, Any]:
    """Cold and warm first paint, a filter change, and the server's peak memory for `store`."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    log = Path(tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")[1])
    process = _start_server(store, port, log)
    try:
        url = f"http://localhost:{port}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", _route)
            cold = _paint(context, url)
            warm = _paint(context, url)
            changed = _paint(context, f"{url}?{query}")
            browser.close()
        return {"cold": cold, "warm": warm, "filter": changed, "server_peak_rss_mb": _peak_rss_mb(process.pid)}
    finally:
        _stop(process)
        log.unlink(missing_ok=True)


def first_paint_seconds(store: Path) -> float:
    """The cold first paint of the map for `store` (used by bench.bench_scale --browser)."""
    return run(store, "category=energy")["cold"].seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_paint", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="events in the synthetic store (0: the curated data/events.geojson, "
                                            "the floor of the app on this machine)")
    parser.add_argument("--filter", default="category=energy", help="query string of the filter change")
    args = parser.parse_args(argv)
    from bench.bench_scale import store_for

    store = store_for(args.n) if args.n else ROOT / "data" / "events.geojson"
    result = run(store, args.filter)
    print(f"N={args.n:,} store={store.name}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    for name in ("cold", "warm", "filter"):
        paint: PaintResult = result[name]
        print(f"  {name:>6}: shell {paint.shell_seconds:.2f} s, map iframe {paint.iframe_seconds:.2f} s, "
              f"first marker/cell {paint.seconds:.2f} s (run done {paint.complete_seconds:.1f} s), "
              f"{paint.ws_bytes / 1e6:.2f} MB over the websocket, {paint.drawn} markers/cells drawn")
    print(f"  server peak RSS: {result['server_peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
