"""ViewState ⇄ URL query string: valid views round-trip, invalid parameters are named and ignored."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.state import (
    CEASEFIRE_END,
    CEASEFIRE_START,
    ViewState,
    query_string,
    state_from_query,
    state_to_query,
)
from strikes.filters import EventFilter, FilterError


def test_preset_window_is_thirty_days_from_the_moratorium() -> None:
    assert (CEASEFIRE_START, CEASEFIRE_END) == (date(2025, 3, 18), date(2025, 4, 17))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, EventFilter()),
        ({"category": "energy"}, EventFilter(categories=("energy",))),
        ({"category": ["energy", "civilian"]}, EventFilter(categories=("energy", "civilian"))),
        ({"category": "energy,civilian"}, EventFilter(categories=("energy", "civilian"))),
        ({"since": "2025-03-01", "until": "2025-03-31"},
         EventFilter(since=date(2025, 3, 1), until=date(2025, 3, 31))),
        ({"country": "ua"}, EventFilter(countries=("UA",))),
        ({"precision": ["1", "3"]}, EventFilter(geo_precisions=(1, 3))),
        ({"status": "candidate", "attacker": "UA"}, EventFilter(statuses=("candidate",), attackers=("UA",))),
        ({"q": "oil depot"}, EventFilter(text="oil depot")),
        ({"subtype": "oil"}, EventFilter(subtypes=("oil",))),
        ({"utm_source": "mail"}, EventFilter()),  # unknown names are someone else's
    ],
)
def test_valid_filters_are_read(params, expected) -> None:
    parsed = state_from_query(params)
    assert parsed.state.filter == expected
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("params", "named", "kept"),
    [
        ({"category": "weapons"}, "'category'", EventFilter()),
        ({"category": ["energy", "bogus"]}, "'category'", EventFilter(categories=("energy",))),
        ({"since": "yesterday", "country": "UA"}, "'since'", EventFilter(countries=("UA",))),
        ({"until": "2025-02-30"}, "'until'", EventFilter()),
        ({"precision": "9"}, "'precision'", EventFilter()),
        ({"precision": "x"}, "'precision'", EventFilter()),
        ({"status": "rumour"}, "'status'", EventFilter()),
        ({"attacker": "XX"}, "'attacker'", EventFilter()),
        ({"since": "2025-04-01", "until": "2025-03-01", "category": "energy"}, "'since' and 'until'",
         EventFilter(categories=("energy",))),
    ],
)
def test_invalid_parameters_are_named_and_ignored(params, named, kept) -> None:
    parsed = state_from_query(params)
    assert parsed.state.filter == kept
    assert len(parsed.warnings) == 1
    assert named in parsed.warnings[0]


@pytest.mark.parametrize(
    ("params", "field", "value"),
    [
        ({"basemap": "offline"}, "basemap", "offline"),
        ({"heatmap": "1"}, "heatmap", True),
        ({"heatmap": "true"}, "heatmap", True),
        ({"facilities": "1"}, "facilities", True),
        ({"facilities": "0"}, "facilities", False),
        ({"window_start": "2025-03-01", "window_end": "2025-03-05"}, "window_end", date(2025, 3, 5)),
    ],
)
def test_view_options_are_read(params, field, value) -> None:
    parsed = state_from_query(params)
    assert getattr(parsed.state, field) == value
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"basemap": "satellite"}, "'basemap'"),
        ({"heatmap": "maybe"}, "'heatmap'"),
        ({"window_start": "soon"}, "'window_start'"),
        ({"window_start": "2025-05-01", "window_end": "2025-04-01"}, "'window_start' and 'window_end'"),
    ],
)
def test_invalid_view_options_fall_back_to_defaults(params, named) -> None:
    parsed = state_from_query(params)
    assert parsed.warnings and named in parsed.warnings[0]
    assert parsed.state.basemap == "osm"
    assert not parsed.state.heatmap
    assert (parsed.state.window_start, parsed.state.window_end) == (CEASEFIRE_START, CEASEFIRE_END)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(filter=EventFilter(categories=("energy", "civilian"), countries=("UA",))),
        ViewState(filter=EventFilter(since=date(2025, 3, 1), until=date(2025, 3, 31), text="depot")),
        ViewState(filter=EventFilter(geo_precisions=(3,), statuses=("candidate",), subtypes=("oil",))),
        ViewState(basemap="offline", heatmap=True, facilities=True),
        ViewState(window_start=date(2025, 1, 1), window_end=date(2025, 1, 31)),
    ],
)
def test_state_round_trips_through_the_url(state) -> None:
    parsed = state_from_query(state_to_query(state))
    assert parsed.state == state
    assert parsed.warnings == ()


def test_default_state_has_an_empty_query() -> None:
    assert state_to_query(ViewState()) == {}
    assert query_string(ViewState()) == ""


def test_query_string_repeats_category_for_several() -> None:
    state = ViewState(filter=EventFilter(categories=("energy", "civilian"), countries=("UA",)))
    assert query_string(state) == "category=energy&category=civilian&country=UA"


def test_query_string_differs_when_any_option_differs() -> None:
    keys = {query_string(s) for s in (ViewState(), ViewState(heatmap=True), ViewState(basemap="offline"),
                                      ViewState(facilities=True))}
    assert len(keys) == 4


@pytest.mark.parametrize(
    "kwargs",
    [{"basemap": "satellite"}, {"window_start": date(2025, 5, 1), "window_end": date(2025, 4, 1)}],
)
def test_view_state_rejects_impossible_values(kwargs) -> None:
    with pytest.raises(FilterError):
        ViewState(**kwargs)
