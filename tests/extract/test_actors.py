from __future__ import annotations

import pytest

from strikes.extract.actors import attacker_from_country, attacker_near, find_attackers, weapon_near


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("Russian drones hit a school in the city.", "RU"),
        ("A Russian ballistic missile struck a block of flats.", "RU"),
        ("Russia fired dozens of missiles at power plants.", "RU"),
        ("The depot burned after a Ukrainian drone attack.", "UA"),
        ("Ukrainian shelling damaged a shop.", "UA"),
        ("The raid was carried out by Ukraine, a source said.", "UA"),
        ("Kyiv in turn has stepped up strikes on refineries.", "UA"),
        ("Shahed drones hit a substation.", "RU"),
        ("Officials in the southern Russian region said a depot burned.", "unknown"),
        ("In Kiev a missile landed near a school.", "unknown"),
        ("A fire broke out at the depot.", "unknown"),
    ],
)
def test_attacker_near(sentence: str, side: str) -> None:
    target = sentence.find("school") if "school" in sentence else len(sentence) // 2
    assert attacker_near(sentence, target) == side


def test_nearest_attacker_wins_when_both_sides_are_named() -> None:
    sentence = "Russian missiles hit a hospital in Dnipro, and Ukrainian drones hit a refinery in Tuapse."
    assert attacker_near(sentence, sentence.index("hospital")) == "RU"
    assert attacker_near(sentence, sentence.index("refinery")) == "UA"


def test_attacker_mentions_keep_their_words() -> None:
    mention = find_attackers("after Russian drones came")[0]
    assert (mention.side, mention.text) == ("RU", "Russian drones")


@pytest.mark.parametrize(("country", "side"), [("UA", "RU"), ("RU", "UA"), ("PL", "unknown"), ("", "unknown")])
def test_attacker_from_country(country: str, side: str) -> None:
    assert attacker_from_country(country) == side


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("A UAV crashed into the depot.", "drone"),
        ("Two cruise missiles hit the plant.", "missile"),
        ("Guided aerial bombs struck the school.", "glide_bomb"),
        ("Artillery shelling damaged the market.", "artillery"),
        ("An airstrike destroyed the bridge.", "aircraft"),
        ("The depot burned.", "unknown"),
    ],
)
def test_weapon_near(sentence: str, weapon: str) -> None:
    assert weapon_near(sentence, len(sentence) // 2) == weapon


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike on the refinery came hours after air defences shot down 40 Ukrainian drones.",
        "A depot burned; the army said it had intercepted twelve Russian missiles earlier.",
    ],
)
def test_intercepted_weapons_do_not_name_the_attacker(sentence: str) -> None:
    assert attacker_near(sentence, 2) == "unknown"


def test_far_away_attacker_is_not_trusted() -> None:
    sentence = "A school was damaged " + "and the talks went on for a long time " * 5 + "as Russian drones flew."
    assert attacker_near(sentence, 3) == "unknown"


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("The Armed Forces of Ukraine attacked a substation with drones.", "UA"),
        ("Troops of the Russian Federation shelled a school.", "RU"),
        ("The occupiers shelled a school.", "RU"),
    ],
)
def test_more_ways_to_name_a_side(sentence: str, side: str) -> None:
    assert attacker_near(sentence, sentence.index("s", 10)) == side
