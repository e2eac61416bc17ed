"""The event model: one reported strike on one target at one place on one day.

`Event` is the value object; `event_from_feature` / `event_to_feature` convert to and from a GeoJSON Feature
and enforce the schema. The loader, every importer and the extractor go through `validate_event`, so a row
that is wrong is wrong in the same words everywhere. The model is documented in data/README.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from strikes.errors import SchemaError
from strikes.taxonomy import ATTACKERS, CATEGORIES, CATEGORY_OF_SUBTYPE, STATUSES, SUBTYPES, WEAPONS

TIME_PRECISIONS = (1, 2, 3)  # ACLED: exact day, within a week, within a month
GEO_PRECISIONS = (1, 2, 3)  # ACLED: settlement, near / part of a region, region only
COORDINATE_DECIMALS = 7  # RFC 7946 recommends no more than needed; 7 decimals is ~1 cm

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Source:
    """One report or table row an event was taken from."""

    title: str = ""
    url: str = ""
    publisher: str = ""
    published: date | None = None


@dataclass(frozen=True)
class Event:
    """One reported strike on one target at one place on one day (see data/README.md for each field)."""

    id: str
    event_date: date
    lon: float
    lat: float
    time_precision: int = 1
    place: str = ""
    location: str = ""
    admin1: str = ""
    country: str = ""
    geo_precision: int = 1
    target: str = ""
    category: str = "other"
    subtype: str = "unknown"
    attacker: str = "unknown"
    weapon: str = "unknown"
    source_title: str = ""
    source_url: str = ""
    publisher: str = ""
    published: date | None = None
    excerpt: str = ""
    excerpt_start: int | None = None
    excerpt_end: int | None = None
    notes: str = ""
    confidence: float = 1.0
    status: str = "verified"
    # Further sources of the same strike (de-duplication merges them here; never loses one).
    sources: tuple[Source, ...] = field(default=())

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """The primary source followed by the merged ones."""
        primary = Source(self.source_title, self.source_url, self.publisher, self.published)
        return (primary, *self.sources)


PROPERTY_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Event) if f.name not in ("lon", "lat"))
TEXT_FIELDS = (
    "place", "location", "admin1", "target", "source_title", "source_url", "publisher", "excerpt", "notes",
)


def make_event_id(*parts: object) -> str:
    """A stable id from the facts that make an event itself (same facts → same id, so re-imports are no-ops).

    Examples
    --------
    >>> make_event_id("2025-03-18", "Sumy", "hospital") == make_event_id("2025-03-18", "Sumy", "hospital")
    True
    """
    key = "\x1f".join(str(part).strip().lower() for part in parts)
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _where(origin: str, field_name: str) -> str:
    return f"{origin}, field {field_name!r}"


def parse_iso_date(value: object, origin: str, field_name: str) -> date:
    """A YYYY-MM-DD string (or a date) as a `date`; SchemaError naming origin and field otherwise."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise SchemaError(f"{_where(origin, field_name)}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise SchemaError(f"{_where(origin, field_name)}: expected a real date YYYY-MM-DD, got {value!r}") from err


def validate_event(event: Event, origin: str = "event") -> Event:
    """Check every field of `event` against the model; return it unchanged or raise SchemaError.

    `origin` says where the event came from ("data/events.geojson, feature 3") and starts every message.
    """
    def fail(name: str, expected: str) -> SchemaError:
        return SchemaError(f"{_where(origin, name)}: expected {expected}, got {getattr(event, name)!r}")

    if not isinstance(event.id, str) or not event.id.strip():
        raise fail("id", "a non-empty string")
    for name, low, high in (("lon", -180.0, 180.0), ("lat", -90.0, 90.0)):
        value = getattr(event, name)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise fail(name, "a finite number")
        if not low <= value <= high:
            raise fail(name, f"a number from {low:g} to {high:g}")
    if event.lon == 0 and event.lat == 0:
        raise SchemaError(f"{_where(origin, 'geometry')}: expected a resolved place, got the point 0,0")
    if event.time_precision not in TIME_PRECISIONS:
        raise fail("time_precision", "1, 2 or 3")
    if event.geo_precision not in GEO_PRECISIONS:
        raise fail("geo_precision", "1, 2 or 3")
    if event.category not in CATEGORIES:
        raise fail("category", "one of " + ", ".join(CATEGORIES))
    if CATEGORY_OF_SUBTYPE.get(event.subtype) != event.category:
        raise fail("subtype", f"one of {', '.join(SUBTYPES[event.category])} (category {event.category!r})")
    if event.attacker not in ATTACKERS:
        raise fail("attacker", "one of " + ", ".join(ATTACKERS))
    if event.weapon not in WEAPONS:
        raise fail("weapon", "one of " + ", ".join(WEAPONS))
    if event.status not in STATUSES:
        raise fail("status", "one of " + ", ".join(STATUSES))
    if event.country and not _COUNTRY.match(event.country):
        raise fail("country", "an ISO 3166-1 alpha-2 code such as 'UA'")
    if not isinstance(event.confidence, (int, float)) or not 0.0 <= event.confidence <= 1.0:
        raise fail("confidence", "a number from 0 to 1")
    for name in TEXT_FIELDS:
        if not isinstance(getattr(event, name), str):
            raise fail(name, "a string")
    return event


def _text(props: dict[str, Any], name: str, origin: str) -> str:
    value = props.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SchemaError(f"{_where(origin, name)}: expected a string, got {value!r}")
    return value


def _integer(props: dict[str, Any], name: str, origin: str, default: int | None) -> int | None:
    value = props.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise SchemaError(f"{_where(origin, name)}: expected a whole number, got {value!r}")
    return int(value)


def parse_sources(value: object, origin: str) -> tuple[Source, ...]:
    if value in (None, "", []):
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise SchemaError(f"{_where(origin, 'sources')}: expected a JSON list, got {value!r}") from err
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SchemaError(f"{_where(origin, 'sources')}: expected a list of objects, got {value!r}")
    return tuple(
        Source(
            title=str(item.get("title") or ""),
            url=str(item.get("url") or ""),
            publisher=str(item.get("publisher") or ""),
            published=parse_iso_date(item["published"], origin, "sources.published")
            if item.get("published")
            else None,
        )
        for item in value
    )


def event_from_feature(feature: object, origin: str = "feature") -> Event:
    """A GeoJSON Feature (parsed JSON) as a validated Event; SchemaError naming origin and field otherwise."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise SchemaError(f"{_where(origin, 'type')}: expected a GeoJSON Feature object, got {feature!r:.80}")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise SchemaError(f"{_where(origin, 'geometry')}: expected a Point geometry, got {geometry!r:.80}")
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        raise SchemaError(f"{_where(origin, 'geometry')}: expected coordinates [lon, lat], got {coordinates!r}")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise SchemaError(f"{_where(origin, 'properties')}: expected an object, got {props!r:.80}")
    for required in ("id", "event_date", "category", "subtype"):
        if props.get(required) in (None, ""):
            raise SchemaError(f"{_where(origin, required)}: expected a value, got nothing")
    published = props.get("published")
    confidence = props.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise SchemaError(f"{_where(origin, 'confidence')}: expected a number from 0 to 1, got {confidence!r}")
    event = Event(
        id=str(props["id"]),
        event_date=parse_iso_date(props["event_date"], origin, "event_date"),
        lon=coordinates[0],
        lat=coordinates[1],
        time_precision=_integer(props, "time_precision", origin, 1),  # type: ignore[arg-type]
        place=_text(props, "place", origin),
        location=_text(props, "location", origin),
        admin1=_text(props, "admin1", origin),
        country=_text(props, "country", origin),
        geo_precision=_integer(props, "geo_precision", origin, 1),  # type: ignore[arg-type]
        target=_text(props, "target", origin),
        category=_text(props, "category", origin),
        subtype=_text(props, "subtype", origin),
        attacker=_text(props, "attacker", origin) or "unknown",
        weapon=_text(props, "weapon", origin) or "unknown",
        source_title=_text(props, "source_title", origin),
        source_url=_text(props, "source_url", origin),
        publisher=_text(props, "publisher", origin),
        published=parse_iso_date(published, origin, "published") if published else None,
        excerpt=_text(props, "excerpt", origin),
        excerpt_start=_integer(props, "excerpt_start", origin, None),
        excerpt_end=_integer(props, "excerpt_end", origin, None),
        notes=_text(props, "notes", origin),
        confidence=float(confidence),
        status=_text(props, "status", origin) or "verified",
        sources=parse_sources(props.get("sources"), origin),
    )
    return validate_event(event, origin)


def source_to_dict(source: Source) -> dict[str, str]:
    return {
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "published": source.published.isoformat() if source.published else "",
    }


def event_properties(event: Event) -> dict[str, Any]:
    """The GeoJSON properties of `event`, in the documented order, JSON-ready."""
    props: dict[str, Any] = {}
    for name in PROPERTY_NAMES:
        value = getattr(event, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif name == "sources":
            value = [source_to_dict(source) for source in value]
        elif name == "published" and value is None:
            value = ""
        props[name] = value
    return props


def event_to_feature(event: Event) -> dict[str, Any]:
    """An RFC 7946 Feature: Point [lon, lat] rounded to 7 decimals, properties in the documented order."""
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [round(event.lon, COORDINATE_DECIMALS), round(event.lat, COORDINATE_DECIMALS)],
        },
        "properties": event_properties(event),
    }


def with_changes(event: Event, **changes: Any) -> Event:
    """A copy of `event` with `changes`, validated."""
    return validate_event(replace(event, **changes))


def event_as_dict(event: Event) -> dict[str, Any]:
    """All fields (lon and lat included) as a plain dict, for frames and tables."""
    return asdict(event)
