"""The timeline: events per day by category, with the ceasefire window shaded.

Altair ships with streamlit and Streamlit serves the Vega scripts itself, so the chart needs no network.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from strikes.taxonomy import CATEGORIES, CATEGORY_COLOURS

# Above this many days the bars are weekly: a day-by-day chart of four years is unreadable (and heavy).
DAILY_MAX_DAYS = 400


def bin_for(frame: pd.DataFrame) -> str:
    """"day" when the events span at most `DAILY_MAX_DAYS` days, else "week".

    Examples
    --------
    >>> bin_for(pd.DataFrame({"event_date": pd.to_datetime(["2025-01-01", "2025-03-01"])}))
    'day'
    >>> bin_for(pd.DataFrame({"event_date": pd.to_datetime(["2022-02-24", "2025-03-01"])}))
    'week'
    """
    if frame.empty:
        return "day"
    span = (frame["event_date"].max() - frame["event_date"].min()).days
    return "day" if span <= DAILY_MAX_DAYS else "week"


def daily_counts(frame: pd.DataFrame, bin: str = "day") -> pd.DataFrame:
    """Events per day (or per week, Monday first) and category: columns `day`, `category`, `count`.

    Days (weeks) with no event are left out.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_date": pd.to_datetime(["2025-03-18", "2025-03-18", "2025-03-19"]),
    ...                       "category": ["energy", "civilian", "energy"]})
    >>> daily_counts(frame).to_dict("records")[0]
    {'day': Timestamp('2025-03-18 00:00:00'), 'category': 'energy', 'count': 1}
    """
    if frame.empty:
        return pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"), "category": pd.Series(dtype=str),
                             "count": pd.Series(dtype="int64")})
    if bin not in ("day", "week"):
        raise ValueError(f"bin: expected 'day' or 'week', got {bin!r}")
    day = frame["event_date"].dt.normalize()
    if bin == "week":
        day = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    days = pd.DataFrame({"day": day, "category": frame["category"].astype(str)})
    counts = days.groupby(["day", "category"], observed=True).size().rename("count").reset_index()
    order = {name: index for index, name in enumerate(CATEGORIES)}
    counts["_order"] = counts["category"].map(order)
    counts = counts.sort_values(["day", "_order"]).drop(columns="_order").reset_index(drop=True)
    counts["count"] = counts["count"].astype("int64")
    return counts


def timeline_chart(
    frame: pd.DataFrame, window: tuple[date, date] | None = None
) -> alt.LayerChart | alt.FacetChart | alt.Chart:  # FacetChart: what altair types alt.layer as
    """A stacked bar chart of events per day (per week over long spans) by category, `window` shaded behind.

    Examples
    --------
    >>> chart = timeline_chart(pd.DataFrame({"event_date": pd.to_datetime(["2025-03-18"]),
    ...                                      "category": ["energy"]}), (date(2025, 3, 18), date(2025, 4, 17)))
    >>> len(chart.layer)
    2
    """
    bin = bin_for(frame)
    counts = daily_counts(frame, bin)
    unit = "yearmonthdate(day):T"
    colour = alt.Color(
        "category:N",
        scale=alt.Scale(domain=list(CATEGORIES), range=[CATEGORY_COLOURS[name] for name in CATEGORIES]),
        legend=alt.Legend(title="Category", orient="top"),
    )
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X(unit, title="Day" if bin == "day" else "Week (from Monday)"),
            y=alt.Y("sum(count):Q", title=f"Events per {bin}", stack="zero"),
            color=colour,
            order=alt.Order("category:N"),
            tooltip=[alt.Tooltip(unit, title=bin.capitalize()), "category:N", "count:Q"],
        )
    )
    if window is None:
        return bars
    start, end = window
    # The window covers whole days: shade to the end of its last day.
    shade = pd.DataFrame({"start": [pd.Timestamp(start)], "end": [pd.Timestamp(end + timedelta(days=1))],
                          "label": [f"Ceasefire window {start} – {end}"]})
    band = (
        alt.Chart(shade)
        .mark_rect(opacity=0.15, color="#2ec27e")
        .encode(x="start:T", x2="end:T", tooltip=["label:N"])
    )
    return alt.layer(band, bars)
