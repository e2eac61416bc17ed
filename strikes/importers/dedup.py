"""De-duplication: the same strike reported by several sources becomes one event carrying all its sources.

The rule (`is_duplicate`): two events are the same strike when

1. they have the same subtype, and it is not "unknown" (an unknown target is never merged: that would guess);
2. their days are at most `window` apart, the larger of the two events' windows: time_precision 1 → same day,
   2 → 7 days, 3 → 31 days;
3. their points are at most `max_km` apart (default 5 km: one town, one facility);
4. they do not come from the same curated dataset (two ACLED rows, two UCDP rows or two CIR rows are distinct
   events by their curators' decision; ids `acled-…`, `ucdp-…`, `cir-…`).

The event kept is the one seen first (the store's, then earlier rows of the file); the duplicate's sources
(its own and its merged ones) are appended to the kept event's `sources` unless already there, so merging
never loses a source and merging the same file twice changes nothing. The search uses a bucket index —
(subtype, day, lat cell, lon cell) — so a file of n events costs O(n), not O(n²).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from strikes.importers.coords import distance_km
from strikes.model import Event, Source

WINDOW_DAYS: dict[int, int] = {1: 0, 2: 7, 3: 31}
DATASET_PREFIXES = ("acled-", "ucdp-", "cir-")
_KM_PER_DEGREE = 111.2


def _dataset(event: Event) -> str:
    for prefix in DATASET_PREFIXES:
        if event.id.startswith(prefix):
            return prefix
    return ""


def is_duplicate(a: Event, b: Event, max_km: float = 5.0) -> bool:
    """Whether `a` and `b` are the same strike by the rule in the module docstring.

    Examples
    --------
    >>> from datetime import date
    >>> a = Event(id="ev-a", event_date=date(2024, 3, 5), lon=30.52, lat=50.45, subtype="power_grid",
    ...           category="energy")
    >>> is_duplicate(a, replace(a, id="ev-b", lon=30.55))
    True
    >>> is_duplicate(a, replace(a, id="ev-b", event_date=date(2024, 3, 6)))
    False
    """
    if a.subtype != b.subtype or a.subtype == "unknown":
        return False
    dataset = _dataset(a)
    if dataset and dataset == _dataset(b):
        return False
    window = max(WINDOW_DAYS.get(a.time_precision, 0), WINDOW_DAYS.get(b.time_precision, 0))
    if abs((a.event_date - b.event_date).days) > window:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _source_key(source: Source) -> tuple[str, str, str]:
    return (source.title.strip(), source.url.strip(), source.publisher.strip())


def merge_sources(kept: Event, duplicate: Event) -> Event:
    """`kept` with every source of `duplicate` it does not have yet appended to `sources` (same object if none).

    Examples
    --------
    >>> from datetime import date
    >>> a = Event(id="a", event_date=date(2024, 3, 5), lon=30.5, lat=50.4, source_title="A")
    >>> merged = merge_sources(a, replace(a, id="b", source_title="B"))
    >>> [s.title for s in merged.all_sources]
    ['A', 'B']
    >>> merge_sources(merged, replace(a, id="b", source_title="B")) is merged
    True
    """
    have = {_source_key(source) for source in kept.all_sources}
    extra: list[Source] = []
    for source in duplicate.all_sources:
        key = _source_key(source)
        if key not in have and any(key):
            have.add(key)
            extra.append(source)
    if not extra:
        return kept
    return replace(kept, sources=(*kept.sources, *extra))


@dataclass(frozen=True)
class DedupOutcome:
    """The events after merging `incoming` into `existing`, and what happened to each incoming event."""

    events: tuple[Event, ...]
    added: tuple[str, ...]
    merged: tuple[tuple[str, str], ...]  # (incoming id, id of the event it was merged into)
    unchanged: tuple[str, ...]  # incoming ids already present with all their sources


class _Index:
    """Kept events by (subtype, lat cell, lon cell) → day → positions; a cell is `max_km` tall, twice as wide."""

    def __init__(self, max_km: float) -> None:
        self.max_km = max_km
        self.cell = max_km / _KM_PER_DEGREE if max_km > 0 else 0.0
        self.buckets: dict[tuple[str, int, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))

    def _home(self, event: Event) -> tuple[int, int]:
        return math.floor(event.lat / self.cell), math.floor(event.lon / (2 * self.cell))

    def add(self, position: int, event: Event) -> None:
        if not self.cell or event.subtype == "unknown":
            return
        day = event.event_date.toordinal()
        window = WINDOW_DAYS.get(event.time_precision, 0)
        days = self.buckets[(event.subtype, *self._home(event))]
        # Filed under every day of its window, so a query needs only its own window (rule: the larger wins).
        for offset in range(-window, window + 1):
            days[day + offset].append(position)

    def candidates(self, event: Event) -> set[int]:
        if not self.cell or event.subtype == "unknown":
            return set()
        day = event.event_date.toordinal()
        window = WINDOW_DAYS.get(event.time_precision, 0)
        lat_cell, lon_cell = self._home(event)
        # Cells are 2·max_km/111 degrees wide: one cell east and west covers max_km up to 60° latitude.
        cos = max(math.cos(math.radians(min(abs(event.lat) + self.cell, 89.0))), 0.01)
        reach = math.ceil(1 / (2 * cos))
        found: set[int] = set()
        for dlat in (-1, 0, 1):
            for dlon in range(-reach, reach + 1):
                days = self.buckets.get((event.subtype, lat_cell + dlat, lon_cell + dlon))
                if not days:
                    continue
                for offset in range(-window, window + 1):
                    found.update(days.get(day + offset, ()))
        return found


def deduplicate(existing: Sequence[Event], incoming: Iterable[Event], max_km: float = 5.0) -> DedupOutcome:
    """Merge `incoming` into `existing` by id and by the duplicate rule; the store's events come first.

    An incoming event whose id is already kept, or that is a duplicate of a kept event, adds its sources to
    that event; otherwise it is added.

    Examples
    --------
    >>> from datetime import date
    >>> a = Event(id="ev-a", event_date=date(2024, 3, 5), lon=30.52, lat=50.45, subtype="power_grid",
    ...           category="energy", source_title="A")
    >>> out = deduplicate([a], [replace(a, id="ev-b", source_title="B"), replace(a, id="ev-c", lat=48.0)])
    >>> out.added, out.merged
    (('ev-c',), (('ev-b', 'ev-a'),))
    """
    kept: list[Event] = list(existing)
    position_of: dict[str, int] = {event.id: position for position, event in enumerate(kept)}
    index = _Index(max_km)
    for position, event in enumerate(kept):
        index.add(position, event)
    added: list[str] = []
    merged: list[tuple[str, str]] = []
    unchanged: list[str] = []
    for event in incoming:
        target = position_of.get(event.id)
        if target is None:
            matches = [
                position for position in index.candidates(event)
                if is_duplicate(kept[position], event, max_km)
            ]
            if matches:
                target = min(matches, key=lambda p: (
                    distance_km(kept[p].lat, kept[p].lon, event.lat, event.lon),
                    abs((kept[p].event_date - event.event_date).days), p,
                ))
        if target is None:
            position_of[event.id] = len(kept)
            index.add(len(kept), event)
            kept.append(event)
            added.append(event.id)
            continue
        updated = merge_sources(kept[target], event)
        if updated is kept[target]:
            unchanged.append(event.id)
        else:
            kept[target] = updated
            merged.append((event.id, updated.id))
    return DedupOutcome(tuple(kept), tuple(added), tuple(merged), tuple(unchanged))
