"""Files shaped like the real exports (ACLED current, ACLED 2022, ACLED re-saved by Excel with `;`, UCDP GED,
CIR with both header styles, an analyst's XLSX with a title and a two-row header), imported auto-sniffed.

The fixtures are described in tests/data/importers/README.md; all content is invented.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from strikes.errors import ImportFormatError
from strikes.importers import ImportOptions, import_file
from strikes.importers.base import ImportResult
from strikes.importers.pipeline import merge_into_store
from strikes.model import validate_event


def _load(data_dir: Path, name: str, geocoder: object, **options: object) -> ImportResult:
    return import_file(data_dir / name, options=ImportOptions(**options), geocoder=geocoder)  # type: ignore[arg-type]


def _events(result: ImportResult) -> dict[str, object]:
    return {event.id: event for event in result.events}


def _reasons(result: ImportResult) -> dict[int, str]:
    return {reject.row: reject.reason for reject in result.rejects}


# --- the counts of every file ---------------------------------------------------------------------------------

COUNTS = [
    # file, format, read, accepted, rejected, out of scope
    ("acled_current.csv", "acled", 8, 5, 0, 3),
    ("acled_2022_numeric.csv", "acled", 5, 3, 1, 1),
    ("acled_excel_semicolon.csv", "acled", 4, 3, 1, 0),
    ("acled_excel_cp1252.csv", "acled", 4, 4, 0, 0),
    ("ucdp_ged_real.csv", "ucdp", 8, 6, 1, 1),
    ("cir_eyes_on_russia.csv", "cir", 6, 3, 2, 1),
    ("cir_capitalised.csv", "cir", 5, 4, 1, 0),
]


@pytest.mark.parametrize(("name", "fmt", "read", "accepted", "rejected", "out_of_scope"), COUNTS)
def test_real_shaped_file_is_sniffed_and_counted(data_dir: Path, geocoder, name: str, fmt: str, read: int,
                                                 accepted: int, rejected: int, out_of_scope: int) -> None:
    result = _load(data_dir, name, geocoder)
    assert result.format == fmt
    assert (result.read, result.accepted, result.rejected, result.out_of_scope) == (
        read, accepted, rejected, out_of_scope)
    assert result.read == result.accepted + result.rejected + result.out_of_scope  # nothing dropped silently
    for event in result.events:
        assert validate_event(event) is event
        assert (event.lat, event.lon) != (0.0, 0.0)


@pytest.mark.parametrize("name", [name for name, *_ in COUNTS])
def test_reimporting_a_real_shaped_file_adds_nothing(data_dir: Path, geocoder, tmp_path: Path, name: str) -> None:
    store = tmp_path / "events.geojson"
    first = merge_into_store(_load(data_dir, name, geocoder), store)
    again = merge_into_store(_load(data_dir, name, geocoder), store)
    assert first.added == _load(data_dir, name, geocoder).accepted
    assert (again.added, again.merged_duplicates, again.unchanged) == (0, 0, first.added)


# --- ACLED ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "when", "country", "subtype", "attacker", "weapon", "precisions"),
    [
        ("acled-UKR231401", date(2025, 3, 18), "UA", "residential", "RU", "artillery", (1, 1)),
        ("acled-UKR231402", date(2025, 3, 18), "UA", "port", "RU", "drone", (1, 1)),
        ("acled-UKR231403", date(2025, 3, 19), "RU", "oil", "UA", "drone", (1, 1)),
        ("acled-UKR231404", date(2025, 3, 20), "UA", "transport", "RU", "drone", (1, 1)),
        ("acled-UKR231408", date(2025, 3, 17), "UA", "gas", "RU", "missile", (2, 2)),
    ],
)
def test_acled_current_export_rows(data_dir: Path, geocoder, event_id: str, when: date, country: str, subtype: str,
                                   attacker: str, weapon: str, precisions: tuple[int, int]) -> None:
    event = _events(_load(data_dir, "acled_current.csv", geocoder))[event_id]
    assert (event.event_date, event.country, event.subtype, event.attacker, event.weapon) == (
        when, country, subtype, attacker, weapon)
    assert (event.time_precision, event.geo_precision) == precisions


def test_acled_quoted_note_with_commas_quotes_and_a_line_break_is_one_cell(data_dir: Path, geocoder) -> None:
    event = _events(_load(data_dir, "acled_current.csv", geocoder))["acled-UKR231401"]
    assert '"the city is without light, again".\nNo casualties were reported.' in event.notes
    assert (event.lat, event.lon, event.place, event.admin1) == (47.5712, 34.3964, "Nikopol", "Dnipropetrovsk")
    assert event.publisher == "ACLED: Dnipropetrovsk Regional Military Administration; Suspilne"
    assert event.published == date(2025, 3, 24)  # the unix timestamp 1742857200


def test_acled_tags_are_kept_in_notes(data_dir: Path, geocoder) -> None:
    event = _events(_load(data_dir, "acled_current.csv", geocoder))["acled-UKR231404"]
    assert "tags: local administrators; women targeted: government officials" in event.notes


def test_acled_out_of_scope_reasons(data_dir: Path, geocoder) -> None:
    reasons = dict(_load(data_dir, "acled_current.csv", geocoder).out_of_scope_reasons)
    assert reasons == {"event type Battles": 1, "event type Strategic developments": 1,
                       "notes name no infrastructure or civilian target": 1}


def test_acled_all_rows_imports_the_out_of_scope_rows_too(data_dir: Path, geocoder) -> None:
    result = _load(data_dir, "acled_current.csv", geocoder, all_rows=True)
    assert (result.accepted, result.out_of_scope) == (8, 0)
    battle = _events(result)["acled-UKR231405"]
    assert (battle.category, battle.geo_precision) == ("other", 2)


@pytest.mark.parametrize(
    ("event_id", "when", "country", "subtype", "attacker"),
    [
        ("acled-UKR7401", date(2022, 3, 1), "UA", "public", "RU"),
        ("acled-UKR7412", date(2022, 3, 5), "UA", "residential", "RU"),  # "5 March 2022", one-digit day
        ("acled-RUS0312", date(2022, 3, 30), "RU", "oil", "UA"),  # iso 643; inter1 1, actor2 empty
    ],
)
def test_acled_2022_export_with_long_dates_and_numeric_inter_codes(data_dir: Path, geocoder, event_id: str,
                                                                     when: date, country: str, subtype: str,
                                                                     attacker: str) -> None:
    event = _events(_load(data_dir, "acled_2022_numeric.csv", geocoder))[event_id]
    assert (event.event_date, event.country, event.subtype, event.attacker) == (when, country, subtype, attacker)


def test_acled_2022_rejects_an_impossible_long_date(data_dir: Path, geocoder) -> None:
    reason = _reasons(_load(data_dir, "acled_2022_numeric.csv", geocoder))[6]
    assert reason.startswith(f"{data_dir / 'acled_2022_numeric.csv'}, row 6: field 'event_date'")
    assert "real calendar date, got '31 Feb 2022'" in reason


def test_acled_resaved_by_excel_reads_like_the_original(data_dir: Path, geocoder) -> None:
    excel = _load(data_dir, "acled_excel_semicolon.csv", geocoder)
    original = _events(_load(data_dir, "acled_current.csv", geocoder))
    assert "utf-8-sig" in excel.messages[0]
    for event in excel.events:  # dotted dates, decimal commas, CRLF: the same events as the comma file
        assert event == original[event.id]


def test_acled_coordinates_mangled_by_a_spreadsheet_are_rejected_with_a_hint(data_dir: Path, geocoder) -> None:
    result = _load(data_dir, "acled_excel_semicolon.csv", geocoder)
    reason = _reasons(result)[5]
    assert "row 5: field 'lat': expected a number from -90 to 90, got 466354" in reason
    assert "thousands separator" in reason
    assert result.rejects[0].original["latitude"] == "466354"


# --- UCDP GED -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "when", "country", "subtype", "attacker", "precisions"),
    [
        ("ucdp-470101", date(2022, 3, 1), "UA", "public", "unknown", (1, 1)),  # "2022-03-01 00:00:00.000"
        ("ucdp-470102", date(2022, 3, 9), "UA", "medical", "RU", (1, 1)),  # one-sided: side_a struck
        ("ucdp-470103", date(2022, 3, 14), "UA", "power_grid", "unknown", (1, 2)),  # "3/14/2022", where_prec 2
        ("ucdp-470104", date(2022, 3, 1), "UA", "residential", "unknown", (1, 1)),  # "3/1/2022": month first
        ("ucdp-470105", date(2022, 4, 1), "RU", "oil", "unknown", (1, 1)),  # country "Russia (Soviet Union)"
        ("ucdp-470108", date(2022, 3, 25), "UA", "heating", "unknown", (3, 3)),  # "3/25/2022 0:00", prec 4/4
    ],
)
def test_ucdp_rows(data_dir: Path, geocoder, event_id: str, when: date, country: str, subtype: str, attacker: str,
                   precisions: tuple[int, int]) -> None:
    event = _events(_load(data_dir, "ucdp_ged_real.csv", geocoder))[event_id]
    assert (event.event_date, event.country, event.subtype, event.attacker) == (when, country, subtype, attacker)
    assert (event.time_precision, event.geo_precision) == precisions


def test_ucdp_multi_source_cells(data_dir: Path, geocoder) -> None:
    event = _events(_load(data_dir, "ucdp_ged_real.csv", geocoder))["ucdp-470101"]
    assert event.source_title == "Russian missile hits Kharkiv regional administration, dozens killed"
    assert event.source_url == ""  # UCDP cites articles, not links: nothing becomes a link
    assert "BBC News,2022-03-02,Kharkiv: missile strike on government building" in event.notes
    assert event.publisher == "UCDP GED 470101: Ukrinform;BBC News"


def test_ucdp_country_only_row_is_rejected(data_dir: Path, geocoder) -> None:
    assert "row 8: field 'where_prec': the location is known only to the country" in _reasons(
        _load(data_dir, "ucdp_ged_real.csv", geocoder))[8]


# --- CIR ----------------------------------------------------------------------------------------------------------


def test_cir_lowercase_export(data_dir: Path, geocoder) -> None:
    result = _load(data_dir, "cir_eyes_on_russia.csv", geocoder)
    events = _events(result)
    assert events["cir-CIV0101"].event_date == date(2022, 2, 24)  # 24/02/2022
    assert events["cir-CIV0102"].event_date == date(2022, 2, 25)  # 2022-02-25 in the same column
    assert events["cir-CIV0102"].geo_precision == 2  # "Approximate location"
    kharkiv = events["cir-CIV0104"]  # no coordinates: placed from town/city through the geocoder
    assert (kharkiv.lat, kharkiv.lon, kharkiv.subtype) == (49.9935, 36.2304, "education")
    assert dict(result.out_of_scope_reasons) == {"event group Military Infrastructure": 1}
    reasons = _reasons(result)
    assert "row 6: fields 'lat'/'lon': expected coordinates, got nothing (and no town/city to look up)" in reasons[6]
    assert "row 7: field 'date': expected a date, got nothing" in reasons[7]


def test_cir_military_group_is_military_with_all_rows(data_dir: Path, geocoder) -> None:
    column = _events(_load(data_dir, "cir_eyes_on_russia.csv", geocoder, all_rows=True))["cir-CIV0103"]
    assert column.category != "civilian"  # "a road" in the description does not make a convoy a civilian target


def test_cir_capitalised_headers_with_long_and_several_links(data_dir: Path, geocoder) -> None:
    result = _load(data_dir, "cir_capitalised.csv", geocoder)
    events = _events(result)
    kyiv = events["cir-UW2201"]
    assert (kyiv.lat, kyiv.lon, kyiv.subtype, kyiv.weapon) == (50.442, 30.65, "power_generation", "missile")
    assert kyiv.source_url == "https://t.me/example_channel/2201"
    assert "more links: https://twitter.com/example_osint/status/1579400000000000001" in kyiv.notes
    zap = events["cir-UW2202"]  # three links on three lines
    assert zap.source_url == "https://t.me/example_channel/2202"
    assert "https://www.facebook.com/example.page/posts/1" in zap.notes
    assert zap.weapon == "drone"  # "Shahed-136"
    odesa = events["cir-UW2203"]  # "Port of Odesa hit": the title names the target; no coordinates
    assert (odesa.subtype, odesa.lat, odesa.source_url) == ("port", 46.4825, "")
    assert "link: see Telegram" in odesa.notes
    assert events["cir-UW2204"].lat == 50.9077  # decimal comma
    assert "row 6: coordinates look swapped" in _reasons(result)[6]


# --- an analyst's XLSX -------------------------------------------------------------------------------------------


def _analyst_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Удари по енергетиці / Strikes on energy infrastructure, March 2025"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["Date", "Location", None, "Target", "Source", "Notes"])
    sheet.append([None, "Settlement", "Oblast", None, None, None])
    for column in "ADEF":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("B3:C3")
    sheet.append([45734, "Kharkiv (Kharkivska obl.)", "", "substation", "https://example.org/a", "night attack"])
    sheet.append([datetime(2025, 3, 19), "Odesa port", "Odeska", "Port", "", ""])
    sheet.append([45737, "Харків", "Харківська", "ТЕЦ-5", "", "Cyrillic cells"])
    sheet.append([datetime(2025, 3, 21), "Запоріжжя", "", "Підстанція", "", ""])
    sheet.append([None, None, None, None, None, None])  # a spacer row: not data, not a reject
    sheet.append(["TBC", "Kyiv", "", "substation", "", ""])
    sheet.append([45738, "Atlantis", "", "substation", "", ""])
    for row in (5, 7, 11):
        sheet.cell(row=row, column=1).number_format = "General"  # serial numbers, as a pasted column shows them
    book.save(path)
    return path


def test_analyst_xlsx_with_title_two_row_header_and_serial_dates(tmp_path: Path, geocoder) -> None:
    result = import_file(_analyst_workbook(tmp_path / "analyst.xlsx"), options=ImportOptions(country="UA"),
                         geocoder=geocoder)
    assert result.format == "table"
    assert "header on row 4" in result.messages[0]
    assert (result.read, result.accepted, result.rejected) == (6, 4, 2)
    placed = sorted((e.event_date, e.location, e.subtype, e.geo_precision) for e in result.events)
    assert placed == [
        (date(2025, 3, 18), "Kharkiv", "power_grid", 1),  # serial 45734; "(Kharkivska obl.)" is the region
        (date(2025, 3, 19), "Odesa", "port", 1),  # "Odesa port": the place without the target word
        (date(2025, 3, 21), "Kharkiv", "power_generation", 1),  # serial 45737, "ТЕЦ-5"
        (date(2025, 3, 21), "Zaporizhzhia", "power_grid", 1),
    ]
    kharkiv = next(e for e in result.events if e.event_date == date(2025, 3, 18))
    assert kharkiv.source_url == "https://example.org/a"
    reasons = _reasons(result)
    assert "analyst.xlsx, row 10: field 'Date': expected a date such as YYYY-MM-DD, got 'TBC'" in reasons[10]
    assert "row 11: field 'place': unknown place 'Atlantis'" in reasons[11]


def test_analyst_xlsx_region_column_from_the_sub_header(tmp_path: Path, geocoder) -> None:
    result = import_file(_analyst_workbook(tmp_path / "analyst.xlsx"), options=ImportOptions(country="UA"),
                         geocoder=geocoder)
    odesa = next(e for e in result.events if e.location == "Odesa")
    assert odesa.admin1 == "Odeska"  # the "Oblast" column under the merged "Location" is the region column
    assert ("odesa port", "UA", "odeska") in {(q.lower(), c, (r or "").lower()) for q, c, r in geocoder.queries}


def test_acled_resaved_by_a_western_excel_in_cp1252_with_us_dates(data_dir: Path, geocoder) -> None:
    result = _load(data_dir, "acled_excel_cp1252.csv", geocoder)
    assert (result.format, result.accepted, result.rejected) == ("acled", 4, 0)
    assert "cp1252" in result.messages[0]  # not cp1251: "café" must not become "cafй"
    original = _events(_load(data_dir, "acled_current.csv", geocoder))
    odesa = _events(result)["acled-UKR231402"]
    assert "Société Générale–financed café’s supplier" in odesa.notes
    for event in result.events:  # "3/18/2025": month first, told by the days above 12 in the column
        assert (event.event_date, event.subtype, event.lat) == (
            original[event.id].event_date, original[event.id].subtype, original[event.id].lat)


def test_acled_curated_xlsx_with_date_and_number_cells(data_dir: Path, tmp_path: Path, geocoder) -> None:
    # ACLED's curated regional files are XLSX: dates are date cells, coordinates and codes are numbers.
    import csv

    with open(data_dir / "acled_current.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    numeric = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"}
    for row in rows:
        sheet.append([
            datetime.fromisoformat(value) if key == "event_date"
            else float(value) if key in ("latitude", "longitude")
            else int(value) if key in numeric and value else value
            for key, value in row.items()
        ])
    book.save(tmp_path / "Ukraine_Black_Sea_2025.xlsx")
    result = _load(tmp_path, "Ukraine_Black_Sea_2025.xlsx", geocoder)
    assert (result.format, result.accepted, result.rejected, result.out_of_scope) == ("acled", 5, 0, 3)
    assert _events(result) == _events(_load(data_dir, "acled_current.csv", geocoder))


def test_analyst_xlsx_data_on_a_second_sheet_after_a_cover_sheet(tmp_path: Path, geocoder) -> None:
    path = _analyst_workbook(tmp_path / "analyst.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    cover = book.create_sheet("Summary", 0)
    cover.append(["Prepared by the analysis desk"])
    cover.append(["Total strikes", 6])
    book.active = 0
    book.save(path)
    result = import_file(path, options=ImportOptions(country="UA"), geocoder=geocoder)
    assert "sheet 'Sheet', header on row 4" in result.messages[0]
    assert (result.read, result.accepted, result.rejected) == (6, 4, 2)


def test_xlsx_without_any_header_reads_the_first_sheet(tmp_path: Path, geocoder) -> None:
    book = Workbook()
    book.active.append(["just", "words"])
    book.create_sheet("Other").append(["more", "words"])
    book.save(tmp_path / "odd.xlsx")
    with pytest.raises(ImportFormatError, match="expected a date column"):
        import_file(tmp_path / "odd.xlsx", geocoder=geocoder)


# --- API answers (JSON) -------------------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_acled_api_answer(data_dir: Path, geocoder) -> None:
    # ACLED's API wraps the rows (all values as strings) in {"status", "success", "count", "data", …}.
    rows = _csv_rows(data_dir / "acled_current.csv")
    answer = {"status": 200, "success": True, "last_update": 12, "count": len(rows), "messages": [], "data": rows,
              "filename": "acled_export"}
    result = import_file(json.dumps(answer).encode(), filename="acled.json", geocoder=geocoder)  # type: ignore[arg-type]
    assert (result.format, result.accepted, result.out_of_scope) == ("acled", 5, 3)
    assert _events(result) == _events(_load(data_dir, "acled_current.csv", geocoder))


def test_ucdp_api_answer_with_numbers(data_dir: Path, geocoder) -> None:
    # The UCDP API pages its rows under "Result", with numbers as JSON numbers and ISO date-times.
    rows: list[dict[str, object]] = []
    for row in _csv_rows(data_dir / "ucdp_ged_real.csv")[:2]:
        record: dict[str, object] = dict(row)
        for key in ("id", "where_prec", "date_prec", "type_of_violence", "best"):
            record[key] = int(row[key])
        record["latitude"], record["longitude"] = float(row["latitude"]), float(row["longitude"])
        record["date_start"] = record["date_end"] = row["date_start"][:10] + "T00:00:00"
        rows.append(record)
    answer = {"TotalCount": 2, "TotalPages": 1, "PreviousPageUrl": "", "NextPageUrl": "", "Result": rows}
    result = import_file(json.dumps(answer).encode(), filename="ged.json", geocoder=geocoder)  # type: ignore[arg-type]
    assert (result.format, result.accepted) == ("ucdp", 2)
    events = _events(result)
    assert events["ucdp-470102"].attacker == "RU"
    assert events["ucdp-470101"].event_date == date(2022, 3, 1)


def test_ukrainian_headers_with_any_apostrophe(geocoder) -> None:
    table = "Дата;Місто;Об’єкт;Широта;Довгота\n18.03.2025 р.;Харків;ТЕЦ-5;49.99;36.23\n".encode("cp1251")
    result = import_file(table, filename="таблиця.csv", geocoder=geocoder)
    assert (result.accepted, result.rejected) == (1, 0)
    event = result.events[0]
    assert (event.event_date, event.subtype, event.target) == (date(2025, 3, 18), "power_generation", "ТЕЦ-5")


@pytest.mark.parametrize(("event_id", "place", "admin1"), [
    ("ucdp-470101", "Kharkiv", "Kharkiv oblast"),  # where_coordinates "Kharkiv town"
    ("ucdp-470106", "Kharkiv province", "Kharkiv oblast"),  # a region keeps its kind
])
def test_ucdp_place_without_the_kind_of_place(data_dir: Path, geocoder, event_id: str, place: str,
                                             admin1: str) -> None:
    event = _events(_load(data_dir, "ucdp_ged_real.csv", geocoder, all_rows=True))[event_id]
    assert (event.place, event.admin1) == (place, admin1)


def test_table_with_one_coordinates_column(geocoder) -> None:
    table = ("Date,Place,Target,Coordinates\n"
             '2025-03-18,Kharkiv,substation,"49.9935, 36.2304"\n'
             "2025-03-18,Odesa,port,\n"  # no coordinates: geocoded
             "2025-03-19,Sumy,substation,50.9077 34.7981\n"
             "2025-03-19,Kyiv,substation,near Kyiv\n"
             '2025-03-20,Kyiv,substation,"30.52, 50.45"\n')
    result = import_file(table.encode(), filename="coords.csv", options=ImportOptions(country="UA"),
                         geocoder=geocoder)
    assert [(e.location, e.lat, e.lon) for e in result.events] == [
        ("Kharkiv", 49.9935, 36.2304), ("Odesa", 46.4825, 30.7233), ("Sumy", 50.9077, 34.7981)]
    reasons = _reasons(result)
    assert "row 5: field 'Coordinates' ('near Kyiv'): expected 'latitude, longitude'" in reasons[5]
    assert "row 6: field 'Coordinates' ('30.52, 50.45'): expected 'latitude, longitude'; coordinates look swapped" \
        in reasons[6]
