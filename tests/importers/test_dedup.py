"""De-duplication: the rule, merging sources without losing one, and the bucket index against brute force."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from strikes.importers.dedup import deduplicate, is_duplicate, merge_sources
from strikes.model import Event, Source

BASE = Event(id="ev-a", event_date=date(2024, 3, 22), lon=36.2304, lat=49.9935, category="energy",
             subtype="power_grid", source_title="first", publisher="table a")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),
        ({"lat": 49.9935 + 0.04}, True),  # ~4.4 km north
        ({"lat": 49.9935 + 0.05}, False),  # ~5.6 km
        ({"lon": 36.2304 + 0.06}, True),  # ~4.3 km east at 50°N
        ({"lon": 36.2304 + 0.08}, False),  # ~5.7 km
        ({"event_date": date(2024, 3, 23)}, False),  # precision 1: same day only
        ({"event_date": date(2024, 3, 27), "time_precision": 2}, True),  # within a week
        ({"event_date": date(2024, 3, 30), "time_precision": 2}, False),
        ({"event_date": date(2024, 4, 20), "time_precision": 3}, True),  # within a month
        ({"event_date": date(2024, 4, 25), "time_precision": 3}, False),
        ({"subtype": "power_generation"}, False),
        ({"id": "acled-2"}, True),  # table vs ACLED: different sources
    ],
)
def test_is_duplicate_rule(changes: dict[str, object], expected: bool) -> None:
    other = replace(BASE, id="ev-b", **{k: v for k, v in changes.items() if k != "id"})
    if "id" in changes:
        other = replace(other, id=changes["id"])
    assert is_duplicate(BASE, other) is expected
    assert is_duplicate(other, BASE) is expected  # symmetric


@pytest.mark.parametrize("prefix", ["acled-", "ucdp-", "cir-"])
def test_rows_of_one_curated_dataset_are_never_merged(prefix: str) -> None:
    a, b = replace(BASE, id=f"{prefix}1"), replace(BASE, id=f"{prefix}2")
    assert not is_duplicate(a, b)


def test_unknown_targets_are_never_merged() -> None:
    a = replace(BASE, category="other", subtype="unknown")
    assert not is_duplicate(a, replace(a, id="ev-b"))


def test_distance_is_an_option() -> None:
    far = replace(BASE, id="ev-b", lat=49.9935 + 0.09)  # ~10 km
    assert not is_duplicate(BASE, far)
    assert is_duplicate(BASE, far, max_km=12)


def test_merge_sources_keeps_every_source_once() -> None:
    extra = Source("third", "https://example.org/3", "wire", date(2024, 3, 23))
    dup = replace(BASE, id="ev-b", source_title="second", source_url="https://example.org/2", sources=(extra,))
    merged = merge_sources(BASE, dup)
    assert [s.title for s in merged.all_sources] == ["first", "second", "third"]
    assert merged.id == "ev-a" and merged.event_date == BASE.event_date
    assert merge_sources(merged, dup) is merged
    assert merge_sources(merged, BASE) is merged


def test_deduplicate_against_store_and_within_file() -> None:
    stored = BASE
    same_strike = replace(BASE, id="ev-b", source_title="second", lat=49.99)
    again_in_file = replace(BASE, id="ev-c", source_title="third", lat=49.995)
    elsewhere = replace(BASE, id="ev-d", lat=48.0, source_title="elsewhere")
    near_elsewhere = replace(BASE, id="ev-e", lat=48.01, source_title="elsewhere two")
    out = deduplicate([stored], [same_strike, again_in_file, elsewhere, near_elsewhere])
    assert out.added == ("ev-d",)
    assert out.merged == (("ev-b", "ev-a"), ("ev-c", "ev-a"), ("ev-e", "ev-d"))
    kept = {e.id: e for e in out.events}
    assert [s.title for s in kept["ev-a"].all_sources] == ["first", "second", "third"]
    assert [s.title for s in kept["ev-d"].all_sources] == ["elsewhere", "elsewhere two"]


def test_deduplicate_twice_changes_nothing() -> None:
    incoming = [replace(BASE, id="ev-b", source_title="second"), replace(BASE, id="ev-c", lat=45.0)]
    first = deduplicate([], incoming)
    second = deduplicate(first.events, incoming)
    assert second.events == first.events
    assert (second.added, second.merged, second.unchanged) == ((), (), ("ev-b", "ev-c"))


def test_same_id_is_merged_by_id_even_when_far() -> None:
    moved = replace(BASE, lat=40.0, source_title="corrected")
    out = deduplicate([BASE], [moved])
    assert out.merged == (("ev-a", "ev-a"),)
    assert len(out.events) == 1


def test_the_closest_candidate_wins() -> None:
    near = replace(BASE, id="ev-near", lat=49.9935 + 0.01)
    far = replace(BASE, id="ev-far", lat=49.9935 - 0.03)
    out = deduplicate([far, near], [replace(BASE, id="ev-x", source_title="x")])
    assert out.merged == (("ev-x", "ev-near"),)


def _random_events(count: int, seed: int) -> list[Event]:
    rng = random.Random(seed)
    subtypes = (("energy", "power_grid"), ("energy", "oil"), ("civilian", "port"))
    events = []
    for number in range(count):
        category, subtype = rng.choice(subtypes)
        lat = rng.choice((50.0, 60.0, 70.0, -33.0)) + rng.uniform(-0.1, 0.1)
        events.append(Event(
            id=f"ev-{number}", event_date=date(2024, 1, 1) + timedelta(days=rng.randrange(40)),
            lat=lat, lon=30.0 + rng.uniform(-0.2, 0.2), category=category, subtype=subtype,
            time_precision=rng.choice((1, 1, 1, 2, 3)), source_title=f"s{number}",
        ))
    return events


def _brute_force(events: list[Event], max_km: float) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    kept: list[Event] = []
    added, merged = [], []
    for event in events:
        matches = [k for k in kept if is_duplicate(k, event, max_km)]
        if matches:
            from strikes.importers.coords import distance_km

            best = min(matches, key=lambda k: (distance_km(k.lat, k.lon, event.lat, event.lon),
                                               abs((k.event_date - event.event_date).days), kept.index(k)))
            merged.append((event.id, best.id))
            kept[kept.index(best)] = merge_sources(best, event)
        else:
            kept.append(event)
            added.append(event.id)
    return tuple(added), tuple(merged)


@pytest.mark.parametrize(("seed", "max_km"), [(1, 5.0), (2, 5.0), (3, 12.0), (4, 1.0)])
def test_bucket_index_finds_what_brute_force_finds(seed: int, max_km: float) -> None:
    events = _random_events(300, seed)
    out = deduplicate([], events, max_km)
    assert (out.added, out.merged) == _brute_force(events, max_km)
    assert out.merged  # the sample does contain duplicates
