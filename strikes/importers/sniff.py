"""Which format a file is in, from its extension, its first bytes and its header — and why.

Order: a GeoJSON FeatureCollection is `geojson`; otherwise the file is read as a table (CSV, XLSX or a JSON
array of records) and its header decides: ACLED, UCDP GED and CIR exports each carry a set of column names
no analyst's table has together; anything else is a `table`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from strikes.errors import ImportFormatError
from strikes.importers.base import FORMATS
from strikes.importers.reading import XLSX_MAGIC, decode, header_key, read_csv_text, read_json_records, read_xlsx

# The columns that identify each export (compared with `header_key`), and the ones its importer needs; a
# format may have several accepted headers (CIR files are seen with lat/lon and with latitude/longitude).
SIGNATURES: dict[str, tuple[frozenset[str], ...]] = {
    "acled": (frozenset({"event id cnty", "event date", "latitude", "longitude", "notes"}),),
    "ucdp": (frozenset({"where prec", "date prec", "date start", "latitude", "longitude"}),),
    "cir": (frozenset({"entry", "date", "lat", "lon"}), frozenset({"entry", "date", "latitude", "longitude"})),
}


@dataclass(frozen=True)
class Loaded:
    """A file read and its format decided: a frame of text cells, or the parsed GeoJSON document."""

    format: str
    frame: pd.DataFrame | None
    document: object | None
    message: str
    container: str  # csv, xlsx, json, geojson
    encoding: str = ""


def format_from_header(columns: list[str]) -> str:
    """The export a header belongs to, or "table".

    Examples
    --------
    >>> format_from_header(["event_id_cnty", "event_date", "latitude", "longitude", "notes", "iso"])
    'acled'
    >>> format_from_header(["date", "place", "target"])
    'table'
    """
    keys = {header_key(column) for column in columns}
    for fmt, alternatives in SIGNATURES.items():
        if any(required <= keys for required in alternatives):
            return fmt
    return "table"


def require_columns(frame: pd.DataFrame, fmt: str, name: str) -> None:
    """ImportFormatError naming the missing columns when `frame` lacks what the `fmt` importer needs."""
    alternatives = SIGNATURES.get(fmt)
    if not alternatives:
        return
    keys = {header_key(column) for column in frame.columns}
    missing = min((sorted(required - keys) for required in alternatives), key=len)
    if missing:
        raise ImportFormatError(
            f"{name}: expected the {fmt} columns {', '.join(missing)}, got a header with "
            f"{', '.join(list(frame.columns)[:12])}"
        )


def load(data: bytes, name: str, fmt: str = "auto", encoding: str = "") -> Loaded:
    """Read `data` (named `name` in messages) and decide its format; `fmt` other than "auto" is obeyed."""
    if fmt != "auto" and fmt not in FORMATS:
        raise ImportFormatError(f"{name}: expected a format among auto, {', '.join(FORMATS)}, got {fmt!r}")
    suffix = PurePath(name).suffix.lower()
    if data.startswith(XLSX_MAGIC) or suffix in (".xlsx", ".xlsm"):
        if fmt == "geojson":
            raise ImportFormatError(f"{name}: expected GeoJSON, got an XLSX workbook")
        frame = read_xlsx(data, name)
        return _tabular(frame, name, fmt, "xlsx", "")
    text, used = decode(data, name, encoding)
    stripped = text.lstrip()
    if suffix in (".json", ".geojson") or stripped.startswith(("{", "[")) or fmt == "geojson":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as err:
            if suffix in (".json", ".geojson") or fmt == "geojson":
                raise ImportFormatError(
                    f"{name}: expected JSON, got invalid JSON at line {err.lineno}: {err.msg}"
                ) from err
            document = None  # a CSV whose first cell starts with a bracket
        if isinstance(document, dict) and document.get("type") != "FeatureCollection" and isinstance(
            document.get("data"), list
        ):
            document = document["data"]  # an API answer such as ACLED's: {"status": 200, "data": [records]}
        if isinstance(document, dict):
            if document.get("type") == "FeatureCollection" or fmt == "geojson":
                why = "a GeoJSON FeatureCollection" if fmt == "auto" else "format given"
                return Loaded("geojson", None, document, f"format geojson ({why})", "geojson", used)
            raise ImportFormatError(
                f"{name}: expected a GeoJSON FeatureCollection or a JSON array of records, "
                f"got an object with keys {', '.join(list(document)[:8])}"
            )
        if fmt == "geojson":
            raise ImportFormatError(f"{name}: expected a GeoJSON FeatureCollection, got {stripped[:60]!r}")
        if document is not None:
            return _tabular(read_json_records(document, name), name, fmt, "json", used)
    return _tabular(read_csv_text(text, name), name, fmt, "csv", used)


def _tabular(frame: pd.DataFrame, name: str, fmt: str, container: str, encoding: str) -> Loaded:
    how = f"{container.upper()}" + (f", {encoding}" if encoding else "")
    if fmt == "auto":
        chosen = format_from_header(list(frame.columns))
        why = "from the header" if chosen != "table" else "no ACLED, UCDP or CIR header"
        return Loaded(chosen, frame, None, f"format {chosen} ({how}; {why})", container, encoding)
    if fmt == "geojson":
        raise ImportFormatError(f"{name}: expected a GeoJSON FeatureCollection, got a {container.upper()} table")
    require_columns(frame, fmt, name)
    return Loaded(fmt, frame, None, f"format {fmt} ({how}; format given)", container, encoding)
