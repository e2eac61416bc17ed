"""Server-side aggregation: many events → a few grid cells, so a million events stay interactive.

The map shows real event markers (with popups) while the view holds few enough events, and square grid cells
sized to the zoom when it holds many (see `detail_for`). A cell keeps the count of each category, so the map
never loses the energy/civilian distinction, and a cell that holds a single event carries that event's id
(`lone_id`), so the map draws it as the real marker with its popup: aggregation never hides a lone event.

Pure numpy: `np.floor` of lon/lat over the cell size → one int64 key per event → `np.unique` with
`return_inverse` → `np.bincount` per category. No Python loop runs per event (about 0.1 s at a million events,
see bench/README.md).

`zoom_levels` does this for every zoom from the fitted one on, in one pass: the events are sorted once by a
Morton (Z-order) key of the finest grid, so the cells of any coarser zoom are runs of that order (a key
prefix), and counts, category counts and centroids come from prefix sums. The page (dashboard/map.py) gets
all levels and switches them on zoom in the browser; an event that is alone in its cell (or a small stack at
one point) becomes its real marker from the first level where it is, so zooming in reaches it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
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
    return 360.0 * CELL_PIXELS / (TILE_PIXELS * (1 << level))


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
    elif isinstance(series.array, pd.arrays.ArrowStringArray):
        # The store's strings are pyarrow-backed: hash them in Arrow (12 ms for a million) rather than turning
        # them into a million Python objects first (130–280 ms). Nulls become -1 like unknown names.
        found = pc.index_in(pa.array(series.array), value_set=pa.array(CATEGORIES))
        codes = found.fill_null(-1).to_numpy(zero_copy_only=False)
    else:
        codes = pd.Index(CATEGORIES).get_indexer(pd.Index(series))
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
    taken: np.ndarray
    if isinstance(ids, pd.Series):
        taken = ids.iloc[rows].astype(object).to_numpy()
    else:
        taken = np.asarray(ids, dtype=object)[rows]
    return taken


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


# --- zoom levels: several aggregations in one page, switched by the browser on zoom ---------------------------

# The deepest zoom a level is computed for: OpenStreetMap tiles end at 19, and at 18 a cell is ~25 m.
LEVELS_MAX_ZOOM = 18
# Crowded cells (drawn as share rings, one DOM element each) of one level: Leaflet pans smoothly below this.
LEVEL_CELLS_LIMIT = 4_000
# Crowded cells of all levels together: ~30 bytes of JSON each, so at most ~1.2 MB of the page.
PAGE_CELLS_LIMIT = 40_000
# A "stack": at most this many events within STACK_EXTENT_DEG of each other (the same building, or the same
# place name geocoded to one point) never separate on the map, so they are one marker whose popup lists them.
STACK_MAX = 10
STACK_EXTENT_DEG = 0.0005  # ~55 m north–south, ~35 m east–west at 50°N


@dataclass(frozen=True)
class ZoomLevel:
    """One aggregation of the events, for zooms from `zoom` up to the next level's zoom (exclusive).

    `cells` has the columns of `grid_cells` (without `lone_id`/`lone_row`) and holds only the *crowded*
    cells at this zoom: the events not yet shown by a marker.
    """

    zoom: int
    cells: pd.DataFrame


@dataclass(frozen=True)
class ZoomLevels:
    """Every level of one page, and the markers (lone events and stacks) with the first level showing them.

    At level `i` the map shows `levels[i].cells` and every marker with `first_level <= i`; together they hold
    every event exactly once (see `shown_at`). `markers` columns: `lat`, `lon` (the event itself, or a stack's
    centroid), `count`, one count per category, `dominant_category`, `rows` (tuple of the events' positions in
    the frame the arrays were built from) and `first_level`. `complete` is True when the deepest level has no
    crowded cell left (every event is reachable as a marker); else `stop` says why the levels end there.
    """

    levels: tuple[ZoomLevel, ...]
    markers: pd.DataFrame
    n_events: int
    complete: bool
    stop: str

    def level_for_zoom(self, zoom: int) -> int:
        """The index of the level the map shows at `zoom` (the deepest one whose zoom is <= `zoom`).

        The page's script does the same on every `zoomend`; zooms above the deepest level keep it, zooms
        below the first keep the first.

        Examples
        --------
        >>> levels = zoom_levels({"lat": [50.0, 50.001], "lon": [30.0, 30.3], "category": ["energy"] * 2,
        ...                       "id": ["a", "b"]}, 5)
        >>> [levels.level_for_zoom(z) for z in (2, 5, levels.levels[-1].zoom + 3)] == [0, 0, len(levels.levels) - 1]
        True
        """
        index = 0
        for position, level in enumerate(self.levels):
            if level.zoom <= zoom:
                index = position
        return index

    def shown_at(self, index: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(crowded cells, markers) drawn at level `index`.

        Examples
        --------
        >>> levels = zoom_levels({"lat": [50.0], "lon": [30.0], "category": ["civilian"], "id": ["a"]}, 6)
        >>> cells, markers = levels.shown_at(0)
        >>> len(cells), markers["count"].tolist()
        (0, [1])
        """
        if not 0 <= index < len(self.levels):
            raise AggregateError(f"level: expected 0 to {len(self.levels) - 1}, got {index!r}")
        return self.levels[index].cells, self.markers[self.markers["first_level"] <= index]


def _spread_bits(values: np.ndarray) -> np.ndarray:
    # Morton (Z-order) interleaving: bit k of `values` moves to bit 2k. With x and y interleaved, a cell at a
    # coarser zoom is a prefix of the key, so ONE sort orders the events for every zoom at once.
    x = values.astype(np.uint64) & np.uint64(0xFFFFFFFF)
    for shift, mask in ((16, 0x0000FFFF0000FFFF), (8, 0x00FF00FF00FF00FF), (4, 0x0F0F0F0F0F0F0F0F),
                        (2, 0x3333333333333333), (1, 0x5555555555555555)):
        x = (x | (x << np.uint64(shift))) & np.uint64(mask)
    return x


def _morton_keys(arrays: EventArrays, zoom: int) -> np.ndarray:
    # |lon| / cell ≤ 180 · 2^z / 67.5 < 2^(z+2): this offset makes every index >= 0, and as a power of two it
    # keeps `key >> 2·dz` equal to the key of the same floor at zoom z - dz (cells nest: the size halves).
    cell = cell_size_for_zoom(zoom)
    offset = 1 << (zoom + 2)
    col = np.floor(arrays.lon / cell).astype(np.int64) + offset
    row = np.floor(arrays.lat / cell).astype(np.int64) + offset
    keys: np.ndarray = _spread_bits(col) | (_spread_bits(row) << np.uint64(1))
    return keys


def _cell_frame(starts: np.ndarray, ends: np.ndarray, sums: dict[str, np.ndarray], lat: np.ndarray,
                lon: np.ndarray) -> pd.DataFrame:
    # Cells from prefix sums over the sorted events: the events of a cell are sorted[start:end].
    counts = (ends - starts).astype(np.int64)
    per_category = np.stack([sums[name][ends] - sums[name][starts] for name in CATEGORIES], axis=1)
    lone = counts == 1
    cell_lat = np.where(lone, lat[starts], (sums["lat"][ends] - sums["lat"][starts]) / np.maximum(counts, 1))
    cell_lon = np.where(lone, lon[starts], (sums["lon"][ends] - sums["lon"][starts]) / np.maximum(counts, 1))
    return pd.DataFrame({
        "lat": cell_lat,
        "lon": cell_lon,
        "count": counts,
        **{name: per_category[:, index].astype(np.int64) for index, name in enumerate(CATEGORIES)},
        "dominant_category": np.asarray(CATEGORIES, dtype=object)[per_category.argmax(axis=1)]
        if len(counts) else np.empty(0, dtype=object),
    })


def zoom_levels(
    events: Any,
    first_zoom: int,
    *,
    last_zoom: int = LEVELS_MAX_ZOOM,
    level_cells: int = LEVEL_CELLS_LIMIT,
    page_cells: int = PAGE_CELLS_LIMIT,
    max_marker_events: int = POINTS_LIMIT,
) -> ZoomLevels:
    """Grid cells for each zoom from `first_zoom` on, and the markers that replace them as the reader zooms in.

    Level by level (cells of `cell_size_for_zoom(z)`, the same cells as `grid_cells`), a cell whose events
    are a *unit* — one event, or at most `STACK_MAX` events within `STACK_EXTENT_DEG` — becomes a marker from
    that level on (its popup lists its events); the other cells stay crowded. Levels stop at `last_zoom`, when
    no crowded cell is left (`complete`), when the remaining ones cannot split (all their events at one point),
    or before a level that would exceed a budget: `level_cells` crowded cells in one level, `page_cells` over
    all levels, `max_marker_events` events behind markers (each carries its popup). The first level is moved
    to a coarser zoom until it fits the budgets. Counts and category counts are conserved at every level.

    Cost: one sort of the events by Morton key, then O(n) per level (about 0.3 s for 1M events and 10
    levels, see bench/README.md).

    Examples
    --------
    >>> events = {"lat": [50.0, 50.01, 46.5], "lon": [30.0, 30.01, 30.7], "category": ["energy", "civilian",
    ...           "energy"], "id": ["a", "b", "c"]}
    >>> levels = zoom_levels(events, 6)
    >>> [(level.zoom, level.cells["count"].tolist()) for level in levels.levels]
    [(6, [2]), (7, [2]), (8, [2]), (9, [2]), (10, [2]), (11, [2]), (12, [])]
    >>> levels.complete, sorted(levels.markers["first_level"].tolist())
    (True, [0, 6, 6])
    """
    for name, zoom in (("first_zoom", first_zoom), ("last_zoom", last_zoom)):
        if isinstance(zoom, bool) or not isinstance(zoom, (int, np.integer)) or not MIN_ZOOM <= zoom <= MAX_ZOOM:
            raise AggregateError(f"{name}: expected a whole number from {MIN_ZOOM} to {MAX_ZOOM}, got {zoom!r}")
    if first_zoom > last_zoom:
        raise AggregateError(f"first_zoom: expected at most last_zoom {last_zoom}, got {first_zoom}")
    arrays = event_arrays(events)
    n = len(arrays)
    keys = _morton_keys(arrays, last_zoom)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    lat, lon, category = arrays.lat[order], arrays.lon[order], arrays.category[order]
    source_rows = order if arrays.rows is None else arrays.rows[order]

    def prefix(values: np.ndarray) -> np.ndarray:
        out = np.zeros(n + 1, dtype=values.dtype if values.dtype.kind == "f" else np.int64)
        np.cumsum(values, out=out[1:])
        return out

    sums = {"lat": prefix(lat), "lon": prefix(lon)}
    for index, name in enumerate(CATEGORIES):
        sums[name] = prefix((category == index).astype(np.int64))

    def cells_at(zoom: int) -> tuple[np.ndarray, np.ndarray]:
        coarse = keys >> np.uint64(2 * (last_zoom - zoom))
        starts = np.flatnonzero(np.concatenate(([True], coarse[1:] != coarse[:-1]))) if n else np.empty(0, int)
        ends = np.append(starts[1:], n).astype(np.int64)
        return starts.astype(np.int64), ends

    def extent(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
        if not len(starts):
            return np.empty(0)
        return np.maximum.reduceat(values, starts) - np.minimum.reduceat(values, starts)

    assigned = np.zeros(n, dtype=bool)  # in sorted order: the event is already behind a marker
    levels: list[ZoomLevel] = []
    marker_parts: list[tuple[np.ndarray, np.ndarray, int]] = []
    marker_events = total_cells = 0
    zoom, complete, stop = first_zoom, n == 0, "no events" if n == 0 else ""
    while n and zoom <= last_zoom:
        starts, ends = cells_at(zoom)
        open_cells = ~assigned[starts]  # a cell is wholly behind markers or wholly not (markers nest)
        counts = ends - starts
        spread_lat, spread_lon = extent(lat, starts), extent(lon, starts)
        unit = open_cells & ((counts == 1) | (
            (counts <= STACK_MAX) & (spread_lat <= STACK_EXTENT_DEG) & (spread_lon <= STACK_EXTENT_DEG)))
        crowded = open_cells & ~unit
        n_crowded = int(crowded.sum())
        new_marker_events = int(counts[unit].sum())
        over = (n_crowded > level_cells or total_cells + n_crowded > page_cells
                or marker_events + new_marker_events > max_marker_events)
        if over and levels:
            stop = (f"zoom {zoom} would need {n_crowded:,} cells and {marker_events + new_marker_events:,} events "
                    f"behind markers: over the page's budget")
            break
        if over and zoom > MIN_ZOOM:
            zoom -= 1  # the first level does not fit: start coarser
            continue
        level_index = len(levels)
        levels.append(ZoomLevel(zoom=zoom, cells=_cell_frame(starts[crowded], ends[crowded], sums, lat, lon)))
        if unit.any():
            marker_parts.append((starts[unit], ends[unit], level_index))
            assigned[np.repeat(unit, counts)] = True
        marker_events += new_marker_events
        total_cells += n_crowded
        if n_crowded == 0:
            complete, stop = True, "every event is a marker"
            break
        if ((spread_lat[crowded] == 0) & (spread_lon[crowded] == 0)).all():
            stop = "the remaining cells hold more than STACK_MAX events at one point each"
            break
        zoom += 1
    else:
        if n:
            stop = f"last zoom {last_zoom} reached"
    markers = _marker_frame(marker_parts, sums, lat, lon, source_rows)
    return ZoomLevels(levels=tuple(levels), markers=markers, n_events=n, complete=complete, stop=stop)


def _marker_frame(parts: list[tuple[np.ndarray, np.ndarray, int]], sums: dict[str, np.ndarray], lat: np.ndarray,
                  lon: np.ndarray, source_rows: np.ndarray) -> pd.DataFrame:
    if not parts:
        frame = _cell_frame(np.empty(0, np.int64), np.empty(0, np.int64), sums, lat, lon)
        frame["rows"] = np.empty(0, dtype=object)
        frame["first_level"] = np.empty(0, np.int64)
        return frame
    starts = np.concatenate([part[0] for part in parts])
    ends = np.concatenate([part[1] for part in parts])
    frame = _cell_frame(starts, ends, sums, lat, lon)
    rows = np.empty(len(starts), dtype=object)
    rows[:] = [tuple(int(row) for row in source_rows[start:end]) for start, end in zip(starts, ends, strict=True)]
    frame["rows"] = rows
    frame["first_level"] = np.concatenate([np.full(len(part[0]), part[2], np.int64) for part in parts])
    return frame
