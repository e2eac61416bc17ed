"""Fixtures: a twenty-row hand-written gazetteer (fast, exact expectations) and the real default geocoder."""

from __future__ import annotations

import pytest

from geocoding import Geocoder, default_geocoder
from geocoding.gazetteer import GazetteerEntry

S, R, F = "settlement", "region", "facility"

# Invented or rounded coordinates: these rows test the matching rules, not geography.
SMALL_GAZETTEER: tuple[GazetteerEntry, ...] = (
    GazetteerEntry("Sumy", 50.9, 34.8, "UA", "Sumy Oblast", S, "geonames:1", 256000, ("Sumi", "Суми", "Сумы")),
    GazetteerEntry("Sloviansk", 48.85, 37.6, "UA", "Donetsk Oblast", S, "geonames:2", 105000,
                   ("Slavyansk", "Slovyansk", "Слов'янськ", "Славянск"), official_names=("Slovyansk",)),
    GazetteerEntry("Slavyansk-na-Kubani", 45.25, 38.12, "RU", "Krasnodar Krai", S, "geonames:3", 65000,
                   ("Славянск-на-Кубани",)),
    GazetteerEntry("Pokrovsk", 48.28, 37.18, "UA", "Donetsk Oblast", S, "geonames:4", 60000,
                   ("Krasnoarmeysk", "Покровськ")),
    GazetteerEntry("Pokrovsk", 61.48, 129.14, "RU", "Sakha Republic", S, "geonames:5", 9700, ("Покровск",)),
    GazetteerEntry("Engels", 51.5, 46.12, "RU", "Saratov Oblast", S, "geonames:6", 196000, ("Pokrovsk", "Энгельс")),
    GazetteerEntry("Kyiv", 50.45, 30.52, "UA", "Kyiv City", S, "geonames:7", 2950000, ("Kiev", "Київ", "Киев")),
    GazetteerEntry("Kharkiv", 49.98, 36.25, "UA", "Kharkiv Oblast", S, "geonames:8", 1420000,
                   ("Kharkov", "Харків", "Харьков")),
    GazetteerEntry("Oryol", 52.97, 36.07, "RU", "Oryol Oblast", S, "geonames:9", 300000, ("Орёл",)),
    GazetteerEntry("Burshtyn", 49.26, 24.63, "UA", "Ivano-Frankivsk Oblast", S, "geonames:10", 14700, ("Бурштин",)),
    GazetteerEntry("Krasnodar", 45.04, 38.98, "RU", "Krasnodar Krai", S, "geonames:11", 900000, ("Краснодар",)),
    GazetteerEntry("Twinsville", 47.0, 30.0, "UA", "Odesa Oblast", S, "geonames:21", 1000),
    GazetteerEntry("Twinsville", 47.5, 30.5, "UA", "Odesa Oblast", S, "geonames:20", 1000),
    GazetteerEntry("Sumy Oblast", 50.94, 34.37, "UA", "Sumy Oblast", R, "region:UA.21", 1100000,
                   ("Sumy region", "Sumska oblast", "Сумська область"), bare_names=("Sumy", "Sumi")),
    GazetteerEntry("Krasnodar Krai", 45.11809, 39.42399, "RU", "Krasnodar Krai", R, "region:RU.38", 4500000,
                   ("Krasnodar region", "Краснодарский край", "Kuban"), bare_names=("Krasnodar",)),
    GazetteerEntry("Donetsk Oblast", 48.0, 37.8, "UA", "Donetsk Oblast", R, "region:UA.05", 4000000,
                   ("Donetsk region",)),
    GazetteerEntry("Sakha Republic", 62.0, 129.7, "RU", "Sakha Republic", R, "region:RU.63", 900000, ("Yakutia",)),
    GazetteerEntry("Burshtyn power station", 49.21, 24.67, "UA", "Ivano-Frankivsk Oblast", F, "gppd:WRI1005097",
                   fuel="coal", subtype="power_generation"),
    GazetteerEntry("Zmiiv TPP", 49.58, 36.53, "UA", "Kharkiv Oblast", F, "gppd:WRI1005103",
                   alternate_names=("Zmiivska power station",), fuel="coal", subtype="power_generation"),
    GazetteerEntry("Kyiv HPP", 50.59, 30.49, "UA", "Kyiv Oblast", F, "gppd:WRI1005123", alternate_names=("Kiev",),
                   fuel="hydro", subtype="power_generation"),
)


@pytest.fixture(scope="session")
def small() -> Geocoder:
    """A geocoder over `SMALL_GAZETTEER` (built in milliseconds)."""
    return Geocoder(gazetteer=SMALL_GAZETTEER)


@pytest.fixture(scope="session")
def real() -> Geocoder:
    """The process-wide geocoder over the full compact index (built on first use if missing or stale)."""
    return default_geocoder()
