"""The one taxonomy: target words → category and subtype."""

from __future__ import annotations

import functools
import random
import re

import pytest

from strikes.taxonomy import (
    ALL_SUBTYPES,
    CATEGORIES,
    CATEGORY_COLOURS,
    CATEGORY_OF_SUBTYPE,
    SUBTYPES,
    TARGET_TERMS,
    WEAPON_TERMS,
    WEAPONS,
    classify_target,
    find_target_terms,
    find_weapon_terms,
)


@pytest.mark.parametrize(
    ("text", "category", "subtype"),
    [
        ("hospital", "civilian", "medical"),
        ("Okhmatdyt children's hospital", "civilian", "medical"),
        ("power supply", "energy", "power_grid"),
        ("Substations", "energy", "power_grid"),
        ("oil depot", "energy", "oil"),
        ("Refineries", "energy", "oil"),
        ("fuel terminal in the port", "energy", "oil"),
        ("Ports", "civilian", "port"),
        ("thermal power facilities", "energy", "power_generation"),
        ("Zmiiv TPP", "energy", "power_generation"),
        ("residential neighbourhood", "civilian", "residential"),
        ("industrial enterprise", "other", "industrial"),
        ("military airfield", "military", "military"),
        ("boiler house", "energy", "heating"),
        ("gas production facility", "energy", "gas"),
        ("KINDERGARTEN", "civilian", "education"),
        ("railway station", "civilian", "transport"),
    ],
)
def test_classify_target(text, category, subtype):
    found = classify_target(text)
    assert found is not None
    assert (found.category, found.subtype) == (category, subtype)


@pytest.mark.parametrize("text", ["", "Witcoff", "Zelancesi", "ceasefire talks", "portrait", "oilseed"])
def test_unknown_words_are_not_classified(text):
    assert classify_target(text) is None


def test_terms_are_found_on_word_boundaries_in_text_order():
    found = find_target_terms("a hospital in Sumy and the power supply in Sloviansk")
    assert [(t.phrase, t.subtype) for _, _, t in found] == [("hospital", "medical"), ("power supply", "power_grid")]


def test_every_subtype_has_one_category_and_words():
    assert set(CATEGORY_OF_SUBTYPE) == set(ALL_SUBTYPES)
    assert set(SUBTYPES) == set(CATEGORIES) == set(CATEGORY_COLOURS)
    for subtype in ALL_SUBTYPES:
        if subtype != "unknown":
            assert TARGET_TERMS.get(subtype), subtype


# --- the fast matcher against the reference semantics ---------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _reference_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    # The taxonomy's matching rule written the plain way: one alternation of every term, longest first,
    # case-insensitive, no word character or hyphen on either side.
    subtype_of: dict[str, str] = {}
    for subtype, terms in TARGET_TERMS.items():
        for term in terms:
            subtype_of.setdefault(term, subtype)
    ordered = sorted(subtype_of, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])", re.IGNORECASE)
    return pattern, subtype_of


def _reference_find(text: str) -> list[tuple[int, int, str, str]]:
    pattern, subtype_of = _reference_pattern()
    found = []
    for match in pattern.finditer(text):
        phrase = match.group(0)
        subtype = subtype_of.get(phrase.lower()) or next(
            sub for term, sub in subtype_of.items() if re.fullmatch(re.escape(term), phrase, re.I))
        found.append((match.start(), match.end(), phrase, subtype))
    return found


def _fast_find(text: str) -> list[tuple[int, int, str, str]]:
    return [(start, end, t.phrase, t.subtype) for start, end, t in find_target_terms(text)]


def _equivalence_samples() -> list[str]:
    rng = random.Random(11)
    terms = [term for terms in TARGET_TERMS.values() for term in terms]
    fillers = ["the", "near", "Kyiv", "-", "x-", "-s", "_", "power", "oil", "station", ",", "(", "s", "2",
               "Київ", "і", "\n", "  ", "'", "’", "ſ", "ı", "İ", "Ω", "ǅ", "hospital-", "_school"]
    texts = list(terms) + [term.upper() for term in terms] + [term.title() + "s" for term in terms]
    texts += [f"x-{term}" for term in terms] + [f"{term}_" for term in terms] + [f"({term}), " for term in terms]
    for _ in range(1500):
        words = [rng.choice(terms + fillers) for _ in range(rng.randrange(1, 14))]
        words = [w.upper() if rng.random() < 0.1 else w for w in words]
        texts.append(rng.choice([" ", "", "-", " "]).join(words))
    return texts


_REFERENCE_TEXTS = _equivalence_samples()


@pytest.mark.parametrize("chunk", range(8))
def test_fast_matcher_equals_the_reference_alternation(chunk):
    for text in _REFERENCE_TEXTS[chunk::8]:
        assert _fast_find(text) == _reference_find(text), text


@pytest.mark.parametrize(
    "text",
    ["ſchool hit", "İstanbul hospital", "HOSPITAL-", "x-hospital", "hospital_", "power  supply", "power, supply",
     "Children's hospital", "children’s hospital", "NPP", "НПЗ і ТЕЦ", "oil-rich", "oil depots", "", "-", "_"],
)
def test_fast_matcher_edge_cases_equal_the_reference(text):
    assert _fast_find(text) == _reference_find(text)


def test_fast_matcher_longest_term_wins_and_matches_do_not_overlap():
    found = _fast_find("thermal power plant struck, and a power station")
    assert [(phrase, subtype) for _, _, phrase, subtype in found] == [
        ("thermal power plant", "power_generation"), ("power station", "power_generation")]


def test_examples_in_the_taxonomy_docstrings_hold():
    import doctest

    import strikes.taxonomy

    failures, tried = doctest.testmod(strikes.taxonomy)
    assert tried > 0 and failures == 0


# --- weapons ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Shahed drones hit the depot", ["drone", "drone"]),
        ("a Geran-2 and an FPV drone", ["drone", "drone", "drone"]),
        ("unmanned aerial vehicles", ["drone"]),
        ("Kh-101 and Iskander-M", ["missile", "missile"]),
        ("ROCKETS", ["missile"]),
        ("Grad rockets hit the market", ["artillery"]),
        ("guided aerial bombs", ["glide_bomb"]),
        ("a FAB-500 was dropped", ["glide_bomb"]),
        ("KABs", ["glide_bomb"]),
        ("glide bombs and bombs", ["glide_bomb", "aircraft"]),
        ("shelling, mortars and howitzers", ["artillery", "artillery", "artillery"]),
        ("an air strike, airstrikes, air raids", ["aircraft", "aircraft", "aircraft"]),
        ("helicopters", ["aircraft"]),
        ("", []),
        ("a fire broke out at the depot", []),
        ("dronesque missileer bombastic", []),
        ("Kh-", []),
    ],
)
def test_find_weapon_terms(text, codes):
    assert [code for _, _, code in find_weapon_terms(text)] == codes


def test_weapon_terms_are_keyed_by_model_weapon_codes():
    assert set(WEAPON_TERMS) == set(WEAPONS) - {"unknown"}
    assert all(WEAPON_TERMS.values())


def test_weapon_offsets_point_at_the_words():
    text = "Overnight, Russian glide bombs hit a school"
    [(start, end, code)] = find_weapon_terms(text)
    assert (text[start:end], code) == ("glide bombs", "glide_bomb")
