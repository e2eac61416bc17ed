"""A fake resolver over a few places, with the same `geocode` / `lookup_exact` methods as the real geocoder."""

from __future__ import annotations

import unicodedata

import pytest
from rapidfuzz import fuzz, process

from geocoding.model import GeocodeResult, Place


def _place(name, lat, lon, country, admin1, kind="settlement", population=100_000, source=""):
    precision = 3 if kind == "region" else 1
    return Place(name, lat, lon, country, admin1, precision, kind, 1.0, source or f"fake:{name}", population)


PLACES: dict[str, tuple[Place, tuple[str, ...]]] = {
    "Sumy": (_place("Sumy", 50.9, 34.8, "UA", "Sumy Oblast"), ("Sumi",)),
    "Sloviansk": (_place("Sloviansk", 48.85, 37.6, "UA", "Donetsk Oblast"), ("Slavyansk", "Slovyansk")),
    "Kharkiv": (_place("Kharkiv", 50.0, 36.23, "UA", "Kharkiv Oblast", population=1_400_000), ("Kharkov",)),
    "Kyiv": (_place("Kyiv", 50.45, 30.52, "UA", "Kyiv City", population=2_900_000), ("Kiev",)),
    "Odesa": (_place("Odesa", 46.48, 30.74, "UA", "Odesa Oblast", population=1_000_000), ("Odessa",)),
    "Dnipro": (_place("Dnipro", 48.45, 34.98, "UA", "Dnipropetrovsk Oblast"), ()),
    "Poltava": (_place("Poltava", 49.59, 34.55, "UA", "Poltava Oblast"), ()),
    "Novorossiysk": (_place("Novorossiysk", 44.72, 37.77, "RU", "Krasnodar Krai"), ()),
    "Krasnodar": (_place("Krasnodar", 45.04, 38.98, "RU", "Krasnodar Krai"), ()),
    "Tuapse": (_place("Tuapse", 44.1, 39.07, "RU", "Krasnodar Krai", population=60_000), ()),
    "Bryansk": (_place("Bryansk", 53.25, 34.37, "RU", "Bryansk Oblast"), ()),
    "Oryol": (_place("Oryol", 52.97, 36.08, "RU", "Oryol Oblast"), ("Orel",)),
    "Saint Petersburg": (_place("Saint Petersburg", 59.94, 30.31, "RU", "Saint Petersburg"), ("St Petersburg",)),
    "Kingisepp": (_place("Kingisepp", 59.37, 28.61, "RU", "Leningrad Oblast", population=45_000), ()),
    "Moscow": (_place("Moscow", 55.75, 37.62, "RU", "Moscow", population=10_000_000), ()),
    "Istanbul": (_place("Istanbul", 41.0, 28.97, "TR", "Istanbul", population=14_000_000), ()),
    "Doha": (_place("Doha", 25.29, 51.53, "QA", "Baladiyat ad Dawhah"), ()),
    "Vienna": (_place("Vienna", 48.2, 16.37, "AT", "Vienna"), ()),
    "Holosiivskyi": (_place("Holosiivskyi", 50.39, 30.51, "UA", "Kyiv City"), ()),
    "Novomoskovsk": (_place("Novomoskovsk", 54.01, 38.29, "RU", "Tula Oblast"), ()),
    "Samar": (_place("Samar", 48.63, 35.25, "UA", "Dnipropetrovsk Oblast", population=70_000), ("Novomoskovsk",)),
    "Burshtyn power station": (_place("Burshtyn power station", 49.21, 24.67, "UA", "Ivano-Frankivsk Oblast",
                                      "facility", source="gppd:TEST1"), ("Burshtyn TPP",)),
    "Burshtyn": (_place("Burshtyn", 49.26, 24.63, "UA", "Ivano-Frankivsk Oblast", population=15_000), ()),
    "Druzhba": (_place("Druzhba", 52.0, 34.0, "RU", "Bryansk Oblast", population=3000), ()),
    "Azov": (_place("Azov", 47.1, 39.4, "RU", "Rostov Oblast", population=80_000), ()),
    "Anna": (_place("Anna", 51.5, 40.4, "RU", "Voronezh Oblast", population=19_000), ()),
    "Donetsk": (_place("Donetsk", 48.0, 37.8, "UA", "Donetsk Oblast", population=900_000), ("Donbas",)),
    "Roman": (_place("Roman", 46.92, 26.93, "RO", "Neamt"), ()),
    "Kharkiv Oblast": (_place("Kharkiv Oblast", 49.9, 36.6, "UA", "Kharkiv Oblast", "region", source="region:UA.07"),
                       ("Kharkiv region", "Kharkivska region")),
    "Odesa Oblast": (_place("Odesa Oblast", 46.6, 30.2, "UA", "Odesa Oblast", "region", source="region:UA.17"),
                     ("Odesa region", "Odessa region", "Odeska region")),
    "Krasnodar Krai": (_place("Krasnodar Krai", 45.3, 39.0, "RU", "Krasnodar Krai", "region", source="region:RU.38"),
                       ("Krasnodar region", "Kuban")),
    "Bryansk Oblast": (_place("Bryansk Oblast", 53.0, 33.5, "RU", "Bryansk Oblast", "region", source="region:RU.10"),
                       ("Bryansk region",)),
    "Sumy Oblast": (_place("Sumy Oblast", 51.0, 34.0, "UA", "Sumy Oblast", "region", source="region:UA.21"),
                    ("Sumy region",)),
    "Donetsk Oblast": (_place("Donetsk Oblast", 48.0, 37.8, "UA", "Donetsk Oblast", "region", source="region:UA.05"),
                       ("Donetsk region",)),
    "Leningrad Oblast": (_place("Leningrad Oblast", 59.8, 30.0, "RU", "Leningrad Oblast", "region",
                                source="region:RU.42"), ("Leningrad region",)),
}


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(name.lower().replace("-", " ").replace("’", "").replace("'", "").split())


class FakeResolver:
    """A dozen places: exact names and alternate names, plus rapidfuzz above 80 for misspellings."""

    def __init__(self) -> None:
        self.names: dict[str, list[Place]] = {}
        for name, (place, alternates) in PLACES.items():
            for written in (name, *alternates):
                self.names.setdefault(_key(written), []).append(place)
        self.calls: list[str] = []

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]:
        self.calls.append(name)
        found = self.names.get(_key(name), [])
        return [p for p in found if country is None or p.country == country]

    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult:
        self.calls.append(name)
        exact = self.lookup_exact(name, country)
        if exact:
            return GeocodeResult(name, exact[0], tuple(exact))
        best = process.extractOne(_key(name), list(self.names), scorer=fuzz.ratio, score_cutoff=80)
        if best is None:
            return GeocodeResult(name, None)
        place = self.names[best[0]][0]
        return GeocodeResult(name, place, (place,))


@pytest.fixture(scope="session")
def resolver() -> FakeResolver:
    return FakeResolver()
