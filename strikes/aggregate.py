"""Server-side aggregation: many events → a few grid cells, so a million events stay interactive.

The map shows real event markers (with popups) while the view holds few enough events, and square grid cells
sized to the zoom when it holds many (see `detail_for`). A cell keeps the count of each category, so the map
never loses the energy/civilian distinction, and a cell that holds a single event carries that event's id
(`lone_id`), so the map draws it as the real marker with its popup: aggregation never hides a lone event.

Pure numpy: `np.floor` of lon/lat over the cell size → one int64 key per event → `np.unique` with
`return_inverse` → `np.bincount` per category. No Python loop runs per event (about 0.1 s at a million events,
see bench/README.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import shapely

from strikes.errors import StrikesError
from strikes.taxonomy import CATEGORIES

# A cell is about this many screen pixels wide at the zoom it was sized for: big enough to read a count in,
# small enough that Ukraine at zoom 6 still shows its front line and its cities apart.
CELL_PIXELS = 48
TILE_PIXELS = 256  # Leaflet's tile size: at zoom z the world (360°) is 256 · 2^z pixels wide.
MIN_ZOOM = 0
MAX_ZOOM = 20
# More markers than this make Leaflet (and the HTML sent to the browser) slow: folium writes about 1 kB of
# HTML+JS per marker with popup, so 2,000 points stay under ~2 MB and paint in well under a second.
POINTS_LIMIT = 2_000
# The smallest cell: with it, a cell's column stays below 2**30 and row and column fit one int64 key.
MIN_CELL_DEG = 1e-6

CELL_COLUMNS: tuple[str, ...] = (
    "lat", "lon", "count", *CATEGORIES, "dominant_category", "lone_id", "lone_row",
)

Detail = Literal["points", "cells"]


class AggregateError(StrikesError, ValueError):
    """Events or parameters that cannot be aggregated (the message names the row and field)."""


@dataclass(frozen=True)
class EventArrays:
    """The columns aggregation needs, as numpy arrays of one length.

    `category` holds codes into `strikes.taxonomy.CATEGORIES` (0 = energy, …); `ids` may be any sequence
    indexable by an integer array (a numpy array or a pandas Series), read only for lone events.
    """

    lat: np.ndarray
    lon: np.ndarray
    category: np.ndarray
    ids: Any
    # Positions in the frame the arrays were built from, after `select` (None: all rows, in order).
    rows: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.lat)

    def select(self, mask: np.ndarray) -> EventArrays:
        """The events where `mask` is True (a boolean array, e.g. `strikes.filters.filter_mask`).

        Cheaper than filtering the whole frame: only three numeric arrays are copied, and `lone_id` /
        `lone_row` of `grid_cells` still refer to the original frame.

        Examples
        --------
        >>> arrays = event_arrays({"lat": [50.4, 46.5], "lon": [30.5, 30.7], "category": ["energy", "other"],
        ...                        "id": ["a", "b"]})
        >>> grid_cells(arrays.select(np.array([False, True])), 1.0)[["lone_id", "lone_row"]].values.tolist()
        [['b', 1]]
        """
        mask = np.asarray(mask)
        if mask.dtype != bool or mask.shape != self.lat.shape:
            raise AggregateError(
                f"mask: expected {len(self)} booleans, got {mask.shape[0] if mask.ndim else 0} of {mask.dtype}"
            )
        positions = np.flatnonzero(mask)
        return EventArrays(
            lat=self.lat[positions],
            lon=self.lon[positions],
            category=self.category[positions],
            ids=self.ids,
            rows=positions if self.rows is None else self.rows[positions],
        )


def cell_size_for_zoom(zoom: int) -> float:
    """The side of a grid cell in degrees at map zoom `zoom` (about `CELL_PIXELS` on screen).

    Halves with each zoom step, so cells never grow as the reader zooms in. Zooms outside 0–20 are clamped.

    Examples
    --------
    >>> cell_size_for_zoom(0)
    67.5
    >>> cell_size_for_zoom(6) == cell_size_for_zoom(5) / 2
    True
    """
    if isinstance(zoom, bool) or not isinstance(zoom, (int, np.integer, float)) or not math.isfinite(zoom):
        raise AggregateError(f"zoom: expected a whole number from {MIN_ZOOM} to {MAX_ZOOM}, got {zoom!r}")
    level = min(max(int(zoom), MIN_ZOOM), MAX_ZOOM)
    return 360.0 * CELL_PIXELS / (TILE_PIXELS * 2**level)


def detail_for(n_events: int, zoom: int, max_points: int = POINTS_LIMIT) -> Detail:
    """"points" when `n_events` in view are few enough to draw one marker each, else "cells".

    `zoom` is checked like in `cell_size_for_zoom`; the decision itself depends on the count only, because a
    lone event always renders as its own marker inside the cells view (`lone_id`), at every zoom.

    Examples
    --------
    >>> detail_for(150, zoom=6)
    'points'
    >>> detail_for(1_000_000, zoom=12)
    'cells'
    """
    cell_size_for_zoom(zoom)  # validates zoom
    if isinstance(n_events, bool) or not isinstance(n_events, (int, np.integer)) or n_events < 0:
        raise AggregateError(f"n_events: expected a whole number >= 0, got {n_events!r}")
    return "points" if n_events <= max_points else "cells"


def event_arrays(events: Any) -> EventArrays:
    """The lat, lon, category codes and ids of `events` as numpy arrays (see `grid_cells` for the inputs).

    Examples
    --------
    >>> arrays = event_arrays({"lat": [50.4], "lon": [30.5], "category": ["energy"], "id": ["ev-1"]})
    >>> arrays.category.tolist()
    [0]
    """
    if isinstance(events, EventArrays):
        return events
    if isinstance(events, pd.DataFrame):
        if "geometry" in events.columns and not {"lat", "lon"} <= set(events.columns):
            geometry = np.asarray(events["geometry"].array)
            lon = shapely.get_x(geometry)
            lat = shapely.get_y(geometry)
        else:
            lon, lat = events["lon"].to_numpy(), events["lat"].to_numpy()
        return _checked(lat, lon, events["category"], events["id"])
    if isinstance(events, Mapping):
        missing = [name for name in ("lat", "lon", "category", "id") if name not in events]
        if missing:
            raise AggregateError(f"events, field {missing[0]!r}: expected an array, got none")
        return _checked(events["lat"], events["lon"], events["category"], np.asarray(events["id"], dtype=object))
    raise AggregateError(
        f"events: expected a GeoDataFrame, a DataFrame with lat/lon, a mapping of arrays or EventArrays, "
        f"got {type(events).__name__}"
    )


def category_codes(values: Any) -> np.ndarray:
    """Codes of category names into `CATEGORIES` (int8); AggregateError naming the first unknown row.

    Examples
    --------
    >>> category_codes(["military", "energy"]).tolist()
    [2, 0]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object))
    if isinstance(series.dtype, pd.CategoricalDtype) and tuple(series.cat.categories) == CATEGORIES:
        codes = series.cat.codes.to_numpy()
    else:
        codes = pd.Index(CATEGORIES).get_indexer(series)  # hashing: about 30 ms for a million strings
    bad = np.flatnonzero(codes < 0)
    if bad.size:
        row = int(bad[0])
        raise AggregateError(
            f"events, row {row}, field 'category': expected one of {', '.join(CATEGORIES)}, "
            f"got {series.iloc[row]!r}"
        )
    return codes.astype(np.int8, copy=False)


def _checked(lat: Any, lon: Any, category: Any, ids: Any) -> EventArrays:
    lat = np.asarray(lat, dtype=np.float64)
    lon = np.asarray(lon, dtype=np.float64)
    if not len(lat) == len(lon) == len(category) == len(ids):
        raise AggregateError(
            f"events: expected lat, lon, category and id of one length, got {len(lat)}, {len(lon)}, "
            f"{len(category)}, {len(ids)}"
        )
    for name, values, limit in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        bad = np.flatnonzero(~np.isfinite(values) | (np.abs(values) > limit))
        if bad.size:
            row = int(bad[0])
            raise AggregateError(
                f"events, row {row}, field {name!r}: expected a number from {-limit:g} to {limit:g}, "
                f"got {values[row]!r}"
            )
    return EventArrays(lat=lat, lon=lon, category=category_codes(category), ids=ids)


def _take_ids(ids: Any, rows: np.ndarray) -> np.ndarray:
    if isinstance(ids, pd.Series):
        return ids.iloc[rows].astype(object).to_numpy()
    return np.asarray(ids, dtype=object)[rows]


def empty_cells() -> pd.DataFrame:
    """A cells frame with every column and no row."""
    return pd.DataFrame({
        "lat": np.empty(0, np.float64),
        "lon": np.empty(0, np.float64),
        "count": np.empty(0, np.int64),
        **{name: np.empty(0, np.int64) for name in CATEGORIES},
        "dominant_category": np.empty(0, dtype=object),
        "lone_id": np.empty(0, dtype=object),
        "lone_row": np.empty(0, np.int64),
    })


def grid_cells(events: Any, cell_deg: float) -> pd.DataFrame:
    """Events binned into square cells of `cell_deg` degrees: one row per non-empty cell.

    `events` is a store GeoDataFrame (points in `geometry`), a DataFrame with `lat`/`lon` columns, a mapping
    of arrays `lat`, `lon`, `category`, `id`, or `EventArrays`; each needs `category` and `id`.

    Columns: `lat`, `lon` (the mean position of the cell's events, so a lone event's cell sits exactly on the
    event), `count`, one count per category (`energy`, `civilian`, `military`, `other`: they add up to
    `count`), `dominant_category` (the largest; ties go to the first in `CATEGORIES`), `lone_id` (the event's
    id when `count == 1`, else "") and `lone_row` (that event's position in `events`, or in the frame `EventArrays`
    were built from, else -1), so the map can
    draw a lone cell as the real marker with its popup. Rows are in cell order (south to north, west to east).

    Examples
    --------
    >>> cells = grid_cells({"lat": [50.45, 50.46, 46.48], "lon": [30.52, 30.53, 30.74],
    ...                     "category": ["energy", "civilian", "energy"], "id": ["a", "b", "c"]}, 1.0)
    >>> cells[["count", "energy", "civilian", "lone_id"]].values.tolist()
    [[1, 1, 0, 'c'], [2, 1, 1, '']]
    """
    if isinstance(cell_deg, bool) or not isinstance(cell_deg, (int, float, np.floating)) or not (
        math.isfinite(cell_deg) and MIN_CELL_DEG <= cell_deg <= 360
    ):
        raise AggregateError(f"cell_deg: expected a number of degrees from {MIN_CELL_DEG:g} to 360, got {cell_deg!r}")
    arrays = event_arrays(events)
    if len(arrays) == 0:
        return empty_cells()
    # Cells are aligned on 0°, 0° (borders at multiples of cell_deg, the same at every extent), and floor (not
    # truncation) keeps -0.5° and +0.5° apart; the offset only makes every index >= 0 for the combined key.
    offset = int(math.ceil(180.0 / cell_deg)) + 1
    col = np.floor(arrays.lon / cell_deg).astype(np.int64) + offset
    row = np.floor(arrays.lat / cell_deg).astype(np.int64) + offset
    keys = row * (1 << 30) + col
    _, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
    n_cells = len(counts)
    per_category = np.bincount(
        inverse * len(CATEGORIES) + arrays.category, minlength=n_cells * len(CATEGORIES)
    ).reshape(n_cells, len(CATEGORIES))
    lone = counts == 1
    source_rows = first if arrays.rows is None else arrays.rows[first]
    lone_rows = np.where(lone, source_rows, -1)
    lone_ids = np.full(n_cells, "", dtype=object)
    lone_ids[lone] = _take_ids(arrays.ids, source_rows[lone])
    lat = np.bincount(inverse, weights=arrays.lat, minlength=n_cells) / counts
    lon = np.bincount(inverse, weights=arrays.lon, minlength=n_cells) / counts
    # A sum of one value divided by one is that value, but keep lone cells bit-exact on their event anyway.
    lat[lone] = arrays.lat[first[lone]]
    lon[lone] = arrays.lon[first[lone]]
    return pd.DataFrame({
        "lat": lat,
        "lon": lon,
        "count": counts.astype(np.int64),
        **{name: per_category[:, index].astype(np.int64) for index, name in enumerate(CATEGORIES)},
        "dominant_category": np.asarray(CATEGORIES, dtype=object)[per_category.argmax(axis=1)],
        "lone_id": lone_ids,
        "lone_row": lone_rows.astype(np.int64),
    })


def in_view(events: Any, south: float, west: float, north: float, east: float) -> np.ndarray:
    """A boolean mask: which events lie inside the bounds the map reports back (edges included).

    Examples
    --------
    >>> in_view({"lat": [50.4, 10.0], "lon": [30.5, 30.5], "category": ["energy"] * 2, "id": ["a", "b"]},
    ...         44, 22, 53, 41).tolist()
    [True, False]
    """
    arrays = event_arrays(events)
    if not south <= north:
        raise AggregateError(f"bounds: expected south <= north, got south {south!r}, north {north!r}")
    lat_ok = (arrays.lat >= south) & (arrays.lat <= north)
    if west <= east:
        return lat_ok & (arrays.lon >= west) & (arrays.lon <= east)
    # A view across the antimeridian (west > east): Leaflet reports it so after panning eastward past 180°.
    return lat_ok & ((arrays.lon >= west) | (arrays.lon <= east))
