"""The search text `q` of a query string: kept as written (a comma is part of it, not a list separator)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from strikes.filters import EventFilter, from_query_params, to_query_params


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "substation"}, "substation"),
        ({"q": ["substation"]}, "substation"),
        ({"q": "oil, depot"}, "oil, depot"),
        ({"q": ["oil, depot"]}, "oil, depot"),  # a list (st.query_params, parse_qs) kept the part after the comma
        ({"q": ("oil, depot",)}, "oil, depot"),
        ({"q": ["first", "second, third"]}, "second, third"),  # repeated: the last one, as for other names
        ({"q": []}, ""),
        ({"q": ""}, ""),
        ({}, ""),
        ({"q": [","]}, ","),
    ],
)
def test_text_is_the_last_value_as_written(params: Mapping[str, str | Sequence[str]], expected: str) -> None:
    assert from_query_params(params).text == expected


@pytest.mark.parametrize("text", ["depot", "oil, depot", "Kyiv, Obolon", "a,b,c", " padded "])
def test_text_round_trips_through_query_params(text: str) -> None:
    event_filter = EventFilter(text=text)
    assert from_query_params(to_query_params(event_filter)) == event_filter


def test_text_beside_list_values_is_not_split() -> None:
    found = from_query_params({"category": ["energy,civilian"], "q": ["power, plant"]})
    assert found.categories == ("energy", "civilian")
    assert found.text == "power, plant"
