"""Small pure views of the filtered frame: the counts line, the ceasefire metric and the events table.

No streamlit import: the page shows what these return.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import geopandas as gpd
import pandas as pd
import shapely

from strikes.taxonomy import CATEGORIES, ENERGY

# Columns of the events table, in the order an analyst reads them.
TABLE_COLUMNS: tuple[str, ...] = (
    "event_date", "target", "category", "subtype", "location", "place", "admin1", "country", "geo_precision",
    "attacker", "weapon", "status", "confidence", "source_title", "source_url", "notes", "id",
)

PRECISION_LABELS: dict[int, str] = {1: "1 · settlement", 2: "2 · near / part of region", 3: "3 · region only"}


def count_summary(frame: pd.DataFrame, total: int | None = None) -> str:
    """One line saying what is shown: "3 events · 2 energy · 1 civilian" (categories with none left out).

    `total`, when given and larger, adds "of N" so a filtered view says what it hides.

    Examples
    --------
    >>> import pandas as pd
    >>> count_summary(pd.DataFrame({"category": ["energy", "civilian", "energy"]}))
    '3 events · 2 energy · 1 civilian'
    >>> count_summary(pd.DataFrame({"category": ["military"]}), total=5)
    '1 event of 5 · 1 military'
    >>> count_summary(pd.DataFrame({"category": []}))
    '0 events'
    """
    shown = len(frame)
    head = f"{shown} event{'' if shown == 1 else 's'}"
    if total is not None and total > shown:
        head += f" of {total}"
    counts = frame["category"].value_counts() if shown else pd.Series(dtype=int)
    parts = [f"{int(counts[name])} {name}" for name in CATEGORIES if counts.get(name, 0)]
    return " · ".join([head, *parts])


def in_window(frame: pd.DataFrame, start: date, end: date, category: str | None = ENERGY) -> pd.DataFrame:
    """The rows dated from `start` to `end` (both inclusive), of `category` (None: every category).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"event_date": pd.to_datetime(["2025-03-17", "2025-03-18", "2025-04-17"]),
    ...                       "category": ["energy", "energy", "civilian"]})
    >>> len(in_window(frame, date(2025, 3, 18), date(2025, 4, 17)))
    1
    >>> len(in_window(frame, date(2025, 3, 18), date(2025, 4, 17), category=None))
    2
    """
    if start > end:
        raise ValueError(f"window: expected start <= end, got {start} > {end}")
    dates = frame["event_date"]
    mask = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    if category is not None:
        mask &= frame["category"] == category
    return frame[mask]


def table_frame(frame: gpd.GeoDataFrame, limit: int | None = None) -> pd.DataFrame:
    """The events as a plain table for display: no geometry, lat/lon columns, a link column (http(s) only).

    `limit` keeps the first rows only (a data grid of 100k rows costs seconds on every rerun; the downloads
    carry everything). Text stays text: the page shows it in a data grid, which never renders HTML.

    Examples
    --------
    >>> from strikes.store import empty_frame
    >>> list(table_frame(empty_frame()).columns)[:3]
    ['event_date', 'target', 'category']
    """
    if limit is not None:
        frame = frame.iloc[:limit]
    table = pd.DataFrame(frame[list(TABLE_COLUMNS)]).copy()
    table["lat"] = shapely.get_y(frame.geometry.values).round(5)
    table["lon"] = shapely.get_x(frame.geometry.values).round(5)
    # Only http(s) URLs become clickable; anything else (javascript:, data:, …) stays visible as text only.
    urls = table["source_url"].astype(str)
    allowed = {url: safe_link(url) for url in urls.unique()}  # reports repeat their sources
    table["source_link"] = pd.Series([url if allowed[url] else None for url in urls], index=table.index,
                                     dtype=object)
    return table.reset_index(drop=True)


def safe_link(url: str) -> bool:
    """True when `url` may be shown as a link: an absolute http(s) URL with a host.

    Examples
    --------
    >>> safe_link("https://example.org/a"), safe_link("javascript:alert(1)"), safe_link("http://")
    (True, False, False)
    >>> safe_link(" JaVaScRiPt:alert(1)"), safe_link("//example.org"), safe_link("HTTPS://example.org")
    (False, False, True)
    """
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url == url.strip()


_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()<>#+-.!|~$&:")
# Streamlit's markdown turns bare URLs, "www." and e-mail addresses into links even when escaped; an invisible
# word joiner inside the pattern keeps them text (the reader sees the same characters).
_WORD_JOINER = "\u2060"
_AUTOLINKS = re.compile(r"(?i)(://|www\.|@)")


def plain(text: object) -> str:
    r"""`text` escaped for Streamlit's markdown (alerts, captions): shown as typed, never as a link or markup.

    Messages quote hostile input (a URL parameter, a cell of an uploaded file, a place typed by hand), and
    Streamlit renders alerts as markdown, so `[x](https://evil)` would otherwise become a link.

    Examples
    --------
    >>> print(plain("[click](/x) <b>x</b> :red[y]"))
    \[click\]\(/x\) \<b\>x\</b\> \:red\[y\]
    >>> plain("Sumy, 3 events")
    'Sumy, 3 events'
    >>> "https://" in plain("see https://evil.example"), "www." in plain("www.evil.example")
    (False, False)
    """
    text = _AUTOLINKS.sub(lambda match: _WORD_JOINER.join(match.group(0)), str(text))
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in text).replace("\n", "  \n")
