"""Streamlit caches around the pure functions, keyed so that a rerun that changes nothing costs nothing.

The store is keyed by its path and version (modification time and size): saving accepted events changes the
version, so every cached frame and map of the old store is simply not hit again. The map HTML is keyed by
the view's query string (the whole filter + map state) and the store version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import geopandas as gpd
import numpy as np
import streamlit as st

from dashboard.state import ViewState, query_string
from dashboard.summary import in_window
from dashboard.timeline import timeline_chart
from strikes.filters import filter_mask
from strikes.store import load_events

StoreVersion = tuple[int, int]


def store_version(path: Path) -> StoreVersion:
    """(mtime in ns, size in bytes) of the store; (0, 0) when it does not exist yet (an empty store).

    Examples
    --------
    >>> store_version(Path("/nonexistent/events.geojson"))
    (0, 0)
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


# Frames are cached as shared objects (cache_resource), not copies: unpickling 100k rows on every rerun would
# cost more than the page itself. Nothing in the page mutates them (filters and views build new frames).
@st.cache_resource(show_spinner="Loading the store…", max_entries=4)
def load_frame(path: str, version: StoreVersion) -> gpd.GeoDataFrame:
    """The store at `path` as it was at `version` (the version is only the cache key)."""
    del version
    return load_events(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def store_countries(path: str, version: StoreVersion) -> list[str]:
    """The country codes present in the store, sorted (the options of the country filter)."""
    return sorted(code for code in load_frame(path, version)["country"].unique() if code)


@st.cache_resource(show_spinner=False, max_entries=32)
def filter_rows(path: str, version: StoreVersion, key: str, _state: ViewState) -> np.ndarray:
    """Positions of the store rows passing the view's filter; `key` (`filter_key(state)`) is the cache key.

    32 filters stay cheap to revisit: positions cost at most 8 MB at a million events, a frame 100–400 MB.
    """
    del key
    return np.flatnonzero(filter_mask(load_frame(path, version), _state.filter))


# Only the current and the previous filtered frames are kept (a 1M store's frame is a copy of 100–400 MB);
# an older filter is rebuilt from its cached row positions (`filter_rows`) in about 0.2 s at 1M.
@st.cache_resource(show_spinner=False, max_entries=2)
def filtered_frame(path: str, version: StoreVersion, key: str, _state: ViewState) -> gpd.GeoDataFrame:
    """The events of the store passing the view's filter; `key` (`filter_key(state)`) is the cache key."""
    frame = load_frame(path, version)
    if _state.filter.is_empty:
        return frame  # the store itself, no copy (as `apply_filter` does)
    return frame.iloc[filter_rows(path, version, key, _state)]


@st.cache_resource(show_spinner=False, max_entries=32)
def energy_in_window(path: str, version: StoreVersion, key: str, _state: ViewState) -> int:
    """How many energy events of the view fall inside its ceasefire window; `key` is `view_key(state)`."""
    del key
    frame = filtered_frame(path, version, filter_key(_state), _state)
    return len(in_window(frame, _state.window_start, _state.window_end))


@st.cache_resource(show_spinner=False, max_entries=32)
def timeline(
    path: str, version: StoreVersion, key: str, _state: ViewState
) -> alt.LayerChart | alt.FacetChart | alt.Chart:
    """The timeline chart of the view (events per day by category, its window shaded); `key` as above."""
    del key
    frame = filtered_frame(path, version, filter_key(_state), _state)
    return timeline_chart(frame, (_state.window_start, _state.window_end))


@st.cache_data(show_spinner="Drawing the map…", max_entries=32)
def map_html(path: str, version: StoreVersion, query: str, _state: ViewState) -> str:
    """The full map page (local asset URLs only) for the view; built once per (view, store version)."""
    import dashboard.map as strike_map  # the MAP engineer's pure builder; no streamlit inside

    frame = filtered_frame(path, version, filter_key(_state), _state)
    built = strike_map.build_map(frame, basemap=_state.basemap, heatmap=_state.heatmap,
                                 facilities=_state.facilities)
    return strike_map.map_html(built)


@st.cache_resource(show_spinner="Loading the gazetteer…")
def geocoder() -> Any:
    """The offline geocoder, loaded once per server process (its index is shared by every session)."""
    import geocoding

    return geocoding.default_geocoder()


def state_key(state: ViewState) -> str:
    """The cache key of a view: its query string (the same for the same state).

    Examples
    --------
    >>> state_key(ViewState(heatmap=True))
    'heatmap=1'
    """
    return query_string(state)


def filter_key(state: ViewState) -> str:
    """The cache key of the view's filter alone (map options do not change which events pass).

    Examples
    --------
    >>> from strikes.filters import EventFilter
    >>> filter_key(ViewState(heatmap=True)), filter_key(ViewState(filter=EventFilter(countries=("UA",))))
    ('', 'country=UA')
    """
    return query_string(ViewState(filter=state.filter))

