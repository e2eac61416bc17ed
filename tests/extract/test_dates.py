from __future__ import annotations

from datetime import date

import pytest

from strikes.extract.dates import EXACT_DAY, event_date, find_dates, resolve_weekday

WEDNESDAY = date(2025, 3, 19)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Drones struck on Tuesday.", WEDNESDAY, date(2025, 3, 18)),
        ("Drones struck on Wednesday.", WEDNESDAY, date(2025, 3, 19)),
        ("Drones struck on Thursday.", WEDNESDAY, date(2025, 3, 13)),
        ("Drones struck last Wednesday.", WEDNESDAY, date(2025, 3, 12)),
        ("The results of Tuesday's call", WEDNESDAY, date(2025, 3, 18)),
        ("A depot burned overnight.", WEDNESDAY, WEDNESDAY),
        ("A depot burned last night.", WEDNESDAY, WEDNESDAY),
        ("A depot burned during the night.", WEDNESDAY, WEDNESDAY),
        ("Strikes came yesterday.", WEDNESDAY, date(2025, 3, 18)),
        ("It happened two days ago.", WEDNESDAY, date(2025, 3, 17)),
        ("On 14 December 2024 a depot burned.", WEDNESDAY, date(2024, 12, 14)),
        ("On December 14, 2024 a depot burned.", WEDNESDAY, date(2024, 12, 14)),
        ("On Dec 14 a depot burned.", WEDNESDAY, date(2024, 12, 14)),
        ("On 2 March a depot burned.", WEDNESDAY, date(2025, 3, 2)),
        ("Reported on 2024-11-05.", WEDNESDAY, date(2024, 11, 5)),
        ("Reported on 05.11.2024.", WEDNESDAY, date(2024, 11, 5)),
    ],
)
def test_event_date(sentence: str, published: date, expected: date) -> None:
    mention = event_date(sentence, published)
    assert mention is not None
    assert mention.day == expected
    assert mention.precision == EXACT_DAY


@pytest.mark.parametrize(
    "sentence",
    [
        "A depot burned.",
        "They may strike again.",          # "may" is a verb here
        "It was 31 February 2024.",        # not a real day
        "The march 5 km long",             # lower-case month words are not dates
        "A 30-day ceasefire was agreed.",
    ],
)
def test_no_event_date(sentence: str) -> None:
    assert event_date(sentence, WEDNESDAY) is None


def test_first_date_wins_and_order_is_textual() -> None:
    found = find_dates("On Monday, not on Friday", WEDNESDAY)
    assert [m.text for m in found] == ["Monday", "Friday"]


@pytest.mark.parametrize("bad", ["Funday", "", "tues"])
def test_resolve_weekday_rejects_non_weekdays(bad: str) -> None:
    with pytest.raises(ValueError, match="expected a weekday"):
        resolve_weekday(bad, WEDNESDAY)
