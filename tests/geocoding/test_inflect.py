"""The stemmer for inflected Cyrillic names, leading prepositions, and the doubt rules (small gazetteer)."""

from __future__ import annotations

import pytest

from geocoding import Geocoder
from geocoding.gazetteer import GazetteerEntry
from geocoding.inflect import nominative_candidates, phrase_candidates, ukrainian_variants
from geocoding.normalise import after_preposition, analyse


@pytest.mark.parametrize(("inflected", "nominative"), [
    ("харкові", "харків"), ("харкова", "харків"), ("харьковом", "харьков"), ("києві", "київ"), ("києва", "київ"),
    ("львові", "львів"), ("одесі", "одеса"), ("одессе", "одесса"), ("одессы", "одесса"), ("сумах", "суми"),
    ("сумах", "сумы"), ("дніпрі", "дніпро"), ("днепре", "днепр"), ("кременчуці", "кременчук"),
    ("рязани", "рязань"), ("ярославле", "ярославль"), ("чернівцях", "чернівці"), ("ірпені", "ірпінь"),
    ("миколаєві", "миколаїв"), ("запоріжжі", "запоріжжя"), ("кропивницькому", "кропивницький"),
    ("рівному", "рівне"), ("харьковской", "харьковская"), ("сумщині", "сумщина"), ("феодосии", "феодосия"),
])
def test_nominative_candidates(inflected: str, nominative: str) -> None:
    assert nominative in nominative_candidates(inflected)


@pytest.mark.parametrize("word", ["kharkiv", "sumy", "", "12"])
def test_latin_and_empty_words_are_left_alone(word: str) -> None:
    assert nominative_candidates(word) == [word.lower()]


@pytest.mark.parametrize(("phrase", "nominative"), [
    ("кривому розі", "кривий ріг"), ("білій церкві", "біла церква"), ("ростове на дону", "ростов на дону"),
])
def test_phrase_candidates(phrase: str, nominative: str) -> None:
    candidates = phrase_candidates(phrase)
    assert nominative in candidates and phrase not in candidates and len(candidates) <= 400


@pytest.mark.parametrize(("name", "expected"), [
    ("у Києві", True), ("в Одессе", True), ("на Сумщині", True), ("Київ", False), ("в", False),
    ("in Kharkiv", False), ("Ростов-на-Дону", False),
])
def test_after_preposition(name: str, expected: bool) -> None:
    assert after_preposition(name) is expected


@pytest.mark.parametrize(("name", "key", "intent"), [
    ("у Харківській області", "харківській", "region"), ("в Одессе", "одессе", ""),
    ("в районі Покровська", "покровська", "district"), ("Ростов-на-Дону", "ростов на дону", ""),
])
def test_analyse_drops_prepositions_and_inflected_kind_words(name: str, key: str, intent: str) -> None:
    analysed = analyse(name)
    assert (analysed.key, analysed.intent) == (key, intent)


S = "settlement"
WORLD = (
    GazetteerEntry("Kharkiv", 49.98, 36.25, "UA", "Kharkiv Oblast", S, "geonames:1", 1_400_000, ("Харків", "Харьков")),
    GazetteerEntry("Lvove", 46.9, 33.5, "UA", "Kherson Oblast", S, "geonames:2", 900, ("Львове",)),
    GazetteerEntry("Lviv", 49.84, 24.03, "UA", "Lviv Oblast", S, "geonames:3", 720_000, ("Львів", "Львов")),
    GazetteerEntry("Volchansk", 59.9, 60.1, "RU", "Sverdlovsk Oblast", S, "geonames:4", 10_000, ("Волчанск",)),
    GazetteerEntry("Vovchansk", 50.3, 36.9, "UA", "Kharkiv Oblast", S, "geonames:5", 17_000,
                   ("Volchansk", "Вовчанськ")),
    GazetteerEntry("Tass", 47.0, 19.0, "HU", "", S, "geonames:6", 3_000),
    GazetteerEntry("Syrskoye", 52.6, 39.5, "RU", "Lipetsk Oblast", S, "geonames:7", 3_400, ("Syrskyi",)),
    GazetteerEntry("Ivanov Yar", 48.0, 37.0, "UA", "Donetsk Oblast", S, "geonames:8", 400),
)


@pytest.fixture(scope="module")
def world() -> Geocoder:
    return Geocoder(gazetteer=WORLD)


@pytest.mark.parametrize(("query", "name", "score"), [
    ("у Харкові", "Kharkiv", 0.95), ("Харкова", "Kharkiv", 0.95), ("Харків", "Kharkiv", 1.0),
    ("во Львове", "Lviv", 0.95),      # after a preposition the nominative Львов outweighs the village Львове
    ("Львове", "Lvove", 1.0),         # without one, the name as written (its own name) comes first
    ("Volchansk", "Vovchansk", 0.97),  # the theatre prior outweighs the Urals town's own name
])
def test_inflected_and_theatre(world: Geocoder, query: str, name: str, score: float) -> None:
    place = world.geocode(query).place
    assert (place.name, place.score) == (name, score)


@pytest.mark.parametrize(("query", "country", "score"), [
    ("Tass", None, 0.7), ("Tass", "HU", 1.0), ("Syrskyi", None, 0.679), ("Syrskyi", "RU", 0.97),
])
def test_doubtful_answers_score_low_without_a_hint(world: Geocoder, query: str, country: str | None,
                                                   score: float) -> None:
    assert world.geocode(query, country=country).place.score == score


def test_unresolved_inflected_name_stays_unresolved(world: Geocoder) -> None:
    assert world.geocode("у Витковом").place is None


@pytest.mark.parametrize(("key", "variants"), [
    ("yuzhny", ["yuzhne"]), ("pavlovka", ["pavlivka"]), ("molochnoye", ["molochne"]),
    ("pokrovskoye", ["pokrovske"]), ("avdeyevka", ["avdiivka"]), ("kurakhovo", ["kurakhove"]),
    ("lutugino", ["lutugyne"]), ("krasnyy liman", []),
    ("kyiv", []), ("ovka", []), ("", []),
])
def test_ukrainian_variants(key: str, variants: list[str]) -> None:
    assert ukrainian_variants(key) == variants


TWINS = (
    GazetteerEntry("Lgov", 51.69, 35.28, "RU", "Kursk Oblast", S, "geonames:11", 0),
    GazetteerEntry("Lgovskiy", 51.63, 35.28, "RU", "Kursk Oblast", S, "geonames:12", 23_500, ("Lgov",)),
    GazetteerEntry("Pavlovka", 54.0, 47.0, "RU", "Ulyanovsk Oblast", S, "geonames:13", 5_000),
    GazetteerEntry("Pavlivka", 47.9, 37.2, "UA", "Donetsk Oblast", S, "geonames:14", 2_000),
    GazetteerEntry("Donetsk Oblast", 48.0, 37.8, "UA", "Donetsk Oblast", "region", "region:UA.05", 4_000_000,
                   ("Donetsk region",)),
)


@pytest.mark.parametrize(("query", "region", "name"), [
    ("Lgov", None, "Lgov"),                   # its own name beats a neighbour's alternate name
    ("Pavlovka", None, "Pavlovka"),           # the Russian village of that very name
    ("Pavlovka", "Donetsk Oblast", "Pavlivka"),  # with the region, the Ukrainian ending
])
def test_twins_and_russian_endings(query: str, region: str | None, name: str) -> None:
    assert Geocoder(gazetteer=TWINS).geocode(query, region=region).place.name == name
