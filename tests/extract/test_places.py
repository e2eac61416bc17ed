from __future__ import annotations

import pytest

from strikes.extract.places import ATTRIBUTION, HINT, NOT_A_SITE, SITE, SUBPLACE, find_place_mentions, is_country


def roles(sentence: str, resolver) -> list[tuple[str, str]]:
    return [(m.text, m.role) for m in find_place_mentions(sentence, resolver)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Drones hit a depot in Bryansk.", [("Bryansk", SITE)]),
        ("The Kiev regime will answer for it, Moscow said.", [("Kiev", NOT_A_SITE), ("Moscow", NOT_A_SITE)]),
        ("Kiev in turn has deepened strikes on refineries.", [("Kiev", NOT_A_SITE)]),
        ("The refinery lies 110 km west of St Petersburg.", [("St Petersburg", NOT_A_SITE)]),
        ("The president arrived at Vienna after drones hit a plant.", [("Vienna", NOT_A_SITE)]),
        ("Talks in Doha will go on; missiles hit a school.", [("Doha", NOT_A_SITE)]),
        ("The envoy had met the leader in Istanbul before the strike.", [("Istanbul", NOT_A_SITE)]),
        ("Officials in Poltava said a school was hit.", [("Poltava", ATTRIBUTION)]),
        ("A depot in Tuapse in the Krasnodar region burned.", [("Tuapse", SITE), ("Krasnodar region", HINT)]),
        ("In Kyiv a missile hit a school in the Holosiivskyi district.",
         [("Kyiv", SITE), ("Holosiivskyi", SUBPLACE)]),
        ("Governor Roman Bondar said a strike hit Poltava.", [("Poltava", SITE)]),
        ("Drones hit a depot in Finland.", [("Finland", NOT_A_SITE)]),
        ("Kharkiv's power plant was hit.", [("Kharkiv", SITE)]),
        ("Kyiv's General Staff confirmed the strike.", [("Kyiv", NOT_A_SITE)]),
    ],
)
def test_roles(sentence: str, expected: list[tuple[str, str]], resolver) -> None:
    assert roles(sentence, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "query", "as_region"),
    [
        ("Strikes hit the Kharkiv region.", "Kharkiv region", True),
        ("Houses in the Odeska region were damaged.", "Odeska region", True),
        ("Officials of Krasnodar in the southern Russian region reported a fire.", "Krasnodar region", True),
        ("A depot in the city of Krasnodar in the southern region burned.", "Krasnodar", False),
        ("A depot in Krasnodar burned.", "Krasnodar", False),
    ],
)
def test_region_mentions(sentence: str, query: str, as_region: bool, resolver) -> None:
    (mention,) = [m for m in find_place_mentions(sentence, resolver) if m.role in (SITE, ATTRIBUTION)]
    assert (mention.query, mention.as_region) == (query, as_region)


def test_fuzzy_only_after_a_locative_preposition(resolver) -> None:
    # "Sumyy" is a misspelling: matched after "in", never as a person's name starting a sentence.
    assert [m.text for m in find_place_mentions("A missile hit a school in Sumyy.", resolver)] == ["Sumyy"]
    assert find_place_mentions("Sumyy said a school was hit.", resolver) == []


def test_no_fuzzy_when_the_sentence_has_no_target(resolver) -> None:
    assert find_place_mentions("Talks were held in Sumyy.", resolver, has_target=False) == []


@pytest.mark.parametrize("name", ["Saudi Arabia", "Finland", "Ukraine", "Russia", "United States", "Middle East"])
def test_countries_are_not_sites(name: str) -> None:
    assert is_country(name)


@pytest.mark.parametrize("name", ["Sumy", "Kharkiv", "Engels", ""])
def test_places_are_not_countries(name: str) -> None:
    assert not is_country(name)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a village's name without "in" before it is not taken for a place; with "in" it is
        ("Drones hit the Druzhba oil pipeline.", []),
        ("Drones hit an oil pipeline in Druzhba.", [("Druzhba", SITE)]),
        ("Shelling hit the Azov brigade base.", [("Azov", NOT_A_SITE)]),
        ("Strikes hit energy facilities in Donbas.", [("Donbas", NOT_A_SITE)]),
        ("Officials said Anna Petrenko saw drones hit a school in Poltava.", [("Poltava", SITE)]),
    ],
)
def test_words_that_look_like_places(sentence: str, expected, resolver) -> None:
    assert roles(sentence, resolver) == expected
