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
# format may have several accepted headers (CIR files are seen with lat/lon, Lat/Long and latitude/longitude).
SIGNATURES: dict[str, tuple[frozenset[str], ...]] = {
    "acled": (frozenset({"event id cnty", "event date", "latitude", "longitude", "notes"}),),
    "ucdp": (frozenset({"where prec", "date prec", "date start", "latitude", "longitude"}),),
    "cir": tuple(frozenset({"entry", "date", lat, lon}) for lat, lon in (
        ("lat", "lon"), ("lat", "long"), ("lat", "lng"), ("latitude", "longitude"))),
}


# Keys under which an API answer holds its records (ACLED: data; UCDP GED API: Result).
_RECORD_KEYS = ("data", "Result", "result", "results", "records")


@dataclass(frozen=True)
class Loaded:
    """A file read and its format decided: a frame of text cells, or the parsed GeoJSON document."""

    format: str
    frame: pd.DataFrame | None
    document: object | None
    message: str
    container: str  # csv, xlsx, json, geojson
    encoding: str = ""
    header_row: int = 0  # 0-based spreadsheet row of the header (a title may sit above it in XLSX)

    @property
    def row_offset(self) -> int:
        """Add to a 0-based data row index to get the row number reported: the spreadsheet row for CSV and
        XLSX (header at row `header_row + 1`), the record index for JSON."""
        return 0 if self.container == "json" else self.header_row + 2


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
        frame, header_row = read_xlsx(data, name, looks_like_header, header_score)
        return _tabular(frame, name, fmt, "xlsx", "", header_row)
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
        if isinstance(document, dict) and document.get("type") != "FeatureCollection":
            # An API answer: ACLED's {"status": 200, "data": [records]}, UCDP's {"TotalCount": …, "Result": […]}.
            records = next((document[key] for key in _RECORD_KEYS if isinstance(document.get(key), list)), None)
            if records is not None:
                document = records
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


def looks_like_header(cells: list[str]) -> bool:
    """Whether a row's cells read as a header: an export's signature, or two of date/place/target/lat/lon.

    Examples
    --------
    >>> looks_like_header(["Date", "Settlement", "Target type"]), looks_like_header(["Strikes in March"])
    (True, False)
    """
    from strikes.importers.table import ALIASES  # table imports nothing from here; kept local to stay light

    if format_from_header(cells) != "table":
        return True
    keys = {header_key(cell) for cell in cells}
    fields = ("date", "place", "target", "lat", "lon")
    return sum(any(header_key(alias) in keys for alias in ALIASES[field]) for field in fields) >= 2


def header_score(cells: list[str]) -> int:
    """How much a row reads as a header: 100 for an export's signature, else how many fields its cells name.

    Every field of `strikes.importers.table.ALIASES` counts once (date, place, target, region, source …), so the
    real header of an analyst's sheet outscores a group row above it.

    Examples
    --------
    >>> header_score(["", "Location", "Target"]), header_score(["Date", "Settlement", "Oblast", "Object", "Link"])
    (2, 5)
    >>> header_score(["Strikes in March"])
    0
    """
    from strikes.importers.table import ALIASES

    if format_from_header(cells) != "table":
        return 100
    keys = {header_key(cell) for cell in cells}
    return sum(any(header_key(alias) in keys for alias in aliases) for aliases in ALIASES.values())


def _tabular(frame: pd.DataFrame, name: str, fmt: str, container: str, encoding: str,
             header_row: int = 0) -> Loaded:
    how = f"{container.upper()}" + (f", {encoding}" if encoding else "")
    where = f", header on row {header_row + 1}" if header_row else ""
    if frame.attrs.get("sheet"):
        where = f", sheet {frame.attrs['sheet']!r}{where}"
    if fmt == "auto":
        chosen = format_from_header(list(frame.columns))
        why = "from the header" if chosen != "table" else "no ACLED, UCDP or CIR header"
        return Loaded(chosen, frame, None, f"format {chosen} ({how}{where}; {why})", container, encoding,
                      header_row)
    if fmt == "geojson":
        raise ImportFormatError(f"{name}: expected a GeoJSON FeatureCollection, got a {container.upper()} table")
    require_columns(frame, fmt, name)
    return Loaded(fmt, frame, None, f"format {fmt} ({how}{where}; format given)", container, encoding, header_row)
