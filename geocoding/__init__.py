"""Offline geocoding: place names as reports write them → places on the map (no network, no model).

Examples
--------
>>> from geocoding import default_geocoder
>>> default_geocoder().geocode("Kharkov").place.name  # doctest: +SKIP
'Kharkiv'
"""

from __future__ import annotations

from geocoding.facilities import Facility, load_facilities
from geocoding.gazetteer import GazetteerEntry
from geocoding.geocoder import Geocoder, default_geocoder
from geocoding.model import FACILITY, REGION, SETTLEMENT, GazetteerError, GeocodeResult, GeocodingError, Place
from geocoding.normalise import loose_key, normalise
from geocoding.translit import transliterate

__all__ = [
    "FACILITY", "REGION", "SETTLEMENT", "Facility", "GazetteerEntry", "GazetteerError", "GeocodeResult",
    "Geocoder", "GeocodingError", "Place", "default_geocoder", "load_facilities", "loose_key", "normalise",
    "transliterate",
]
