"""Coordinates: parsed, range-checked, swaps caught, never 0,0."""

from __future__ import annotations

import pytest

from strikes.importers.base import RowRejected
from strikes.importers.coords import check_point, distance_km, parse_coordinate, point_from_cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [("50.45", 50.45), ("-3.5", -3.5), ("+30", 30.0), ("50,45", 50.45), ("30.52°", 30.52), (" 7 ", 7.0)],
)
def test_parse_coordinate(text: str, expected: float) -> None:
    assert parse_coordinate(text, "lat") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["north", "50.45.1", "1,234.5", "nan", "inf", "50 27", "1e3", ""])
def test_parse_coordinate_rejects(text: str) -> None:
    with pytest.raises(RowRejected, match="field 'lat': expected a decimal number of degrees"):
        parse_coordinate(text, "lat")


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [(50.45, 30.52, "UA"), (54.63, 39.69, "RU"), (54.63, 39.69, "UA"), (-33.9, 18.4, ""), (50.45, 30.52, "ZZ")],
)
def test_check_point_accepts_real_places(lat: float, lon: float, country: str) -> None:
    assert check_point(lat, lon, country) == (lat, lon)


@pytest.mark.parametrize(
    ("lat", "lon", "country", "message"),
    [
        (0.0, 0.0, "", "got the point 0,0"),
        (95.1, 24.03, "UA", "coordinates look swapped: lat 95.1 is out of range"),
        (30.52, 50.45, "UA", "coordinates look swapped: lat 30.52, lon 50.45 is outside UA"),
        (36.59, 50.6, "RU", None),  # Belgorod swapped: outside RU but the swap is inside
        (95.0, 200.0, "", "field 'lat': expected a number from -90 to 90"),
        (45.0, 200.0, "", "field 'lon': expected a number from -180 to 180"),
        (-91.0, 10.0, "", "coordinates look swapped"),
    ],
)
def test_check_point_rejects(lat: float, lon: float, country: str, message: str | None) -> None:
    with pytest.raises(RowRejected, match=message or "swapped"):
        check_point(lat, lon, country)


def test_point_from_cells() -> None:
    assert point_from_cells("", "  ") is None
    assert point_from_cells("50,45", "30,52", "UA") == (50.45, 30.52)
    with pytest.raises(RowRejected, match="field 'lon': expected a number, got nothing"):
        point_from_cells("50.45", "")
    with pytest.raises(RowRejected, match="field 'lat': expected a number, got nothing"):
        point_from_cells("", "30.5")


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((50.45, 30.52), (50.45, 30.52), 0.0), ((50.0, 30.0), (51.0, 30.0), 111.2), ((0.0, 0.0), (0.0, 1.0), 111.2)],
)
def test_distance_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=0.2)
