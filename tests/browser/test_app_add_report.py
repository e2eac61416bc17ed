"""Add a report in real Chromium: paste → candidates in the editor → tick one → saved as verified → on the map.

Uses the real offline geocoder (its index is built by `make install`), as a user would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from strikes.store import load_events
from tests.browser_harness import SEED_STORE, count_markers, open_app, wait_for_app

REPORT = "Overnight, Russian drones struck an energy facility in Kharkov and a hospital in Odessa."


def test_paste_accept_one_candidate_and_see_it_on_the_map(start_app, tmp_path: Path, page, page_log) -> None:
    store = tmp_path / "events.geojson"
    shutil.copyfile(SEED_STORE, store)
    server = start_app(store)
    open_app(page, server, "basemap=offline")
    assert count_markers(page, expected=3) == 3

    page.get_by_role("tab", name="Add a report").click()
    page.get_by_label("Report text (machine translation is fine)").fill(REPORT)
    page.get_by_role("spinbutton", name="year, Published").click()
    page.keyboard.type("20250402")
    page.keyboard.press("Escape")  # close the calendar the date field opened
    page.get_by_role("button", name="Find strikes in the text").click()
    wait_for_app(page)
    page.get_by_text("2 candidate(s).").wait_for()
    assert len(load_events(store)) == 3  # nothing saved before accepting

    # Tick "accept" on the first row (the grid is a canvas: click its first cell, toggle with Space).
    grid = page.locator('[data-testid="stDataFrame"]').last
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)
    page.keyboard.press("Space")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Save accepted").click()
    wait_for_app(page)
    page.get_by_text("Saved 1 event(s) as verified").wait_for()

    assert count_markers(page, expected=4) == 4
    saved = load_events(store)
    added = saved[~saved["id"].str.startswith("cur-")]
    assert list(added["location"]) == ["Kharkiv"]  # the unticked Odesa hospital is not saved
    assert list(added["status"]) == ["verified"]
    page_log.assert_clean()
