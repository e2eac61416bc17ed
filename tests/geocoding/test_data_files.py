"""The committed gazetteer data: data/regions.csv, data/facilities/*.csv, and agreement with data/events.geojson."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pycountry
import pytest

from geocoding import Geocoder, load_facilities
from geocoding.build_regions import COLUMNS, REGION_ROWS
from geocoding.facilities import FACILITY_COLUMNS

DATA = Path(__file__).resolve().parents[2] / "data"
REGIONS = list(csv.DictReader((DATA / "regions.csv").open(encoding="utf-8")))


def test_regions_csv_columns() -> None:
    with (DATA / "regions.csv").open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS


def test_regions_csv_matches_the_builder_table() -> None:
    expected = [(country, code, name) for country, code, _iso, name, *_ in REGION_ROWS]
    assert [(r["country"], r["admin1_code"], r["name"]) for r in REGIONS] == expected


def test_every_ukrainian_oblast_and_special_city() -> None:
    codes = {r["admin1_code"] for r in REGIONS if r["country"] == "UA"}
    assert codes == {f"{n:02d}" for n in range(1, 28)}


def test_russian_federal_subjects_present() -> None:
    assert sum(r["country"] == "RU" for r in REGIONS) >= 82


@pytest.mark.parametrize("row", REGIONS, ids=lambda r: r["iso_code"])
def test_region_row_is_well_formed(row: dict[str, str]) -> None:
    assert pycountry.subdivisions.get(code=row["iso_code"]) is not None, row["iso_code"]
    lat, lon = float(row["lat"]), float(row["lon"])
    assert 40 < lat < 72 and 19 < lon < 180
    assert row["rep_geonameid"].isdigit() and row["centre_geonameid"].isdigit()
    assert row["name"] and "|" not in row["name"]


def test_region_names_are_unique() -> None:
    names = [r["name"] for r in REGIONS]
    assert len(names) == len(set(names))


def test_representative_point_rule_for_krasnodar_krai() -> None:
    # The rule already used by the curated data: GeoNames 476417 Vasyurinskaya.
    row = next(r for r in REGIONS if r["iso_code"] == "RU-KDA")
    assert (row["rep_geonameid"], row["lat"], row["lon"]) == ("476417", "45.11809", "39.42399")


def test_representative_point_is_a_settlement_of_the_region(real: Geocoder) -> None:
    for row in REGIONS:
        place = real.geocode(row["rep_name"], country=row["country"], region=row["name"])
        candidates = [place.place, *place.candidates] if place.place else []
        assert any(c.source_id == f"geonames:{row['rep_geonameid']}" for c in candidates), row["name"]
        point = next(c for c in candidates if c.source_id == f"geonames:{row['rep_geonameid']}")
        assert point.admin1 == row["name"]
        assert (f"{point.lat:.5f}", f"{point.lon:.5f}") == (row["lat"], row["lon"])


def test_facility_csv_columns() -> None:
    for path in (DATA / "facilities").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == FACILITY_COLUMNS, path


def test_power_plants_loaded_with_credit() -> None:
    plants = load_facilities()
    assert len(plants) >= 60
    assert all(p.source == "gppd" and "CC BY 4.0" in p.licence for p in plants)
    assert all(p.admin1 and p.country == "UA" for p in plants)
    burshtyn = next(p for p in plants if p.id == "WRI1005097")
    assert (burshtyn.name, burshtyn.fuel, burshtyn.capacity_mw) == ("Burshtyn power station", "coal", 2334.0)
    assert burshtyn.admin1 == "Ivano-Frankivsk Oblast"


def _curated_features() -> list[dict]:
    return json.loads((DATA / "events.geojson").read_text(encoding="utf-8"))["features"]


@pytest.mark.parametrize("feature", _curated_features(), ids=lambda f: f["properties"]["id"])
def test_curated_points_equal_geocoder_results(real: Geocoder, feature: dict) -> None:
    props = feature["properties"]
    if not props.get("location") or feature.get("geometry") is None:
        pytest.skip("no location to geocode")
    place = real.geocode(props["location"], country=props.get("country")).place
    assert place is not None, props["location"]
    lon, lat = feature["geometry"]["coordinates"][:2]
    assert (round(place.lat, 5), round(place.lon, 5)) == (round(lat, 5), round(lon, 5))
    assert (place.admin1, place.geo_precision) == (props["admin1"], props["geo_precision"])


@pytest.mark.parametrize("row", REGIONS, ids=lambda r: r["iso_code"])
def test_every_region_name_geocodes_to_itself(real: Geocoder, row: dict[str, str]) -> None:
    # Callers geocode a place's admin1 to get its region ("Kyiv City" is the unit, not the city).
    place = real.geocode(row["name"], country=row["country"]).place
    assert (place.kind, place.source_id) == ("region", f"region:{row['country']}.{row['admin1_code']}")
    assert place.geo_precision == 3
