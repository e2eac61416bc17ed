"""When a sentence says a strike happened, resolved against the report's published date.

Explicit dates ("14 December 2024", "Dec 14", "2024-12-14") are exact; weekdays ("on Tuesday", "last
Tuesday") are the most recent such day on or before publication; "overnight", "last night", "this morning",
"today" are the published date; "yesterday" the day before. Anything vaguer leaves the caller to fall back on
the published date with a lower precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

EXACT_DAY = 1
WITHIN_WEEK = 2
WITHIN_MONTH = 3

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b")),
    ("dotted", re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>20\d\d)\b")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>20\d\d))?\b",
                             re.IGNORECASE)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>20\d\d))?",
                             re.IGNORECASE)),
    # "on the night of Saturday to Sunday": the strike is dated by the morning after.
    ("night_of", re.compile(rf"\bnight\s+of\s+(?:{'|'.join(_WEEKDAYS)})\s+(?:to|into|on)\s+{_WEEKDAY}\b",
                            re.IGNORECASE)),
    ("last_weekday", re.compile(rf"\blast\s+{_WEEKDAY}\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?:'s|’s)?\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("day_before", re.compile(r"\b(?:the\s+(?:day|night)\s+before|a\s+day\s+earlier|the\s+previous\s+day)\b",
                              re.IGNORECASE)),
    ("days_ago", re.compile(r"\b(?P<count>two|three|four|five|six|\d)\s+days\s+(?:ago|earlier)\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\bearlier\s+this\s+week\b", re.IGNORECASE)),
    ("last_week", re.compile(r"\blast\s+week\b", re.IGNORECASE)),
    # "in March", "in early March 2024": a month with no day; "last year", "in 2023": the report's background.
    ("month_only", re.compile(rf"\bin\s+(?:early\s+|late\s+|mid-)?{_MONTH}(?:\s+(?P<year>20\d\d))?\b(?!\s*\d)",
                              re.IGNORECASE)),
    ("background", re.compile(r"\b(?:last\s+year|last\s+month|a\s+year\s+ago|(?:two|three|several|\d+)\s+"
                              r"(?:months|years)\s+ago|in\s+(?P<year>20\d\d))\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?:overnight|last\s+night|tonight|today|this\s+morning|this\s+evening|earlier\s+today"
                         r"|during\s+the\s+night|at\s+night|in\s+the\s+early\s+hours)\b", re.IGNORECASE)),
)
_CALENDAR_KINDS = ("iso", "dotted", "day_month", "month_day")
_NIGHT_TO_DAY = re.compile(r"\s*(?:to|into|-|–)\s*(?P<day>\d{1,2})\b(?!\s*(?:km|kilomet|mile|%|per))")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


_DATE_WORDS = frozenset(
    [*_MONTHS, *_WEEKDAYS, *(day + "s" for day in _WEEKDAYS), "yesterday", "overnight", "night", "tonight",
     "today", "morning", "evening", "hours", "ago", "earlier", "before", "previous", "week", "year", "month",
     *"0123456789"]
)
_WORDS = re.compile(r"[a-z]+|\d")


def _may_have_date(sentence: str) -> bool:
    # Most sentences of a long text carry no date: a set test over its words skips the ten patterns.
    return not _DATE_WORDS.isdisjoint(_WORDS.findall(sentence.lower()))


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence: the day it means, ACLED time precision, and the words it came from."""

    day: date
    precision: int
    text: str
    start: int
    end: int
    kind: str = ""


def resolve_weekday(weekday: str, published: date, strictly_before: bool = False) -> date:
    """The most recent `weekday` on or before `published` (strictly before for "last Tuesday").

    Examples
    --------
    >>> resolve_weekday("Tuesday", date(2025, 3, 19))
    datetime.date(2025, 3, 18)
    >>> resolve_weekday("wednesday", date(2025, 3, 19))
    datetime.date(2025, 3, 19)
    >>> resolve_weekday("Wednesday", date(2025, 3, 19), strictly_before=True)
    datetime.date(2025, 3, 12)
    """
    try:
        wanted = _WEEKDAYS.index(weekday.lower())
    except ValueError as err:
        raise ValueError(f"expected a weekday name such as 'Tuesday', got {weekday!r}") from err
    back = (published.weekday() - wanted) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def _year_for(month: int, day: int, published: date) -> int:
    # A date without a year is the most recent such day on or before publication (reports look back).
    year = published.year
    try:
        if date(year, month, day) > published + timedelta(days=1):
            year -= 1
    except ValueError:
        pass
    return year


def _mention(kind: str, match: re.Match[str], published: date) -> DateMention | None:
    groups = match.groupdict()
    precision = EXACT_DAY
    try:
        if kind in ("iso", "dotted", "day_month", "month_day"):
            month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
            day_number = int(groups["day"])
            year = int(groups["year"]) if groups.get("year") else _year_for(month, day_number, published)
            day = date(year, month, day_number)
        elif kind == "last_weekday":
            day = resolve_weekday(groups["weekday"], published, strictly_before=True)
        elif kind in ("weekday", "night_of"):
            day = resolve_weekday(groups["weekday"], published)
        elif kind == "this_week":
            day = max(published - timedelta(days=2), published - timedelta(days=published.weekday()))
            precision = WITHIN_WEEK
        elif kind == "last_week":
            day = published - timedelta(days=7)
            precision = WITHIN_WEEK
        elif kind == "month_only":
            month = _MONTHS[groups["month"].lower()]
            year = int(groups["year"]) if groups.get("year") else _year_for(month, 1, published)
            day = min(date(year, month, 15), published)
            precision = WITHIN_MONTH
        elif kind == "background":
            year_text = groups.get("year")
            day = date(int(year_text), 7, 1) if year_text else published - timedelta(days=365)
            precision = WITHIN_MONTH
        elif kind in ("yesterday", "day_before"):
            day = published - timedelta(days=1)
        elif kind == "days_ago":
            count = groups["count"].lower()
            day = published - timedelta(days=int(count) if count.isdigit() else _COUNTS[count])
        else:
            day = published
    except ValueError:
        return None  # "31 February", "0.13.2024": not a date, not an error of the report reader
    return DateMention(day, precision, match.group(0), match.start(), match.end(), kind)


def _night_to_morning(sentence: str, mention: DateMention, published: date) -> DateMention:
    # "on the night of January 23 to 24": the strike is dated by the morning after, written as a bare number.
    if not re.search(r"\bnight\s+of\s*$", sentence[max(0, mention.start - 15):mention.start]):
        return mention
    after = _NIGHT_TO_DAY.match(sentence, mention.end)
    morning = mention.day + timedelta(days=1)
    if after is None or morning.day != int(after.group("day")) or morning > published + timedelta(days=1):
        return mention
    return replace(mention, day=morning, end=after.end())


def find_dates(sentence: str, published: date) -> list[DateMention]:
    """Every date expression in `sentence`, resolved against `published`, in text order.

    Examples
    --------
    >>> [m.day.isoformat() for m in find_dates("Drones hit it on Tuesday.", date(2025, 3, 19))]
    ['2025-03-18']
    >>> [m.day.isoformat() for m in find_dates("OREL, Dec 14: fire overnight", date(2024, 12, 15))]
    ['2024-12-14', '2024-12-15']
    """
    return list(_dates_in(sentence, published))


@lru_cache(maxsize=64)
def _dates_in(sentence: str, published: date) -> tuple[DateMention, ...]:
    # Cached: the pipeline reads a strike sentence's dates for the sentence and again for each target's clause.
    if not _may_have_date(sentence):
        return ()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if kind == "day_month" and match.group("month").lower() == "may" and not match.group("year"):
                # "5 may" is rarely a date in English prose without a year; "may" is mostly the verb.
                if sentence[match.start("month")].islower():
                    continue
            if kind == "month_only" and sentence[match.start("month")].islower():
                continue  # "in may" is rarely a month
            if kind == "month_day" and sentence[match.start("month")].islower():
                continue  # "march 5 km" / "may 3": months are capitalised in dates
            mention = _mention(kind, match, published)
            if mention is not None and kind in _CALENDAR_KINDS:
                mention = _night_to_morning(sentence, mention, published)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda mention: mention.start))


BACKGROUND_DAYS = 20  # a strike dated only by a month or year further back than this is the report's background
BACKGROUND_CALENDAR_DAYS = 7  # a strike dated to the day further back than this is the report's background too


def is_background(mention: DateMention | None, published: date) -> bool:
    """True when a sentence's own date is well before publication: a month or year ("in March", "last year") more
    than 20 days back, or a day ("on March 22") more than a week back.

    Examples
    --------
    >>> is_background(event_date("Russia hit the plant in March.", date(2024, 11, 17)), date(2024, 11, 17))
    True
    >>> is_background(event_date("Drones hit the plant on Tuesday.", date(2024, 11, 17)), date(2024, 11, 17))
    False
    >>> is_background(event_date("It was destroyed on March 22.", date(2024, 4, 4)), date(2024, 4, 4))
    True
    """
    if mention is None:
        return False
    if mention.kind in _CALENDAR_KINDS and mention.precision == EXACT_DAY:
        # "destroyed in an earlier attack on March 22" in an April 4 report: news tells the last days' strikes.
        return (published - mention.day).days > BACKGROUND_CALENDAR_DAYS
    return mention.kind in ("month_only", "background") and (published - mention.day).days > BACKGROUND_DAYS


def event_date(sentence: str, published: date) -> DateMention | None:
    """The date a sentence gives for what it reports: the first explicit or relative date in it, or None.

    Examples
    --------
    >>> event_date("Two missiles hit Sumy on Sunday morning.", date(2025, 4, 13)).day
    datetime.date(2025, 4, 13)
    >>> event_date("Drones hit it on the night of January 23 to 24.", date(2025, 1, 25)).day
    datetime.date(2025, 1, 24)
    >>> event_date("A depot burned.", date(2025, 4, 13)) is None
    True
    """
    mentions = [m for m in find_dates(sentence, published) if m.day <= published + timedelta(days=1)]
    # "Overnight on March 5": the calendar date says more than the relative word beside it.
    explicit = [m for m in mentions if m.kind in _CALENDAR_KINDS]
    if len(explicit) >= 2 and re.fullmatch(r"\s*(?:to|into|-|–)\s*", sentence[explicit[0].end:explicit[1].start]) \
            and re.search(r"\bnight\s+of\s*$", sentence[max(0, explicit[0].start - 15):explicit[0].start]):
        return explicit[1]  # "on the night of August 31 to September 1": dated by the morning after
    return explicit[0] if explicit else (mentions[0] if mentions else None)
