"""Cyrillic → Latin tables: KMU 2010 (uk), BGN/PCGN (ru), ICAO passport (ru_icao)."""

from __future__ import annotations

import pytest

from geocoding.translit import is_cyrillic, transliterate


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Київ", "Kyiv"),
    ("Харків", "Kharkiv"),
    ("Слов'янськ", "Sloviansk"),
    ("Слов’янськ", "Sloviansk"),
    ("Запоріжжя", "Zaporizhzhia"),
    ("Кривий Ріг", "Kryvyi Rih"),
    ("Миколаїв", "Mykolaiv"),
    ("Одеса", "Odesa"),
    ("Біла Церква", "Bila Tserkva"),
    ("Згурівка", "Zghurivka"),
    ("Єнакієве", "Yenakiieve"),
    ("Їжакевич", "Yizhakevych"),
    ("Яготин", "Yahotyn"),
    ("Юрівка", "Yurivka"),
    ("Щастя", "Shchastia"),
    ("Ґорґани", "Gorgany"),
    ("Суми", "Sumy"),
    ("Сумська область", "Sumska oblast"),
])
def test_ukrainian_kmu_2010(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "uk") == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Орёл", "Oryol"),
    ("Белгород", "Belgorod"),
    ("Славянск-на-Кубани", "Slavyansk-na-Kubani"),
    ("Ельня", "Yelnya"),
    ("Краснодарский край", "Krasnodarskiy kray"),
    ("Харьков", "Kharkov"),
    ("Подъезд", "Podyezd"),
    ("Щёкино", "Shchyokino"),
])
def test_russian_bgn_pcgn(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "ru") == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Киев", "Kiev"),
    ("Орёл", "Orel"),
    ("Ярославль", "Iaroslavl"),
    ("Майкоп", "Maikop"),
])
def test_russian_icao(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "ru_icao") == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Слов'янськ", "Slovyansk"),
    ("Кривий Ріг", "Kryvyy Rih"),
    ("Миколаїв", "Mykolayiv"),
    ("Бердянськ", "Berdyansk"),
])
def test_ukrainian_bgn_pcgn(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "uk_bgn") == latin


def test_latin_passes_through_unchanged() -> None:
    assert transliterate("Kyiv 5", "uk") == "Kyiv 5"


def test_unknown_system_is_an_error_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="expected one of"):
        transliterate("Київ", "klingon")


@pytest.mark.parametrize(("text", "expected"), [("Київ", True), ("Kyiv", False), ("Kyiv / Київ", True), ("", False)])
def test_is_cyrillic(text: str, expected: bool) -> None:
    assert is_cyrillic(text) is expected
