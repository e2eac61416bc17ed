"""GeoJSON (RFC 7946) and CSV exports, and the `python -m strikes export` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date

import pytest
from geopandas.testing import assert_geodataframe_equal

from strikes.cli import main
from strikes.export import csv_bytes, export_bytes
from strikes.filters import EventFilter, apply_filter
from strikes.store import DEFAULT_STORE, load_events
from tests.conftest import PROJECT_ROOT, make_event


def _run(argv, capsysbinary):
    code = main(argv)
    out = capsysbinary.readouterr()
    return code, out.out, out.err


def test_geojson_is_rfc7946(ten_frame):
    document = json.loads(export_bytes(ten_frame, "geojson"))
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    first = document["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [30.5238, 50.45466]}  # lon, lat
    for feature in document["features"]:
        for value in feature["geometry"]["coordinates"]:
            assert len(repr(value).split(".")[-1]) <= 7


def test_coordinates_are_rounded_to_seven_decimals():
    from strikes.store import events_to_frame

    frame = events_to_frame([make_event(lon=34.123456789123, lat=50.987654321987)])
    coordinates = json.loads(export_bytes(frame))["features"][0]["geometry"]["coordinates"]
    assert coordinates == [34.1234568, 50.9876543]


def test_geojson_export_loads_back_into_the_same_events(tmp_path, ten_frame):
    path = tmp_path / "export.geojson"
    path.write_bytes(export_bytes(ten_frame))
    assert_geodataframe_equal(load_events(path), ten_frame)


def test_csv_has_every_property_and_lon_lat(ten_frame):
    rows = list(csv.DictReader(io.StringIO(csv_bytes(ten_frame).decode())))
    assert len(rows) == 10
    assert rows[0]["event_date"] == "2025-01-05"
    assert (rows[0]["lon"], rows[0]["lat"]) == ("30.5238", "50.45466")
    assert rows[2]["published"] == "2025-03-19"


def test_unknown_format_is_refused(ten_frame):
    with pytest.raises(ValueError, match="format: expected one of geojson, csv, got 'kml'"):
        export_bytes(ten_frame, "kml")


def test_cli_energy_on_seed_data_gives_sloviansk_and_krasnodar(capsysbinary):
    code, out, _ = _run(["--data", str(DEFAULT_STORE), "export", "--category", "energy"], capsysbinary)
    assert code == 0
    locations = [f["properties"]["location"] for f in json.loads(out)["features"]]
    assert locations == ["Sloviansk", "Krasnodar Krai"]


def test_cli_filters_match_the_library(ten_store, capsysbinary):
    argv = ["export", "--data", str(ten_store), "--category", "energy", "--category", "civilian",
            "--since", "2025-02-01", "--country", "ua"]
    code, out, _ = _run(argv, capsysbinary)
    wanted = EventFilter(categories=("energy", "civilian"), since=date(2025, 2, 1), countries=("UA",))
    expected = apply_filter(load_events(ten_store), wanted)
    assert code == 0
    assert out == export_bytes(expected)


def test_cli_writes_csv_to_a_file(ten_store, tmp_path, capsysbinary):
    target = tmp_path / "out.csv"
    code, out, err = _run(["export", "--data", str(ten_store), "--format", "csv", "-o", str(target)],
                          capsysbinary)
    assert code == 0 and out == b""
    assert "10 events written" in err.decode()
    assert target.read_text().startswith("id,event_date,")


def test_cli_reports_a_bad_store_and_exits_2(tmp_path, capsysbinary):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}')
    code, _, err = _run(["export", "--data", str(bad)], capsysbinary)
    assert code == 2
    assert "bad.geojson, feature 0, field 'geometry'" in err.decode()


def test_cli_uses_strikes_data_environment(ten_store):
    result = subprocess.run(
        [sys.executable, "-m", "strikes", "export", "--subtype", "oil"],
        capture_output=True, cwd=PROJECT_ROOT, env={"STRIKES_DATA": str(ten_store), "PATH": ""}, check=True,
    )
    assert [f["properties"]["id"] for f in json.loads(result.stdout)["features"]] == ["ev-4"]


def test_cli_rejects_a_bad_date():
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--since", "19 March"])
    assert exit_info.value.code == 2
