"""Filters over the store frame, and their query-string form.

One `EventFilter` serves the CLI (`python -m strikes export --category energy`), the dashboard's sidebar and
the shareable URL (`?category=energy&since=2025-03-01`). Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from strikes.errors import StrikesError
from strikes.taxonomy import ALL_SUBTYPES, ATTACKERS, CATEGORIES, STATUSES


class FilterError(StrikesError, ValueError):
    """A filter value is not one the model knows."""


@dataclass(frozen=True)
class EventFilter:
    """Which events to show. Empty tuples and None mean "no restriction"."""

    categories: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    countries: tuple[str, ...] = ()
    attackers: tuple[str, ...] = ()
    geo_precisions: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        _check_known("category", self.categories, CATEGORIES)
        _check_known("subtype", self.subtypes, ALL_SUBTYPES)
        _check_known("attacker", self.attackers, ATTACKERS)
        _check_known("status", self.statuses, STATUSES)
        _check_known("geo_precision", self.geo_precisions, (1, 2, 3))
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since {self.since} is after until {self.until}: expected since <= until")

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def _check_known(name: str, values: Sequence[object], known: Sequence[object]) -> None:
    for value in values:
        if value not in known:
            raise FilterError(f"{name}: expected one of {', '.join(map(str, known))}, got {value!r}")


def filter_mask(frame: gpd.GeoDataFrame, event_filter: EventFilter) -> np.ndarray:
    """A boolean array: which rows of `frame` pass `event_filter`."""
    mask = np.ones(len(frame), dtype=bool)
    f = event_filter
    if f.categories:
        mask &= frame["category"].isin(f.categories).to_numpy()
    if f.subtypes:
        mask &= frame["subtype"].isin(f.subtypes).to_numpy()
    if f.since:
        mask &= (frame["event_date"] >= pd.Timestamp(f.since)).to_numpy()
    if f.until:
        mask &= (frame["event_date"] <= pd.Timestamp(f.until)).to_numpy()
    if f.countries:
        mask &= frame["country"].isin([c.upper() for c in f.countries]).to_numpy()
    if f.attackers:
        mask &= frame["attacker"].isin(f.attackers).to_numpy()
    if f.geo_precisions:
        mask &= frame["geo_precision"].isin(f.geo_precisions).to_numpy()
    if f.statuses:
        mask &= frame["status"].isin(f.statuses).to_numpy()
    if f.text.strip():
        needle = f.text.strip().lower()
        hit = np.zeros(len(frame), dtype=bool)
        for column in ("target", "location", "place", "notes"):
            hit |= frame[column].str.lower().str.contains(needle, regex=False).to_numpy()
        mask &= hit
    return mask


def apply_filter(frame: gpd.GeoDataFrame, event_filter: EventFilter) -> gpd.GeoDataFrame:
    """The rows of `frame` that pass `event_filter`, in store order.

    Examples
    --------
    >>> apply_filter(frame, EventFilter(categories=("energy",)))  # doctest: +SKIP
    """
    if event_filter.is_empty:
        return frame
    return frame[filter_mask(frame, event_filter)]


# Query-string names: singular, repeated for several values (`?category=energy&category=civilian`).
_QUERY_NAMES = {
    "categories": "category",
    "subtypes": "subtype",
    "countries": "country",
    "attackers": "attacker",
    "geo_precisions": "precision",
    "statuses": "status",
    "since": "since",
    "until": "until",
    "text": "q",
}


def to_query_params(event_filter: EventFilter) -> dict[str, list[str]]:
    """The filter as query parameters (lists, for repeated keys); empty restrictions are left out."""
    params: dict[str, list[str]] = {}
    for field in fields(EventFilter):
        value = getattr(event_filter, field.name)
        name = _QUERY_NAMES[field.name]
        if isinstance(value, tuple) and value:
            params[name] = [str(item) for item in value]
        elif isinstance(value, date):
            params[name] = [value.isoformat()]
        elif isinstance(value, str) and value:
            params[name] = [value]
    return params


def _parse_date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise FilterError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from err


def _search_text(raw: str | Sequence[str]) -> str:
    # The search text as written: a comma in it is text, not a list separator, so it is never split;
    # repeated (`?q=a&q=b`), the last one wins as for the other single-valued names.
    if isinstance(raw, str):
        return raw
    return raw[-1] if raw else ""


def from_query_params(params: Mapping[str, str | Sequence[str]]) -> EventFilter:
    """An EventFilter from query parameters (the inverse of `to_query_params`).

    Values may be a string or a list of strings; comma-separated values are accepted too
    (`?category=energy,civilian`). Unknown names are ignored; unknown values raise FilterError.
    """
    def values(name: str) -> tuple[str, ...]:
        raw = params.get(name, ())
        items = [raw] if isinstance(raw, str) else list(raw)
        return tuple(part.strip() for item in items for part in item.split(",") if part.strip())

    def one(name: str) -> str:
        found = values(name)
        return found[-1] if found else ""

    try:
        precisions = tuple(int(value) for value in values("precision"))
    except ValueError as err:
        raise FilterError(f"precision: expected 1, 2 or 3, got {values('precision')!r}") from err
    since, until = one("since"), one("until")
    return EventFilter(
        categories=values("category"),
        subtypes=values("subtype"),
        since=_parse_date("since", since) if since else None,
        until=_parse_date("until", until) if until else None,
        countries=tuple(value.upper() for value in values("country")),
        attackers=values("attacker"),
        geo_precisions=precisions,
        statuses=values("status"),
        text=_search_text(params.get("q", "")),
    )
