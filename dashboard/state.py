"""The dashboard's view state (filters + map options + ceasefire window) and its URL query-string form.

One frozen `ViewState` is rebuilt from the sidebar widgets on every run; it is the only thing the page
passes on to the pure functions (filtering, map, timeline), and the cache key of the map HTML. The URL
holds the same state so a view can be shared:
``?category=energy&since=2025-03-01&until=2025-03-31&country=UA`` (repeat ``category`` for several).

Reading the URL never fails: a parameter whose value the model does not know is dropped and named in a
warning, the rest of the view still opens. No streamlit import here, so all of it is unit-testable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlencode

from strikes.filters import EventFilter, FilterError, from_query_params, to_query_params

BASEMAPS: tuple[str, ...] = ("osm", "offline")
BASEMAP_LABELS: dict[str, str] = {"osm": "OpenStreetMap tiles", "offline": "Offline outlines (no tile server)"}

# The energy-strike moratorium announced after the 18 March 2025 call, for 30 days.
CEASEFIRE_START = date(2025, 3, 18)
CEASEFIRE_DAYS = 30
CEASEFIRE_END = CEASEFIRE_START + timedelta(days=CEASEFIRE_DAYS)

# Filter parameters (strikes.filters owns their names) and the dashboard's own ones.
FILTER_PARAMS: tuple[str, ...] = ("category", "subtype", "since", "until", "country", "attacker", "precision",
                                  "status", "q")
_MULTI_PARAMS = ("category", "subtype", "country", "attacker", "precision", "status")
VIEW_PARAMS: tuple[str, ...] = ("basemap", "heatmap", "facilities", "window_start", "window_end")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class ViewState:
    """What the page shows: which events, on which map, with which ceasefire window.

    Examples
    --------
    >>> ViewState().window_end.isoformat()
    '2025-04-17'
    """

    filter: EventFilter = field(default_factory=EventFilter)
    basemap: str = "osm"
    heatmap: bool = False
    facilities: bool = False
    window_start: date = CEASEFIRE_START
    window_end: date = CEASEFIRE_END

    def __post_init__(self) -> None:
        if self.basemap not in BASEMAPS:
            raise FilterError(f"basemap: expected one of {', '.join(BASEMAPS)}, got {self.basemap!r}")
        if self.window_start > self.window_end:
            raise FilterError(
                f"window_start {self.window_start} is after window_end {self.window_end}: expected start <= end"
            )


@dataclass(frozen=True)
class ParsedQuery:
    """A view state read from a URL, with one warning per parameter that was ignored."""

    state: ViewState
    warnings: tuple[str, ...] = ()


def _as_list(raw: str | Sequence[str] | None) -> list[str]:
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else [str(item) for item in raw]


def _split(values: list[str]) -> list[str]:
    # Comma-separated values are accepted too (`?category=energy,civilian`), as in strikes.filters.
    return [part.strip() for item in values for part in item.split(",") if part.strip()]


def _filter_from_query(params: Mapping[str, str | Sequence[str]]) -> tuple[EventFilter, list[str]]:
    """The filter from `params`, dropping (and naming) each value the model does not know."""
    kept: dict[str, list[str]] = {}
    warnings: list[str] = []
    for name in FILTER_PARAMS:
        values = _as_list(params.get(name))
        if not values:
            continue
        candidates = _split(values) if name in _MULTI_PARAMS else [values[-1]]
        good: list[str] = []
        for value in candidates:
            try:
                from_query_params({name: value})
            except FilterError as err:
                warnings.append(f"URL parameter {name!r} ignored: {err}")
                continue
            good.append(value)
        if good:
            kept[name] = good
    try:
        return from_query_params(kept), warnings
    except FilterError as err:
        # Only a combination can fail here (since after until): drop both, keep the rest of the view.
        warnings.append(f"URL parameters 'since' and 'until' ignored: {err}")
        kept.pop("since", None)
        kept.pop("until", None)
        return from_query_params(kept), warnings


def _flag(name: str, raw: list[str], warnings: list[str]) -> bool:
    value = raw[-1].strip().lower()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        warnings.append(f"URL parameter {name!r} ignored: expected 1 or 0, got {raw[-1]!r}")
    return False


def _day(name: str, raw: list[str], default: date, warnings: list[str]) -> date:
    try:
        return date.fromisoformat(raw[-1].strip())
    except ValueError:
        warnings.append(f"URL parameter {name!r} ignored: expected a date YYYY-MM-DD, got {raw[-1]!r}")
        return default


def state_from_query(params: Mapping[str, str | Sequence[str]]) -> ParsedQuery:
    """The view a URL asks for; never raises: unknown values are dropped with a warning naming the parameter.

    `params` maps each name to a string or a list of strings (repeated keys), as `st.query_params` gives them
    through `get_all`. Unknown parameter names are ignored silently (other tools add their own).

    Examples
    --------
    >>> parsed = state_from_query({"category": ["energy", "civilian"], "country": "ua"})
    >>> parsed.state.filter.categories, parsed.state.filter.countries, parsed.warnings
    (('energy', 'civilian'), ('UA',), ())
    >>> state_from_query({"category": "bogus"}).warnings[0][:32]
    "URL parameter 'category' ignored"
    """
    event_filter, warnings = _filter_from_query(params)
    state = ViewState(filter=event_filter)
    basemap = _as_list(params.get("basemap"))
    if basemap:
        if basemap[-1] in BASEMAPS:
            state = replace(state, basemap=basemap[-1])
        else:
            warnings.append(f"URL parameter 'basemap' ignored: expected one of {', '.join(BASEMAPS)}, "
                            f"got {basemap[-1]!r}")
    for name in ("heatmap", "facilities"):
        raw = _as_list(params.get(name))
        if raw:
            flag = _flag(name, raw, warnings)
            state = replace(state, heatmap=flag) if name == "heatmap" else replace(state, facilities=flag)
    start_raw, end_raw = _as_list(params.get("window_start")), _as_list(params.get("window_end"))
    start = _day("window_start", start_raw, CEASEFIRE_START, warnings) if start_raw else CEASEFIRE_START
    end = _day("window_end", end_raw, CEASEFIRE_END, warnings) if end_raw else CEASEFIRE_END
    if start <= end:
        state = replace(state, window_start=start, window_end=end)
    else:
        warnings.append(f"URL parameters 'window_start' and 'window_end' ignored: {start} is after {end}")
    return ParsedQuery(state, tuple(warnings))


def state_to_query(state: ViewState) -> dict[str, list[str]]:
    """The URL parameters of `state` (lists, for repeated keys); defaults are left out to keep links short.

    Examples
    --------
    >>> from strikes.filters import EventFilter
    >>> state_to_query(ViewState(filter=EventFilter(categories=("energy",)), heatmap=True))
    {'category': ['energy'], 'heatmap': ['1']}
    """
    params = to_query_params(state.filter)
    if state.basemap != "osm":
        params["basemap"] = [state.basemap]
    if state.heatmap:
        params["heatmap"] = ["1"]
    if state.facilities:
        params["facilities"] = ["1"]
    if (state.window_start, state.window_end) != (CEASEFIRE_START, CEASEFIRE_END):
        params["window_start"] = [state.window_start.isoformat()]
        params["window_end"] = [state.window_end.isoformat()]
    return params


def query_string(state: ViewState) -> str:
    """`state` as a query string (without the leading "?"), stable for one state: the cache key of the map.

    Examples
    --------
    >>> from strikes.filters import EventFilter
    >>> query_string(ViewState(filter=EventFilter(categories=("energy", "civilian"))))
    'category=energy&category=civilian'
    """
    return urlencode(state_to_query(state), doseq=True)
