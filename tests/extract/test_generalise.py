"""General rules added for held-out reports (issue 4 follow-up), on our own sentences with the fake resolver."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.extract import ReportMeta, extract_events
from strikes.extract.targets import find_targets

META = ReportMeta(date(2025, 3, 19), title="generalise")


def found(text: str, resolver) -> list[tuple[str, str, int]]:
    return [(e.location, e.category, e.geo_precision) for e in extract_events(text, META, resolver).events]


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("A drone attack on the Kirishi refinery was repelled, the governor said.", []),
        ("Drones attacked the refinery, but the attack was thwarted.", []),
        ("Two drones attacked the substation; there was no damage.", []),
        ("Two drones hit the substation; the third attack on the depot was repelled.", ["substation"]),
        ("In the Voronezh region there were no casualties or damage from the drone attack on the depot.", []),
        ("The attack on the refinery was repelled, but debris damaged a warehouse.", ["warehouse"]),
        ("A drone attack on the refinery caused a fire.", ["refinery"]),
    ],
)
def test_repelled_attacks_without_damage_strike_nothing(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Zelensky said the attack showed the need for more air defence systems.", []),
        ("After the strikes he called for more air defence for the city.", []),
        ("The drones hit an air defence position near the airfield.", ["air defence", "airfield"]),
        ("Ukraine stepped up drone attacks since its troops crossed into the region.", []),
        ("Russian troops shelled the village, hitting a school.", ["school"]),
        ("A missile hit troops gathered at the training ground.", ["troops"]),
    ],
)
def test_asked_for_weapons_and_acting_troops_are_not_targets(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases


def test_a_generic_word_for_the_same_site_joins_the_first_target(resolver) -> None:
    text = "In Odesa, a Russian drone struck a refinery, and officials reported damage at the plant."
    assert found(text, resolver) == [("Odesa", "energy", 1)]


def test_a_vehicle_in_a_follow_up_sentence_joins_the_strike(resolver) -> None:
    text = ("Russian missiles hit a power plant in Dnipro on Tuesday. "
            "A trolleybus caught in the blast burned out nearby.")
    assert found(text, resolver) == [("Dnipro", "energy", 1)]


def test_a_vehicle_named_with_its_own_place_is_its_own_event(resolver) -> None:
    text = "Russian missiles hit a power plant in Dnipro on Tuesday, and a drone hit a bus in Poltava."
    assert found(text, resolver) == [("Dnipro", "energy", 1), ("Poltava", "civilian", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The lead summarises the port strike told after it: one event, at the port's town.
        ("Russia pounded the Odesa region overnight, hitting port infrastructure. "
         "Missiles struck the port in Odesa, officials said.", [("Odesa", "civilian", 1)]),
        # Another category in the region is a strike of its own.
        ("Russia pounded the Odesa region overnight, damaging energy facilities. "
         "Missiles struck the port in Odesa, officials said.", [("Odesa Oblast", "energy", 3), ("Odesa", "civilian", 1)]),
        # A region told after the town is not a lead summary.
        ("Missiles struck the port in Odesa on Tuesday. Drones also hit port infrastructure in the Odesa region.",
         [("Odesa", "civilian", 1), ("Odesa Oblast", "civilian", 3)]),
    ],
)
def test_a_region_level_lead_yields_to_the_precise_strike_after_it(text: str, expected, resolver) -> None:
    assert found(text, resolver) == expected


def test_a_district_named_alone_is_coded_at_the_city_of_the_report(resolver) -> None:
    text = ("Russia attacked Kyiv with ballistic missiles on Tuesday. "
            "In the Holosiivskyi district, debris fell on a kindergarten.")
    assert found(text, resolver) == [("Kyiv", "civilian", 1)]


def test_a_district_far_from_any_named_city_stays_a_district(resolver) -> None:
    text = "Russian drones attacked overnight. In the Holosiivskyi district, debris fell on a kindergarten."
    assert found(text, resolver) == [("Holosiivskyi", "civilian", 2)]
