"""Events per day by category, and the chart with its shaded ceasefire window."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.timeline import bin_for, daily_counts, timeline_chart


def _frame(rows):
    return pd.DataFrame({"event_date": pd.to_datetime([day for day, _ in rows]),
                         "category": [cat for _, cat in rows]})


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("2025-03-18", "energy")], [("2025-03-18", "energy", 1)]),
        ([("2025-03-18", "energy"), ("2025-03-18", "energy")], [("2025-03-18", "energy", 2)]),
        ([("2025-03-19", "civilian"), ("2025-03-18", "energy"), ("2025-03-18", "civilian")],
         [("2025-03-18", "energy", 1), ("2025-03-18", "civilian", 1), ("2025-03-19", "civilian", 1)]),
        ([("2025-03-18", "other"), ("2025-03-18", "military")],
         [("2025-03-18", "military", 1), ("2025-03-18", "other", 1)]),
    ],
)
def test_daily_counts(rows, expected) -> None:
    counts = daily_counts(_frame(rows))
    got = [(row.day.date().isoformat(), row.category, row.count) for row in counts.itertuples()]
    assert got == expected


def test_daily_counts_of_nothing_is_empty_with_columns() -> None:
    counts = daily_counts(_frame([]))
    assert list(counts.columns) == ["day", "category", "count"]
    assert counts.empty


def test_daily_counts_of_a_store(ten_frame) -> None:
    counts = daily_counts(ten_frame)
    assert counts["count"].sum() == 10
    assert set(counts["category"]) == {"energy", "civilian", "military", "other"}


def test_chart_shades_the_window_behind_the_bars(ten_frame) -> None:
    chart = timeline_chart(ten_frame, (date(2025, 3, 18), date(2025, 4, 17)))
    spec = chart.to_dict()
    band, bars = spec["layer"]
    assert band["mark"]["type"] == "rect"
    assert bars["mark"]["type"] == "bar"
    assert band["encoding"]["x2"]["field"] == "end"


def test_chart_window_covers_its_last_day(ten_frame) -> None:
    chart = timeline_chart(ten_frame, (date(2025, 3, 18), date(2025, 4, 17)))
    band_data = chart.layer[0].data
    assert band_data.loc[0, "start"] == pd.Timestamp("2025-03-18")
    assert band_data.loc[0, "end"] == pd.Timestamp("2025-04-18")


def test_chart_colours_follow_the_taxonomy(ten_frame) -> None:
    spec = timeline_chart(ten_frame).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["energy", "civilian", "military", "other"]
    assert scale["range"][0] != scale["range"][1]  # energy and civilian told apart


def test_chart_without_window_is_only_bars(ten_frame) -> None:
    assert timeline_chart(ten_frame).to_dict()["mark"]["type"] == "bar"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], "day"),
        (["2025-03-18"], "day"),
        (["2025-01-01", "2026-02-05"], "day"),  # 400 days
        (["2025-01-01", "2026-02-06"], "week"),
        (["2022-02-24", "2025-12-31"], "week"),
    ],
)
def test_bin_for(days, expected) -> None:
    assert bin_for(pd.DataFrame({"event_date": pd.to_datetime(days)})) == expected


def test_weekly_counts_start_on_monday() -> None:
    # 2025-03-17 is a Monday; the 18th and 23rd fall in its week, the 24th starts the next.
    rows = [("2025-03-18", "energy"), ("2025-03-23", "energy"), ("2025-03-24", "energy")]
    counts = daily_counts(_frame(rows), "week")
    got = [(row.day.date().isoformat(), row.count) for row in counts.itertuples()]
    assert got == [("2025-03-17", 2), ("2025-03-24", 1)]


def test_unknown_bin_is_refused() -> None:
    with pytest.raises(ValueError, match="bin"):
        daily_counts(_frame([("2025-03-18", "energy")]), "month")


def test_long_span_chart_is_weekly_and_light() -> None:
    days = pd.date_range("2022-02-24", "2025-12-31", freq="D")
    frame = pd.DataFrame({"event_date": days.repeat(4), "category": ["energy", "civilian", "military", "other"]
                          * len(days)})
    chart = timeline_chart(frame)
    assert chart.to_dict()["encoding"]["y"]["title"] == "Events per week"
    assert len(chart.data) <= 4 * 210  # ~202 weeks × 4 categories, not 1,407 days × 4
