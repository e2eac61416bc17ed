"""Zooming in on a large store in real Chromium reaches an event that was inside a grid cell when fitted.

6,000 synthetic events over three made-up places (above `strikes.aggregate.POINTS_LIMIT`), a far-west lone
event, and a military event ~5 km from the busiest place: at the fitted zoom it is counted in that place's
cell and has no marker; zoomed in on it, the page switches to a finer level where it is its own marker, and
its popup opens with its (hostile, escaped) text.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard.map import _coordinates, _zoom_for
from strikes.aggregate import POINTS_LIMIT, zoom_levels
from strikes.model import Event
from strikes.store import CRS, events_to_frame, save_events
from tests.browser_harness import map_frame, open_app
from tests.scale.crowd import N_CROWD, crowd_frame

pytestmark = pytest.mark.browser

HIDDEN = (48.53, 37.56)  # (lat, lon): ~5 km from Skhidne, inside its cell at the fitted zoom
HIDDEN_TARGET = '<img src=x onerror="window.__pwned=1">ammunition depot'


def _store_frame() -> gpd.GeoDataFrame:
    crowd = crowd_frame()
    extra = events_to_frame([
        Event(id="lone-far-west", event_date=date(2025, 1, 15), lon=22.3, lat=48.62, location="Uzhhorod",
              country="UA", target="substation", category="energy", subtype="power_grid", attacker="RU"),
        Event(id="hidden-near-skhidne", event_date=date(2025, 2, 1), lon=HIDDEN[1], lat=HIDDEN[0],
              location="Skhidne", country="UA", target=HIDDEN_TARGET, category="military", subtype="military",
              attacker="RU", source_url="javascript:alert(1)"),
    ])
    return gpd.GeoDataFrame(pd.concat([crowd, extra], ignore_index=True), geometry="geometry", crs=CRS)


@pytest.fixture
def zoom_store(tmp_path):
    return save_events(_store_frame(), tmp_path / "zoom.parquet")


def _hidden_level():
    """(zoom the page is fitted to, zoom of the first level where the hidden event is its own marker)."""
    frame = _store_frame()
    lats, lons = _coordinates(frame)
    fitted = _zoom_for(lats, lons)
    levels = zoom_levels(frame, fitted)
    hidden_row = len(frame) - 1
    marker = levels.markers[levels.markers["rows"].apply(lambda rows: hidden_row in rows)]
    assert len(marker) == 1, "the hidden event must be reachable within the page's budget"
    return fitted, levels.levels[int(marker.iloc[0]["first_level"])].zoom


def test_zooming_in_reaches_the_popup_of_an_event_hidden_in_a_cell(start_app, zoom_store, page, page_log):
    assert N_CROWD + 2 > POINTS_LIMIT
    fitted, reachable = _hidden_level()
    assert reachable > fitted  # in a cell when fitted: that is the point of this test
    server = start_app(zoom_store)
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".strike-cell").first.wait_for(state="attached")
    count = frame.locator(".strike-count").first
    assert f"{N_CROWD + 2:,} events in" in count.inner_text()
    military = frame.locator(".strike-marker.strike-military")
    assert military.count() == 0  # the hidden event is only a number in a cell

    inner = frame.owner.element_handle().content_frame()
    map_name = inner.evaluate("() => Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")
    assert map_name
    inner.evaluate(f"() => {map_name}.setView([{HIDDEN[0]}, {HIDDEN[1]}], {reachable + 1}, {{animate: false}})")
    military.first.wait_for(state="attached")
    assert "markers at this zoom" in count.inner_text()
    # The hidden event's marker is the military marker at the centre of the view (tail events of the crowd
    # may be markers too at this zoom).
    centres = military.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(), m = e.closest('.leaflet-container')"
        ".getBoundingClientRect(); return Math.hypot(r.x + r.width / 2 - (m.x + m.width / 2),"
        " r.y + r.height / 2 - (m.y + m.height / 2)); })"
    )
    nearest = int(np.argmin(centres))
    assert centres[nearest] < 5
    military.nth(nearest).click()  # not forced: nothing (cell, control) lies over it
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for()
    assert "ammunition depot" in popup.inner_text() and "<img" in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert not [href for href in popup.locator("a[href]").evaluate_all("a => a.map(x => x.href)")
                if href.lower().startswith("javascript")]
    # Zoomed back out, the fitted level returns: the hidden event is a number in a cell again.
    inner.evaluate(f"() => {map_name}.setZoom({fitted}, {{animate: false}})")
    page.wait_for_timeout(300)
    assert military.count() == 0
    assert page.evaluate("() => window.__pwned ?? null") is None
    page_log.assert_clean()


def _marker_centres_under_the_control(page) -> list[str]:
    frame = map_frame(page)
    frame.locator(".strike-marker").first.wait_for(state="attached")
    inner = frame.owner.element_handle().content_frame()
    return inner.evaluate(
        """() => {
            const box = document.querySelector(".leaflet-top.leaflet-right").getBoundingClientRect();
            return [...document.querySelectorAll(".strike-marker")].filter(e => {
                const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
                return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
            }).map(e => e.className.baseVal ?? e.className);
        }"""
    )


def test_a_far_north_east_event_is_not_under_the_layer_control(start_app, tmp_path, page, page_log):
    # South-west and north-east corners of the extent: a plain fit puts the north-east one in the top-right
    # corner, where the layer control and the count note are.
    events = [
        Event(id="sw", event_date=date(2025, 1, 1), lon=22.5, lat=45.3, location="Izmail", country="UA",
              target="port", category="civilian", subtype="port", attacker="RU"),
        Event(id="ne", event_date=date(2025, 1, 2), lon=47.9, lat=56.3, location="Kstovo", country="RU",
              target="oil refinery", category="energy", subtype="oil", attacker="UA"),
        Event(id="mid", event_date=date(2025, 1, 3), lon=36.2, lat=50.0, location="Kharkiv", country="UA",
              target="thermal power plant", category="energy", subtype="power_generation", attacker="RU"),
    ]
    store = save_events(events_to_frame(events), tmp_path / "corners.geojson")
    server = start_app(store)
    open_app(page, server)
    assert _marker_centres_under_the_control(page) == []
    assert map_frame(page).locator(".strike-marker").count() == 3
    page_log.assert_clean()
