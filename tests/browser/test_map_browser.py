"""The map itself in real Chromium: local assets, offline basemap, rings, popups, legend, heatmap, clusters, XSS.

(Marker counts per URL filter, downloads and the page-level payload test are in test_app_*.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.map import CLUSTER_THRESHOLD
from strikes.store import events_to_frame, save_events
from tests.browser_harness import count_markers, map_frame, open_app
from tests.dashboard_map.conftest import make_event

VENDORED = (
    "/app/static/vendor/leaflet/dist/leaflet.js",
    "/app/static/vendor/leaflet/dist/leaflet.css",
    "/app/static/vendor/jquery/dist/jquery.min.js",
    "/app/static/vendor/@fortawesome/fontawesome-free/css/all.min.css",
)


def _record_responses(page) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []
    page.on("response", lambda response: seen.append((response.url, response.status)))
    return seen


def test_map_loads_leaflet_and_plugins_from_the_app(app_server, page, page_log):
    responses = _record_responses(page)
    open_app(page, app_server)
    assert count_markers(page, expected=3) == 3
    frame = map_frame(page)
    # Leaflet really runs in the map frame, from the vendored copy.
    assert frame.locator(".leaflet-control-zoom").count() == 1
    by_path = {urlsplit(url).path: status for url, status in responses if urlsplit(url).hostname == "localhost"}
    for path in VENDORED:
        assert by_path.get(path) == 200, (path, sorted(p for p in by_path if "vendor" in p))
    # Font Awesome's font arrives too, or the subtype icons would be empty squares.
    assert any(path.endswith("fa-solid-900.woff2") and status == 200 for path, status in by_path.items())
    page_log.assert_clean()


def test_offline_basemap_draws_countries_and_requests_no_tile(app_server, page, page_log):
    open_app(page, app_server, "basemap=offline")
    assert count_markers(page, expected=3) == 3
    frame = map_frame(page)
    outlines = frame.locator("path.leaflet-interactive:not(.strike-marker)")
    outlines.nth(30).wait_for(state="attached")  # the basemap GeoJSON is fetched after the page loads
    assert outlines.count() > 30
    assert page_log.tile_requests == []
    page_log.assert_clean()


def test_region_event_is_a_ring_whose_popup_says_somewhere_in(app_server, page, page_log):
    open_app(page, app_server)
    frame = map_frame(page)
    ring = frame.locator(".strike-region")
    assert ring.count() == 1
    assert ring.first.get_attribute("fill-opacity") == "0.04"
    assert ring.first.get_attribute("stroke-dasharray") is not None
    ring.first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.first.wait_for()
    assert "somewhere in Krasnodar Krai" in popup.first.inner_text()
    page_log.assert_clean()


def test_marker_popup_and_legend(app_server, page, page_log):
    open_app(page, app_server, "category=civilian")
    frame = map_frame(page)
    assert count_markers(page, expected=1) == 1
    frame.locator(".strike-marker.strike-civilian").first.click()
    text = frame.locator(".leaflet-popup-content").first.inner_text()
    for expected in ("hospital", "Sumy", "2025-03-18", "Civilian", "Medical", "RU", "drone", "80%", "verified"):
        assert expected in text, expected
    legend = frame.locator(".strike-legend")
    assert legend.is_visible()
    assert "Energy" in legend.inner_text() and "Civilian" in legend.inner_text()
    icon_font = frame.locator(".strike-marker i").first.evaluate("i => getComputedStyle(i).fontFamily")
    assert "Font Awesome" in icon_font
    # The legend folds away with a click on its title (it can cover markers in the south-west).
    legend.locator("summary").click()
    assert not legend.locator(".legend-civilian").is_visible()
    page_log.assert_clean()


def test_heatmap_layer_draws_on_a_canvas(app_server, page, page_log):
    open_app(page, app_server, "heatmap=1")
    frame = map_frame(page)
    canvas = frame.locator("canvas.leaflet-heatmap-layer")
    canvas.first.wait_for(state="attached")
    assert canvas.count() == 1
    # Something is painted: the heat script draws every point at the fitted zoom (npm's 0.2.0 drew nothing).
    painted = canvas.first.evaluate(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
        " for (let i = 3; i < d.length; i += 4) if (d[i] > 128) n++; return n; }"
    )
    assert painted > 500
    page_log.assert_clean()


@pytest.fixture
def crowded_store(tmp_path: Path) -> Path:
    events = [
        make_event(id=f"crowd-{i}", lon=30.0 + (i % 20) * 0.1, lat=49.0 + (i // 20) * 0.1, target="house",
                   category="civilian", subtype="residential")
        for i in range(CLUSTER_THRESHOLD + 40)
    ]
    path = tmp_path / "crowded.geojson"
    save_events(events_to_frame(events), path)
    return path


def test_many_markers_cluster(start_app, crowded_store, page, page_log):
    server = start_app(crowded_store)
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".marker-cluster").first.wait_for(state="attached")
    assert frame.locator(".marker-cluster").count() >= 1
    assert frame.locator(".strike-marker").count() < CLUSTER_THRESHOLD
    page_log.assert_clean()


# Payloads aimed at the map page in particular: folium's template literals, the inline JSON, jQuery's $(html).
MAP_PAYLOADS = (
    "`;window.__xss=1;`",
    "${window.__xss=1}",
    "</script><script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg><script>window.__xss=1</script></svg>",
    "\\`${window.__xss=1}",
)


@pytest.fixture
def payload_store(tmp_path: Path) -> Path:
    features = []
    for i, payload in enumerate(MAP_PAYLOADS):
        event = make_event(
            id=f"payload-{i}", lon=31.0 + i * 0.5, lat=49.0, geo_precision=3 if i == 0 else 1,
            **{name: payload for name in ("place", "location", "admin1", "target", "source_title", "publisher",
                                          "excerpt", "notes")},
            source_url="javascript:window.__xss=1",
        )
        features.append(event)
    path = tmp_path / "payloads.geojson"
    save_events(events_to_frame(features), path)
    assert json.loads(path.read_text())["features"][1]["properties"]["target"] == MAP_PAYLOADS[1]
    return path


def test_payloads_in_every_field_stay_text_in_popups_and_tooltips(start_app, payload_store, page, page_log):
    server = start_app(payload_store)
    open_app(page, server)
    assert count_markers(page, expected=len(MAP_PAYLOADS)) == len(MAP_PAYLOADS)
    frame = map_frame(page)
    markers = frame.locator(".strike-marker")
    shown = []
    for index in range(markers.count()):
        markers.nth(index).hover(force=True)
        markers.nth(index).click(force=True)
        popup = frame.locator(".leaflet-popup-content")
        popup.first.wait_for()
        shown.append(popup.first.inner_text())
        # Close it: an open popup would cover the next marker and take its click.
        frame.locator(".leaflet-popup-close-button").first.evaluate("button => button.click()")
        popup.first.wait_for(state="detached")
    for payload in MAP_PAYLOADS[1:]:
        assert any(payload in text for text in shown), (payload, shown)  # shown verbatim, as characters
    assert frame.locator(".leaflet-popup-content a").count() == 0  # the javascript: link is not a link
    flags = [page.evaluate("() => window.__xss"),
             frame.locator("body").evaluate("() => [window.__xss, window.top.__xss]")]
    assert flags == [None, [None, None]]
    page_log.assert_clean()


def test_facility_layer_shows_power_plants(app_server, page, page_log):
    open_app(page, app_server, "facilities=1")
    frame = map_frame(page)
    plants = frame.locator(".facility-marker")
    plants.first.wait_for(state="attached")
    assert plants.count() > 10
    assert count_markers(page, expected=3) == 3  # the plants are not strikes
    assert "Power plants" in frame.locator(".leaflet-control-layers").inner_text()
    page_log.assert_clean()
