"""The store: load, typed frame, errors naming file/feature/field, round trips, atomic writes."""

from __future__ import annotations

import json
import os

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal

from strikes.errors import SchemaError, StoreError
from strikes.model import event_to_feature
from strikes.store import (
    add_events,
    events_to_frame,
    frame_to_events,
    load_events,
    save_events,
    store_path,
)
from tests.conftest import make_event, write_collection


def test_frame_is_typed_and_in_wgs84(ten_frame):
    assert ten_frame.crs.to_string() == "EPSG:4326"
    assert str(ten_frame["event_date"].dtype) == "datetime64[ns]"
    assert str(ten_frame["geo_precision"].dtype) == "int64"
    assert str(ten_frame["confidence"].dtype) == "float64"
    assert list(ten_frame.geometry.x[:1]) == [30.5238]  # lon first


def test_events_round_trip_through_frame(ten_events, ten_frame):
    assert list(frame_to_events(ten_frame)) == ten_events


@pytest.mark.parametrize("suffix", [".geojson", ".parquet"])
def test_save_then_load_is_equal(tmp_path, ten_frame, suffix):
    path = save_events(ten_frame, tmp_path / f"store{suffix}")
    assert_geodataframe_equal(load_events(path), ten_frame)


def test_empty_and_missing_stores_load_empty(tmp_path):
    assert len(load_events(tmp_path / "none.geojson")) == 0
    path = save_events(events_to_frame([]), tmp_path / "empty.geojson")
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}
    assert len(load_events(path)) == 0


def test_malformed_feature_names_file_index_and_field(tmp_path):
    good = event_to_feature(make_event(id="a"))
    bad = event_to_feature(make_event(id="b"))
    bad["properties"]["event_date"] = "yesterday"
    path = write_collection(tmp_path / "bad.geojson", [good, bad])
    with pytest.raises(SchemaError, match=r"bad\.geojson, feature 1, field 'event_date': expected a date"):
        load_events(path)


def test_duplicate_ids_are_refused(tmp_path):
    feature = event_to_feature(make_event())
    path = write_collection(tmp_path / "dup.geojson", [feature, feature])
    with pytest.raises(SchemaError, match=r"feature 1, field 'id': expected an id unique .* \(also feature 0\)"):
        load_events(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"expected GeoJSON, got invalid JSON at line 1"),
        ('{"type": "Feature"}', r"expected a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": {}}', r"field 'features': expected a list"),
    ],
)
def test_malformed_documents(tmp_path, content, message):
    path = tmp_path / "broken.geojson"
    path.write_text(content)
    with pytest.raises(SchemaError, match=message):
        load_events(path)


def test_unreadable_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot read the store"):
        load_events(tmp_path)  # a folder, not a file


def test_failed_write_leaves_the_old_store_intact(tmp_path, ten_frame, monkeypatch):
    path = save_events(ten_frame, tmp_path / "events.geojson")
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_events(ten_frame.iloc[:2], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]  # no temp file left behind


def test_failed_serialisation_leaves_the_old_store_intact(tmp_path, ten_frame):
    path = save_events(ten_frame, tmp_path / "events.geojson")
    before = path.read_bytes()
    broken = ten_frame.copy()
    broken["sources"] = "not json"  # frame_to_events cannot read it back
    with pytest.raises(SchemaError):
        save_events(broken, path)
    assert path.read_bytes() == before


def test_add_events_is_idempotent(tmp_path, ten_events):
    path = tmp_path / "events.geojson"
    first = add_events(ten_events[:6], path)
    second = add_events(ten_events, path)
    third = add_events(ten_events, path)
    assert len(first.added) == 6
    assert len(second.added) == 4 and len(second.already_present) == 6
    assert third.added == ()
    assert sorted(load_events(path)["id"]) == sorted(e.id for e in ten_events)


def test_store_path_prefers_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STRIKES_DATA", str(tmp_path / "env.geojson"))
    assert store_path() == tmp_path / "env.geojson"
    assert store_path(tmp_path / "arg.geojson") == tmp_path / "arg.geojson"
    monkeypatch.delenv("STRIKES_DATA")
    assert store_path().name == "events.geojson" and store_path().parent.name == "data"


def test_parquet_store_missing_column_names_it(tmp_path, ten_frame):
    path = tmp_path / "store.parquet"
    gpd.GeoDataFrame(ten_frame.drop(columns="subtype"), geometry="geometry").to_parquet(path)
    with pytest.raises(SchemaError, match=r"store\.parquet, field 'subtype': expected a column"):
        load_events(path)
