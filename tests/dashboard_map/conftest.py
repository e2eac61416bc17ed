"""Fixtures for the map builder tests: events built here (never read from ../shared), frames, payloads."""

from __future__ import annotations

from typing import Any

import pytest

from strikes.model import Event
from strikes.store import events_to_frame
from tests.conftest import make_event as base_event

# Text a hostile report could carry: each would run script or change the page if it reached it as markup.
PAYLOADS = (
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    "`;window.__xss = 1;`",
    "${window.__xss = 1}",
    "</script><script>window.__xss = 1</script>",
    "\\u003cscript\\u003e",
    "<!-- <script>",
    "\u2028window.__xss = 1",
)


# The map tests' own event (Kharkiv thermal power plant); the rest of the fields are tests.conftest's defaults.
_MAP_EVENT: dict[str, Any] = dict(
    id="map-1",
    lon=36.2304,
    lat=49.9935,
    place="Harkiv",
    location="Kharkiv",
    admin1="Kharkiv Oblast",
    target="thermal power plant",
    category="energy",
    subtype="power_generation",
    weapon="missile",
    source_title="Overnight attack report",
    source_url="https://example.org/reports/1",
    publisher="Example Desk",
    excerpt="a missile hit the thermal power plant",
    confidence=0.75,
)


def make_event(**overrides: Any) -> Event:
    """A valid map event (Kharkiv thermal power plant) with `overrides` applied."""
    return base_event(**{**_MAP_EVENT, **overrides})


@pytest.fixture
def three_events() -> list[Event]:
    """Energy (settlement), civilian (settlement), energy known only to its region."""
    return [
        make_event(),
        make_event(id="map-2", lon=30.7233, lat=46.4825, location="Odesa", place="Odessa", admin1="Odesa Oblast",
                   target="apartment building", category="civilian", subtype="residential", weapon="drone"),
        make_event(id="map-3", lon=38.98, lat=45.03, location="Krasnodar Krai", place="Krasnodarskiy kray",
                   admin1="Krasnodar Krai", country="RU", geo_precision=3, time_precision=2, target="oil depot",
                   category="energy", subtype="oil", attacker="UA", weapon="drone"),
    ]


@pytest.fixture
def three_frame(three_events):
    return events_to_frame(three_events)


def many_frame(n: int, category: str = "civilian", subtype: str = "residential"):
    """`n` events spread over a 4°×4° box (deterministic)."""
    return events_to_frame(
        make_event(id=f"many-{i}", lon=30.0 + (i * 7 % 400) / 100, lat=46.0 + (i * 13 % 400) / 100,
                   category=category, subtype=subtype, target="house")
        for i in range(n)
    )


@pytest.fixture
def hostile_events() -> list[Event]:
    """One event per payload, every text field carrying it, the source URL a javascript: link."""
    events = []
    for i, payload in enumerate(PAYLOADS):
        text = {name: payload for name in ("place", "location", "admin1", "target", "source_title", "publisher",
                                           "excerpt", "notes")}
        events.append(make_event(id=f"xss-{i}", lon=30.0 + i, lat=48.0 + i / 10, geo_precision=1 + i % 3,
                                 source_url="javascript:window.__xss=1", **text))
    return events
