"""The pipeline on my own sentences, with the fake resolver of conftest.py."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.extract import ExtractionError, ReportMeta, extract_events
from strikes.model import validate_event

WEDNESDAY = date(2025, 3, 19)
META = ReportMeta(WEDNESDAY, title="Test report", url="https://example.org/r1", publisher="Example")


def events(text: str, resolver, meta: ReportMeta = META):
    return extract_events(text, meta, resolver).events


def summary(text: str, resolver, meta: ReportMeta = META) -> list[tuple[str, str, str]]:
    return [(e.location, e.target, e.subtype) for e in events(text, resolver, meta)]


def test_one_strike_carries_every_field(resolver) -> None:
    text = "Intro line.\nRussian drones hit a hospital in Kharkiv on Tuesday, officials said."
    (event,) = events(text, resolver)
    assert (event.place, event.location, event.admin1, event.country) == ("Kharkiv", "Kharkiv", "Kharkiv Oblast", "UA")
    assert (event.target, event.category, event.subtype) == ("hospital", "civilian", "medical")
    assert (event.attacker, event.weapon) == ("RU", "drone")
    assert (event.event_date, event.time_precision, event.geo_precision) == (date(2025, 3, 18), 1, 1)
    assert event.status == "candidate"
    assert text[event.excerpt_start:event.excerpt_end] == event.excerpt
    assert event.excerpt.startswith("Russian drones")
    assert (event.source_title, event.source_url, event.publisher, event.published) == (
        "Test report", "https://example.org/r1", "Example", WEDNESDAY)
    assert 0 < event.confidence <= 1
    validate_event(event)


def test_several_strikes_in_one_sentence(resolver) -> None:
    text = "Russian missiles damaged a school in Poltava and a substation in Dnipro."
    assert summary(text, resolver) == [("Poltava", "school", "education"), ("Dnipro", "substation", "power_grid")]


def test_two_strikes_split_by_while(resolver) -> None:
    text = "Strikes damaged power plants in the Kharkiv region, while in Kiev a drone hit a kindergarten."
    found = events(text, resolver)
    assert [(e.location, e.geo_precision, e.subtype) for e in found] == [
        ("Kharkiv Oblast", 3, "power_generation"), ("Kyiv", 1, "education")]


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Houses in the Odeska region were damaged by Russian drones.", "Odesa Oblast"),
        ("Officials of Krasnodar in the southern Russian region said drones set an oil depot on fire.",
         "Krasnodar Krai"),
        ("A Ukrainian drone attack hit a fuel depot in the Bryansk region.", "Bryansk Oblast"),
    ],
)
def test_region_only_mentions(text: str, location: str, resolver) -> None:
    (event,) = events(text, resolver)
    assert (event.location, event.geo_precision) == (location, 3)


def test_same_place_named_twice_is_one_event(resolver) -> None:
    text = ("A Russian missile struck a shopping mall in Dnipro on Tuesday. "
            "The mall in Dnipro and nearby shops were damaged, the mayor of Dnipro said.")
    found = events(text, resolver)
    assert len(found) == 1
    assert found[0].target == "shopping mall"
    assert "shops" in found[0].notes or "mall" in found[0].notes


def test_a_following_sentence_without_a_place_belongs_to_the_last_one(resolver) -> None:
    text = "Ukrainian shelling hit central Bryansk on Monday. Shells fell near a market and a school."
    found = events(text, resolver)
    assert [(e.location, e.category) for e in found] == [("Bryansk", "civilian")]


@pytest.mark.parametrize(
    "text",
    [
        "After the strike the injured were taken to hospital in Kharkiv.",
        "The hospital in Kharkiv lost power after the attack on the region.",
        "Moscow said the Kiev regime would be punished for the attacks on its refineries.",
        "The president arrived at Vienna, where he said drones had hit refineries.",
        "The depot lies 110 km west of St Petersburg; a drone attack hit it at night.",
        "Talks in Istanbul on a moratorium on strikes on energy infrastructure resumed.",
        "Russian drones hit an oil depot in Finland.",
    ],
)
def test_traps_give_no_event(text: str, resolver) -> None:
    assert events(text, resolver) == ()


def test_distance_reference_is_reported_as_unresolved(resolver) -> None:
    result = extract_events("A drone attack hit a refinery 110 km west of St Petersburg.", META, resolver)
    assert result.events == ()
    (item,) = result.unresolved
    assert item.target == "refinery"
    assert "St Petersburg" in item.reason and "distance" in item.reason


def test_dateline_place_is_not_a_strike_site_and_dates_the_report(resolver) -> None:
    text = "MOSCOW, Mar 18 - Drones hit a fuel depot in Oryol overnight, the governor said."
    (event,) = events(text, resolver)
    assert event.location == "Oryol"
    assert event.excerpt.startswith("Drones hit")


def test_people_are_never_places(resolver) -> None:
    # "Roman" is a town in the fake gazetteer; after a title, and before a surname, it is a person.
    text = "Governor Roman Starovoit said Ukrainian drones hit a school in Bryansk."
    assert summary(text, resolver) == [("Bryansk", "school", "education")]


def test_misspelt_place_resolved_with_lower_confidence(resolver) -> None:
    exact = events("Russian drones hit a hospital in Sumy.", resolver)[0]
    fuzzy = events("Russian drones hit a hospital in Sumyy.", resolver)[0]
    assert fuzzy.location == "Sumy"
    assert fuzzy.confidence < exact.confidence


def test_unknown_place_is_unresolved_never_at_zero(resolver) -> None:
    result = extract_events("Russian drones hit a school in Qwxzvillage.", META, resolver)
    assert result.events == ()
    assert result.unresolved[0].place == "Qwxzvillage"
    assert "gazetteer" in result.unresolved[0].reason


def test_attacker_inferred_from_country_with_lower_confidence(resolver) -> None:
    explicit = events("Russian drones hit a school in Poltava.", resolver)[0]
    inferred = events("A school in Poltava was hit by drones.", resolver)[0]
    assert (explicit.attacker, inferred.attacker) == ("RU", "RU")
    assert inferred.confidence < explicit.confidence
    assert "inferred" in inferred.notes
    ua_side = events("A school in Bryansk was hit by drones.", resolver)[0]
    assert ua_side.attacker == "UA"


def test_no_date_means_published_date_with_lower_precision(resolver) -> None:
    (event,) = events("Russian drones hit a school in Poltava.", resolver)
    assert (event.event_date, event.time_precision) == (WEDNESDAY, 2)


def test_same_report_gives_same_ids(resolver) -> None:
    text = "Russian drones hit a school in Poltava. Ukrainian drones hit a refinery in Tuapse."
    first = [e.id for e in events(text, resolver)]
    second = [e.id for e in events(text, resolver)]
    assert first == second and len(set(first)) == 2


def test_target_is_always_text_of_the_report(resolver) -> None:
    text = "Ukrainian drones hit an Oil Refinery in Tuapse and a substation in Bryansk."
    for event in events(text, resolver):
        assert event.target in event.excerpt


def test_sentence_with_a_place_but_no_target_gives_nothing(resolver) -> None:
    assert events("In Bryansk, a Russian region on the border, the governor said", resolver) == ()


def test_hostile_text_is_kept_verbatim(resolver) -> None:
    text = "Russian drones hit a school in Poltava <script>alert(1)</script>."
    (event,) = events(text, resolver)
    assert "<script>" in event.excerpt  # escaping is the job of whoever shows it


def test_metadata_without_a_date_is_an_error(resolver) -> None:
    with pytest.raises(ExtractionError, match="published"):
        extract_events("text", ReportMeta("2025-03-19"), resolver)  # type: ignore[arg-type]


def test_empty_text_gives_nothing(resolver) -> None:
    result = extract_events("", META, resolver)
    assert (result.events, result.unresolved) == ((), ())


def test_a_list_of_regions_gives_one_event_each(resolver) -> None:
    text = "Russian drones hit energy facilities in the Kharkiv, Sumy and Donetsk regions."
    found = events(text, resolver)
    assert [(e.location, e.geo_precision) for e in found] == [
        ("Kharkiv Oblast", 3), ("Sumy Oblast", 3), ("Donetsk Oblast", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian drones hit an oil depot in Novorossiysk in Russia's Krasnodar region.",
        "Ukrainian drones hit an oil depot in the Krasnodar region's Novorossiysk.",
        "Ukrainian drones hit the Novorossiysk oil depot, the Krasnodar region governor said.",
    ],
)
def test_the_settlement_inside_a_named_region_wins(text: str, resolver) -> None:
    (event,) = events(text, resolver)
    assert (event.location, event.geo_precision, event.admin1) == ("Novorossiysk", 1, "Krasnodar Krai")


def test_place_of_a_strike_sentence_without_target_is_carried_over(resolver) -> None:
    text = "In Poltava, ten explosions were heard on Monday. The mayor said the attack hit a school."
    (event,) = events(text, resolver)
    assert (event.location, event.target, event.event_date) == ("Poltava", "school", date(2025, 3, 17))
    assert event.excerpt.startswith("The mayor")


def test_two_places_before_make_the_carry_over_ambiguous(resolver) -> None:
    result = extract_events("Explosions were heard in Poltava and Dnipro. The attack hit a school.", META, resolver)
    assert result.events == ()
    assert result.unresolved[0].target == "school"


def test_a_generic_follow_up_word_joins_the_reported_target(resolver) -> None:
    text = "A drone attack set a refinery in Tuapse on fire on Monday. It was the third attack on the plant."
    (event,) = events(text, resolver)
    assert (event.target, event.subtype) == ("refinery", "oil")
    assert "plant" in event.notes


@pytest.mark.parametrize(
    "text",
    [
        "A hospital in Dnipro treated dozens of people hurt in the attack.",
        "In Moscow, Kremlin spokesman Ivan Petrov said the strikes on Russian energy infrastructure must stop.",
        "Russian missiles hit Ukrainian energy infrastructure, officials in Kyiv said.",
    ],
)
def test_more_traps(text: str, resolver) -> None:
    assert events(text, resolver) == ()


def test_a_district_of_the_city_of_the_speaker(resolver) -> None:
    text = ("Kharkiv mayor Ihor Ivanenko said a glide bomb hit an apartment building "
            "in the city's Holosiivskyi district.")
    (event,) = events(text, resolver)
    assert (event.location, event.weapon) == ("Kharkiv", "glide_bomb")


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Ukrainian drones hit an oil depot near Tuapse.", 2),
        ("Ukrainian drones hit an oil depot on the outskirts of Tuapse.", 2),
        ("Ukrainian drones hit an oil depot in Tuapse.", 1),
    ],
)
def test_near_a_place_is_precision_two(text: str, precision: int, resolver) -> None:
    (event,) = events(text, resolver)
    assert (event.location, event.geo_precision) == ("Tuapse", precision)


def test_a_district_of_a_named_city(resolver) -> None:
    (event,) = events("A Russian drone hit a block of flats in the Holosiivskyi district of Kharkiv.", resolver)
    assert event.location == "Kharkiv"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A drone hit a substation in the Russian city of Novomoskovsk.", "RU"),
        ("A drone hit a substation in Ukraine's Novomoskovsk.", "UA"),
        ("Russian drones hit a school in Dnipro. Later debris damaged a substation in Novomoskovsk.", "UA"),
        ("Ukrainian drones hit a refinery in Tuapse. Later debris damaged a substation in Novomoskovsk.", "RU"),
    ],
)
def test_a_name_in_two_countries_follows_the_text(text: str, country: str, resolver) -> None:
    event = events(text, resolver)[-1]
    assert (event.place, event.country) == ("Novomoskovsk", country)


def test_a_named_power_plant_gets_its_own_point(resolver) -> None:
    (event,) = events("Russian missiles hit the Burshtyn TPP overnight.", resolver)
    assert (event.place, event.location, event.subtype) == ("Burshtyn TPP", "Burshtyn power station",
                                                             "power_generation")


def test_an_unknown_plant_falls_back_to_its_town(resolver) -> None:
    (event,) = events("Russian missiles hit the Burshtyn power station overnight.", resolver)
    assert event.location in ("Burshtyn", "Burshtyn power station")


def test_a_dateline_alone_is_no_strike_site(resolver) -> None:
    result = extract_events("ORYOL, Dec 14 - A fuel depot caught fire after a drone attack.", META, resolver)
    assert result.events == ()
    assert result.unresolved[0].reason == "no place named"


@pytest.mark.parametrize(
    "text",
    [
        "Russia pounded Ukraine's energy system with drones as Kyiv and Vienna prepared for talks.",
        "Russia hit Ukraine's power grid again; Kyiv condemned the attack.",
    ],
)
def test_a_country_wide_target_is_not_pinned_on_a_capital(text: str, resolver) -> None:
    assert events(text, resolver) == ()


def test_a_district_named_after_its_town_is_precision_two(resolver) -> None:
    (event,) = events("Debris from a drone damaged a power line in the Tuapse district.", resolver)
    assert (event.location, event.geo_precision) == ("Tuapse", 2)


def test_a_district_after_an_attribution_is_not_the_speakers_city(resolver) -> None:
    text = "Moscow Mayor Ivan Ivanov said drone debris damaged a house in the Tuapse district."
    (event,) = events(text, resolver)
    assert (event.location, event.geo_precision) == ("Tuapse", 2)


@pytest.mark.parametrize(
    ("debris_text", "direct_text"),
    [
        ("Debris of a Russian drone damaged a house in Kharkiv on Tuesday.",
         "A Russian drone damaged a house in Kharkiv on Tuesday."),
        ("Wreckage of a downed Russian missile fell on a school in Poltava on Tuesday.",
         "A Russian missile fell on a school in Poltava on Tuesday."),
    ],
)
def test_falling_debris_is_an_event_with_a_lower_confidence(debris_text: str, direct_text: str, resolver) -> None:
    (debris,) = events(debris_text, resolver)
    (direct,) = events(direct_text, resolver)
    assert (debris.location, debris.category) == (direct.location, direct.category)
    assert debris.confidence < direct.confidence
    assert "debris" in debris.notes and "debris" not in direct.notes


def test_a_direct_hit_told_later_clears_the_debris_note(resolver) -> None:
    text = ("Debris of a Russian drone damaged a school in Poltava on Tuesday. "
            "A second Russian drone then hit the school in Poltava directly.")
    (event,) = events(text, resolver)
    assert "debris" not in event.notes
