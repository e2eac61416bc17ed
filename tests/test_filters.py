"""Filters over the store frame and their query-string form."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.filters import EventFilter, FilterError, apply_filter, from_query_params, to_query_params


@pytest.mark.parametrize(
    ("event_filter", "expected_ids"),
    [
        (EventFilter(), [f"ev-{i}" for i in range(10)]),
        (EventFilter(categories=("energy",)), ["ev-0", "ev-1", "ev-4", "ev-7"]),
        (EventFilter(categories=("energy", "military")), ["ev-0", "ev-1", "ev-4", "ev-5", "ev-7"]),
        (EventFilter(subtypes=("power_grid",)), ["ev-1", "ev-7"]),
        (EventFilter(categories=("civilian",), subtypes=("port",)), ["ev-3"]),
        (EventFilter(since=date(2025, 3, 10)), ["ev-6", "ev-7", "ev-8", "ev-9"]),
        (EventFilter(until=date(2025, 1, 20)), ["ev-0", "ev-1"]),
        (EventFilter(since=date(2025, 3, 18), until=date(2025, 3, 18)), ["ev-7"]),
        (EventFilter(countries=("RU",)), ["ev-4", "ev-5", "ev-6"]),
        (EventFilter(countries=("ru",)), ["ev-4", "ev-5", "ev-6"]),
        (EventFilter(attackers=("unknown",)), ["ev-9"]),
        (EventFilter(geo_precisions=(2, 3)), ["ev-4", "ev-9"]),
        (EventFilter(statuses=("candidate",)), ["ev-3", "ev-7"]),
        (EventFilter(text="HOSPITAL"), ["ev-2"]),
        (EventFilter(text="krai"), ["ev-4"]),
        (EventFilter(text="note 8"), ["ev-8"]),
        (EventFilter(text="Zelancesi"), []),
        (EventFilter(categories=("energy",), countries=("UA",), since=date(2025, 2, 1)), ["ev-7"]),
    ],
)
def test_apply_filter(ten_frame, event_filter, expected_ids):
    assert list(apply_filter(ten_frame, event_filter)["id"]) == expected_ids


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"categories": ("infrastructure",)}, r"category: expected one of energy, civilian, military, other"),
        ({"subtypes": ("refinery",)}, r"subtype: expected one of"),
        ({"attackers": ("Russia",)}, r"attacker: expected one of RU, UA, unknown, got 'Russia'"),
        ({"statuses": ("draft",)}, r"status"),
        ({"geo_precisions": (4,)}, r"geo_precision"),
        ({"since": date(2025, 4, 1), "until": date(2025, 3, 1)}, r"since 2025-04-01 is after until 2025-03-01"),
    ],
)
def test_invalid_filters_say_what_was_expected(kwargs, message):
    with pytest.raises(FilterError, match=message):
        EventFilter(**kwargs)


@pytest.mark.parametrize(
    "event_filter",
    [
        EventFilter(),
        EventFilter(categories=("energy", "civilian")),
        EventFilter(categories=("energy",), since=date(2025, 3, 1), until=date(2025, 3, 31), countries=("UA",)),
        EventFilter(subtypes=("oil",), attackers=("UA",), geo_precisions=(3,), statuses=("verified",), text="depot"),
    ],
)
def test_query_params_round_trip(event_filter):
    assert from_query_params(to_query_params(event_filter)) == event_filter


def test_query_params_from_a_shared_url():
    params = {"category": ["energy"], "since": "2025-03-01", "until": "2025-03-31", "country": "ua"}
    assert from_query_params(params) == EventFilter(
        categories=("energy",), since=date(2025, 3, 1), until=date(2025, 3, 31), countries=("UA",)
    )


def test_query_params_accept_comma_lists_and_ignore_unknown_names():
    assert from_query_params({"category": "energy,civilian", "zoom": "5"}).categories == ("energy", "civilian")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "March"}, r"since: expected a date YYYY-MM-DD, got 'March'"),
        ({"category": "bananas"}, r"category: expected one of"),
        ({"precision": "high"}, r"precision: expected 1, 2 or 3"),
    ],
)
def test_bad_query_params_raise(params, message):
    with pytest.raises(FilterError, match=message):
        from_query_params(params)
