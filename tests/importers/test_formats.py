"""Each format end to end through `import_file`: good rows, each kind of bad row, encodings, scope."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from strikes.errors import ImportFormatError, SchemaError
from strikes.importers import ImportOptions, import_file
from strikes.model import Event, validate_event


def _by_row(result) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {reject.row: reject.reason for reject in result.rejects}


# --- table ---------------------------------------------------------------------------------------------------


def test_table_places_accepted_rows(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    assert result.format == "table"
    assert (result.read, result.accepted, result.rejected) == (18, 8, 10)
    placed = {(e.location, e.subtype, e.event_date.isoformat()) for e in result.events}
    assert placed == {
        ("Kharkiv", "power_grid", "2024-03-22"),
        ("Ryazan", "oil", "2024-01-21"),
        ("Tuapse", "oil", "2024-02-03"),
        ("Kharkiv", "power_generation", "2024-03-15"),
        ("Novoshakhtinsk", "oil", "2024-03-13"),
        ("Odesa", "port", "2024-03-15"),
        ("Sumy", "power_generation", "2024-03-05"),
    }
    for event in result.events:
        assert validate_event(event) is event
        assert (event.lat, event.lon) != (0, 0)
        assert event.status == "verified"


def test_table_keeps_given_coordinates_and_the_written_place(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    odesa = next(e for e in result.events if e.subtype == "port")
    assert (odesa.lat, odesa.lon) == (46.4825, 30.7233)
    ryazan = next(e for e in result.events if e.location == "Ryazan")
    assert ryazan.place == "Ryazan - (2 units)"
    assert (ryazan.category, ryazan.target) == ("energy", "Refineries")
    assert "odesa" not in [q.lower() for q, _, _ in geocoder.queries]  # given coordinates: no geocoding


def test_table_links_are_http_only(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    sumy = next(e for e in result.events if e.location == "Sumy")
    assert sumy.source_url == ""
    assert sumy.source_title == "javascript:alert(1)"  # kept as text, never a link
    first = next(e for e in result.events if e.target == "Substations")
    assert first.source_url == "https://example.org/kharkiv-grid"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (9, "row 9: field 'date': expected a date, got nothing"),
        (10, "row 10: field 'date': expected a real calendar date, got '2024-13-45'"),
        (11, "row 11: field 'place': unknown place 'Atlantis'"),
        (12, "row 12: field 'target': expected a target"),
        (13, "row 13: coordinates look swapped: lat 24.0297, lon 49.8397 is outside UA"),
        (14, "row 14: coordinates look swapped: lat 95 is out of range"),
        (15, "row 15: field 'place': ambiguous place 'Pokrovske'"),
        (16, "row 16: field 'place': 'Kyiv / Lviv' names different places"),
        (17, "row 17: field 'place': uncertain place 'Kharkof'"),
        (18, "row 18: field 'target': expected a target word of the taxonomy .* got 'Witcoff'"),
    ],
)
def test_table_places_rejects_name_file_row_and_field(data_dir: Path, geocoder, row: int, reason: str) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    found = _by_row(result)[row]
    assert found.startswith(str(data_dir / "table_places.csv"))
    assert re.search(reason, found), found


def test_table_rejects_keep_every_original_cell(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    reject = next(r for r in result.rejects if r.row == 13)
    assert dict(reject.original) == {"date": "2024-03-02", "place": "Lviv", "target": "substation", "source": "",
                                     "notes": "swapped coordinates", "lat": "24.0297", "lon": "49.8397"}


def test_table_all_rows_keeps_unknown_targets_as_other(data_dir: Path, geocoder) -> None:
    options = ImportOptions(country="UA", all_rows=True)
    result = import_file(data_dir / "table_places.csv", options=options, geocoder=geocoder)
    witcoff = next(e for e in result.events if e.target == "Witcoff")
    assert (witcoff.category, witcoff.subtype) == ("other", "unknown")
    assert 12 in _by_row(result)  # an empty target stays a bad row


def test_table_candidate_status(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(status="candidate"), geocoder=geocoder)
    assert {e.status for e in result.events} == {"candidate"}


def test_table_ids_are_stable(data_dir: Path, geocoder) -> None:
    first = import_file(data_dir / "table_places.csv", geocoder=geocoder)
    second = import_file(data_dir / "table_places.csv", geocoder=geocoder)
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert len({e.id for e in first.events}) == len(first.events)


def test_table_utf8_bom_semicolon(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_bom_semicolon.csv", geocoder=geocoder)
    assert "utf-8-sig" in result.messages[0]
    assert [(e.location, e.subtype) for e in result.events] == [("Kyiv", "power_generation"), ("Lviv", "power_grid")]
    assert result.events[0].source_url == "https://example.org/kyiv-tpp"
    assert _by_row(result)[4].endswith("""got '=HYPERLINK("http://evil.example")'""")


def test_table_cp1251_cyrillic(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_cp1251.csv", geocoder=geocoder)
    assert "cp1251" in result.messages[0]
    got = [(e.event_date, e.place, e.location, e.subtype) for e in result.events]
    assert got == [
        (date(2024, 3, 22), "Харків", "Kharkiv", "power_grid"),
        (date(2024, 3, 23), "м. Одеса", "Odesa", "port"),
        (date(2024, 3, 24), "Запоріжжя", "Zaporizhzhia", "power_generation"),
    ]
    assert "field 'Ціль': expected a target" in _by_row(result)[5]


def test_table_json_records(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_records.json", geocoder=geocoder)
    assert [(e.location, e.subtype) for e in result.events] == [("Zaporizhzhia", "power_generation"),
                                                                ("Dnipro", "transport")]
    reasons = _by_row(result)
    assert "row 2: field 'place': expected a place name or coordinates" in reasons[2]
    assert "row 3: field 'lat': expected a decimal number of degrees, got 'north'" in reasons[3]


def test_table_xlsx(tmp_path: Path, geocoder) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Settlement", "Target type", "Latitude", "Longitude"])
    sheet.append([datetime(2024, 3, 22), "Kharkiv", "Substation", None, None])
    sheet.append([datetime(2024, 3, 23), "Odesa", "Grain terminal", 46.4825, 30.7233])
    sheet.append([None, "Kyiv", "Hospital", None, None])
    sheet.append(["23.03.2024", "Sumy\n(Sumy oblast)", "School", None, None])
    path = tmp_path / "strikes.xlsx"
    book.save(path)
    result = import_file(path, geocoder=geocoder)
    assert result.format == "table" and "XLSX" in result.messages[0]
    assert [(e.event_date, e.location, e.subtype) for e in result.events] == [
        (date(2024, 3, 22), "Kharkiv", "power_grid"),
        (date(2024, 3, 23), "Odesa", "port"),
        (date(2024, 3, 23), "Sumy", "education"),
    ]
    assert _by_row(result)[4].endswith("row 4: field 'Date': expected a date, got nothing")


def test_table_bytes_with_column_options(geocoder) -> None:
    data = "Коли,Де,Що\n2024-03-22,Kharkiv,substation\n".encode()
    options = ImportOptions(date_column="коли", place_column="ДЕ", target_column="Що")
    result = import_file(data, filename="upload.csv", options=options, geocoder=geocoder)
    assert [(e.location, e.subtype) for e in result.events] == [("Kharkiv", "power_grid")]


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("place,target\nKyiv,port\n", {}, "expected a date column"),
        ("date,place\n2024-01-01,Kyiv\n", {}, "expected a target column"),
        ("date,target\n2024-01-01,port\n", {}, "expected a place column"),
        ("date,place,target\n2024-01-01,Kyiv,port\n", {"place_column": "city"}, "expected a column 'city' for place"),
        ("", {}, "expected a header row"),
    ],
)
def test_table_without_needed_columns_is_a_format_error(content: str, options: dict[str, str], message: str,
                                                        geocoder) -> None:
    with pytest.raises(ImportFormatError, match=message):
        import_file(content.encode(), filename="t.csv", options=ImportOptions(**options), geocoder=geocoder)


def test_table_geocoder_not_needed_when_every_row_has_coordinates() -> None:
    class Exploding:
        def geocode(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("no geocoding expected")

    data = b"date,place,target,lat,lon\n2024-03-22,Kharkiv,substation,49.99,36.23\n"
    assert import_file(data, filename="t.csv", geocoder=Exploding()).accepted == 1


# --- ACLED ---------------------------------------------------------------------------------------------------


def test_acled_sample(data_dir: Path) -> None:
    result = import_file(data_dir / "acled_sample.csv")
    assert result.format == "acled"
    assert (result.read, result.accepted, result.rejected, result.out_of_scope) == (15, 5, 7, 3)
    assert dict(result.out_of_scope_reasons) == {"notes name no infrastructure or civilian target": 2,
                                                 "event type Battles": 1}
    by_id = {e.id: e for e in result.events}
    assert set(by_id) == {"acled-UKR9001", "acled-UKR9002", "acled-UKR9003", "acled-RUS9011", "acled-UKR9012"}
    grid = by_id["acled-UKR9001"]
    assert (grid.category, grid.subtype, grid.target, grid.weapon, grid.attacker) == (
        "energy", "power_grid", "substation", "drone", "RU")
    assert (grid.country, grid.admin1, grid.place, grid.lat, grid.lon) == ("UA", "Kharkiv", "Kharkiv", 49.9935, 36.2304)
    assert grid.source_title == "ACLED UKR9001" and grid.publisher == "ACLED: Ukrinform; Suspilne"
    assert by_id["acled-UKR9002"].weapon == "unknown"  # missiles and drones: no single weapon
    assert by_id["acled-UKR9003"].event_date == date(2024, 7, 8)  # "08 July 2024"
    assert (by_id["acled-RUS9011"].attacker, by_id["acled-RUS9011"].country) == ("UA", "RU")
    sumy = by_id["acled-UKR9012"]
    assert (sumy.time_precision, sumy.geo_precision) == (2, 3)  # ACLED codes kept


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (8, "field 'event_date': expected a date, got nothing"),
        (9, "field 'event_date': expected a real calendar date, got '2024-02-30'"),
        (10, "coordinates look swapped: lat 95.1 is out of range"),
        (11, "coordinates look swapped: lat 24.0297, lon 49.8397 is outside UA"),
        (14, "field 'time_precision': expected 1, 2 or 3, got '4'"),
        (15, "field 'lat'/'lon': expected a resolved place, got the point 0,0"),
        (16, "fields 'latitude'/'longitude': expected coordinates, got nothing"),
    ],
)
def test_acled_rejects(data_dir: Path, row: int, reason: str) -> None:
    found = _by_row(import_file(data_dir / "acled_sample.csv"))[row]
    assert found.startswith(f"{data_dir / 'acled_sample.csv'}, row {row}: {reason}"), found


def test_acled_all_rows_imports_out_of_scope_as_other(data_dir: Path) -> None:
    result = import_file(data_dir / "acled_sample.csv", options=ImportOptions(all_rows=True))
    assert result.out_of_scope == 0 and result.accepted == 8
    by_id = {e.id: e for e in result.events}
    assert (by_id["acled-UKR9004"].category, by_id["acled-UKR9004"].subtype) == ("other", "unknown")
    assert by_id["acled-UKR9006"].category == "military"


def test_acled_forced_on_a_table_names_missing_columns() -> None:
    with pytest.raises(ImportFormatError, match="expected the acled columns event date, event id cnty"):
        import_file(b"date,place,target,latitude,longitude,notes\n", filename="t.csv", format="acled")


# --- UCDP ----------------------------------------------------------------------------------------------------


def test_ucdp_sample(data_dir: Path) -> None:
    result = import_file(data_dir / "ucdp_sample.csv")
    assert result.format == "ucdp"
    assert (result.read, result.accepted, result.rejected, result.out_of_scope) == (10, 5, 4, 1)
    by_id = {e.id: e for e in result.events}
    assert by_id["ucdp-500001"].subtype == "power_grid"
    hospital = by_id["ucdp-500002"]
    assert (hospital.event_date, hospital.geo_precision, hospital.subtype) == (date(2024, 3, 25), 2, "medical")
    assert by_id["ucdp-500003"].event_date == date(2024, 3, 28)  # "3/28/2024" beside ISO dates
    line = by_id["ucdp-500004"]  # where_prec 4, date_prec 2, "3/4/2024" read month-first from the column
    assert (line.event_date, line.time_precision, line.geo_precision) == (date(2024, 3, 4), 2, 3)
    assert (by_id["ucdp-500007"].lat, by_id["ucdp-500007"].lon) == (49.98, 36.25)  # from geom_wkt
    assert {e.attacker for e in result.events} == {"unknown"}
    assert hospital.source_url == "" and "Example Wire 2024-03-22;Another Outlet" in hospital.notes


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (6, "field 'where_prec': the location is known only to the country (where_prec 6)"),
        (7, "field 'date_prec': the date is known only to the year (date_prec 5)"),
        (10, "field 'date_start': expected a date such as YYYY-MM-DD, got 'yesterday'"),
        (11, "field 'date_end': expected a day on or after date_start 2024-04-02, got 2024-04-01"),
    ],
)
def test_ucdp_rejects(data_dir: Path, row: int, reason: str) -> None:
    assert reason in _by_row(import_file(data_dir / "ucdp_sample.csv"))[row]


# --- CIR -----------------------------------------------------------------------------------------------------


def test_cir_sample(data_dir: Path) -> None:
    result = import_file(data_dir / "cir_sample.csv")
    assert result.format == "cir"
    assert (result.read, result.accepted, result.rejected, result.out_of_scope) == (5, 2, 2, 1)
    grid, flats = result.events
    assert (grid.id, grid.subtype, grid.weapon, grid.geo_precision) == ("cir-CIV1001", "power_grid", "drone", 1)
    assert grid.source_url == "https://example.org/v/1" and grid.publisher == "CIR"
    assert (flats.subtype, flats.weapon, flats.geo_precision) == ("residential", "missile", 2)
    reasons = _by_row(result)
    assert reasons[5].endswith("field 'date': expected a date, got nothing")
    assert "coordinates look swapped" in reasons[6]
    assert reasons and dict(next(r for r in result.rejects if r.row == 6).original)["link"] == "t.me/channel/5"


# --- GeoJSON -------------------------------------------------------------------------------------------------


def test_geojson_foreign_schema(data_dir: Path) -> None:
    result = import_file(data_dir / "foreign.geojson")
    assert result.format == "geojson"
    assert (result.read, result.accepted, result.rejected) == (7, 2, 5)
    odesa, kharkiv = result.events
    assert (odesa.place, odesa.subtype, odesa.source_url) == ("Odesa", "port", "https://example.org/odesa")
    assert "Author: volunteer map" in odesa.notes and "Colour: red" in odesa.notes
    assert (kharkiv.event_date, kharkiv.subtype) == (date(2024, 3, 22), "power_grid")
    assert "<script>" in kharkiv.notes  # kept as text; escaping is the display's job
    reasons = _by_row(result)
    assert reasons[2].endswith("feature 2: field 'geometry': expected a Point geometry, got a 'Polygon'")
    assert reasons[3].endswith("got 'someday'")
    assert "expected a target" in reasons[4]
    assert "0,0" in reasons[5]
    assert "expected a GeoJSON Feature" in reasons[6]


def test_geojson_our_export_round_trips(tmp_path: Path) -> None:
    from strikes.importers import write_events
    from strikes.model import Source

    events = [
        Event(id="cur-1", event_date=date(2024, 3, 22), lon=36.2304, lat=49.9935, place="Kharkiv",
              category="energy", subtype="power_grid", target="substation", attacker="RU", weapon="drone",
              source_url="https://example.org/1", confidence=0.8,
              sources=(Source("second report", "https://example.org/2", "wire", date(2024, 3, 23)),)),
        Event(id="cur-2", event_date=date(2024, 3, 23), lon=30.7233, lat=46.4825, category="civilian",
              subtype="port", excerpt="port hit", excerpt_start=0, excerpt_end=8, status="candidate"),
    ]
    path = write_events(events, tmp_path / "export.geojson")
    result = import_file(path)
    assert result.rejects == ()
    assert list(result.events) == events


def test_geojson_our_schema_bad_feature_is_rejected_with_the_schema_message(tmp_path: Path) -> None:
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
               "properties": {"id": "x", "event_date": "2024-03-22", "category": "energy", "subtype": "port"}}
    path = tmp_path / "ours.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    result = import_file(path)
    assert result.rejects[0].row == 0
    assert "feature 0, field 'subtype': expected one of" in result.rejects[0].reason


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        ('{"type": "FeatureCollection", "features": 3}', SchemaError, "field 'features': expected a list"),
        ('{"type": "Feature"}', ImportFormatError, "expected a GeoJSON FeatureCollection or a JSON array"),
        ('{"type": ', ImportFormatError, "expected JSON, got invalid JSON at line 1"),
    ],
)
def test_geojson_broken_documents(content: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        import_file(content.encode(), filename="x.geojson")


def test_table_country_is_the_places_not_the_hint(data_dir: Path, geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    countries = {e.location: e.country for e in result.events}
    assert (countries["Ryazan"], countries["Kharkiv"], countries["Odesa"]) == ("RU", "UA", "UA")


def test_table_hint_country_only_where_the_point_lies(geocoder) -> None:
    data = b"date,place,target,lat,lon\n2024-01-21,Ryazan,refinery,54.63,39.69\n2024-01-21,Kyiv,port,50.45,30.52\n"
    result = import_file(data, filename="t.csv", options=ImportOptions(country="UA"), geocoder=geocoder)
    assert [e.country for e in result.events] == ["", "UA"]


def test_acled_api_json_answer_is_sniffed(data_dir: Path) -> None:
    import csv as csv_module

    with (data_dir / "acled_sample.csv").open(encoding="utf-8") as handle:
        records = list(csv_module.DictReader(handle))
    payload = json.dumps({"status": 200, "success": True, "count": len(records), "data": records}).encode()
    result = import_file(payload, filename="acled.json")
    assert result.format == "acled" and result.accepted == 5
    assert {r.row for r in result.rejects} == {6, 7, 8, 9, 12, 13, 14}  # JSON records: 0-based


def test_cir_with_latitude_longitude_header_is_sniffed(data_dir: Path) -> None:
    text = (data_dir / "cir_sample.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    renamed = header.replace(",lat,lon,", ",latitude,longitude,")
    result = import_file(f"{renamed}\n{rest}".encode(), filename="cir.csv")
    assert result.format == "cir" and result.accepted == 2


def test_xlsx_title_rows_and_blank_rows_keep_spreadsheet_row_numbers(tmp_path: Path, geocoder) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Strikes on energy, March 2024"])
    sheet.append([])
    sheet.append(["Date", "Place", "Target"])  # row 3: the header
    sheet.append(["2024-03-22", "Kharkiv", "Substation"])
    sheet.append([])  # row 5: a spacer, not a reject
    sheet.append(["2024-03-23", "Atlantis", "Port"])  # row 6
    path = tmp_path / "titled.xlsx"
    book.save(path)
    result = import_file(path, geocoder=geocoder)
    assert "header on row 3" in result.messages[0]
    assert (result.read, result.accepted) == (2, 1)
    assert [r.row for r in result.rejects] == [6]
    assert result.rejects[0].reason.startswith(f"{path}, row 6: field 'place': unknown place 'Atlantis'")


def test_csv_blank_lines_and_excel_sep_hint(geocoder) -> None:
    data = b"sep=;\ndate;place;target\n2024-03-22;Kharkiv;substation\n\n2024-03-23;;port\n"
    result = import_file(data, filename="t.csv", geocoder=geocoder)
    assert (result.read, result.accepted) == (2, 1)
    # The sep= line is not a spreadsheet row of the data: the header is row 1, the bad row is row 4.
    assert [r.row for r in result.rejects] == [4]


def test_table_keeps_unused_columns_in_notes(geocoder) -> None:
    data = b"date,place,target,casualties,analyst\n2024-03-22,Kharkiv,substation,3,O.K.\n"
    event = import_file(data, filename="t.csv", geocoder=geocoder).events[0]
    assert event.notes == "casualties: 3; analyst: O.K."


def test_cir_row_without_coordinates_is_geocoded_from_its_town(data_dir: Path, geocoder) -> None:
    text = (data_dir / "cir_sample.csv").read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    rows = [
        "CIV2001,03/22/2024,Civilian infrastructure,School hit,School damaged.,,,Ukraine,Kharkiv,,Kharkiv,,2,,",
        "CIV2002,03/22/2024,Civilian infrastructure,School hit,School damaged.,,,Ukraine,Kherson,,Pokrovske,,2,,",
        "CIV2003,03/22/2024,Civilian infrastructure,School hit,School damaged.,,,Ukraine,,,,,2,,",
    ]
    result = import_file("\n".join([header, *rows]).encode(), filename="cir.csv", geocoder=geocoder)
    assert [(e.id, e.lat, e.lon) for e in result.events] == [("cir-CIV2001", 49.9935, 36.2304)]
    reasons = {r.row: r.reason for r in result.rejects}
    assert "ambiguous place 'Pokrovske'" in reasons[3]
    assert reasons[4].endswith("expected coordinates, got nothing (and no town/city to look up)")
