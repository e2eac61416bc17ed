"""Upload in real Chromium: the preview lists accepted and rejected rows; accepting puts them on the map."""

from __future__ import annotations

import shutil
from pathlib import Path

from strikes.store import load_events
from tests.browser_harness import SEED_STORE, count_markers, open_app

# Coordinates given, so no geocoder is needed; the third row has no date and is rejected with its reason.
TABLE = (
    "date,place,target,lat,lon\n"
    "2025-04-02,Kharkiv,substation,49.98081,36.25272\n"
    "2025-04-04,Zaporizhzhia,thermal power plant,47.82289,35.19031\n"
    ",Odesa,port,46.48572,30.74383\n"
)


def test_upload_preview_then_accept_shows_new_markers(start_app, tmp_path: Path, page, page_log) -> None:
    store = tmp_path / "events.geojson"
    shutil.copyfile(SEED_STORE, store)
    server = start_app(store)
    open_app(page, server)
    assert count_markers(page, expected=3) == 3

    page.get_by_role("tab", name="Import a file").click()
    upload = tmp_path / "analyst.csv"
    upload.write_text(TABLE, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    accept = page.get_by_role("button", name="Add the 2 accepted event(s) to the store")
    accept.wait_for()
    assert page.get_by_text("1 row(s) rejected").first.is_visible()
    assert len(load_events(store)) == 3  # nothing written before accepting

    accept.click()
    page.get_by_text("2 added").first.wait_for()
    assert count_markers(page, expected=5) == 5
    assert len(load_events(store)) == 5
    page_log.assert_clean()
