"""The add-report workflow as pure functions: candidates → editable table → corrected, accepted events.

The page shows `editor_frame(candidates)` in `st.data_editor`, and passes the edited table back to
`review_edits`, which applies the corrections (target, category, subtype, date, place) to the candidates and
says, row by row, which are ready to save and why the others are not. A changed place must be re-geocoded
(`regeocode`) before the row can be saved, so a point never stays at the old place under a new name.
No streamlit import here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from geocoding.model import GeocodeResult, GeocodingError
from strikes.errors import StrikesError
from strikes.model import Event, make_event_id, validate_event

# Columns the analyst may change; the others are shown read-only.
EDITABLE_COLUMNS: tuple[str, ...] = ("accept", "target", "category", "subtype", "event_date", "place")
EDITOR_COLUMNS: tuple[str, ...] = (
    *EDITABLE_COLUMNS, "location", "admin1", "country", "geo_precision", "lat", "lon", "confidence", "excerpt",
)


@dataclass(frozen=True)
class RowVerdict:
    """One row of the edited table: the corrected event if it can be saved, else why not."""

    row: int
    event: Event | None
    accepted: bool
    reason: str = ""

    @property
    def saveable(self) -> bool:
        return self.accepted and self.event is not None


@dataclass(frozen=True)
class ReviewOutcome:
    """Every row's verdict, and the events to save (accepted and valid, status "verified")."""

    verdicts: tuple[RowVerdict, ...]

    @property
    def to_save(self) -> tuple[Event, ...]:
        return tuple(replace(v.event, status="verified") for v in self.verdicts if v.saveable and v.event)

    @property
    def problems(self) -> tuple[RowVerdict, ...]:
        """Accepted rows that cannot be saved, with their reason."""
        return tuple(v for v in self.verdicts if v.accepted and v.event is None)


def editor_frame(candidates: Sequence[Event]) -> pd.DataFrame:
    """The candidates as the editable review table, one row per candidate in order, "accept" unticked.

    Examples
    --------
    >>> from datetime import date
    >>> from strikes.model import Event
    >>> table = editor_frame([Event(id="a", event_date=date(2025, 3, 18), lon=34.8, lat=50.9, place="Sumy",
    ...                             target="hospital", category="civilian", subtype="medical")])
    >>> bool(table.loc[0, "accept"]), table.loc[0, "place"], str(table.loc[0, "event_date"])
    (False, 'Sumy', '2025-03-18')
    """
    rows = [
        {
            "accept": False,
            "target": event.target,
            "category": event.category,
            "subtype": event.subtype,
            "event_date": event.event_date,
            "place": event.place,
            "location": event.location,
            "admin1": event.admin1,
            "country": event.country,
            "geo_precision": event.geo_precision,
            "lat": round(event.lat, 5),
            "lon": round(event.lon, 5),
            "confidence": event.confidence,
            "excerpt": event.excerpt,
        }
        for event in candidates
    ]
    return pd.DataFrame(rows, columns=list(EDITOR_COLUMNS))


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _cell_date(value: Any, row: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp) and not pd.isna(value):
        return value.date()
    text = _cell_text(value)
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise StrikesError(f"row {row + 1}, field 'event_date': expected a date YYYY-MM-DD, got {text!r}") from err


def _corrected(event: Event, row: int, values: dict[Hashable, Any]) -> Event:
    """`event` with the analyst's corrections; StrikesError naming the row and field when they do not fit."""
    place = _cell_text(values.get("place"))
    if place != event.place.strip():
        raise StrikesError(
            f"row {row + 1}, field 'place': changed from {event.place!r} to {place!r}; "
            "re-geocode it before saving so the point moves too"
        )
    target = _cell_text(values.get("target"))
    if not target:
        raise StrikesError(f"row {row + 1}, field 'target': expected what was hit, got nothing")
    changed = replace(
        event,
        target=target,
        category=_cell_text(values.get("category")),
        subtype=_cell_text(values.get("subtype")),
        event_date=_cell_date(values.get("event_date"), row),
    )
    if changed != event:
        # A corrected event is another event: a new stable id from the facts that make it itself.
        changed = replace(changed, id=make_event_id(event.id, changed.event_date.isoformat(), changed.target,
                                                    changed.subtype, changed.location))
    return validate_event(changed, f"row {row + 1}")


def review_edits(candidates: Sequence[Event], edited: pd.DataFrame) -> ReviewOutcome:
    """Apply the edited table to the candidates: one verdict per row (rows are matched by position).

    Examples
    --------
    >>> from datetime import date
    >>> from strikes.model import Event
    >>> events = [Event(id="a", event_date=date(2025, 3, 18), lon=34.8, lat=50.9, place="Sumy",
    ...                 target="hospital", category="civilian", subtype="medical", status="candidate")]
    >>> table = editor_frame(events)
    >>> table.loc[0, "accept"] = True
    >>> [e.status for e in review_edits(events, table).to_save]
    ['verified']
    """
    if len(edited) != len(candidates):
        raise StrikesError(
            f"review table: expected {len(candidates)} rows (one per candidate), got {len(edited)}"
        )
    verdicts: list[RowVerdict] = []
    for row, (event, values) in enumerate(zip(candidates, edited.to_dict("records"), strict=True)):
        accepted = bool(values.get("accept")) if not pd.isna(values.get("accept", False)) else False
        try:
            verdicts.append(RowVerdict(row, _corrected(event, row, values), accepted))
        except StrikesError as err:
            verdicts.append(RowVerdict(row, None, accepted, str(err)))
    return ReviewOutcome(tuple(verdicts))


def regeocode(
    candidates: Sequence[Event],
    edited: pd.DataFrame,
    geocode: Callable[[str], GeocodeResult],
) -> tuple[tuple[Event, ...], tuple[str, ...]]:
    """Re-geocode the rows whose place was changed; returns the updated candidates and one message a row.

    A place that resolves moves the point (lat, lon, location, admin1, country, geo precision); one that
    does not keeps the candidate as it was and the message lists the gazetteer's suggestions.

    Examples
    --------
    >>> from datetime import date
    >>> from geocoding.model import GeocodeResult, Place
    >>> from strikes.model import Event
    >>> kyiv = Place("Kyiv", 50.45, 30.52, "UA", "Kyiv City", 1, "settlement", 1.0, "geonames:703448")
    >>> events = [Event(id="a", event_date=date(2025, 3, 18), lon=34.8, lat=50.9, place="Sumy",
    ...                 target="hospital", category="civilian", subtype="medical")]
    >>> table = editor_frame(events)
    >>> table.loc[0, "place"] = "Kiev"
    >>> moved, notes = regeocode(events, table, lambda q: GeocodeResult(q, kyiv))
    >>> moved[0].location, moved[0].lat, notes[0]
    ('Kyiv', 50.45, "row 1: 'Kiev' → Kyiv (UA, Kyiv City)")
    """
    updated: list[Event] = []
    messages: list[str] = []
    for row, (event, values) in enumerate(zip(candidates, edited.to_dict("records"), strict=True)):
        place = _cell_text(values.get("place"))
        if place == event.place.strip():
            updated.append(event)
            continue
        if not place:
            messages.append(f"row {row + 1}: the place is empty; nothing to geocode")
            updated.append(event)
            continue
        try:
            result = geocode(place)
        except GeocodingError as err:
            messages.append(f"row {row + 1}: {place!r} could not be geocoded: {err}")
            updated.append(event)
            continue
        found = result.place
        if found is None:
            hint = f" (did you mean {', '.join(result.suggestions[:5])}?)" if result.suggestions else ""
            messages.append(f"row {row + 1}: {place!r} not found in the gazetteer{hint}")
            updated.append(event)
            continue
        moved = replace(event, place=place, lat=found.lat, lon=found.lon, location=found.name,
                        admin1=found.admin1, country=found.country, geo_precision=found.geo_precision)
        updated.append(validate_event(moved, f"row {row + 1}"))
        messages.append(f"row {row + 1}: {place!r} → {found.name} ({found.country}, {found.admin1})")
    return tuple(updated), tuple(messages)
