from __future__ import annotations

import pytest

from strikes.extract.targets import find_targets, has_strike_word


def phrases(sentence: str) -> list[str]:
    return [t.phrase for t in find_targets(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A missile hit a maternity hospital in the city.", ["maternity hospital"]),
        ("Drones struck an oil refinery and a substation.", ["oil refinery", "substation"]),
        ("Shelling damaged a school and two apartment blocks.", ["school", "apartment blocks"]),
        ("Strikes on central Poltava killed four.", ["central"]),
        ("An attack on the grain terminal left it ablaze.", ["grain terminal"]),
        ("A fire broke out at an oil depot after the raid.", ["oil depot"]),
        ("Houses were damaged by falling debris.", ["Houses"]),
    ],
)
def test_targets_that_were_struck(sentence: str, expected: list[str]) -> None:
    assert phrases(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # consequences, not targets
        "After the strike the wounded were taken to hospital.",
        "The injured were rushed to a nearby hospital after the attack.",
        "After the attack the hospital lost power for six hours.",
        "Explosions were heard and the city lost electricity.",
        "Following the strikes, crews restored the power supply.",
        # people and offices, not buildings
        "A missile attack was reported by the head of the city military administration.",
        "A missile hit the home town of the mayor.",
        "The strike targeted a meeting of military officers, the ministry said.",
        # interceptors, and words in talks about strikes
        "Air defence downed twelve drones overnight.",
        "Both sides agreed to stop attacks on energy infrastructure.",
        # no strike words at all
        "Talks on energy infrastructure will continue in spring.",
        "The hospital opened a new wing.",
        # a generic word far from any strike word
        "A drone was seen; later the prices of oil rose sharply in every market of the region.",
    ],
)
def test_no_targets(sentence: str) -> None:
    assert phrases(sentence) == []


def test_relative_clause_without_a_strike_word_names_no_target() -> None:
    sentence = "A fire broke out at the refinery, which supplies fuel to the nearby airbase."
    assert phrases(sentence) == ["refinery"]


def test_port_of_a_place_is_a_descriptor() -> None:
    found = find_targets("Drones struck a fuel terminal at the port of Izmail.")
    assert [(t.phrase, t.descriptor) for t in found] == [("fuel terminal", False), ("port", True)]


def test_target_offsets_and_classes() -> None:
    sentence = "Russian drones hit a thermal power plant."
    (target,) = find_targets(sentence)
    assert sentence[target.start:target.end] == "thermal power plant"
    assert (target.category, target.subtype) == ("energy", "power_generation")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Drones struck", True), ("a shelling", True), ("were among the goals", True), ("a ceasefire", False),
     ("talks resumed", False), ("", False)],
)
def test_has_strike_word(text: str, expected: bool) -> None:
    assert has_strike_word(text) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The EU will help rebuild the energy infrastructure damaged by Russian strikes.",
        "Donors sent generators to power hospitals after the attacks.",
        "Schools switched to online lessons after the attack.",
    ],
)
def test_aid_and_repair_are_not_strikes(sentence: str) -> None:
    assert phrases(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("A Russian missile struck a nine-storey building.", "nine-storey building"),
        ("Drones hit a 5-story apartment block.", "apartment block"),  # the lexicon phrase wins
        ("Drones hit a five-story residential building.", "residential building"),
    ],
)
def test_storeys_are_homes(sentence: str, phrase: str) -> None:
    (target,) = find_targets(sentence)
    assert (target.phrase, target.subtype) == (phrase, "residential")
