from __future__ import annotations

import io
import json
import sys

import pytest

from strikes import cli, load_events
from strikes.extract import pipeline

REPORT = (
    "KHARKIV, Mar 18 - Russian drones hit a power substation in Kharkiv overnight, the governor said. "
    "A drone attack also hit a refinery 90 km south of Bryansk."
)


@pytest.fixture(autouse=True)
def fake_geocoder(monkeypatch: pytest.MonkeyPatch, resolver) -> None:
    monkeypatch.setattr(pipeline, "_default_geocoder", lambda: resolver)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_a_feature_collection(tmp_path, capsys) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(["extract", str(report), "--published", "2025-03-19", "--title", "T",
                          "--url", "https://example.org/a", "--publisher", "P"], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["type"] == "FeatureCollection" and "crs" not in document
    (feature,) = document["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) != (0, 0)
    props = feature["properties"]
    assert (props["location"], props["subtype"], props["status"]) == ("Kharkiv", "power_grid", "candidate")
    assert (props["source_url"], props["publisher"], props["published"]) == ("https://example.org/a", "P", "2025-03-19")
    assert REPORT[props["excerpt_start"]:props["excerpt_end"]] == props["excerpt"]
    # the refinery has only a distance from Bryansk: a note, not a feature
    assert "refinery" in err and "distance" in err


def test_reads_standard_input(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Russian drones hit a school in Poltava on Monday."))
    code, out, _ = run(["extract", "-", "--published", "2025-03-19"], capsys)
    assert code == 0
    assert json.loads(out)["features"][0]["properties"]["event_date"] == "2025-03-17"


def test_add_is_idempotent(tmp_path, capsys) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    store = tmp_path / "events.geojson"
    argv = ["extract", str(report), "--published", "2025-03-19", "--add", "--data", str(store)]
    code, _, err = run(argv, capsys)
    assert code == 0 and "1 candidates added" in err
    code, _, err = run(argv, capsys)
    assert code == 0 and "0 candidates added" in err and "1 already there" in err
    frame = load_events(store)
    assert list(frame["status"]) == ["candidate"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "/no/such/report.txt", "--published", "2025-03-19"], "cannot read the report"),
    ],
)
def test_errors_name_the_file(argv, message, capsys) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert message in err and "/no/such/report.txt" in err


def test_bad_published_date_is_refused(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["extract", "-", "--published", "19/03/2025"])
    assert "expected a date YYYY-MM-DD" in capsys.readouterr().err


def test_undecodable_file(tmp_path, capsys) -> None:
    report = tmp_path / "latin1.txt"
    report.write_bytes("Dr\xf6hnen".encode("latin-1"))
    code, _, err = run(["extract", str(report), "--published", "2025-03-19"], capsys)
    assert code == 2 and "expected UTF-8" in err


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "example.org/report"])
def test_only_http_links_are_accepted(url, tmp_path, capsys) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(["extract", str(report), "--published", "2025-03-19", "--url", url], capsys)
    assert code == 2 and out == ""
    assert "--url" in err and "http(s)" in err
