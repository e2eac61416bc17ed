"""The upload workflow in AppTest: preview of accepted and rejected rows, then accept → saved atomically."""

from __future__ import annotations

import pytest

from strikes.store import load_events

# Coordinates given: no geocoder needed. Row 3 has no date, row 4 coordinates out of range.
TABLE = (
    b"date,place,target,lat,lon\n"
    b"2025-04-02,Kharkiv,substation,49.98081,36.25272\n"
    b",Odesa,port,46.48572,30.74383\n"
    b"2025-04-03,Nowhere,hospital,123.0,36.0\n"
    b"2025-04-04,Zaporizhzhia,thermal power plant,47.82289,35.19031\n"
)


def _upload(at, name: str, payload: bytes):
    uploader = at.file_uploader(key="import_upload")
    uploader.set_value((name, payload, "text/csv"))
    return at.run()


@pytest.fixture
def uploaded(run_app, ten_store):
    at = run_app(ten_store)
    return _upload(at, "analyst.csv", TABLE), ten_store


def test_preview_lists_accepted_and_rejected_rows(uploaded) -> None:
    at, _ = uploaded
    assert not at.exception, [e.value for e in at.exception]
    grids = {tuple(d.value.columns)[:3]: d.value for d in at.dataframe}
    rejected = next(v for cols, v in grids.items() if cols == ("row", "reason", "content"))
    assert sorted(rejected["row"]) == [3, 4]
    assert all(reason for reason in rejected["reason"])
    accept = at.button(key="import_accept")
    assert "2 accepted" in accept.label


def test_nothing_is_saved_before_accepting(uploaded) -> None:
    _, store = uploaded
    assert len(load_events(store)) == 10


def test_accepting_saves_the_accepted_rows(uploaded) -> None:
    at, store = uploaded
    at.button(key="import_accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = load_events(store)
    assert len(saved) == 12
    assert {"Kharkiv", "Zaporizhzhia"} <= set(saved["location"]) | set(saved["place"])
    assert any("2 added" in s.value for s in at.success)
    # The page counts the new events at once.
    assert any(m.value.startswith("**12 events") for m in at.markdown)


def test_a_file_with_no_good_row_cannot_be_accepted(run_app, ten_store) -> None:
    at = _upload(run_app(ten_store), "bad.csv", b"date,place,target,lat,lon\nsoon,Kharkiv,substation,49.9,36.2\n")
    assert at.button(key="import_accept").disabled
    assert len(load_events(ten_store)) == 10
