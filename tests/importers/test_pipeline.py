"""Merging into the store (atomic, idempotent, de-duplicated), the rejects file, and the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from strikes import cli
from strikes.importers import (
    ImportOptions,
    Reject,
    default_rejects_path,
    import_file,
    merge_into_store,
    rejects_csv,
    store_events,
)
from strikes.store import load_events


@pytest.fixture
def table(tmp_path: Path, data_dir: Path) -> Path:
    target = tmp_path / "analyst.csv"
    target.write_bytes((data_dir / "table_places.csv").read_bytes())
    return target


def test_merge_adds_merges_and_is_idempotent(tmp_path: Path, table: Path, geocoder) -> None:
    store = tmp_path / "events.geojson"
    result = import_file(table, options=ImportOptions(country="UA"), geocoder=geocoder)
    first = merge_into_store(result, store)
    assert (first.read, first.added, first.merged_duplicates, first.rejected) == (18, 7, 1, 10)
    events = store_events(store)
    assert len(events) == 7
    kharkiv = next(e for e in events if e.subtype == "power_grid")
    # The two reports of the Kharkiv substation strike: one event, both sources.
    assert [s.title or s.url for s in kharkiv.all_sources] == ["https://example.org/kharkiv-grid",
                                                               "Regional governor's channel"]
    before = store.read_bytes()
    again = merge_into_store(import_file(table, options=ImportOptions(country="UA"), geocoder=geocoder), store)
    assert (again.added, again.merged_duplicates, again.unchanged) == (0, 0, 8)
    assert store.read_bytes() == before


def test_merge_across_formats_keeps_every_source(tmp_path: Path, data_dir: Path, geocoder) -> None:
    store = tmp_path / "events.geojson"
    merge_into_store(import_file(data_dir / "acled_sample.csv"), store)
    summary = merge_into_store(import_file(data_dir / "ucdp_sample.csv"), store)
    assert summary.merged_duplicates == 1  # UCDP 500001 = ACLED UKR9001 (Kharkiv substation, 22 March)
    grid = next(e for e in store_events(store) if e.id == "acled-UKR9001")
    assert [s.publisher for s in grid.all_sources] == ["ACLED: Ukrinform; Suspilne", "UCDP GED 500001: Example Wire"]
    summary = merge_into_store(import_file(data_dir / "cir_sample.csv"), store)
    grid = next(e for e in store_events(store) if e.id == "acled-UKR9001")
    assert summary.merged_duplicates == 1 and grid.all_sources[-1].publisher == "CIR"


def test_merge_into_a_parquet_store(tmp_path: Path, data_dir: Path) -> None:
    store = tmp_path / "events.parquet"
    summary = merge_into_store(import_file(data_dir / "acled_sample.csv"), store)
    assert summary.added == 5
    assert sorted(load_events(store)["id"]) == sorted(e.id for e in import_file(data_dir / "acled_sample.csv").events)
    assert merge_into_store(import_file(data_dir / "acled_sample.csv"), store).added == 0


def test_nothing_changed_means_no_write(tmp_path: Path, data_dir: Path) -> None:
    store = tmp_path / "events.geojson"
    merge_into_store(import_file(data_dir / "acled_sample.csv"), store)
    stamp = store.stat().st_mtime_ns
    merge_into_store(import_file(data_dir / "acled_sample.csv"), store)
    assert store.stat().st_mtime_ns == stamp


def test_rejects_csv_has_row_reason_and_every_original_column() -> None:
    rejects = [
        Reject(3, "t.csv, row 3: field 'date': expected a date, got nothing", {"date": "", "place": "Kyiv"}),
        Reject(5, "t.csv, row 5: bad", {"date": "x", "place": "=cmd|'/c calc'!A1", "row": "7", "lat": "-3.5"}),
    ]
    payload = rejects_csv(rejects)
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert rows[0] == ["row", "reason", "date", "place", "original row", "lat"]
    assert rows[1] == ["3", "t.csv, row 3: field 'date': expected a date, got nothing", "", "Kyiv", "", ""]
    assert rows[2] == ["5", "t.csv, row 5: bad", "x", "'=cmd|'/c calc'!A1", "7", "-3.5"]  # formula defused


def test_default_rejects_path() -> None:
    assert default_rejects_path(Path("/data/in/strikes.xlsx")) == Path("/data/in/strikes.rejects.csv")


# --- command line --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_default_geocoder(monkeypatch: pytest.MonkeyPatch, geocoder):  # type: ignore[no-untyped-def]
    import strikes.importers.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_default_geocoder", lambda: geocoder)
    return geocoder


def test_cli_import_writes_store_rejects_and_summary(tmp_path: Path, table: Path, fake_default_geocoder,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "events.geojson"
    assert cli.main(["--data", str(store), "import", str(table), "--country", "UA", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "18 rows read, 7 added, 1 merged as duplicates, 10 rejected" in out
    assert "format table (CSV, utf-8" in err
    rejects = list(csv.DictReader(io.StringIO((tmp_path / "analyst.rejects.csv").read_text("utf-8-sig"))))
    assert [int(r["row"]) for r in rejects] == list(range(9, 19))
    assert list(rejects[0]) == ["row", "reason", "date", "place", "target", "source", "notes", "lat", "lon"]
    assert rejects[4]["reason"].endswith("is inside") and rejects[4]["lat"] == "24.0297"
    assert len(json.loads(store.read_text())["features"]) == 7
    assert cli.main(["--data", str(store), "import", str(table), "--country", "UA", "--quiet"]) == 0
    assert "0 added, 0 merged as duplicates, 10 rejected, 8 unchanged" in capsys.readouterr().out


def test_cli_dry_run_leaves_the_store_alone(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "events.geojson"
    out_file = tmp_path / "out.geojson"
    rejects = tmp_path / "r.csv"
    code = cli.main(["--data", str(store), "import", str(data_dir / "acled_sample.csv"), "--dry-run",
                     "-o", str(out_file), "--rejects", str(rejects), "--quiet"])
    assert code == 0
    assert not store.exists()
    assert len(json.loads(out_file.read_text())["features"]) == 5
    assert rejects.read_text("utf-8-sig").count("\n") == 8  # header + 7 rejects
    out, err = capsys.readouterr()
    assert "dry run" in out and "5 added" in out and "out of scope" in err


def test_cli_all_and_candidate(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "events.geojson"
    assert cli.main(["--data", str(store), "import", str(data_dir / "acled_sample.csv"), "--all", "--candidate",
                     "--rejects", str(tmp_path / "r.csv"), "--quiet"]) == 0
    frame = load_events(store)
    assert len(frame) == 8 and set(frame["status"]) == {"candidate"}


def test_cli_progress_goes_to_stderr(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--data", str(tmp_path / "e.geojson"), "import", str(data_dir / "acled_sample.csv"),
              "--rejects", str(tmp_path / "r.csv")])
    out, err = capsys.readouterr()
    assert "15/15 rows (100%" in err and "rows (" not in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--format", "ucdp"], "expected the ucdp columns"), (["-o", "x.geojson"], "-o/--output is for --dry-run")],
)
def test_cli_errors_exit_2(tmp_path: Path, data_dir: Path, extra: list[str], message: str,
                           capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--data", str(tmp_path / "e.geojson"), "import", str(data_dir / "acled_sample.csv"), *extra])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "e.geojson").exists()


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--data", str(tmp_path / "e.geojson"), "import", str(tmp_path / "nope.csv")]) == 2
    assert "nope.csv: cannot read the file" in capsys.readouterr().err


def test_concurrent_merges_lose_nothing(tmp_path: Path, data_dir: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = tmp_path / "events.geojson"
    results = [import_file(data_dir / name) for name in ("acled_sample.csv", "cir_sample.csv", "ucdp_sample.csv")]
    with ThreadPoolExecutor(max_workers=3) as pool:
        summaries = list(pool.map(lambda result: merge_into_store(result, store), results))
    kept = store_events(store)
    assert len(kept) == sum(s.added for s in summaries)
    assert sum(len(e.all_sources) for e in kept) == sum(r.accepted for r in results)


def test_cli_overwrites_a_stale_rejects_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "clean.csv"
    source.write_text("date,place,target,lat,lon\n2024-03-22,Kharkiv,substation,49.99,36.23\n", encoding="utf-8")
    stale = tmp_path / "clean.rejects.csv"
    stale.write_text("row,reason\n2,old problem\n", encoding="utf-8")
    assert cli.main(["--data", str(tmp_path / "e.geojson"), "import", str(source), "--quiet"]) == 0
    assert stale.read_text("utf-8-sig") == "row,reason\n"
    clean = tmp_path / "other.csv"
    clean.write_bytes(source.read_bytes())
    cli.main(["--data", str(tmp_path / "e.geojson"), "import", str(clean), "--quiet"])
    assert not (tmp_path / "other.rejects.csv").exists()  # no rejects, none before: no file
