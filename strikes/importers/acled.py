"""ACLED export CSV → events.

Mapping (ACLED column → Event field):

- `event_id_cnty` → id `acled-<event_id_cnty>` (stable: re-importing adds nothing)
- `event_date` → event_date; `time_precision` (1 day, 2 week, 3 month) → time_precision, unchanged
- `latitude`, `longitude` → the point; `geo_precision` (1 settlement, 2 near / part of region, 3 region) →
  geo_precision, unchanged (our codes are ACLED's)
- `location` → place and location; `admin1` → admin1; `iso` / `country` → country (ISO alpha-2)
- `notes` → target and category/subtype through `strikes.taxonomy` (see `classify_text`), weapon when the
  note names exactly one kind, and notes (with fatalities and tags)
- `actor1` → attacker (state forces of Russia / Ukraine; anyone else "unknown")
- `source` → publisher "ACLED: <source>", source_title "ACLED <event_id_cnty>"; `timestamp` → published

Default scope: rows of event type "Explosions/Remote violence" or "Violence against civilians" whose notes name
an energy, civilian or other infrastructure target. Battles, protests and strategic developments, and notes
naming no such target, are counted as out of scope; `ImportOptions(all_rows=True)` imports them too
(no target word → category other, subtype unknown).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from strikes.importers.base import (
    Columns,
    ImportOptions,
    ImportResult,
    OutOfScope,
    RowRejected,
    attacker_from_actor,
    country_code,
    run_rows,
    target_fields,
    target_in_scope,
    weapon_from_text,
)
from strikes.importers.coords import point_from_cells
from strikes.importers.dates import DateColumn
from strikes.model import Event, validate_event

STRIKE_EVENT_TYPES = frozenset({"explosions/remote violence", "violence against civilians"})


def precision_code(text: str, field_name: str) -> int:
    """An ACLED precision cell (1, 2 or 3; "1.0" from a spreadsheet too) as an int; RowRejected otherwise."""
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    if value not in ("1", "2", "3"):
        raise RowRejected(f"field {field_name!r}: expected 1, 2 or 3, got {text!r}")
    return int(value)


def _published(timestamp: str) -> date | None:
    if not timestamp.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(timestamp), tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def import_acled(frame: pd.DataFrame, name: str, options: ImportOptions, *, row_offset: int = 2) -> ImportResult:
    """The events of an ACLED export frame (text cells), with rejects and the out-of-scope count.

    Examples
    --------
    >>> frame = pd.DataFrame([{"event_id_cnty": "UKR1", "event_date": "2024-03-05", "time_precision": "1",
    ...     "event_type": "Explosions/Remote violence", "actor1": "Military Forces of Russia (2000-)",
    ...     "iso": "804", "admin1": "Kyiv City", "location": "Kyiv", "latitude": "50.45",
    ...     "longitude": "30.52", "geo_precision": "1", "source": "Ukrinform",
    ...     "notes": "A drone hit a substation.", "fatalities": "0", "tags": "", "timestamp": ""}])
    >>> import_acled(frame, "t.csv", ImportOptions()).events[0].subtype
    'power_grid'
    """
    cols = Columns(frame)
    ids = cols.values("event_id_cnty")
    date_cells = cols.values("event_date")
    dates = DateColumn(date_cells, options.day_first)
    time_precisions = cols.values("time_precision")
    event_types = cols.values("event_type")
    sub_event_types = cols.values("sub_event_type")
    actors = cols.values("actor1")
    isos = cols.values("iso")
    countries = cols.values("country")
    admin1s = cols.values("admin1")
    admin2s = cols.values("admin2")
    locations = cols.values("location")
    lats = cols.values("latitude")
    lons = cols.values("longitude")
    geo_precisions = cols.values("geo_precision")
    sources = cols.values("source")
    notes = cols.values("notes")
    fatalities = cols.values("fatalities")
    tags = cols.values("tags")
    timestamps = cols.values("timestamp")
    default_country = options.country

    def convert(i: int) -> Event:
        event_id = ids[i]
        if not event_id:
            raise RowRejected("field 'event_id_cnty': expected an ACLED event id, got nothing")
        event_date = dates.parse_field(date_cells[i], "event_date")
        note = notes[i]
        if not options.all_rows and event_types[i] and event_types[i].lower() not in STRIKE_EVENT_TYPES:
            raise OutOfScope(f"event type {event_types[i]}")
        target = target_in_scope(options, "notes", note)
        country = country_code(isos[i]) or country_code(countries[i]) or default_country
        point = point_from_cells(lats[i], lons[i], country)
        if point is None:
            raise RowRejected("fields 'latitude'/'longitude': expected coordinates, got nothing")
        lat, lon = point
        extra = [f"ACLED {sub_event_types[i] or event_types[i]}".strip()]
        if fatalities[i] and fatalities[i] not in ("0", "0.0"):
            extra.append(f"fatalities: {fatalities[i]}")
        if tags[i]:
            extra.append(f"tags: {tags[i]}")
        event = Event(
            id=f"acled-{event_id}",
            event_date=event_date,
            lon=lon,
            lat=lat,
            time_precision=precision_code(time_precisions[i], "time_precision"),
            place=locations[i],
            location=", ".join(part for part in (locations[i], admin2s[i]) if part),
            admin1=admin1s[i],
            country=country,
            geo_precision=precision_code(geo_precisions[i], "geo_precision"),
            **target_fields(target),
            attacker=attacker_from_actor(actors[i]),
            weapon=weapon_from_text(note),
            source_title=f"ACLED {event_id}",
            publisher=f"ACLED: {sources[i]}" if sources[i] else "ACLED",
            published=_published(timestamps[i]),
            notes=" ".join((note, f"({'; '.join(extra)})")).strip(),
            status=options.status,
        )
        return validate_event(event, origin=f"{name}, row {i + row_offset}")

    return run_rows(frame, name, options, convert, row_offset=row_offset).result("acled", len(frame), source_name=name)
