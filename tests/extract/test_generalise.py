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
         "Missiles struck the port in Odesa, officials said.",
         [("Odesa Oblast", "energy", 3), ("Odesa", "civilian", 1)]),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Earlier, in January, Russian missiles hit the power plant in Kharkiv.", []),
        ("Last year a Russian drone hit a school in Poltava.", []),
        ("In 2023, Russian missiles struck a hospital in Dnipro.", []),
        # A month of this report's own days is not background.
        ("In March, Russian missiles hit the power plant in Kharkiv.", [("Kharkiv", "energy", 1)]),
        ("Russia annexed it in 2014, and on Tuesday a drone hit a school in Poltava.", [("Poltava", "civilian", 1)]),
    ],
)
def test_strikes_told_as_background_are_kept_aside(text: str, expected, resolver) -> None:
    result = extract_events(text, META, resolver)
    assert [(e.location, e.category, e.geo_precision) for e in result.events] == expected
    if not expected:
        assert result.unresolved and "background" in result.unresolved[0].reason


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Russia annexed it in 2014, and last week a drone hit a school in Poltava.", date(2025, 3, 12)),
        ("Earlier this week, a Russian drone hit a school in Poltava.", date(2025, 3, 17)),
        ("On the night of Monday to Tuesday, a Russian drone hit a school in Poltava.", date(2025, 3, 18)),
        ("A Russian drone hit a school in Poltava on March 16, a day after drones hit Sumy.", date(2025, 3, 16)),
    ],
)
def test_the_date_of_the_targets_clause(text: str, day: date, resolver) -> None:
    (event,) = extract_events(text, META, resolver).events
    assert event.event_date == day


def test_in_the_city_is_the_city_the_report_is_about(resolver) -> None:
    text = ("Ukrainian missiles struck a military airfield in Bryansk on Tuesday. "
            "Kyiv has stepped up its attacks on the region and hit a warship in the city.")
    assert found(text, resolver) == [("Bryansk", "military", 1)]  # the warship joins the airfield's event
    text = "Kyiv has stepped up its attacks and hit a warship in the city."
    assert found(text, resolver) == []


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("Ukrainian officials said the strikes damaged a power plant in Dnipro.", "RU"),
        ("Ukraine's General Staff said separately that its forces hit an oil depot in Bryansk.", "UA"),
        ("Russia's defence ministry said its troops struck an oil depot in Kharkiv.", "RU"),
    ],
)
def test_who_spoke_is_not_who_struck(text: str, attacker: str, resolver) -> None:
    (event,) = extract_events(text, META, resolver).events
    assert event.attacker == attacker


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Debris fell near the theatre, the governor said, but no one was hurt.", []),
        ("Debris fell on the theatre and damaged its roof.", ["theatre"]),
        ("Drones attacked the refinery, the hospital said.", ["refinery"]),
        ("Ukrainian missiles struck the headquarters of Russia's Black Sea Fleet.",
         ["headquarters of Russia's Black Sea Fleet"]),
    ],
)
def test_debris_beside_a_building_and_speakers(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases


def test_a_venue_abroad_is_not_a_strike_site(resolver) -> None:
    text = "Officials called the attack on the market a terrorist act and raised it at the Security Council in Vienna."
    assert found(text, resolver) == []


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Putin said Ukraine had tried to strike the nuclear power plant overnight.", []),
        ("Drones attempted to attack the refinery.", []),
        ("Drones tried to attack the refinery and hit a substation.", ["refinery", "substation"]),
        ("The refinery was not damaged by the attack.", []),
        ("A Russian missile hit a civilian cargo ship in the port.", ["cargo ship", "port"]),
        ("A missile damaged a car wash.", ["car wash"]),
    ],
)
def test_attempts_undamaged_sites_ships_and_car_washes(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases


def test_a_region_named_as_owner_before_the_town_is_its_hint(resolver) -> None:
    from strikes.extract.places import find_place_mentions, region_hint

    sentence = "Russian forces attacked Kharkiv Oblast's Sumy with a bomb, hitting a school."
    mentions = find_place_mentions(sentence, resolver)
    sumy = next(m for m in mentions if m.text == "Sumy")
    assert region_hint(sentence, sumy, mentions) == "Kharkiv region"
    plain = "Russian forces attacked Sumy with a bomb, hitting a school."
    assert region_hint(plain, find_place_mentions(plain, resolver)[0], find_place_mentions(plain, resolver)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian missiles hit a military airfield in Sumy on Tuesday. "
         "Officials said an infrastructure facility was also damaged in the region.",
         [("Sumy", "military", 1), ("Sumy Oblast", "other", 3)]),
        # A country's targets need a place that is named.
        ("Russian missiles hit a military airfield in Sumy on Tuesday. "
         "Moscow said it struck Ukrainian military targets in the region.", [("Sumy", "military", 1)]),
        # Nothing told before: nothing to refer to.
        ("Officials said an infrastructure facility was damaged in the region.", []),
    ],
)
def test_in_the_region_is_the_region_of_the_strike_before(text: str, expected, resolver) -> None:
    assert found(text, resolver) == expected


def test_a_place_over_which_weapons_were_shot_down_is_not_a_site(resolver) -> None:
    text = "Air defences shot down ten missiles over Bryansk and did not mention any damage at the airfield."
    result = extract_events(text, META, resolver)
    assert result.events == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian drones attacked the naval base in Novorossiysk. He reported no damage.", []),
        ("Ukrainian drones attacked the naval base in Novorossiysk. There were no casualties or damage.", []),
        # Damage told in the strike's own clause stands.
        ("Ukrainian drones hit the naval base in Novorossiysk. There were no casualties.",
         [("Novorossiysk", "military", 1)]),
        ("Ukrainian drones damaged the naval base in Novorossiysk. He reported no damage to homes.",
         [("Novorossiysk", "military", 1)]),
    ],
)
def test_an_attack_followed_by_no_damage_is_no_strike(text: str, expected, resolver) -> None:
    assert found(text, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Drones attacked the port, where Russia moved much of its fleet after losses.", ["port"]),
        ("A drone struck a truck carrying workers of an agricultural enterprise.", []),
        ("A drone struck the agricultural enterprise and a truck.", ["agricultural enterprise"]),
    ],
)
def test_where_clauses_and_people_of_an_enterprise(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases


def test_a_far_bigger_namesake_wins_over_the_reports_country() -> None:
    from geocoding.model import Place
    from strikes.extract.pipeline import _dominant_country

    def place(country: str, population: int) -> Place:
        return Place("N", 45.0, 37.0, country, "", 1, "settlement", 1.0, f"x:{country}", population)

    assert _dominant_country([place("RU", 241_000), place("UA", 737)]) == "RU"
    assert _dominant_country([place("RU", 130_000), place("UA", 70_000)]) is None


def test_the_side_named_for_the_reports_other_strikes_in_that_country(resolver) -> None:
    text = ("Ukrainian troops shelled Kharkiv on Tuesday, damaging a school. "
            "In Poltava, a drone dropped an explosive device on a bus station.")
    events = extract_events(text, META, resolver).events
    assert [(e.location, e.attacker) for e in events] == [("Kharkiv", "UA"), ("Poltava", "UA")]
    assert "other strikes" in events[1].notes


def test_the_night_of_one_date_to_the_next_is_dated_by_the_morning(resolver) -> None:
    text = "On the night of March 15 to March 16, Russian drones hit a school in Poltava."
    (event,) = extract_events(text, META, resolver).events
    assert event.event_date == date(2025, 3, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A misspelt name right before a facility word is looked up fuzzily, like one after "in".
        ("Ukrainian drones hit the Tuapsi refinery on Tuesday.", [("Tuapse", "energy", 1)]),
        ("Ukrainian drones hit the Tuapsi Bank on Tuesday, damaging an oil depot.", []),
    ],
)
def test_a_name_before_a_facility_word_is_a_place(text: str, expected, resolver) -> None:
    assert found(text, resolver) == expected


def test_district_of_the_region_is_a_region_hint(resolver) -> None:
    from strikes.extract.places import find_place_mentions, region_hint

    sentence = "Drones hit an energy facility in the Sumy district of the Kharkiv region."
    mentions = find_place_mentions(sentence, resolver)
    sumy = next(m for m in mentions if m.text == "Sumy")
    assert region_hint(sentence, sumy, mentions) == "Kharkiv region"


def test_a_regions_population_does_not_make_a_namesake_dominant() -> None:
    from geocoding.model import Place
    from strikes.extract.pipeline import _dominant_country

    town = Place("B", 46.2, 30.3, "UA", "Odesa Oblast", 1, "settlement", 1.0, "t", 47_000)
    region = Place("B", 50.6, 36.6, "RU", "Belgorod Oblast", 3, "region", 1.0, "r", 1_500_000)
    assert _dominant_country([town, region]) is None


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("A missile hit a rehabilitation centre.", "medical"),
        ("The enemy damaged equipment of the distribution system operator in a drone attack.", "power_grid"),
    ],
)
def test_new_lexicon_words(sentence: str, subtype: str) -> None:
    assert [t.subtype for t in find_targets(sentence)] == [subtype]


def test_a_name_after_in_is_a_place_not_a_government(resolver) -> None:
    text = "Officials said a drone attack on the refinery in Tuapse had caused a fire on Tuesday."
    assert found(text, resolver) == [("Tuapse", "energy", 1)]


def test_a_flashback_date_is_not_carried_to_the_sentences_after_it(resolver) -> None:
    text = ("Russian missiles hit a school in Poltava on Wednesday. Earlier, on Monday, a drone hit Sumy. "
            "In Kharkiv, a drone hit a warehouse.")
    events = {e.location: e.event_date for e in extract_events(text, META, resolver).events}
    assert events["Kharkiv"] == date(2025, 3, 19)


def test_a_name_in_both_countries_is_the_attacked_sides_town() -> None:
    from strikes.extract.pipeline import _country_attacked
    from strikes.extract.targets import find_targets as targets

    sentence = "Ukrainian drones attacked the gunpowder plant in the town of Kotovsk."
    assert _country_attacked(sentence, targets(sentence)[0]) == "RU"
    sentence = "Russian drones attacked the plant in the town of Kotovsk."
    assert _country_attacked(sentence, targets(sentence)[0]) == "UA"


def test_of_two_towns_of_one_name_the_one_in_the_reports_region(resolver) -> None:
    from geocoding.model import GeocodeResult, Place

    south = Place("Semenivka", 49.6, 33.2, "UA", "Poltava Oblast", 1, "settlement", 1.0, "s:p", 6089)
    north = Place("Semenivka", 52.2, 32.6, "UA", "Kharkiv Oblast", 1, "settlement", 1.0, "s:k", 5600)

    class TwoSemenivkas:
        def lookup_exact(self, name, country=None):  # type: ignore[no-untyped-def]
            return [south, north] if name == "Semenivka" else resolver.lookup_exact(name, country)

        def geocode(self, name, country=None, region=None):  # type: ignore[no-untyped-def]
            if name == "Semenivka":
                best = north if region == "Kharkiv Oblast" else south
                return GeocodeResult(name, best, (south, north))
            return resolver.geocode(name, country, region)

    text = ("Russian drones hit a school in Kharkiv on Tuesday. "
            "In Semenivka, a Russian drone hit a private house.")
    events = extract_events(text, META, TwoSemenivkas()).events
    assert [(e.location, e.admin1) for e in events] == [("Kharkiv", "Kharkiv Oblast"), ("Semenivka", "Kharkiv Oblast")]
    alone = extract_events("In Semenivka, a Russian drone hit a private house.", META, TwoSemenivkas()).events
    assert [e.admin1 for e in alone] == ["Poltava Oblast"]


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("A drone hit a farm building.", ["farm building"]),
        ("Drones hit the wind farm.", ["wind farm"]),
        ("The farm lost power after a drone attack nearby.", []),
    ],
)
def test_farms(sentence: str, phrases: list[str]) -> None:
    assert [t.phrase for t in find_targets(sentence)] == phrases
