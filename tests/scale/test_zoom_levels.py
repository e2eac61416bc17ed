"""Zoom levels of strikes.aggregate: every level holds every event once, markers appear as cells split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strikes.aggregate import (
    LEVELS_MAX_ZOOM,
    POINTS_LIMIT,
    STACK_EXTENT_DEG,
    STACK_MAX,
    AggregateError,
    ZoomLevels,
    category_codes,
    cell_size_for_zoom,
    event_arrays,
    grid_cells,
    zoom_levels,
)
from strikes.errors import StrikesError
from strikes.taxonomy import CATEGORIES


def _events(lats, lons, categories=None, ids=None) -> dict[str, list]:
    categories = categories if categories is not None else ["civilian"] * len(lats)
    ids = ids if ids is not None else [f"e{i}" for i in range(len(lats))]
    return {"lat": list(lats), "lon": list(lons), "category": list(categories), "id": list(ids)}


def _clustered(n: int, seed: int, centres=((48.5, 37.5), (46.9, 32.0), (51.0, 36.0)), spread=0.02) -> dict:
    """`n` events around a few centres (like strikes around towns), random categories."""
    rng = np.random.default_rng(seed)
    where = rng.integers(0, len(centres), n)
    centre = np.asarray(centres)[where]
    return {
        "lat": centre[:, 0] + rng.normal(0, spread, n),
        "lon": centre[:, 1] + rng.normal(0, spread * 1.5, n),
        "category": np.asarray(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), n)],
        "id": np.asarray([f"c{seed}-{i}" for i in range(n)], dtype=object),
    }


def _uniform(n: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "lat": rng.uniform(-60, 70, n),
        "lon": rng.uniform(-179.9, 179.9, n),
        "category": np.asarray(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), n)],
        "id": np.asarray([f"u{seed}-{i}" for i in range(n)], dtype=object),
    }


def _marker_rows(levels: ZoomLevels, index: int) -> list[int]:
    _, markers = levels.shown_at(index)
    return [row for rows in markers["rows"] for row in rows]


# --- conservation at every level ------------------------------------------------------------------------------

CASES = [
    ("clustered 50", lambda: _clustered(50, 1), 6),
    ("clustered 3000", lambda: _clustered(3_000, 2), 6),
    ("clustered 20000", lambda: _clustered(20_000, 3), 5),
    ("uniform 4000", lambda: _uniform(4_000, 4), 2),
    ("two towns",
     lambda: _events([50.45, 50.4501, 46.48], [30.52, 30.5202, 30.74], ["energy", "civilian", "other"]), 8),
]


@pytest.mark.parametrize("name, make, first_zoom", CASES, ids=[case[0] for case in CASES])
def test_every_level_shows_every_event_once_with_its_category(name, make, first_zoom):
    events = make()
    n = len(events["lat"])
    expected = pd.Series(events["category"]).value_counts()
    levels = zoom_levels(events, first_zoom)
    assert levels.n_events == n and levels.levels
    for index in range(len(levels.levels)):
        cells, markers = levels.shown_at(index)
        assert int(cells["count"].sum() + markers["count"].sum()) == n, (name, index)
        for category in CATEGORIES:
            shown = int(cells[category].sum() + markers[category].sum())
            assert shown == int(expected.get(category, 0)), (name, index, category)
        assert (cells[list(CATEGORIES)].sum(axis=1) == cells["count"]).all()
        assert (cells["count"] >= 2).all()  # a lone event is never a cell
        rows = _marker_rows(levels, index)
        assert len(rows) == len(set(rows)) == int(markers["count"].sum())


@pytest.mark.parametrize("name, make, first_zoom", CASES, ids=[case[0] for case in CASES])
def test_level_cells_are_the_grid_cells_of_their_zoom_minus_the_markers(name, make, first_zoom):
    events = make()
    levels = zoom_levels(events, first_zoom)
    for index, level in enumerate(levels.levels):
        behind_markers = np.zeros(len(events["lat"]), dtype=bool)
        behind_markers[_marker_rows(levels, index)] = True
        arrays = event_arrays(events).select(~behind_markers)
        reference = grid_cells(arrays, cell_size_for_zoom(level.zoom))
        reference = reference[reference["count"] > 1]
        key = ["count", *CATEGORIES]
        got = level.cells.sort_values(["lat", "lon"])[key].to_numpy()
        want = reference.sort_values(["lat", "lon"])[key].to_numpy()
        assert got.tolist() == want.tolist(), (name, level.zoom)
        assert np.allclose(np.sort(level.cells["lat"]), np.sort(reference["lat"]), atol=1e-9)


def test_levels_are_consecutive_zooms_from_the_first():
    levels = zoom_levels(_clustered(3_000, 5), 6)
    zooms = [level.zoom for level in levels.levels]
    assert zooms[0] == 6 and zooms == list(range(6, 6 + len(zooms)))
    assert zooms[-1] <= LEVELS_MAX_ZOOM


def test_markers_only_accumulate_as_the_reader_zooms_in():
    levels = zoom_levels(_clustered(3_000, 6), 6)
    previous: set[int] = set()
    for index in range(len(levels.levels)):
        rows = set(_marker_rows(levels, index))
        assert previous <= rows
        previous = rows
    counts = [len(levels.shown_at(i)[0]) for i in range(len(levels.levels))]
    assert counts[-1] >= 1  # 3,000 clustered events do not all fit behind markers (POINTS_LIMIT)


# --- lone events ---------------------------------------------------------------------------------------------------


def test_a_lone_event_inside_a_crowded_cell_becomes_its_marker_when_zoomed_in():
    crowd = _clustered(400, 7, centres=((48.8, 37.8),), spread=0.002)
    events = {key: list(values) for key, values in crowd.items()}
    events["lat"].append(48.83)  # ~5 km from the crowd: the same cell at zoom 6, its own cell from zoom ~11
    events["lon"].append(37.86)
    events["category"].append("energy")
    events["id"].append("hidden")
    levels = zoom_levels(events, 6)
    hidden = levels.markers[levels.markers["rows"].apply(lambda rows: 400 in rows)]
    assert len(hidden) == 1
    marker = hidden.iloc[0]
    assert marker["rows"] == (400,) and marker["count"] == 1 and marker["dominant_category"] == "energy"
    assert (marker["lat"], marker["lon"]) == (48.83, 37.86)  # exactly on the event, not a centroid
    assert marker["first_level"] > 0  # hidden inside a cell at the fitted zoom…
    first_cells, first_markers = levels.shown_at(0)
    assert len(first_markers) == 0 and first_cells["count"].tolist() == [401]
    deepest = len(levels.levels) - 1
    assert 400 in _marker_rows(levels, deepest)  # …and its own marker at the deepest level


def test_small_sets_are_complete_every_event_its_own_marker_at_the_deepest_level():
    events = _clustered(300, 8, spread=0.05)
    levels = zoom_levels(events, 6)
    assert levels.complete and levels.stop == "every event is a marker"
    cells, markers = levels.shown_at(len(levels.levels) - 1)
    assert len(cells) == 0
    assert sorted(_marker_rows(levels, len(levels.levels) - 1)) == list(range(300))


def test_marker_rows_refer_to_the_original_frame_after_select():
    events = _events([50.0, 10.0, 46.0], [30.0, 10.0, 31.0], ["energy", "civilian", "military"], ["a", "b", "c"])
    arrays = event_arrays(events).select(np.array([True, False, True]))
    levels = zoom_levels(arrays, 4)
    assert sorted(row for rows in levels.markers["rows"] for row in rows) == [0, 2]


# --- stacks: events at one point ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 5, STACK_MAX])
def test_a_few_events_at_one_point_are_one_stack_marker_listing_them(n):
    events = _events([49.99] * n + [46.0], [36.23] * n + [30.0], ["energy"] * (n - 1) + ["civilian", "other"])
    levels = zoom_levels(events, 6)
    assert levels.complete
    stacks = levels.markers[levels.markers["count"] > 1]
    assert len(stacks) == 1
    stack = stacks.iloc[0]
    assert stack["rows"] == tuple(range(n)) and stack["energy"] == n - 1 and stack["civilian"] == 1


def test_events_a_few_metres_apart_stack_but_a_kilometre_apart_do_not():
    near = _events([50.0, 50.0 + STACK_EXTENT_DEG / 2], [30.0, 30.0 + STACK_EXTENT_DEG / 2])
    far = _events([50.0, 50.01], [30.0, 30.01])
    assert zoom_levels(near, 6).markers["count"].tolist() == [2]
    assert sorted(zoom_levels(far, 6).markers["count"].tolist()) == [1, 1]


def test_more_than_stack_max_at_one_point_stays_a_cell_and_the_levels_stop():
    n = STACK_MAX + 1
    levels = zoom_levels(_events([49.99] * n, [36.23] * n), 6)
    assert not levels.complete and "one point" in levels.stop
    assert len(levels.levels) == 1  # deeper zooms could not split it: no level is repeated
    assert levels.levels[0].cells["count"].tolist() == [n]


# --- budgets ---------------------------------------------------------------------------------------------------------


def test_levels_stop_before_the_marker_budget():
    levels = zoom_levels(_uniform(6_000, 9), 2, max_marker_events=500)
    assert int(levels.markers["count"].sum()) <= 500
    assert not levels.complete and "budget" in levels.stop


@pytest.mark.parametrize("level_cells, page_cells", [(50, 10_000), (10_000, 120), (300, 300)])
def test_levels_stop_before_a_cell_budget(level_cells, page_cells):
    levels = zoom_levels(_uniform(20_000, 10), 3, level_cells=level_cells, page_cells=page_cells)
    sizes = [len(level.cells) for level in levels.levels]
    assert max(sizes) <= level_cells and sum(sizes) <= page_cells


def test_an_over_budget_first_level_starts_coarser():
    levels = zoom_levels(_uniform(20_000, 11), 8, level_cells=200)
    assert levels.levels[0].zoom < 8
    assert len(levels.levels[0].cells) <= 200


def test_default_marker_budget_is_the_points_limit():
    levels = zoom_levels(_uniform(30_000, 12), 3)
    assert int(levels.markers["count"].sum()) <= POINTS_LIMIT


# --- which level at which zoom ----------------------------------------------------------------------------------------


def test_level_for_zoom_clamps_below_the_first_and_above_the_last():
    levels = zoom_levels(_clustered(3_000, 13), 6)
    last = len(levels.levels) - 1
    assert levels.level_for_zoom(0) == 0 and levels.level_for_zoom(6) == 0
    assert levels.level_for_zoom(7) == 1
    assert levels.level_for_zoom(levels.levels[-1].zoom + 5) == last


@pytest.mark.parametrize("index", [-1, 99])
def test_shown_at_rejects_a_level_that_does_not_exist(index):
    with pytest.raises(AggregateError, match="level: expected 0 to"):
        zoom_levels(_clustered(50, 14), 6).shown_at(index)


# --- edges and invalid input ------------------------------------------------------------------------------------------


def test_no_events_no_levels():
    levels = zoom_levels(_events([], []), 6)
    assert levels.levels == () and levels.complete and len(levels.markers) == 0


@pytest.mark.parametrize("lat, lon", [(-0.5, -0.5), (0.5, 0.5), (-33.9, 151.2), (64.1, -21.9), (-89.9, 179.8)])
def test_negative_and_extreme_coordinates_match_grid_cells(lat, lon):
    events = _events([lat, lat + 0.1, 50.0], [lon, lon + 0.1, 30.0])
    levels = zoom_levels(events, 0, last_zoom=3)
    for index, level in enumerate(levels.levels):
        cells, markers = levels.shown_at(index)
        reference = grid_cells(events, cell_size_for_zoom(level.zoom))
        assert sorted(cells["count"].tolist() + markers["count"].tolist()) == sorted(reference["count"].tolist())


@pytest.mark.parametrize("zoom", [-1, 21, 6.0, True, "6", None])
def test_bad_first_zoom_is_rejected(zoom):
    with pytest.raises(AggregateError, match="first_zoom: expected a whole number from 0 to 20"):
        zoom_levels(_events([50.0], [30.0]), zoom)


def test_first_zoom_after_last_zoom_is_rejected():
    with pytest.raises(AggregateError, match="first_zoom: expected at most last_zoom 8, got 9"):
        zoom_levels(_events([50.0], [30.0]), 9, last_zoom=8)


def test_a_bad_category_names_its_row():
    with pytest.raises(StrikesError, match=r"row 1, field 'category'.*got 'power'"):
        zoom_levels(_events([50.0, 50.1], [30.0, 30.1], ["energy", "power"]), 6)


@pytest.mark.parametrize("values, expected", [(["energy", "other"], [0, 3]), (["military"], [2])])
def test_category_codes_from_arrow_strings(values, expected):
    series = pd.Series(values, dtype="str")
    assert category_codes(series).tolist() == expected


@pytest.mark.parametrize("values, row", [(["energy", None], 1), (["Energy"], 0), (["civilian", "", "x"], 1)])
def test_category_codes_from_arrow_strings_reject_unknown_and_missing(values, row):
    with pytest.raises(AggregateError, match=f"row {row}, field 'category'"):
        category_codes(pd.Series(values, dtype="str"))
