"""The page run in-process (streamlit AppTest): widgets found by key, filters ⇄ URL, counts, downloads."""

from __future__ import annotations

import json
from datetime import date

import pytest

from strikes.export import export_bytes
from strikes.filters import EventFilter, apply_filter
from strikes.store import load_events
from tests.dashboard_app.conftest import shown


def _summary(at) -> str:
    return next(m.value for m in at.markdown if " event" in m.value)


def test_opens_on_the_store_with_every_event(run_app, ten_store) -> None:
    at = run_app(ten_store)
    assert _summary(at).startswith("**10 events · 4 energy · 3 civilian · 1 military · 2 other**")
    assert at.query_params == {} or all(not v for v in at.query_params.values())
    assert not at.warning


@pytest.mark.parametrize(
    ("query", "summary"),
    [
        ({"category": "energy"}, "**4 events of 10 · 4 energy**"),
        ({"category": ["energy", "civilian"]}, "**7 events of 10 · 4 energy · 3 civilian**"),
        ({"country": "RU"}, "**3 events of 10 · 1 energy · 1 civilian · 1 military**"),
        ({"since": "2025-03-01", "until": "2025-03-31"}, "**5 events of 10"),
        ({"precision": "3"}, "**1 event of 10 · 1 energy**"),
        ({"status": "candidate"}, "**2 events of 10"),
        ({"q": "depot"}, "**1 event of 10 · 1 energy**"),
        ({"attacker": "UA", "category": "civilian"}, "**1 event of 10 · 1 civilian**"),
    ],
)
def test_url_opens_that_view(run_app, ten_store, query, summary) -> None:
    at = run_app(ten_store, **query)
    assert _summary(at).startswith(summary)


def test_url_sets_the_widgets(run_app, ten_store) -> None:
    at = run_app(ten_store, category=["energy", "civilian"], since="2025-03-01", country="UA", heatmap="1")
    assert at.multiselect(key="category").value == ["energy", "civilian"]
    assert at.multiselect(key="country").value == ["UA"]
    assert at.date_input(key="since").value == date(2025, 3, 1)
    assert at.checkbox(key="heatmap").value is True


def test_invalid_url_parameter_warns_by_name_and_is_ignored(run_app, ten_store) -> None:
    at = run_app(ten_store, category=["energy", "weapons"], since="last week")
    warnings = [w.value for w in at.warning]
    assert any("'category'" in w and "weapons" in w for w in warnings)
    assert any("'since'" in w for w in warnings)
    assert _summary(at).startswith("**4 events of 10 · 4 energy**")
    assert at.query_params.get("category") == "energy"
    assert "since" not in at.query_params


def test_changing_a_filter_writes_the_url(run_app, ten_store) -> None:
    at = run_app(ten_store)
    at.multiselect(key="category").select("civilian").run()
    assert at.query_params.get("category") == "civilian"
    assert _summary(at).startswith("**3 events of 10 · 3 civilian**")
    at.multiselect(key="category").select("energy").run()
    assert at.query_params.get("category") == ["civilian", "energy"]
    at.text_input(key="q").input("Kyiv").run()
    assert at.query_params.get("q") == "Kyiv"


@pytest.mark.parametrize(
    ("key", "value", "param", "expected"),
    [
        ("since", date(2025, 2, 1), "since", "2025-02-01"),
        ("until", date(2025, 2, 1), "until", "2025-02-01"),
    ],
)
def test_dates_write_the_url(run_app, ten_store, key, value, param, expected) -> None:
    at = run_app(ten_store)
    at.date_input(key=key).set_value(value).run()
    assert at.query_params.get(param) == expected


def test_map_options_write_the_url(run_app, ten_store) -> None:
    at = run_app(ten_store)
    at.checkbox(key="heatmap").check().run()
    at.checkbox(key="facilities").check().run()
    at.radio(key="basemap").set_value("offline").run()
    assert at.query_params.get("heatmap") == "1"
    assert at.query_params.get("facilities") == "1"
    assert at.query_params.get("basemap") == "offline"


def test_subtypes_follow_the_chosen_categories(run_app, ten_store) -> None:
    at = run_app(ten_store, category="energy")
    assert set(at.multiselect(key="subtype").options) == {
        "Power generation", "Power grid", "Oil", "Gas", "Heating"}
    at.multiselect(key="subtype").select("oil").run()
    assert _summary(at).startswith("**1 event of 10 · 1 energy**")
    # Switching the category away drops the energy subtype instead of failing.
    at.multiselect(key="category").set_value(["civilian"]).run()
    assert not at.exception
    assert at.multiselect(key="subtype").value == []
    assert _summary(at).startswith("**3 events of 10 · 3 civilian**")


def test_reversed_date_range_is_reported_not_applied(run_app, ten_store) -> None:
    at = run_app(ten_store)
    at.date_input(key="since").set_value(date(2025, 3, 1))
    at.date_input(key="until").set_value(date(2025, 2, 1)).run()
    assert any("after" in e.value for e in at.error)
    assert _summary(at).startswith("**10 events")


def test_ceasefire_metric_counts_energy_in_the_window(run_app, ten_store) -> None:
    at = run_app(ten_store)
    metric = next(m for m in at.metric if m.label == "Energy strikes inside")
    assert metric.value == "1"  # ev-7, 2025-03-18, power supply
    at.date_input(key="window_start").set_value(date(2025, 1, 1)).run()
    metric = next(m for m in at.metric if m.label == "Energy strikes inside")
    assert metric.value == "4"  # ev-0, ev-1, ev-4 and ev-7


def test_ceasefire_window_in_the_url(run_app, ten_store) -> None:
    at = run_app(ten_store, window_start="2025-01-01", window_end="2025-02-28")
    metric = next(m for m in at.metric if m.label == "Energy strikes inside")
    assert metric.value == "3"  # ev-0, ev-1, ev-4
    assert at.date_input(key="window_end").value == date(2025, 2, 28)


def test_table_lists_the_filtered_events(run_app, ten_store) -> None:
    at = run_app(ten_store, category="civilian")
    table = at.dataframe[0].value  # the events table is the first grid on the page
    assert sorted(table["id"]) == ["ev-2", "ev-3", "ev-6"]


def test_store_error_is_shown_not_raised(run_app, tmp_path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8")
    at = run_app(bad)
    assert at.error and "feature 0" in at.error[0].value


def test_missing_store_is_an_empty_map(run_app, tmp_path) -> None:
    at = run_app(tmp_path / "nothing-yet.geojson")
    assert _summary(at).startswith("**0 events**")


def test_downloads_are_offered(run_app, ten_store) -> None:
    at = run_app(ten_store, category="energy")
    keys = {button.key for button in at.download_button}
    assert {"download_geojson", "download_csv"} <= keys


def test_geojson_download_equals_the_cli_export_for_the_same_filter(ten_store) -> None:
    # The page passes the filtered frame to export_bytes; the CLI does the same: compare both paths' bytes.
    frame = apply_filter(load_events(ten_store), EventFilter(categories=("energy",)))
    payload = export_bytes(frame, "geojson")
    assert [f["properties"]["id"] for f in json.loads(payload)["features"]] == ["ev-0", "ev-1", "ev-4", "ev-7"]


def test_url_text_in_a_warning_cannot_become_a_link(run_app, ten_store) -> None:
    at = run_app(ten_store, category="[verify here](https://evil.example)")
    body = at.warning[0].value
    assert "](" not in body and "\\[verify here\\]" in body
    assert "evil" in shown(at.warning[0])  # still shown, as text


def test_store_error_text_is_escaped(run_app, tmp_path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
                   '{"type": "Point", "coordinates": [30, 50]}, "properties": {"id": "x", "event_date": '
                   '"[a](javascript:alert(1))", "category": "energy", "subtype": "oil"}}]}', encoding="utf-8")
    at = run_app(bad)
    assert "](" not in at.error[0].value
    assert "event_date" in shown(at.error[0])
