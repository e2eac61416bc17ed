"""Browser-test harness: a real `streamlit run` on a free port, and headless Debian Chromium driving it.

One module, imported once by tests/conftest.py, so every folder shares the same session-wide Chromium (a second
definition of the fixtures would start a second Playwright inside the first one's event loop).

Fixtures
--------
seed_store
    A copy of the curated store (data/events.geojson) in a temporary folder, so tests never write the real one.
app_server
    One `streamlit run dashboard/app.py` per test module, serving `seed_store`; `.url` is its base URL.
start_app
    A factory: `start_app(store_path)` starts another server on another store (stopped after the test).
page, page_log
    A fresh Chromium page per test, and the record of what it did: console errors, page errors, failed
    requests and requests that tried to leave localhost. Tile requests to tile.openstreetmap.org are answered
    locally with a blank tile so tests stay offline; any other non-local request is aborted and recorded.
    `page_log.assert_clean()` fails the test on any of these. On a failing test a full-page screenshot goes to
    test-artifacts/<test name>.png.

Helpers: `open_app(page, server, query="")` loads the page and waits until the script has run;
`map_frame(page)` is the frame locator of the map iframe; `count_markers(page)` counts `.strike-marker`
elements in it.

Every test that uses `page` is marked `browser` (see `pytest_collection_modifyitems`), so
`pytest -m "not browser"` skips them.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "dashboard" / "app.py"
SEED_STORE = PROJECT_ROOT / "data" / "events.geojson"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
# Streamlit needs a few seconds to import on a busy 2-core machine; the first run of the script takes longer.
SERVER_START_TIMEOUT_S = 90.0
APP_RUN_TIMEOUT_MS = 60_000
TILE_HOSTS = re.compile(r"^([a-c]\.)?tile\.openstreetmap\.org$")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
# A 1×1 transparent PNG: the answer to every tile request, so the map renders with no network.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=="
)
MAP_IFRAME_SELECTORS = (
    'iframe[title="streamlit_folium.st_folium"]',  # st_folium
    'iframe[srcdoc*="strike-legend"]',  # st.components.v1.html(map_html(m)) / st.iframe
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keep each phase's report on the item so the page fixture knows, at teardown, whether the test failed.
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    """A running `streamlit run`: its URL, the store it serves and its log file."""

    process: subprocess.Popen[bytes]
    port: int
    store: Path
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _wait_healthy(server: AppServer) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    health = f"{server.url}/_stcore/health"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode} before answering {health}:\n{server.log()}"
            )
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer {health} within {SERVER_START_TIMEOUT_S:g} s:\n{server.log()}")


def _stop(server: AppServer) -> None:
    if server.process.poll() is not None:
        return
    # The server runs in its own process group (start_new_session): end the group, not anything by name.
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
    except ProcessLookupError:
        pass


def start_streamlit(store: Path, log_dir: Path) -> AppServer:
    """Start `streamlit run dashboard/app.py` on a free port serving `store`; return once it is healthy."""
    port = free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    env = {**os.environ, "STRIKES_DATA": str(store), "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.address", "localhost",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    with log_path.open("wb") as log:
        # cwd = project root: Streamlit reads .streamlit/config.toml (static serving) from the working folder.
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = AppServer(process, port, store, log_path)
    try:
        _wait_healthy(server)
    except BaseException:
        _stop(server)
        raise
    return server


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "events.geojson"
    shutil.copyfile(SEED_STORE, path)
    return path


@pytest.fixture(scope="module")
def app_server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_streamlit(seed_store, tmp_path_factory.mktemp("server"))
    try:
        yield server
    finally:
        _stop(server)
        print(f"--- streamlit log ({server.log_path}) ---\n{server.log()[-4000:]}")


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[Callable[[Path], AppServer]]:
    started: list[AppServer] = []

    def start(store: Path) -> AppServer:
        server = start_streamlit(store, tmp_path)
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            _stop(server)


@dataclass
class PageLog:
    """What a page did that a clean, offline page must not do."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    tile_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"failed request: {text}" for text in self.failed_requests),
            *(f"request leaving localhost: {url}" for url in self.external_requests),
        ]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


def _route(log: PageLog):
    def handle(route, request) -> None:
        host = urlsplit(request.url).hostname or ""
        scheme = urlsplit(request.url).scheme
        if scheme in ("data", "blob", "about") or host in LOCAL_HOSTS:
            route.continue_()
        elif TILE_HOSTS.match(host):
            log.tile_requests.append(request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        else:
            log.external_requests.append(request.url)
            route.abort("blockedbyclient")

    return handle


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make install-browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def _page_and_log(browser, request: pytest.FixtureRequest) -> Iterator[tuple[object, PageLog]]:
    log = PageLog()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", _route(log))
    page = context.new_page()
    page.set_default_timeout(APP_RUN_TIMEOUT_MS)
    page.on("console", lambda message: log.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))

    def on_failed(req) -> None:
        # Requests we aborted on purpose are already recorded as external; don't count them twice.
        # Leaflet cancels the tiles of a zoom level it leaves (fit to the events): tiles may fail, per the issue.
        if TILE_HOSTS.match(urlsplit(req.url).hostname or ""):
            return
        # A request the page itself cancelled (the map iframe replaced by a newer view while an asset was still
        # loading) is not a failure of the app; a missing or broken asset shows as an error status instead.
        if req.failure == "net::ERR_ABORTED":
            return
        if req.url not in log.external_requests:
            log.failed_requests.append(f"{req.method} {req.url}: {req.failure}")

    def on_response(response) -> None:
        if response.status >= 400:
            log.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        yield page, log
    finally:
        failed = any(
            getattr(getattr(request.node, f"_report_{when}", None), "failed", False) for when in ("setup", "call")
        )
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as err:  # noqa: BLE001 — a failed screenshot must not hide the test's own failure
                print(f"screenshot failed: {err}")
        context.close()


@pytest.fixture
def page(_page_and_log):
    return _page_and_log[0]


@pytest.fixture
def page_log(_page_and_log) -> PageLog:
    return _page_and_log[1]


_APP_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_for_app(page) -> None:
    """Wait until Streamlit has run the script and drawn its elements.

    The app root carries `data-test-script-state` ("initial", "running", "notRunning"); skeletons stand in for
    elements not drawn yet. Idle must hold twice, half a second apart, because writing the view into the URL
    (or a widget's first value) can start one more run right after the first.
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached")
    for _ in range(2):
        page.wait_for_function(_APP_IDLE_JS, timeout=APP_RUN_TIMEOUT_MS)
        page.wait_for_timeout(500)
    page.wait_for_function(_APP_IDLE_JS, timeout=APP_RUN_TIMEOUT_MS)


def open_app(page, server: AppServer, query: str = "") -> None:
    """Load the app (with `query`, e.g. "category=energy") and wait until its script has run."""
    query = query.lstrip("?")
    page.goto(f"{server.url}/{'?' + query if query else ''}", wait_until="domcontentloaded")
    wait_for_app(page)


def map_frame(page):
    """The frame locator of the map iframe (st_folium or components.html)."""
    page.wait_for_selector(", ".join(MAP_IFRAME_SELECTORS), state="attached", timeout=APP_RUN_TIMEOUT_MS)
    return page.frame_locator(", ".join(MAP_IFRAME_SELECTORS)).first


def count_markers(page, expected: int | None = None) -> int:
    """The number of `.strike-marker` elements in the map; with `expected`, wait up to the timeout for it."""
    frame = map_frame(page)
    frame.locator(".leaflet-container").first.wait_for(state="attached", timeout=APP_RUN_TIMEOUT_MS)
    markers = frame.locator(".strike-marker")
    if expected is not None:
        deadline = time.monotonic() + APP_RUN_TIMEOUT_MS / 1000
        while markers.count() != expected and time.monotonic() < deadline:
            page.wait_for_timeout(250)
    return markers.count()
