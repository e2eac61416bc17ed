"""Messy place cells parsed, and resolved through a geocoder without guessing."""

from __future__ import annotations

import pytest

from strikes.importers.base import RowRejected
from strikes.importers.places import PlaceCell, PlaceResolver, parse_place_cell, without_target_words


@pytest.mark.parametrize(
    ("raw", "names", "region", "detail"),
    [
        ("Kyiv", ("Kyiv",), "", ""),
        ("  Kyiv  ", ("Kyiv",), "", ""),
        ("Ryazan - (2 units)", ("Ryazan",), "", ""),
        ("Ryazan x2", ("Ryazan",), "", ""),
        ("Ryazan (2)", ("Ryazan",), "", ""),
        ("Tuapse (Rosneft refinery)", ("Tuapse",), "", "Rosneft refinery"),
        ("City (Company)", ("City",), "", "Company"),
        ("Kharkiv / Харків", ("Kharkiv", "Харків"), "", ""),
        ("Kyiv/Lviv", ("Kyiv", "Lviv"), "", ""),
        ("Kyiv; Lviv", ("Kyiv", "Lviv"), "", ""),
        ("Novoshakhtinsk\n(Rostov oblast)", ("Novoshakhtinsk",), "Rostov oblast", ""),
        ("Novoshakhtinsk\r\nRostov oblast", ("Novoshakhtinsk",), "Rostov oblast", ""),
        ("Tuapse\nRosneft refinery", ("Tuapse",), "", "Rosneft refinery"),
        ("Kharkiv, Kharkiv oblast", ("Kharkiv",), "Kharkiv oblast", ""),
        ("Kyiv, Ukraine", ("Kyiv",), "", ""),
        ("м. Київ", ("Київ",), "", ""),
        ("г. Рязань", ("Рязань",), "", ""),
        ("«Одеса»", ("Одеса",), "", ""),
        ("Rostov oblast", ("Rostov oblast",), "", ""),
        ("(2 units)", (), "", ""),
        ("", (), "", ""),
    ],
)
def test_parse_place_cell(raw: str, names: tuple[str, ...], region: str, detail: str) -> None:
    cell = parse_place_cell(raw)
    assert (cell.names, cell.region, cell.detail) == (names, region, detail)
    assert cell.raw == raw


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ryazan oil refinery", "Ryazan"), ("Refinery", ""), ("Kyiv", ""), ("Port of Odesa", "of Odesa")],
)
def test_without_target_words(name: str, expected: str) -> None:
    assert without_target_words(name) == expected


def test_resolver_resolves_and_caches(geocoder) -> None:
    resolver = PlaceResolver(geocoder)
    first = resolver.resolve(parse_place_cell("Kharkiv"), country="UA")
    again = resolver.resolve(parse_place_cell("Kharkiv - (3 units)"), country="UA")
    assert (first.name, first.lat, first.lon) == ("Kharkiv", 49.9935, 36.2304)
    assert again is first
    assert geocoder.queries == [("Kharkiv", "UA", None)]


def test_resolver_passes_the_region_hint(geocoder) -> None:
    PlaceResolver(geocoder).resolve(parse_place_cell("Novoshakhtinsk\n(Rostov oblast)"), country="RU")
    assert geocoder.queries == [("Novoshakhtinsk", "RU", "Rostov oblast")]


def test_resolver_tries_the_name_without_target_words(geocoder) -> None:
    place = PlaceResolver(geocoder).resolve(PlaceCell("Ryazan oil refinery", ("Ryazan oil refinery",)))
    assert place.name == "Ryazan"
    assert [query for query, _, _ in geocoder.queries] == ["Ryazan oil refinery", "Ryazan"]


def test_resolver_agreeing_alternatives(geocoder) -> None:
    assert PlaceResolver(geocoder).resolve(parse_place_cell("Kharkiv / Харків")).name == "Kharkiv"


def test_resolver_skips_alternatives_that_only_name_the_target(geocoder) -> None:
    assert PlaceResolver(geocoder).resolve(parse_place_cell("Ryazan / refinery")).name == "Ryazan"


def test_resolver_prefers_the_settlement_inside_a_named_region(geocoder) -> None:
    place = PlaceResolver(geocoder).resolve(parse_place_cell("Novoshakhtinsk / Rostov oblast"))
    assert place.name == "Novoshakhtinsk"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Atlantis", "unknown place 'Atlantis'"),
        ("Kalantis", r"unknown place 'Kalantis' \(did you mean: Kyiv\)"),
        ("Pokrovske", "ambiguous place 'Pokrovske': equally good matches .*Dnipropetrovsk.*Donetsk"),
        ("Kharkof", "uncertain place 'Kharkof': best match scores 0.55 .*Kharkiv"),
        ("Kyiv / Lviv", "'Kyiv / Lviv' names different places: Kyiv .*; Lviv"),
        ("Kyiv / Atlantis", "names 2 places and not all are known: unknown place 'Atlantis'; known: Kyiv"),
        ("(2 units)", "expected a place name, got '\\(2 units\\)'"),
    ],
)
def test_resolver_rejects_with_candidates(geocoder, raw: str, message: str) -> None:
    with pytest.raises(RowRejected, match="field 'place': .*" + message):
        PlaceResolver(geocoder).resolve(parse_place_cell(raw), country="UA")


def test_min_score_is_an_option(geocoder) -> None:
    assert PlaceResolver(geocoder, min_score=0.5).resolve(parse_place_cell("Kharkof")).name == "Kharkiv"


def test_a_homonymous_village_does_not_make_a_city_ambiguous(geocoder) -> None:
    assert PlaceResolver(geocoder).resolve(parse_place_cell("Zaporizhzhia")).population == 710_052


def test_a_region_hint_settles_a_tie_outside_the_region(geocoder) -> None:
    place = PlaceResolver(geocoder).resolve(parse_place_cell("Pokrovske (Dnipropetrovsk oblast)"))
    assert place.admin1 == "Dnipropetrovsk Oblast"


def test_a_region_hint_that_names_no_candidate_region_settles_nothing(geocoder) -> None:
    with pytest.raises(RowRejected, match="ambiguous place 'Pokrovske'"):
        PlaceResolver(geocoder).resolve(parse_place_cell("Pokrovske (Kherson oblast)"))


@pytest.mark.parametrize(
    ("raw", "names"),
    [("near Kupiansk", ("Kupiansk",)), ("on the outskirts of Kharkiv", ("Kharkiv",)), ("біля Харків", ("Харків",)),
     ("Kupiansk", ("Kupiansk",))],
)
def test_near_is_parsed(raw: str, names: tuple[str, ...]) -> None:
    cell = parse_place_cell(raw)
    assert cell.names == names and cell.near is (raw != "Kupiansk")


def test_near_gives_precision_2(geocoder) -> None:
    assert PlaceResolver(geocoder).resolve(parse_place_cell("near Kharkiv")).geo_precision == 2
    assert PlaceResolver(geocoder).resolve(parse_place_cell("Kharkiv")).geo_precision == 1
