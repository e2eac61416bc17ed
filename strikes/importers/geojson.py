"""A GeoJSON FeatureCollection → events: our own exports round-trip; other schemas are mapped by name.

A feature whose properties carry our schema (`id`, `event_date`, `category`, `subtype`) is read by
`strikes.model.event_from_feature` exactly as the store reads it. Any other feature is mapped where the names
are obvious — date (date, event_date, day), place (place, name, location, city, town), target (target,
object, facility, type), source (source, url, link), notes (notes, description, comment) — the point from a
Point geometry (or a MultiPoint of one point), and every other property kept in notes as `key: value`.
Its target maps through the one taxonomy (an unknown or missing target is a bad feature unless `all_rows`).
Its id is `make_event_id("geojson", date, lon, lat, target, place)`. Row numbers are feature indexes (0-based).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from strikes.errors import SchemaError
from strikes.importers.base import (
    Collector,
    ImportOptions,
    ImportResult,
    Reject,
    RowRejected,
    clean_cell,
    country_code,
    http_url,
)
from strikes.importers.coords import check_point
from strikes.importers.dates import DateColumn
from strikes.importers.reading import header_key
from strikes.model import Event, event_from_feature, make_event_id, validate_event
from strikes.taxonomy import CATEGORY_OF_SUBTYPE, classify_target

OUR_KEYS = frozenset({"id", "event_date", "category", "subtype"})
_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event date", "date", "day", "datetime", "time"),
    "place": ("place", "name", "location", "city", "town", "settlement"),
    "target": ("target", "object", "facility", "target type", "type"),
    "source": ("source url", "source", "url", "link"),
    "notes": ("notes", "description", "comment", "details"),
    "country": ("country", "country code", "iso"),
    "admin1": ("admin1", "region", "oblast", "province"),
}


def _pick(props: dict[str, Any], field: str) -> tuple[str, str]:
    keyed = {header_key(str(key)): key for key in props}
    for alias in _ALIASES[field]:
        if alias in keyed:
            key = keyed[alias]
            return key, clean_cell(props[key]) if not isinstance(props[key], dict | list) else ""
    return "", ""


def _original(feature: object) -> dict[str, str]:
    if not isinstance(feature, dict):
        return {"feature": clean_cell(json.dumps(feature, ensure_ascii=False, default=str))[:2000]}
    raw = feature.get("properties")
    props = raw if isinstance(raw, dict) else {}
    original = {
        str(key): clean_cell(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str))
        for key, value in props.items()
    }
    original["geometry"] = clean_cell(json.dumps(feature.get("geometry"), ensure_ascii=False, default=str))[:2000]
    return original


def _point(feature: dict[str, Any]) -> tuple[float, float]:
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise RowRejected(f"field 'geometry': expected a Point geometry, got {geometry!r:.80}")
    coordinates = geometry.get("coordinates")
    if geometry.get("type") == "MultiPoint" and isinstance(coordinates, list) and len(coordinates) == 1:
        coordinates = coordinates[0]
    elif geometry.get("type") != "Point":
        raise RowRejected(f"field 'geometry': expected a Point geometry, got a {geometry.get('type')!r}")
    if (
        not isinstance(coordinates, list)
        or len(coordinates) not in (2, 3)
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates)
    ):
        raise RowRejected(f"field 'geometry': expected coordinates [lon, lat], got {coordinates!r:.80}")
    return float(coordinates[1]), float(coordinates[0])


def _foreign_event(feature: dict[str, Any], index: int, name: str, options: ImportOptions,
                   dates: DateColumn) -> Event:
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise RowRejected(f"field 'properties': expected an object, got {props!r:.80}")
    used: set[str] = set()
    picked: dict[str, str] = {}
    for field in _ALIASES:
        key, value = _pick(props, field)
        if key:
            used.add(key)
        picked[field] = value
    if not picked["date"]:
        raise RowRejected("field 'date': expected a date, got nothing")
    event_date = dates.parse_field(picked["date"], "date")
    target_text = " ".join(picked["target"].split())
    target = classify_target(target_text) if target_text else None
    category = clean_cell(props.get("category", ""))
    subtype = clean_cell(props.get("subtype", ""))
    if target is None and CATEGORY_OF_SUBTYPE.get(subtype) == category and subtype:
        used.update({"category", "subtype"})
    elif target is None and not options.all_rows:
        raise RowRejected(
            f"field 'target': expected a target word of the taxonomy, got {target_text!r}" if target_text
            else "field 'target': expected a target (e.g. refinery, substation, port), got nothing"
        )
    else:
        category, subtype = (target.category, target.subtype) if target else ("other", "unknown")
    country = country_code(picked["country"]) or options.country
    lat, lon = check_point(*_point(feature), country)
    url = http_url(picked["source"])
    rest = [
        f"{key}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)}"
        for key, value in props.items()
        if key not in used and value not in (None, "", [], {})
    ]
    notes = "; ".join(part for part in (picked["notes"], *rest) if part)
    event = Event(
        id=make_event_id("geojson", event_date.isoformat(), round(lon, 5), round(lat, 5), target_text,
                         picked["place"]),
        event_date=event_date,
        lon=lon,
        lat=lat,
        place=picked["place"],
        location=picked["place"],
        admin1=picked["admin1"],
        country=country,
        target=target_text,
        category=category,
        subtype=subtype,
        source_title="" if url else picked["source"][:200],
        source_url=url,
        publisher=name.rsplit("/", 1)[-1],
        notes=notes,
        status=options.status,
    )
    return validate_event(event, origin=f"{name}, feature {index}")


def import_geojson(document: object, name: str, options: ImportOptions) -> ImportResult:
    """The events of a parsed GeoJSON FeatureCollection; each bad feature becomes a reject."""
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise SchemaError(f"{name}, field 'features': expected a list of features, got {features!r:.80}")
    date_cells = []
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict):
            date_cells.append(_pick(props, "date")[1])
    dates = DateColumn(date_cells, options.day_first)
    collector = Collector(options=options, total=len(features))
    for index, feature in enumerate(features):
        origin = f"{name}, feature {index}"
        try:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict) and OUR_KEYS <= set(props):
                event = event_from_feature(feature, origin)
                if options.status != "verified" and event.status == "verified":
                    event = validate_event(replace(event, status=options.status), origin)
            else:
                if not isinstance(feature, dict) or feature.get("type") != "Feature":
                    raise RowRejected(f"field 'type': expected a GeoJSON Feature, got {str(feature)[:80]!r}")
                event = _foreign_event(feature, index, name, options, dates)
            collector.events.append(event)
        except (RowRejected, SchemaError) as err:
            reason = str(err)
            collector.rejects.append(
                Reject(row=index, reason=reason if reason.startswith(origin) else f"{origin}: {reason}",
                       original=_original(feature))
            )
        collector.tick()
    return collector.result("geojson", len(features), source_name=name)
