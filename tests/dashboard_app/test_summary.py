"""Counts line, ceasefire-window selection, display table and the http(s)-only link rule."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from dashboard.summary import count_summary, in_window, plain, safe_link, table_frame
from strikes.store import empty_frame, events_to_frame
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("categories", "total", "expected"),
    [
        (["energy", "civilian", "energy"], None, "3 events · 2 energy · 1 civilian"),
        (["civilian"], None, "1 event · 1 civilian"),
        (["other", "military", "energy", "civilian"], None,
         "4 events · 1 energy · 1 civilian · 1 military · 1 other"),
        ([], None, "0 events"),
        (["energy"], 3, "1 event of 3 · 1 energy"),
        (["energy"], 1, "1 event · 1 energy"),
    ],
)
def test_count_summary(categories, total, expected) -> None:
    assert count_summary(pd.DataFrame({"category": categories}), total=total) == expected


def test_count_summary_of_a_store_frame(ten_frame) -> None:
    assert count_summary(ten_frame) == "10 events · 4 energy · 3 civilian · 1 military · 2 other"


@pytest.mark.parametrize(
    ("start", "end", "category", "expected_ids"),
    [
        (date(2025, 3, 18), date(2025, 4, 17), "energy", ["ev-7"]),
        (date(2025, 3, 18), date(2025, 4, 17), None, ["ev-7", "ev-8", "ev-9"]),
        (date(2025, 1, 5), date(2025, 1, 5), "energy", ["ev-0"]),  # both ends inclusive
        (date(2025, 1, 6), date(2025, 1, 19), "energy", []),
        (date(2025, 1, 1), date(2025, 12, 31), "civilian", ["ev-2", "ev-3", "ev-6"]),
    ],
)
def test_in_window(ten_frame, start, end, category, expected_ids) -> None:
    assert list(in_window(ten_frame, start, end, category)["id"]) == expected_ids


def test_in_window_rejects_a_reversed_window(ten_frame) -> None:
    with pytest.raises(ValueError, match="start <= end"):
        in_window(ten_frame, date(2025, 4, 1), date(2025, 3, 1))


def test_table_frame_has_points_dates_and_no_geometry(ten_frame) -> None:
    table = table_frame(ten_frame)
    assert "geometry" not in table.columns
    assert table.loc[0, "event_date"].date() == date(2025, 1, 5)
    assert table.loc[0, "lat"] == pytest.approx(50.45466)
    assert table.loc[0, "lon"] == pytest.approx(30.5238)
    assert len(table) == 10


@pytest.mark.parametrize(("limit", "rows"), [(None, 10), (3, 3), (0, 0), (50, 10)])
def test_table_frame_limit(ten_frame, limit, rows) -> None:
    table = table_frame(ten_frame, limit=limit)
    assert len(table) == rows
    assert list(table["id"]) == [f"ev-{i}" for i in range(rows)]


def test_table_frame_of_an_empty_store() -> None:
    table = table_frame(empty_frame())
    assert len(table) == 0
    assert {"lat", "lon", "source_link"} <= set(table.columns)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/report", "https://example.org/report"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("", None),
        ("example.org/report", None),
        ("ftp://example.org/file", None),
    ],
)
def test_only_http_links_become_links(url, link) -> None:
    table = table_frame(events_to_frame([make_event(source_url=url)]))
    assert table.loc[0, "source_link"] == link
    assert table.loc[0, "source_url"] == url  # the URL as given stays visible, as text


@pytest.mark.parametrize("value", [None, 3, "https://", "https:example.org", " https://example.org"])
def test_safe_link_refuses_odd_values(value) -> None:
    assert not safe_link(value)


@pytest.mark.parametrize(
    "text",
    [
        "[verify](https://evil.example)",
        "<img src=x onerror=alert(1)>",
        "**bold** _it_ `code` # head",
        ":red[alarm] :material/warning:",
        "see https://evil.example or www.evil.example or me@evil.example",
        "$x^2$ | a | b |",
        "line one\nline two",
    ],
)
def test_plain_keeps_the_text_but_no_markup(text) -> None:
    escaped = plain(text)
    unescaped = re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "").replace("  \n", "\n")
    assert unescaped == text  # the reader sees what was typed
    assert re.search(r"(?<!\\)[<>\[\]()*_`#:$|]", escaped) is None  # every markup character escaped
    assert "://" not in escaped and "www." not in escaped
