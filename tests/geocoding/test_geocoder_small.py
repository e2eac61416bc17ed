"""Matching and ranking rules on a twenty-row gazetteer (see conftest.SMALL_GAZETTEER)."""

from __future__ import annotations

import pytest

from geocoding import GazetteerError, Geocoder, GeocodingError
from geocoding.gazetteer import GazetteerEntry


@pytest.mark.parametrize(("query", "name", "source_id"), [
    ("Sumy", "Sumy", "geonames:1"),
    ("sumy", "Sumy", "geonames:1"),
    ("Sumi", "Sumy", "geonames:1"),
    ("Суми", "Sumy", "geonames:1"),
    ("Сумы", "Sumy", "geonames:1"),
    ("Kiev", "Kyiv", "geonames:7"),
    ("Київ", "Kyiv", "geonames:7"),
    ("Киев", "Kyiv", "geonames:7"),
    ("Kharkov", "Kharkiv", "geonames:8"),
    ("Slov'yans'k", "Sloviansk", "geonames:2"),
    ("Slovyensk", "Sloviansk", "geonames:2"),        # fuzzy
    ("Oryol", "Oryol", "geonames:9"),
    ("Orel", "Oryol", "geonames:9"),                 # ё written е
    ("Pokrovsk", "Pokrovsk", "geonames:4"),          # canonical beats Engels' former name
])
def test_resolves(small: Geocoder, query: str, name: str, source_id: str) -> None:
    place = small.geocode(query).place
    assert place is not None
    assert (place.name, place.source_id) == (name, source_id)


def test_cyrillic_transliterated_query_finds_latin_only_names(small: Geocoder) -> None:
    # "Бурштин" is indexed; "Kharkiv" has no "Харкив" alternate, but its transliteration matches.
    assert small.geocode("Харкив").place.name == "Kharkiv"


@pytest.mark.parametrize(("query", "country", "name", "country_out"), [
    ("Slavyansk", None, "Sloviansk", "UA"),
    ("Slavyansk", "UA", "Sloviansk", "UA"),
    ("Slavyansk", "RU", "Slavyansk-na-Kubani", "RU"),     # head of a compound name, in the hinted country
    ("Pokrovsk", "RU", "Engels", "RU"),                   # 20 times bigger: outweighs the canonical name
    ("Pokrovsk", "Russia", "Engels", "RU"),               # country by name
    ("Pokrovsk", "ua", "Pokrovsk", "UA"),
])
def test_country_hint(small: Geocoder, query: str, country: str | None, name: str, country_out: str) -> None:
    place = small.geocode(query, country=country).place
    assert (place.name, place.country) == (name, country_out)


def test_region_hint_ranks_first(small: Geocoder) -> None:
    place = small.geocode("Pokrovsk", region="Sakha Republic").place
    assert place.source_id == "geonames:5"
    assert small.geocode("Pokrovsk", region="Yakutia").place.source_id == "geonames:5"


def test_unmet_hint_still_answers(small: Geocoder) -> None:
    place = small.geocode("Kharkov", country="RU").place
    assert place is not None and place.country == "UA"


@pytest.mark.parametrize(("query", "name"), [
    ("Sumy Oblast", "Sumy Oblast"),
    ("Sumy region", "Sumy Oblast"),
    ("Sumska oblast", "Sumy Oblast"),
    ("Сумська область", "Sumy Oblast"),
    ("Sumi region", "Sumy Oblast"),           # a bare alias + a region word
    ("Krasnodar region", "Krasnodar Krai"),
    ("Krasnodar Krai", "Krasnodar Krai"),
    ("Kuban", "Krasnodar Krai"),              # a region's own name, no kind word needed
    ("Donetsk region", "Donetsk Oblast"),
])
def test_regions_resolve_at_precision_3(small: Geocoder, query: str, name: str) -> None:
    place = small.geocode(query).place
    assert (place.name, place.kind, place.geo_precision) == (name, "region", 3)


@pytest.mark.parametrize("query", ["Sumy", "Krasnodar"])
def test_bare_city_name_is_the_city_not_the_region(small: Geocoder, query: str) -> None:
    result = small.geocode(query)
    assert result.place.kind == "settlement"
    assert any(c.kind == "region" for c in result.candidates)  # the region is a runner-up


def test_district_word_gives_the_town_at_precision_2(small: Geocoder) -> None:
    place = small.geocode("Pokrovsk district").place
    assert (place.name, place.geo_precision, place.kind) == ("Pokrovsk", 2, "settlement")


@pytest.mark.parametrize(("query", "name"), [
    ("Burshtyn power station", "Burshtyn power station"),
    ("Burshtyn TPP", "Burshtyn power station"),
    ("Burshtyn thermal power plant", "Burshtyn power station"),
    ("Burshtynska TES", "Burshtyn power station"),
    ("Zmiiv TPP", "Zmiiv TPP"),
    ("Zmiivska TPP", "Zmiiv TPP"),
    ("Kyiv HPP", "Kyiv HPP"),
])
def test_facilities(small: Geocoder, query: str, name: str) -> None:
    place = small.geocode(query).place
    assert (place.name, place.kind, place.geo_precision) == (name, "facility", 1)


def test_town_without_facility_word_stays_the_town(small: Geocoder) -> None:
    assert small.geocode("Burshtyn").place.kind == "settlement"


def test_facility_of_the_wrong_kind_falls_back_to_the_town(small: Geocoder) -> None:
    # An NPP in Kharkiv is not known: the answer is Kharkiv, not a thermal or hydro plant.
    place = small.geocode("Kharkiv NPP").place
    assert (place.name, place.kind) == ("Kharkiv", "settlement")


@pytest.mark.parametrize("query", ["Zelancesi", "Witcoff", "Trump-Poten", "Putin", "Zelensky", "Governor",
                                   "Ministry", "Kremlin", "Sumyland Ministry", "xx", "", "   ", "-", "???"])
def test_non_places_stay_unresolved(small: Geocoder, query: str) -> None:
    result = small.geocode(query)
    assert not result.resolved
    assert result.place is None and result.candidates == ()


def test_unresolved_has_suggestions_not_a_point(small: Geocoder) -> None:
    result = small.geocode("Kharkavo")
    assert not result.resolved
    assert any(s.startswith("Kharkiv") for s in result.suggestions)


def test_none_is_unresolved_not_an_error(small: Geocoder) -> None:
    assert not small.geocode(None).resolved  # type: ignore[arg-type]


def test_ties_are_broken_by_source_id_not_input_order(small: Geocoder) -> None:
    result = small.geocode("Twinsville")
    assert result.place.source_id == "geonames:20"
    assert [c.source_id for c in result.candidates] == ["geonames:21"]


def test_tie_rule_does_not_depend_on_gazetteer_order() -> None:
    from tests.geocoding.conftest import SMALL_GAZETTEER

    forwards = Geocoder(gazetteer=SMALL_GAZETTEER).geocode("Twinsville").place.source_id
    backwards = Geocoder(gazetteer=tuple(reversed(SMALL_GAZETTEER))).geocode("Twinsville").place.source_id
    assert forwards == backwards == "geonames:20"


def test_scores_order_exact_above_fuzzy(small: Geocoder) -> None:
    exact = small.geocode("Sloviansk").place.score
    alternate = small.geocode("Slavyansk").place.score
    fuzzy = small.geocode("Slovyensk").place.score
    assert exact == 1.0 and 0.9 < alternate < 1.0 and 0 < fuzzy <= 0.9


def test_runner_ups_are_other_places(small: Geocoder) -> None:
    result = small.geocode("Pokrovsk")
    ids = [result.place.source_id, *(c.source_id for c in result.candidates)]
    assert ids[0] == "geonames:4" and len(ids) == len(set(ids))
    assert {"geonames:5", "geonames:6"} <= set(ids)


def test_lookup_exact_has_no_fuzzy(small: Geocoder) -> None:
    assert [p.name for p in small.lookup_exact("Kiev")] == ["Kyiv"]
    assert small.lookup_exact("Slovyensk") == []
    assert small.lookup_exact("") == []


def test_lookup_exact_country_filter(small: Geocoder) -> None:
    assert [p.source_id for p in small.lookup_exact("Pokrovsk", country="RU")] == ["geonames:6", "geonames:5"]


def test_geocode_many_keeps_input_order(small: Geocoder) -> None:
    names = ["Kiev", "Witcoff", "Sumi", "Kiev"]
    results = small.geocode_many(names)
    assert [r.query for r in results] == names
    assert [r.resolved for r in results] == [True, False, True, True]


def test_never_answers_with_null_island() -> None:
    bad = GazetteerEntry("Nowhere", 0.0, 0.0, "UA", "", "settlement", "geonames:99")
    with pytest.raises(GazetteerError, match=r"Nowhere.*lat/lon.*real point"):
        Geocoder(gazetteer=[bad])


def test_out_of_range_coordinates_rejected() -> None:
    bad = GazetteerEntry("Faraway", 91.0, 30.0, "UA", "", "settlement", "geonames:98")
    with pytest.raises(GazetteerError, match="Faraway"):
        Geocoder(gazetteer=[bad])


def test_geocoder_needs_a_gazetteer_or_an_index() -> None:
    with pytest.raises(GeocodingError, match="expected a gazetteer"):
        Geocoder()


def test_canonical_name_outweighs_a_bigger_alternate() -> None:
    # 60 000 with the canonical name against 196 000 with a former name: canonical wins (bonus ×10).
    from tests.geocoding.conftest import SMALL_GAZETTEER

    assert Geocoder(gazetteer=SMALL_GAZETTEER).geocode("Pokrovsk").place.source_id == "geonames:4"


@pytest.mark.parametrize(("query", "source_id"), [
    ("Pokrovsk (Sakha Republic)", "geonames:5"),
    ("Pokrovsk, Yakutia", "geonames:5"),
    ("Pokrovsk, Donetsk region", "geonames:4"),
    ("Slavyansk, Russia", "geonames:3"),
    ("Slavyansk (RU)", "geonames:3"),
    ("Pokrovsk (Krasnodar)", "geonames:4"),   # a qualifier that fits no candidate is only a hint
])
def test_qualifiers_are_hints(small: Geocoder, query: str, source_id: str) -> None:
    assert small.geocode(query).place.source_id == source_id


def test_qualified_unknown_name_stays_unresolved(small: Geocoder) -> None:
    result = small.geocode("Witcoff, Ukraine")
    assert not result.resolved and result.query == "Witcoff, Ukraine"


def test_region_word_prefers_the_oblast_to_the_city_with_special_status() -> None:
    city = GazetteerEntry("Kyiv City", 50.43, 30.52, "UA", "Kyiv City", "region", "region:UA.12", 3000000,
                          ("City of Kyiv",), bare_names=("Kyiv", "Kiev"), subtype="city")
    oblast = GazetteerEntry("Kyiv Oblast", 50.3, 30.6, "UA", "Kyiv Oblast", "region", "region:UA.13", 1400000,
                            ("Kyiv region",), bare_names=("Kyiv", "Kiev"), subtype="oblast")
    town = GazetteerEntry("Kyiv", 50.45, 30.52, "UA", "Kyiv City", "settlement", "geonames:7", 2950000, ("Kiev",))
    geocoder = Geocoder(gazetteer=[city, oblast, town])
    assert geocoder.geocode("Kiev Oblast").place.name == "Kyiv Oblast"
    assert geocoder.geocode("Kiev region").place.name == "Kyiv Oblast"
    assert geocoder.geocode("Kyiv City").place.name == "Kyiv City"    # its own name with the kind word
    assert geocoder.geocode("Kiev").place.name == "Kyiv"


@pytest.mark.parametrize(("query", "name"), [("Kharkiv's", "Kharkiv"), ("Kyiv’s", "Kyiv"), ("Sumy's", "Sumy")])
def test_english_possessive_is_dropped(small: Geocoder, query: str, name: str) -> None:
    result = small.geocode(query)
    assert (result.place.name, result.query) == (name, query)


def test_other_facility_lists_are_matched_by_their_own_words() -> None:
    from tests.geocoding.conftest import SMALL_GAZETTEER

    refinery = GazetteerEntry("Krasnodar oil refinery", 45.0, 39.05, "RU", "Krasnodar Krai", "facility",
                              "refineries:KRR", alternate_names=("Krasnodar NPZ",), subtype="oil")
    geocoder = Geocoder(gazetteer=[*SMALL_GAZETTEER, refinery])
    for query in ("Krasnodar refinery", "Krasnodar oil refinery", "Krasnodar NPZ", "Краснодарский НПЗ"):
        place = geocoder.geocode(query).place
        assert (place.kind, place.source_id) == ("facility", "refineries:KRR"), query
    # A substation or a power plant in Krasnodar is not known: the answer is the town, not the refinery.
    assert geocoder.geocode("Krasnodar substation").place.source_id == "geonames:11"
    assert geocoder.geocode("Krasnodar TPP").place.source_id == "geonames:11"
    # A refinery in Burshtyn is not known: not the power station either.
    assert geocoder.geocode("Burshtyn refinery").place.kind == "settlement"
