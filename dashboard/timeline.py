"""The timeline: events per day by category, with the ceasefire window shaded.

Altair ships with streamlit and Streamlit serves the Vega scripts itself, so the chart needs no network.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from strikes.taxonomy import CATEGORIES, CATEGORY_COLOURS


def daily_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Events per day and category: columns `day` (datetime64), `category`, `count`; days with none left out.

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
    days = pd.DataFrame({"day": frame["event_date"].dt.normalize(), "category": frame["category"].astype(str)})
    counts = days.groupby(["day", "category"], observed=True).size().rename("count").reset_index()
    order = {name: index for index, name in enumerate(CATEGORIES)}
    counts["_order"] = counts["category"].map(order)
    counts = counts.sort_values(["day", "_order"]).drop(columns="_order").reset_index(drop=True)
    counts["count"] = counts["count"].astype("int64")
    return counts


def timeline_chart(frame: pd.DataFrame, window: tuple[date, date] | None = None) -> alt.LayerChart | alt.Chart:
    """A stacked bar chart of events per day by category, the `window` (inclusive days) shaded behind it.

    Examples
    --------
    >>> chart = timeline_chart(pd.DataFrame({"event_date": pd.to_datetime(["2025-03-18"]),
    ...                                      "category": ["energy"]}), (date(2025, 3, 18), date(2025, 4, 17)))
    >>> len(chart.layer)
    2
    """
    counts = daily_counts(frame)
    colour = alt.Color(
        "category:N",
        scale=alt.Scale(domain=list(CATEGORIES), range=[CATEGORY_COLOURS[name] for name in CATEGORIES]),
        legend=alt.Legend(title="Category", orient="top"),
    )
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(day):T", title="Day"),
            y=alt.Y("sum(count):Q", title="Events", stack="zero"),
            color=colour,
            order=alt.Order("category:N"),
            tooltip=[alt.Tooltip("yearmonthdate(day):T", title="Day"), "category:N", "count:Q"],
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
