"""Coordinates from table cells: parsed, range-checked, and caught when latitude and longitude are swapped.

A swapped pair is rejected, not silently fixed: the row may be wrong in other ways too, and a point on the
map must be one somebody put there. The check uses a coarse bounding box per country of the conflict.
"""

from __future__ import annotations

import math
import re

from strikes.importers.base import RowRejected

# (min lon, min lat, max lon, max lat), generous by a few tenths of a degree.
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "UA": (22.0, 44.2, 40.3, 52.4),
    "RU": (19.5, 41.1, 180.0, 82.0),
    "BY": (23.1, 51.2, 32.8, 56.2),
    "MD": (26.6, 45.4, 30.2, 48.5),
    "PL": (14.1, 49.0, 24.2, 54.9),
    "RO": (20.2, 43.6, 29.8, 48.3),
}

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def parse_coordinate(text: str, name: str) -> float:
    """One coordinate cell as a float: `50.45`, `50,45` (decimal comma), `50.45°`; RowRejected otherwise.

    Examples
    --------
    >>> parse_coordinate("50,4501", "lat"), parse_coordinate(" 30.52° ", "lon")
    (50.4501, 30.52)
    """
    raw = text
    text = text.strip().rstrip("°").strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise RowRejected(f"field {name!r}: expected a decimal number of degrees, got {raw!r}")
    value = float(text)
    if not math.isfinite(value):
        raise RowRejected(f"field {name!r}: expected a finite number, got {raw!r}")
    return value


def _inside(box: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def inside_country(country: str, lat: float, lon: float) -> bool:
    """Whether the point is inside the coarse box of `country` (False for a country without a box).

    Examples
    --------
    >>> inside_country("UA", 50.45, 30.52), inside_country("UA", 54.63, 39.69), inside_country("ZZ", 1.0, 1.0)
    (True, False, False)
    """
    box = COUNTRY_BOXES.get(country)
    return bool(box) and _inside(box, lon, lat)  # type: ignore[arg-type]


def check_point(lat: float, lon: float, country: str = "") -> tuple[float, float]:
    """`(lat, lon)` when they can be a real strike site; RowRejected naming the problem otherwise.

    Rejected: out of range, the point 0,0, and pairs that look swapped — latitude out of range while the
    swapped pair is valid, or (with a known `country`) a point outside the country whose swap is inside it.

    Examples
    --------
    >>> check_point(50.45, 30.52, "UA")
    (50.45, 30.52)
    >>> check_point(30.52, 50.45, "UA")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    strikes.importers.base.RowRejected: coordinates look swapped: lat 30.52, lon 50.45 is outside UA but ...
    """
    if lat == 0 and lon == 0:
        raise RowRejected("field 'lat'/'lon': expected a resolved place, got the point 0,0")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        if -90 <= lon <= 90 and -180 <= lat <= 180:
            raise RowRejected(
                f"coordinates look swapped: lat {lat:g} is out of range (-90 to 90) but lon {lon:g} would fit"
            )
        name, value, limit = ("lat", lat, 90) if not -90 <= lat <= 90 else ("lon", lon, 180)
        hint = ""
        if value.is_integer() and abs(value) >= 1000:
            # "47.5712" opened in a locale whose decimal mark is a comma becomes the integer 475712.
            hint = " (a spreadsheet may have read the decimal point as a thousands separator)"
        raise RowRejected(f"field {name!r}: expected a number from -{limit} to {limit}, got {value:g}{hint}")
    box = COUNTRY_BOXES.get(country)
    if box and not _inside(box, lon, lat) and _inside(box, lat, lon):
        raise RowRejected(
            f"coordinates look swapped: lat {lat:g}, lon {lon:g} is outside {country} "
            f"but lat {lon:g}, lon {lat:g} is inside"
        )
    return lat, lon


def point_from_cells(lat_text: str, lon_text: str, country: str = "") -> tuple[float, float] | None:
    """The point in two cells; None when both are empty; RowRejected when one is empty or either is bad."""
    lat_text, lon_text = lat_text.strip(), lon_text.strip()
    if not lat_text and not lon_text:
        return None
    if not lat_text or not lon_text:
        missing = "lat" if not lat_text else "lon"
        raise RowRejected(f"field {missing!r}: expected a number, got nothing (the other coordinate is given)")
    return check_point(parse_coordinate(lat_text, "lat"), parse_coordinate(lon_text, "lon"), country)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, Earth radius 6371 km).

    Examples
    --------
    >>> round(distance_km(50.45, 30.52, 49.84, 24.03))
    467
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
