"""Value objects and errors of the geocoding library."""

from __future__ import annotations

from dataclasses import dataclass, field

SETTLEMENT = "settlement"
REGION = "region"
FACILITY = "facility"
KINDS = (SETTLEMENT, REGION, FACILITY)


class GeocodingError(Exception):
    """Root of every error the geocoding library raises on purpose."""


class GazetteerError(GeocodingError, OSError):
    """The gazetteer or its index could not be built or read."""


@dataclass(frozen=True)
class Place:
    """One resolved place: where it is and how sure the match is.

    `geo_precision` uses ACLED's codes: 1 settlement or named facility, 2 near / part of a region, 3 region
    only (the point is then a representative point inside the region, not the strike site).
    `source_id` is "geonames:<id>" for GeoNames settlements, "region:<CC>.<admin1 code>" for regions and
    "<list>:<id>" for facilities (e.g. "gppd:WRI1005097").
    """

    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    geo_precision: int
    kind: str
    score: float
    source_id: str
    population: int = 0
    matched: str = ""  # the gazetteer name or alternate name the query matched


@dataclass(frozen=True)
class GeocodeResult:
    """The answer to one query: the best place (or none), the runner-ups, and suggestions when unresolved."""

    query: str
    place: Place | None
    candidates: tuple[Place, ...] = field(default=())
    suggestions: tuple[str, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        return self.place is not None
