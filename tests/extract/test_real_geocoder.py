"""Integration with the real gazetteer (skipped until `geocoding.default_geocoder` exists)."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.extract import ReportMeta, extract_events

geocoding = pytest.importorskip("geocoding")
if not hasattr(geocoding, "default_geocoder"):
    pytest.skip("geocoding.default_geocoder has not landed", allow_module_level=True)


@pytest.fixture(scope="module")
def geocoder():
    return geocoding.default_geocoder()


META = ReportMeta(date(2025, 3, 19), title="own fixture")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian drones hit a hospital in Sumi and a substation in Slavyansk on Tuesday.",
         [("Sumy", "UA", 1, "medical"), ("Sloviansk", "UA", 1, "power_grid")]),
        ("Officials of Krasnodar in the southern Russian region said a fire at an oil depot followed a Ukrainian "
         "drone attack.", [("Krasnodar Krai", "RU", 3, "oil")]),
        ("Also a private houses in the Odesska region were damaged.", [("Odesa Oblast", "UA", 3, "residential")]),
        ("Strikes hit thermal power plants in the Kharkiv region overnight.",
         [("Kharkiv Oblast", "UA", 3, "power_generation")]),
        ("A Ukrainian drone hit a fuel depot in Orel, the governor said.", [("Oryol", "RU", 1, "oil")]),
    ],
)
def test_real_places(text, expected, geocoder) -> None:
    events = extract_events(text, META, geocoder).events
    got = [(e.location, e.country, e.geo_precision, e.subtype) for e in events]
    assert [(loc.replace("ë", "e"), c, p, s) for loc, c, p, s in got] == [
        (loc.replace("ë", "e"), c, p, s) for loc, c, p, s in expected]


@pytest.mark.parametrize(
    "text",
    [
        "President Vladimir Putin said talks in Jeddah, Saudi Arabia would cover strikes on energy infrastructure.",
        "Zelensky, who arrived at Helsinki, said drones had hit energy infrastructure.",
        "Moscow said the Kiev regime was behind the attacks on refineries.",
        "The terminal lies 110 km west of St Petersburg, and drones struck it on Sunday.",
    ],
)
def test_real_traps(text, geocoder) -> None:
    assert extract_events(text, META, geocoder).events == ()
