"""Fixtures of the importer tests: the fixture folder, and a fake geocoder with a dozen places."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from geocoding.model import GeocodeResult, Place

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"


def _place(name: str, lat: float, lon: float, country: str, admin1: str, precision: int = 1,
           score: float = 1.0, population: int = 0) -> Place:
    kind = "region" if precision == 3 else "settlement"
    return Place(name=name, lat=lat, lon=lon, country=country, admin1=admin1, geo_precision=precision, kind=kind,
                 score=score, source_id=f"fake:{name}", population=population, matched=name)


KHARKIV = _place("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv Oblast")
PLACES: dict[str, Place] = {
    "kyiv": _place("Kyiv", 50.4501, 30.5234, "UA", "Kyiv City"),
    "kharkiv": KHARKIV,
    "харків": KHARKIV,
    "odesa": _place("Odesa", 46.4825, 30.7233, "UA", "Odesa Oblast"),
    "одеса": _place("Odesa", 46.4825, 30.7233, "UA", "Odesa Oblast"),
    "lviv": _place("Lviv", 49.8397, 24.0297, "UA", "Lviv Oblast"),
    "sumy": _place("Sumy", 50.9077, 34.7981, "UA", "Sumy Oblast"),
    "zaporizhzhia": _place("Zaporizhzhia", 47.8388, 35.1396, "UA", "Zaporizhzhia Oblast"),
    "запоріжжя": _place("Zaporizhzhia", 47.8388, 35.1396, "UA", "Zaporizhzhia Oblast"),
    "dnipro": _place("Dnipro", 48.4647, 35.0462, "UA", "Dnipropetrovsk Oblast"),
    "ryazan": _place("Ryazan", 54.6269, 39.6916, "RU", "Ryazan Oblast"),
    "tuapse": _place("Tuapse", 44.1053, 39.0802, "RU", "Krasnodar Krai"),
    "novoshakhtinsk": _place("Novoshakhtinsk", 47.7579, 39.9364, "RU", "Rostov Oblast"),
    "rostov oblast": _place("Rostov Oblast", 47.7, 40.7, "RU", "Rostov Oblast", precision=3),
}
POKROVSKE = (
    _place("Pokrovske", 47.9853, 36.2347, "UA", "Dnipropetrovsk Oblast", score=0.9, population=9868),
    _place("Pokrovske", 48.1200, 37.9200, "UA", "Donetsk Oblast", score=0.9, population=1838),
)
# A city and a homonymous village far away: the village does not make the city ambiguous.
ZAPORIZHZHIA_VILLAGE = _place("Zaporizhzhia", 47.1521, 35.7425, "UA", "Zaporizhzhia Oblast", population=1073)


class FakeGeocoder:
    """`geocoding.Geocoder`'s `geocode` over the dozen places above; records every query."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, str | None, str | None]] = []

    def geocode(self, name: str, country: str | None = "UA", region: str | None = None) -> GeocodeResult:
        self.queries.append((name, country, region))
        key = " ".join(name.lower().split())
        if key == "zaporizhzhia":
            city = replace(PLACES[key], population=710_052)
            return GeocodeResult(query=name, place=city, candidates=(ZAPORIZHZHIA_VILLAGE,))
        if key in PLACES:
            return GeocodeResult(query=name, place=PLACES[key], candidates=(PLACES[key],))
        if key == "pokrovske":
            return GeocodeResult(query=name, place=POKROVSKE[0], candidates=POKROVSKE)
        if key == "kharkof":
            low = _place("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv Oblast", score=0.55)
            return GeocodeResult(query=name, place=low, candidates=(low,))
        return GeocodeResult(query=name, place=None, candidates=(), suggestions=("Kyiv",) if key[:1] == "k" else ())


@pytest.fixture
def geocoder() -> FakeGeocoder:
    return FakeGeocoder()


@pytest.fixture
def data_dir() -> Path:
    return DATA
