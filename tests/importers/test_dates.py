"""Dates read liberally, stored strictly."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.importers.base import RowRejected
from strikes.importers.dates import DateColumn, infer_day_first, parse_date

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2024-03-05", None, date(2024, 3, 5)),
        (" 2024-03-05 ", None, date(2024, 3, 5)),
        ("2024-3-5", None, date(2024, 3, 5)),
        ("2024-03-05 00:00:00.000", None, date(2024, 3, 5)),
        ("2024-03-05T13:45:00Z", None, date(2024, 3, 5)),
        ("2024/03/05", None, date(2024, 3, 5)),
        ("05.03.2024", None, date(2024, 3, 5)),
        ("5.3.24", None, date(2024, 3, 5)),
        ("25/03/2024", None, date(2024, 3, 25)),
        ("3/25/2024", None, date(2024, 3, 25)),
        ("3/5/2024", False, date(2024, 3, 5)),
        ("3/5/2024", True, date(2024, 5, 3)),
        ("3/5/2024 0:00", False, date(2024, 3, 5)),
        ("03-05-2024", True, date(2024, 5, 3)),
        ("4/4/2024", None, date(2024, 4, 4)),
        ("05 March 2024", None, date(2024, 3, 5)),
        ("5-Mar-24", None, date(2024, 3, 5)),
        ("5 Sept 2024", None, date(2024, 9, 5)),
        ("March 5, 2024", None, date(2024, 3, 5)),
        ("5 березня 2024", None, date(2024, 3, 5)),
        ("5 марта 2024 г.", None, date(2024, 3, 5)),
        ("1st June 2024", None, date(2024, 6, 1)),
        ("05.03.2024 р.", None, date(2024, 3, 5)),  # the Ukrainian year mark
        ("05.03.2024г", None, date(2024, 3, 5)),
        ("45356", None, date(2024, 3, 5)),  # an Excel serial date (days since 1899-12-30)
        ("45356.75", None, date(2024, 3, 5)),  # a serial with a time of day
        ("45734", None, date(2025, 3, 18)),
    ],
)
def test_parse_date_reads_every_common_form(text: str, day_first: bool | None, expected: date) -> None:
    assert parse_date(text, day_first=day_first, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a date, got nothing"),
        ("   ", "expected a date, got nothing"),
        ("yesterday", "expected a date such as YYYY-MM-DD, got 'yesterday'"),
        ("2024-13-05", "expected a real calendar date, got '2024-13-05'"),
        ("2024-02-30", "expected a real calendar date"),
        ("31.04.2024", "expected a real calendar date"),
        ("03/05/2024", "day and month order unknown"),
        ("5 Smarch 2024", "expected a date such as YYYY-MM-DD"),
        ("2030-01-01", "expected a date from 1990-01-01 to 2025-06-02"),
        ("1899-12-30", "expected a date from 1990-01-01"),
        ("4535", "expected a date such as YYYY-MM-DD"),  # not five digits: not a serial date
        ("453561", "expected a date such as YYYY-MM-DD"),
        ("29000", "expected a date from 1990-01-01"),  # a serial before 1990 (1979-05-25)
        ("99999", "expected a date from 1990-01-01"),
    ],
)
def test_parse_date_rejects_with_what_arrived(text: str, message: str) -> None:
    with pytest.raises(RowRejected, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["3/5/2024", "3/25/2024"], False),
        (["25/3/2024", "3/5/2024"], True),
        (["3/5/2024", "4/6/2024"], None),
        (["25/3/2024", "3/25/2024"], None),  # inconsistent: tells nothing
        (["2024-03-25", "05.03.2024"], None),
        ([], None),
    ],
)
def test_infer_day_first_from_the_column(values: list[str], expected: bool | None) -> None:
    assert infer_day_first(values) is expected


def test_date_column_uses_the_column_order_for_ambiguous_values() -> None:
    column = DateColumn(["3/5/2024", "3/25/2024"], today=TODAY)
    assert column.parse("3/5/2024") == date(2024, 3, 5)


def test_date_column_repeats_the_same_rejection() -> None:
    column = DateColumn(["nope"], today=TODAY)
    for _ in range(2):
        with pytest.raises(RowRejected, match="got 'nope'"):
            column.parse("nope")


def test_date_column_option_overrides_inference() -> None:
    column = DateColumn(["3/25/2024", "3/5/2024"], day_first=True, today=TODAY)
    assert column.parse("3/5/2024") == date(2024, 5, 3)
