"""The add-report workflow in AppTest: paste → candidates → correct / re-geocode → accept → saved as verified.

The geocoder is a small fake (two places), so the test needs no gazetteer index.
"""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st

import geocoding
from geocoding.model import GeocodeResult, Place
from strikes.store import load_events
from tests.dashboard_app.conftest import shown

pytest.importorskip("strikes.extract")

PLACES = {
    "kharkiv": Place("Kharkiv", 49.98081, 36.25272, "UA", "Kharkiv Oblast", 1, "settlement", 1.0, "geonames:706483"),
    "poltava": Place("Poltava", 49.58925, 34.55367, "UA", "Poltava Oblast", 1, "settlement", 1.0, "geonames:696643"),
}
REPORT = "Russian drones hit a power substation in Kharkiv overnight, the regional governor said."


class FakeGeocoder:
    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult:
        return GeocodeResult(name, PLACES.get(name.strip().lower()), suggestions=("Kharkiv",))

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]:
        found = PLACES.get(name.strip().lower())
        return [found] if found else []


@pytest.fixture
def report_page(run_app, ten_store, monkeypatch):
    st.cache_resource.clear()  # the page caches the geocoder per process: start from the fake
    monkeypatch.setattr(geocoding, "default_geocoder", lambda: FakeGeocoder())
    at = run_app(ten_store)
    at.text_area(key="report_text").input(REPORT)
    at.date_input(key="report_published").set_value(date(2025, 4, 2))
    at.text_input(key="report_title").input("Overnight attack <b>report</b>")
    at.text_input(key="report_url").input("https://example.org/report")
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    yield at, ten_store
    st.cache_resource.clear()


def _edit(at, generation: int, rows: dict[int, dict[str, object]]) -> None:
    at.session_state[f"review_editor_{generation}"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def test_candidates_appear_in_the_editor(report_page) -> None:
    at, _ = report_page
    table = at.data_editor[0].value
    assert len(table) == 1 and "substation" in table.loc[0, "target"]  # the extractor's wording may vary
    assert list(table["place"]) == ["Kharkiv"]
    assert not table["accept"].any()


def test_accepted_candidate_is_saved_as_verified(report_page) -> None:
    at, store = report_page
    _edit(at, 0, {0: {"accept": True}})
    at.button(key="review_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = load_events(store)
    assert len(saved) == 11
    new = saved[saved["target"].str.contains("substation")].iloc[-1]
    assert (new["status"], new["location"], new["source_url"]) == ("verified", "Kharkiv", "https://example.org/report")
    assert any("Saved 1 event" in s.value for s in at.success)
    assert any(m.value.startswith("**11 events") for m in at.markdown)  # on the map at once


def test_unaccepted_candidate_is_not_saved(report_page) -> None:
    at, store = report_page
    at.button(key="review_save").click().run()
    assert len(load_events(store)) == 10
    assert any("Nothing to save" in w.value for w in at.warning)


def test_corrected_target_is_saved(report_page) -> None:
    at, store = report_page
    _edit(at, 0, {0: {"accept": True, "target": "thermal power plant", "subtype": "power_generation"}})
    at.button(key="review_save").click().run()
    saved = load_events(store)
    assert "thermal power plant" in set(saved["target"])


def test_changed_place_must_be_regeocoded_then_moves_the_point(report_page) -> None:
    at, store = report_page
    _edit(at, 0, {0: {"accept": True, "place": "Poltava"}})
    at.button(key="review_save").click().run()
    assert any("re-geocode" in shown(e) for e in at.error)
    assert len(load_events(store)) == 10
    at.button(key="review_regeocode").click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.data_editor[0].value
    assert (table.loc[0, "location"], table.loc[0, "lat"]) == ("Poltava", 49.58925)
    assert bool(table.loc[0, "accept"])  # the analyst's tick survives the rebuild
    at.button(key="review_save").click().run()
    saved = load_events(store)
    assert len(saved) == 11
    assert "Poltava" in set(saved["location"])


def test_unknown_place_is_reported_with_suggestions(report_page) -> None:
    at, _ = report_page
    _edit(at, 0, {0: {"place": "Xarkiv"}})
    at.button(key="review_regeocode").click().run()
    assert any("not found" in shown(i) and "Kharkiv" in shown(i) for i in at.info)


def test_non_http_link_is_refused(run_app, ten_store, monkeypatch) -> None:
    st.cache_resource.clear()
    monkeypatch.setattr(geocoding, "default_geocoder", lambda: FakeGeocoder())
    at = run_app(ten_store)
    at.text_area(key="report_text").input(REPORT)
    at.date_input(key="report_published").set_value(date(2025, 4, 2))
    at.text_input(key="report_url").input("javascript:alert(1)")
    at.form_submit_button[0].click().run()
    assert any("http(s)" in shown(e) for e in at.error)
    assert not at.data_editor
    st.cache_resource.clear()


def test_missing_published_date_is_asked_for(run_app, ten_store) -> None:
    at = run_app(ten_store)
    at.text_area(key="report_text").input(REPORT)
    at.form_submit_button[0].click().run()
    assert any("published date" in e.value for e in at.error)
