"""Aggregation logic of strikes.aggregate: counts and categories conserved, lone events keep their id."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from strikes.aggregate import (
    CELL_COLUMNS,
    MAX_ZOOM,
    MIN_CELL_DEG,
    MIN_ZOOM,
    POINTS_LIMIT,
    AggregateError,
    EventArrays,
    cell_size_for_zoom,
    detail_for,
    event_arrays,
    grid_cells,
    in_view,
)
from strikes.errors import StrikesError
from strikes.model import Event
from strikes.store import events_to_frame
from strikes.taxonomy import CATEGORIES, SUBTYPES


def _events(lats, lons, categories, ids=None) -> dict[str, list]:
    ids = ids if ids is not None else [f"e{i}" for i in range(len(lats))]
    return {"lat": list(lats), "lon": list(lons), "category": list(categories), "id": list(ids)}


def _random_events(n: int, seed: int, lat=(44.0, 56.0), lon=(22.0, 48.0)) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "lat": rng.uniform(*lat, n),
        "lon": rng.uniform(*lon, n),
        "category": np.asarray(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), n)],
        "id": np.asarray([f"r{seed}-{i}" for i in range(n)], dtype=object),
    }


# --- conservation -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 7, 300, 5_000])
@pytest.mark.parametrize("zoom", [0, 4, 6, 9, 14])
def test_counts_and_categories_are_conserved(n, zoom):
    events = _random_events(n, seed=n + zoom)
    cells = grid_cells(events, cell_size_for_zoom(zoom))
    assert cells["count"].sum() == n
    expected = pd.Series(events["category"]).value_counts()
    for name in CATEGORIES:
        assert cells[name].sum() == expected.get(name, 0)
    assert (cells[list(CATEGORIES)].sum(axis=1) == cells["count"]).all()
    assert (cells["count"] >= 1).all()


@pytest.mark.parametrize("cell_deg", [0.01, 0.1, 0.5, 0.7, 1.0, 3.0, cell_size_for_zoom(6), cell_size_for_zoom(11)])
def test_every_event_lands_in_the_cell_that_contains_it(cell_deg):
    events = _random_events(400, seed=3)
    cells = grid_cells(events, cell_deg)
    # The centroid of a cell lies inside that cell, so cells never overlap and are found again by floor.
    keys = set(zip(np.floor(cells["lat"] / cell_deg), np.floor(cells["lon"] / cell_deg), strict=True))
    assert len(keys) == len(cells)
    event_keys = set(zip(np.floor(events["lat"] / cell_deg), np.floor(events["lon"] / cell_deg), strict=True))
    assert keys == event_keys


def test_cells_split_at_the_cell_border():
    events = _events([50.2, 50.8, 51.2], [30.2, 30.8, 30.2], ["energy", "civilian", "energy"])
    cells = grid_cells(events, 1.0)
    assert sorted(cells["count"].tolist()) == [1, 2]
    pair = cells[cells["count"] == 2].iloc[0]
    assert pair["lat"] == pytest.approx(50.5) and pair["lon"] == pytest.approx(30.5)
    assert (pair["energy"], pair["civilian"]) == (1, 1)


# --- lone events ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zoom", [8, 12, 16, MAX_ZOOM])
def test_a_lone_event_keeps_its_id_and_exact_position_when_zoomed_in(zoom):
    lats, lons = [50.4501, 50.4502, 46.48572], [30.5234, 30.5235, 30.74383]
    events = _events(lats, lons, ["energy", "civilian", "military"], ["kyiv-a", "kyiv-b", "odesa"])
    cells = grid_cells(events, cell_size_for_zoom(zoom))
    lone = cells[cells["count"] == 1]
    assert "odesa" in set(lone["lone_id"])
    odesa = lone[lone["lone_id"] == "odesa"].iloc[0]
    assert (odesa["lat"], odesa["lon"]) == (46.48572, 30.74383)  # exactly on the event: its marker and popup
    assert odesa["lone_row"] == 2 and odesa["dominant_category"] == "military"


def test_at_max_zoom_nearby_events_are_all_lone():
    events = _events([50.0, 50.001, 50.002], [30.0, 30.001, 30.002], ["energy"] * 3, ["a", "b", "c"])
    cells = grid_cells(events, cell_size_for_zoom(MAX_ZOOM))
    assert sorted(cells["lone_id"]) == ["a", "b", "c"]
    assert (cells["lone_row"].sort_values().tolist()) == [0, 1, 2]


def test_cells_with_several_events_have_no_lone_id():
    cells = grid_cells(_events([50.1, 50.2], [30.1, 30.2], ["energy", "energy"]), 1.0)
    assert cells["lone_id"].tolist() == [""] and cells["lone_row"].tolist() == [-1]


def test_events_at_the_same_point_stay_one_cell_at_every_zoom():
    events = _events([48.0] * 3, [37.8] * 3, ["energy", "civilian", "civilian"])
    for zoom in range(MIN_ZOOM, MAX_ZOOM + 1):
        cells = grid_cells(events, cell_size_for_zoom(zoom))
        assert cells["count"].tolist() == [3] and cells["dominant_category"].tolist() == ["civilian"]


def test_select_keeps_ids_and_rows_of_the_source():
    arrays = event_arrays(_events([50.0, 46.0, 49.0], [30.0, 30.0, 36.0], ["energy", "civilian", "other"],
                                  ["a", "b", "c"]))
    cells = grid_cells(arrays.select(np.array([False, True, True])), 1.0)
    assert sorted(zip(cells["lone_id"], cells["lone_row"], strict=True)) == [("b", 1), ("c", 2)]
    twice = grid_cells(arrays.select(np.array([True, False, True])).select(np.array([False, True])), 1.0)
    assert twice[["lone_id", "lone_row"]].values.tolist() == [["c", 2]]


@pytest.mark.parametrize("mask", [[True], [1, 0, 1], np.array([True, False])])
def test_select_rejects_a_mask_of_another_shape_or_type(mask):
    arrays = event_arrays(_events([50.0, 46.0, 49.0], [30.0, 30.0, 36.0], ["energy"] * 3))
    with pytest.raises(AggregateError, match="mask: expected 3 booleans"):
        arrays.select(np.asarray(mask))


# --- dominant category ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("categories", "dominant"),
    [
        (["energy"], "energy"),
        (["civilian", "civilian", "energy"], "civilian"),
        (["military", "other", "other"], "other"),
        (["civilian", "energy"], "energy"),  # a tie goes to the first in CATEGORIES
        (["other", "military"], "military"),
    ],
)
def test_dominant_category(categories, dominant):
    n = len(categories)
    cells = grid_cells(_events([50.5] * n, [30.5] * n, categories), 1.0)
    assert cells["dominant_category"].tolist() == [dominant]


# --- coordinates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lat", "lon"),
    [(-33.9, -70.6), (-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (-89.9, -179.9), (89.9, 179.9), (90.0, 180.0)],
)
def test_negative_and_extreme_coordinates(lat, lon):
    events = _events([lat, lat], [lon, lon], ["energy", "other"])
    cells = grid_cells(events, 1.0)
    assert cells["count"].tolist() == [2]
    assert cells["lat"].iloc[0] == pytest.approx(lat) and cells["lon"].iloc[0] == pytest.approx(lon)


def test_the_smallest_cell_keeps_the_corners_of_the_world_apart():
    events = _events([-90.0, 90.0, -90.0, 90.0, 0.0], [-180.0, 180.0, 180.0, -180.0, 0.0], ["other"] * 5)
    cells = grid_cells(events, MIN_CELL_DEG)
    assert len(cells) == 5 and (cells["count"] == 1).all()


def test_negative_coordinates_do_not_share_a_cell_with_positive_ones():
    # floor(-0.5) = -1 but int(-0.5) = 0: truncation would merge cells across the equator and meridian.
    events = _events([-0.5, 0.5, -0.5, 0.5], [-0.5, -0.5, 0.5, 0.5], ["energy"] * 4)
    assert len(grid_cells(events, 1.0)) == 4


# --- inputs -----------------------------------------------------------------------------------------------

def test_empty_input_gives_an_empty_frame_with_every_column():
    cells = grid_cells(_events([], [], []), 0.5)
    assert list(cells.columns) == list(CELL_COLUMNS) and len(cells) == 0


def test_empty_store_frame():
    assert len(grid_cells(events_to_frame([]), 1.0)) == 0


def _event(i: int, lat: float, lon: float, category: str) -> Event:
    return Event(id=f"ev-{i}", event_date=date(2025, 1, 1 + i), lon=lon, lat=lat, category=category,
                 subtype=SUBTYPES[category][0])


def test_a_store_frame_is_read_from_its_geometry():
    frame = events_to_frame([_event(0, 50.45, 30.52, "energy"), _event(1, 46.48, 30.74, "civilian"),
                             _event(2, 50.46, 30.53, "civilian")])
    cells = grid_cells(frame, 1.0)
    assert cells["count"].sum() == 3 and set(cells["lone_id"]) == {"", "ev-1"}
    lone = cells[cells["lone_id"] == "ev-1"].iloc[0]
    assert (lone["lat"], lone["lon"]) == (46.48, 30.74)
    assert cells[cells["count"] == 2][["energy", "civilian"]].values.tolist() == [[1, 1]]


def test_a_categorical_column_is_read_by_its_codes():
    frame = pd.DataFrame({"lat": [50.0, 50.1], "lon": [30.0, 30.1], "id": ["a", "b"],
                          "category": pd.Categorical(["military", "other"], categories=list(CATEGORIES))})
    cells = grid_cells(frame, 1.0)
    assert cells[["military", "other"]].values.tolist() == [[1, 1]]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (_events([50.0, 50.1], [30.0, 30.1], ["energy", "power"]), r"row 1, field 'category': expected one of"),
        (_events([50.0, 91.0], [30.0, 30.1], ["energy"] * 2), r"row 1, field 'lat': expected a number from -90"),
        (_events([50.0], [-180.5], ["energy"]), r"row 0, field 'lon': expected a number from -180 to 180"),
        (_events([float("nan")], [30.0], ["energy"]), r"row 0, field 'lat'"),
        (_events([50.0], [float("inf")], ["energy"]), r"row 0, field 'lon'"),
        ({"lat": [50.0], "lon": [30.0], "id": ["a"]}, r"field 'category': expected an array, got none"),
        ({"lat": [50.0, 51.0], "lon": [30.0], "category": ["energy"], "id": ["a"]}, r"of one length, got 2, 1"),
        ([(50.0, 30.0)], r"expected a GeoDataFrame.*got list"),
    ],
)
def test_bad_events_raise_naming_row_and_field(events, message):
    with pytest.raises(AggregateError, match=message):
        grid_cells(events, 1.0)


@pytest.mark.parametrize("cell_deg", [0, -1.0, float("nan"), float("inf"), 1e-9, 400.0, True, "1"])
def test_bad_cell_sizes_are_refused(cell_deg):
    with pytest.raises(AggregateError, match="cell_deg: expected a number of degrees"):
        grid_cells(_events([50.0], [30.0], ["energy"]), cell_deg)


def test_aggregate_error_is_a_strikes_error():
    assert issubclass(AggregateError, StrikesError) and issubclass(AggregateError, ValueError)


def test_event_arrays_pass_through():
    arrays = event_arrays(_events([50.0], [30.0], ["other"]))
    assert isinstance(arrays, EventArrays) and event_arrays(arrays) is arrays and len(arrays) == 1


# --- zoom and detail --------------------------------------------------------------------------------------

@pytest.mark.parametrize("zoom", range(MIN_ZOOM, MAX_ZOOM))
def test_cell_size_halves_with_each_zoom_step(zoom):
    assert cell_size_for_zoom(zoom + 1) == pytest.approx(cell_size_for_zoom(zoom) / 2)
    assert cell_size_for_zoom(zoom + 1) < cell_size_for_zoom(zoom)


@pytest.mark.parametrize(("zoom", "clamped"), [(-3, MIN_ZOOM), (25, MAX_ZOOM), (6.0, 6)])
def test_zoom_outside_the_range_is_clamped(zoom, clamped):
    assert cell_size_for_zoom(zoom) == cell_size_for_zoom(clamped)


@pytest.mark.parametrize("zoom", [None, "6", float("nan"), True])
def test_bad_zoom_is_refused(zoom):
    with pytest.raises(AggregateError, match="zoom: expected a whole number"):
        cell_size_for_zoom(zoom)


@pytest.mark.parametrize(
    ("n_events", "zoom", "detail"),
    [(0, 6, "points"), (1, 0, "points"), (POINTS_LIMIT, 6, "points"), (POINTS_LIMIT + 1, 6, "cells"),
     (1_000_000, 18, "cells"), (150_000, 3, "cells")],
)
def test_detail_for(n_events, zoom, detail):
    assert detail_for(n_events, zoom) == detail


def test_detail_for_honours_a_custom_limit():
    assert detail_for(50, 6, max_points=10) == "cells" and detail_for(10, 6, max_points=10) == "points"


@pytest.mark.parametrize("n_events", [-1, 2.5, "10", None])
def test_detail_for_refuses_bad_counts(n_events):
    with pytest.raises(AggregateError, match="n_events"):
        detail_for(n_events, 6)


# --- view bounds ------------------------------------------------------------------------------------------

def test_in_view_includes_edges_and_excludes_outside():
    events = _events([44.0, 53.0, 43.9, 50.0], [22.0, 41.0, 30.0, 41.1], ["energy"] * 4)
    assert in_view(events, 44.0, 22.0, 53.0, 41.0).tolist() == [True, True, False, False]


def test_in_view_across_the_antimeridian():
    events = _events([60.0, 60.0, 60.0], [179.0, -179.0, 0.0], ["energy"] * 3)
    assert in_view(events, 50.0, 170.0, 70.0, -170.0).tolist() == [True, True, False]


def test_in_view_refuses_inverted_latitudes():
    with pytest.raises(AggregateError, match="south <= north"):
        in_view(_events([50.0], [30.0], ["energy"]), 53.0, 22.0, 44.0, 41.0)
