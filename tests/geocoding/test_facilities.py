"""Facility gazetteer files and facility-name handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from geocoding import GazetteerError, load_facilities
from geocoding.facilities import FACILITY_COLUMNS, base_variants, facility_base, facility_words_in, read_facilities_csv

HEADER = ",".join(FACILITY_COLUMNS)
GOOD_ROW = "R1,Test refinery,Test oil refinery|TR,oil_refinery,oil,,45.1,39.4,RU,Krasnodar Krai,testlist,CC0"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_any_csv_in_the_folder_is_loaded(tmp_path: Path) -> None:
    _write(tmp_path, "refineries.csv", f"{HEADER}\n{GOOD_ROW}\n")
    _write(tmp_path, "notes.txt", "not a list")
    (facility,) = load_facilities(tmp_path)
    assert (facility.id, facility.aliases, facility.capacity_mw, facility.source_id) == (
        "R1", ("Test oil refinery", "TR"), None, "testlist:R1")


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "id,name\nX,Y\n")
    with pytest.raises(GazetteerError, match=r"bad\.csv: missing column\(s\) aliases"):
        read_facilities_csv(path)


@pytest.mark.parametrize(("row", "message"), [
    ("R2,Plant,,s,f,10,north,30,UA,,src,CC0", r"row 2, column 'lat': expected a number, got 'north'"),
    ("R2,Plant,,s,f,lots,48,30,UA,,src,CC0", r"row 2, column 'capacity_mw'"),
    ("R2,Plant,,s,f,10,0,0,UA,,src,CC0", r"row 2, columns lat/lon: expected a real point"),
    ("R2,Plant,,s,f,10,95,30,UA,,src,CC0", r"row 2, columns lat/lon"),
    (",Plant,,s,f,10,48,30,UA,,src,CC0", r"row 2: columns 'id' and 'name' are required"),
])
def test_bad_rows_name_file_row_and_column(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path, "plants.csv", f"{HEADER}\n{row}\n")
    with pytest.raises(GazetteerError, match=message):
        read_facilities_csv(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read facility list"):
        read_facilities_csv(tmp_path / "missing.csv")


@pytest.mark.parametrize(("text", "words"), [
    ("Burshtyn TPP", ("tpp",)),
    ("Burshtyn thermal power plant", ("thermal power plant",)),
    ("Zaporizhzhia NPP", ("npp",)),
    ("Kyiv CHP-5", ("chp",)),
    ("Бурштинська ТЕС", ("тес",)),
    ("Burshtyn", ()),
    ("Tpp-ville", ("tpp",)),
])
def test_facility_words(text: str, words: tuple[str, ...]) -> None:
    assert facility_words_in(text) == words


@pytest.mark.parametrize(("normalised", "base"), [
    ("burshtyn power station", "burshtyn"),
    ("kyiv chp 5", "kyiv"),
    ("perovo iv", "perovo"),
    ("zaporizhzhia nuclear power plant", "zaporizhzhia"),
    ("dniester pumped storage", "dniester"),
])
def test_facility_base(normalised: str, base: str) -> None:
    assert facility_base(normalised) == base


@pytest.mark.parametrize(("base", "variants"), [
    ("zmiivska", ("zmiivska", "zmiiv")),
    ("kurakhovskaya", ("kurakhovskaya", "kurakhov")),
    ("burshtyn", ("burshtyn", "burshtynska")),
    ("", ()),
])
def test_base_variants(base: str, variants: tuple[str, ...]) -> None:
    assert base_variants(base) == variants
