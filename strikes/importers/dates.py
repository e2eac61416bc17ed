"""Dates as they come in real exports, read liberally and stored strictly (a `date`, or a clear reason).

Accepted forms: ISO `2024-03-05` (a time after it is ignored), `2024/03/05`, `05.03.2024` and `05.03.24` (day
first, the European and Cyrillic-spreadsheet form, also with the year mark `05.03.2024 р.` / `г.`), `3/5/2024` or
`3-5-2024` (order decided per column, see `infer_day_first`), `05 March 2024`, `5-Mar-24`, `March 5, 2024`, and
Ukrainian or Russian month names (`5 березня 2024`, `5 марта 2024`). A slashed date whose order the column cannot
tell (`03/05/2024` in a column where every day and month is 12 or less) is rejected as ambiguous rather than
guessed. A bare five-digit number (`45734`, `45734.5`) is an Excel serial date (days since 1899-12-30): what a
spreadsheet writes when a date cell is formatted as a number, or saved to CSV from a "General" column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from strikes.importers.base import RowRejected

EARLIEST = date(1990, 1, 1)

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan січня січень января январь янв",
        "february feb лютого лютий февраля февраль фев",
        "march mar березня березень марта март мар",
        "april apr квітня квітень апреля апрель апр",
        "may травня травень мая май",
        "june jun червня червень июня июнь",
        "july jul липня липень июля июль",
        "august aug серпня серпень августа август авг",
        "september sep sept вересня вересень сентября сентябрь сен",
        "october oct жовтня жовтень октября октябрь окт",
        "november nov листопада листопад ноября ноябрь ноя",
        "december dec грудня грудень декабря декабрь дек",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 in the 1900 system (it counts a 29 Feb 1900 that never was)
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s*(?:р|г)\.?)?(?:\s+[\d:.]+)?$")
_SLASHED = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:\s+[\d:.]+(?:\s*[AaPp][Mm])?)?$")
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([^\W\d_]+)\.?,?[\s-]+(\d{4}|\d{2})(?:\s*р\.?|\s*г\.?)?$"
)
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _build(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise RowRejected(f"expected a real calendar date, got {raw!r} ({err})") from err


def slashed_parts(value: str) -> tuple[int, int] | None:
    """The first two numbers of a `a/b/yyyy` date, or None for any other form."""
    match = _SLASHED.match(value.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def infer_day_first(values: Iterable[str]) -> bool | None:
    """Whether the slashed dates of a column put the day first: True, False, or None when it cannot tell.

    One value with a first number above 12 (`25/03/2024`) means day first; one with a second number above 12
    (`3/25/2024`) means month first. A column with both is inconsistent and tells nothing.

    Examples
    --------
    >>> infer_day_first(["3/5/2024", "3/25/2024"])
    False
    >>> infer_day_first(["25/03/2024", "01/02/2024"])
    True
    >>> infer_day_first(["03/05/2024"]) is None
    True
    """
    day_first = month_first = False
    for value in values:
        parts = slashed_parts(value)
        if parts is None:
            continue
        day_first |= parts[0] > 12
        month_first |= parts[1] > 12
    if day_first == month_first:
        return None
    return day_first


def parse_date(value: str, *, day_first: bool | None = None, today: date | None = None) -> date:
    """`value` as a date, or RowRejected saying what was expected and what arrived.

    Examples
    --------
    >>> parse_date("2024-03-05 00:00:00.000"), parse_date("05.03.2024"), parse_date("5 March 2024")
    (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5), datetime.date(2024, 3, 5))
    >>> parse_date("3/5/2024", day_first=False)
    datetime.date(2024, 3, 5)
    >>> parse_date("45734")  # an Excel serial date
    datetime.date(2025, 3, 18)
    """
    raw = value
    value = value.strip()
    if not value:
        raise RowRejected("expected a date, got nothing")
    parsed = _parse(value, raw, day_first)
    latest = (today or date.today()) + timedelta(days=1)
    if not EARLIEST <= parsed <= latest:
        raise RowRejected(f"expected a date from {EARLIEST.isoformat()} to {latest.isoformat()}, got {raw!r}")
    return parsed


def _parse(value: str, raw: str, day_first: bool | None) -> date:
    if match := _EXCEL_SERIAL.match(value):
        return _EXCEL_EPOCH + timedelta(days=int(match.group(1)))
    if match := _ISO.match(value):
        return _build(int(match.group(1)), int(match.group(2)), int(match.group(3)), raw)
    if match := _DOTTED.match(value):
        return _build(_year(match.group(3)), int(match.group(2)), int(match.group(1)), raw)
    if match := _SLASHED.match(value):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if first > 12 and second <= 12:
            return _build(year, second, first, raw)
        if second > 12 and first <= 12:
            return _build(year, first, second, raw)
        if first == second:
            return _build(year, first, second, raw)
        if day_first is None:
            raise RowRejected(
                f"expected an unambiguous date, got {raw!r}: day and month order unknown "
                "(no date in this column has a day above 12; write YYYY-MM-DD)"
            )
        return _build(year, second, first, raw) if day_first else _build(year, first, second, raw)
    if match := _DAY_MONTH_YEAR.match(value):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            return _build(_year(match.group(3)), month, int(match.group(1)), raw)
    if match := _MONTH_DAY_YEAR.match(value):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            return _build(int(match.group(3)), month, int(match.group(2)), raw)
    raise RowRejected(f"expected a date such as YYYY-MM-DD, got {raw!r}")


class DateColumn:
    """Parses one column's dates once per distinct value (exports repeat dates), with the column's order."""

    def __init__(self, values: Iterable[str], day_first: bool | None = None, today: date | None = None) -> None:
        distinct = set(values)
        self.day_first = day_first if day_first is not None else infer_day_first(distinct)
        self._today = today
        self._cache: dict[str, date | RowRejected] = {}

    def parse(self, value: str) -> date:
        """The date of `value`; RowRejected (cached too) when it cannot be read."""
        found = self._cache.get(value)
        if found is None:
            try:
                found = parse_date(value, day_first=self.day_first, today=self._today)
            except RowRejected as err:
                found = err
            self._cache[value] = found
        if isinstance(found, RowRejected):
            raise RowRejected(str(found))
        return found

    def parse_field(self, value: str, field: str) -> date:
        """The date of `value`, read from the column `field`; RowRejected naming the field when it cannot be read.

        Examples
        --------
        >>> DateColumn(["2024-03-01"]).parse_field("2024-03-01", "event_date")
        datetime.date(2024, 3, 1)
        >>> DateColumn(["soon"]).parse_field("soon", "event_date")
        Traceback (most recent call last):
        ...
        strikes.importers.base.RowRejected: field 'event_date': expected a date such as YYYY-MM-DD, got 'soon'
        """
        try:
            return self.parse(value)
        except RowRejected as err:
            raise RowRejected(f"field {field!r}: {err}") from err
