"""The one taxonomy: target words → category and subtype."""

from __future__ import annotations

import pytest

from strikes.taxonomy import (
    ALL_SUBTYPES,
    CATEGORIES,
    CATEGORY_COLOURS,
    CATEGORY_OF_SUBTYPE,
    SUBTYPES,
    TARGET_TERMS,
    classify_target,
    find_target_terms,
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
