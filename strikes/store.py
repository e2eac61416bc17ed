"""The store: events on disk (GeoJSON, or GeoParquet for big stores) ⇄ a typed GeoDataFrame.

GeoJSON (`.geojson`, `.json`) is the curated, diffable format; GeoParquet (`.parquet`) is for stores of
hundreds of thousands of events. The format is chosen by the file extension. Every write is atomic: the new
content goes to a temporary file in the same folder and is renamed over the old one, so a failed write leaves
the old store as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from strikes.errors import SchemaError, StoreError
from strikes.model import (
    PROPERTY_NAMES,
    Event,
    event_from_feature,
    event_to_feature,
    parse_sources,
    source_to_dict,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = PROJECT_ROOT / "data" / "events.geojson"
CRS = "EPSG:4326"

_INT_COLUMNS = ("time_precision", "geo_precision")
_NULLABLE_INT_COLUMNS = ("excerpt_start", "excerpt_end")
_DATE_COLUMNS = ("event_date", "published")
_FLOAT_COLUMNS = ("confidence",)
_CATEGORICAL_COLUMNS = ("category", "subtype", "attacker", "weapon", "status", "country")


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: `path` if given, else $STRIKES_DATA, else data/events.geojson in the project."""
    if path:
        return Path(path)
    from_env = os.environ.get("STRIKES_DATA")
    return Path(from_env) if from_env else DEFAULT_STORE


def empty_frame() -> gpd.GeoDataFrame:
    """A store with no events but every column, typed."""
    return events_to_frame([])


def events_to_frame(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """Events as a GeoDataFrame in EPSG:4326 with typed columns (`event_date` as datetime64)."""
    events = list(events)
    columns: dict[str, list[Any]] = {name: [] for name in PROPERTY_NAMES}
    lons: list[float] = []
    lats: list[float] = []
    for event in events:
        for name in PROPERTY_NAMES:
            columns[name].append(getattr(event, name))
        lons.append(event.lon)
        lats.append(event.lat)
    columns["sources"] = [
        json.dumps([source_to_dict(s) for s in sources], ensure_ascii=False) if sources else ""
        for sources in columns["sources"]
    ]
    frame = pd.DataFrame(columns)
    geometry = gpd.GeoSeries(shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
                             if events else [], crs=CRS)
    return _typed(gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS))


def _typed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    for name in _DATE_COLUMNS:
        frame[name] = pd.to_datetime(frame[name], errors="raise").astype("datetime64[ns]")
    for name in _INT_COLUMNS:
        frame[name] = frame[name].astype("int64")
    for name in _NULLABLE_INT_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    for name in _FLOAT_COLUMNS:
        frame[name] = frame[name].astype("float64")
    for name in PROPERTY_NAMES:
        if name not in (*_DATE_COLUMNS, *_INT_COLUMNS, *_NULLABLE_INT_COLUMNS, *_FLOAT_COLUMNS):
            frame[name] = frame[name].fillna("").astype(str)
    return frame.reset_index(drop=True)


def _date_or_none(value: Any) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def frame_to_events(frame: gpd.GeoDataFrame) -> Iterator[Event]:
    """The rows of a store frame back as Events (the inverse of `events_to_frame`)."""
    records = frame.drop(columns="geometry").to_dict("records")
    lons = shapely.get_x(frame.geometry.values)
    lats = shapely.get_y(frame.geometry.values)
    for record, lon, lat in zip(records, lons, lats, strict=True):
        values = {name: record[name] for name in PROPERTY_NAMES}
        values["event_date"] = _date_or_none(values["event_date"])
        values["published"] = _date_or_none(values["published"])
        for name in _NULLABLE_INT_COLUMNS:
            values[name] = None if pd.isna(values[name]) else int(values[name])
        values["sources"] = parse_sources(values["sources"], f"event {values['id']}")
        yield Event(lon=float(lon), lat=float(lat), **values)


def read_events(path: str | os.PathLike[str]) -> list[Event]:
    """Validated events from a GeoJSON FeatureCollection; SchemaError names file, feature index and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise StoreError(f"{path}: cannot read the store: {err.strerror or err}") from err
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise SchemaError(f"{path}: expected GeoJSON, got invalid JSON at line {err.lineno}: {err.msg}") from err
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise SchemaError(f"{path}: expected a GeoJSON FeatureCollection, got {str(document)[:80]!r}")
    features = document.get("features")
    if not isinstance(features, list):
        raise SchemaError(f"{path}, field 'features': expected a list, got {features!r:.80}")
    events = [event_from_feature(feature, f"{path}, feature {index}") for index, feature in enumerate(features)]
    _check_unique_ids(events, path)
    return events


def _check_unique_ids(events: list[Event], path: Path) -> None:
    seen: dict[str, int] = {}
    for index, event in enumerate(events):
        if event.id in seen:
            raise SchemaError(
                f"{path}, feature {index}, field 'id': expected an id unique in the store, got {event.id!r} "
                f"(also feature {seen[event.id]})"
            )
        seen[event.id] = index


def load_events(path: str | os.PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """The store at `path` (default: `store_path()`) as a typed GeoDataFrame in EPSG:4326.

    A missing store is an empty one, so a new analyst can start from nothing.

    Examples
    --------
    >>> frame = load_events()  # doctest: +SKIP
    >>> frame.crs.to_string(), str(frame.event_date.dtype)  # doctest: +SKIP
    ('EPSG:4326', 'datetime64[ns]')
    """
    path = store_path(path)
    if not path.exists():
        return empty_frame()
    if path.suffix.lower() == ".parquet":
        return _load_parquet(path)
    return events_to_frame(read_events(path))


def _load_parquet(path: Path) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_parquet(path)
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: cannot read the GeoParquet store: {err}") from err
    missing = [name for name in PROPERTY_NAMES if name not in frame.columns]
    if missing:
        raise SchemaError(f"{path}, field {missing[0]!r}: expected a column in the store, got none")
    frame = frame.set_crs(CRS, allow_override=True)
    return _typed(frame[[*PROPERTY_NAMES, "geometry"]])


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (no `crs` member: WGS84 lon/lat is the only CRS)."""
    return {"type": "FeatureCollection", "features": [event_to_feature(event) for event in events]}


def geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """The events of `frame` as GeoJSON bytes: the one encoding used by the store, the CLI and downloads."""
    return events_geojson_bytes(frame_to_events(frame))


def events_geojson_bytes(events: Iterable[Event]) -> bytes:
    """`geojson_bytes` from Events directly (importers hold Events; skips a frame round trip on big imports)."""
    # One feature a line: compact for big stores, and a curated edit is a one-line diff.
    lines = [
        json.dumps(event_to_feature(event), ensure_ascii=False, separators=(",", ":"))
        for event in events
    ]
    if not lines:
        return b'{"type":"FeatureCollection","features":[]}\n'
    body = ",\n".join(lines)
    return f'{{"type":"FeatureCollection","features":[\n{body}\n]}}\n'.encode()


def _atomic_write(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def save_events(frame: gpd.GeoDataFrame, path: str | os.PathLike[str] | None = None) -> Path:
    """Write `frame` to the store atomically (temp file in the same folder, then rename). Returns the path."""
    path = store_path(path)
    if path.suffix.lower() == ".parquet":
        # GeoArrow point encoding (GeoParquet 1.1): read back as coordinate arrays, ~2x faster than WKB at 1M.
        _atomic_write(path, lambda temp: frame[[*PROPERTY_NAMES, "geometry"]].to_parquet(
            temp, index=False, geometry_encoding="geoarrow"))
    else:
        payload = geojson_bytes(frame)
        _atomic_write(path, lambda temp: temp.write_bytes(payload))
    return path


def save_event_list(events: Iterable[Event], path: str | os.PathLike[str] | None = None) -> Path:
    """`save_events` for a list of Events (same bytes, atomic), without building a frame for GeoJSON stores."""
    path = store_path(path)
    if path.suffix.lower() == ".parquet":
        return save_events(events_to_frame(events), path)
    payload = events_geojson_bytes(events)
    _atomic_write(path, lambda temp: temp.write_bytes(payload))
    return path


@dataclass(frozen=True)
class AddResult:
    """What `add_events` did: ids added, and ids already in the store (left as they were)."""

    added: tuple[str, ...]
    already_present: tuple[str, ...]


def add_events(events: Iterable[Event], path: str | os.PathLike[str] | None = None) -> AddResult:
    """Append `events` whose id is not yet in the store, atomically. Adding the same events twice adds nothing."""
    path = store_path(path)
    frame = load_events(path)
    known = set(frame["id"])
    new: list[Event] = []
    present: list[str] = []
    for event in events:
        if event.id in known:
            present.append(event.id)
        else:
            known.add(event.id)
            new.append(event)
    if new:
        combined = pd.concat([frame, events_to_frame(new)], ignore_index=True)
        save_events(gpd.GeoDataFrame(combined, geometry="geometry", crs=CRS), path)
    return AddResult(tuple(event.id for event in new), tuple(present))
