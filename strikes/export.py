"""Exports of the store frame: GeoJSON (RFC 7946, for QGIS) and CSV (for spreadsheets).

The CLI and the dashboard's downloads call these same functions, so the same filter gives the same bytes.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from strikes.model import COORDINATE_DECIMALS, PROPERTY_NAMES
from strikes.store import geojson_bytes

FORMATS = ("geojson", "csv")


def csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """The events as UTF-8 CSV: every property, then `lon` and `lat` (WGS84), dates as YYYY-MM-DD."""
    table = frame[list(PROPERTY_NAMES)].copy()
    for name in ("event_date", "published"):
        table[name] = table[name].dt.strftime("%Y-%m-%d").fillna("")
    table["lon"] = shapely.get_x(frame.geometry.values).round(COORDINATE_DECIMALS)
    table["lat"] = shapely.get_y(frame.geometry.values).round(COORDINATE_DECIMALS)
    text: str = table.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


def export_bytes(frame: gpd.GeoDataFrame, fmt: str = "geojson") -> bytes:
    """`frame` in `fmt` ("geojson" or "csv")."""
    if fmt == "geojson":
        return geojson_bytes(frame)
    if fmt == "csv":
        return csv_bytes(frame)
    raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
