"""The app on a large store in real Chromium: grid cells, a lone event still its own marker with its popup.

A synthetic store of 6,000 events (above `strikes.aggregate.POINTS_LIMIT`) over three made-up places, plus
one event far west of all of them whose target is hostile markup: the map must show cells, the total count,
and the lone event as a real marker whose popup shows the markup as text.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest

from strikes.aggregate import POINTS_LIMIT
from strikes.model import Event
from strikes.store import CRS, events_to_frame, save_events
from tests.browser_harness import map_frame, open_app
from tests.scale.crowd import N_CROWD, crowd_frame

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__pwned=1">substation'


@pytest.fixture
def large_store(tmp_path):
    crowd = crowd_frame()
    lone = events_to_frame([Event(id="lone-far-west", event_date=date(2025, 1, 15), lon=22.3, lat=48.62,
                                  location="Uzhhorod", country="UA", target=HOSTILE, category="energy",
                                  subtype="power_grid", attacker="RU", source_url="javascript:alert(1)")])
    frame = gpd.GeoDataFrame(pd.concat([crowd, lone], ignore_index=True), geometry="geometry", crs=CRS)
    return save_events(frame, tmp_path / "large.parquet")


def test_a_large_store_shows_cells_and_the_lone_event_with_its_popup(start_app, large_store, page, page_log):
    assert N_CROWD + 1 > POINTS_LIMIT
    server = start_app(large_store)
    open_app(page, server)
    frame = map_frame(page)
    frame.locator(".strike-cell").first.wait_for(state="attached")
    assert frame.locator(".strike-cell").count() >= 1
    assert f"{N_CROWD + 1:,} events" in frame.locator(".strike-count").first.inner_text()
    # The far-west event is alone in its cell: the real marker, and its popup shows the markup as text.
    markers = frame.locator(".strike-marker")
    assert markers.count() == 1
    markers.first.click()  # not forced: the marker must be clickable, not under a cell or a control
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for()
    assert "<img" in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert not [href for href in popup.locator("a[href]").evaluate_all("a => a.map(x => x.href)")
                if href.lower().startswith("javascript")]
    assert page.evaluate("() => window.__pwned ?? null") is None
    page_log.assert_clean()
