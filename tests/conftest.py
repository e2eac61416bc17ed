"""Tiny shared fixtures: a ten-event store, feature builders, tmp stores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from strikes.model import Event
from strikes.store import events_to_frame, save_events

# The browser harness (real `streamlit run` + Debian Chromium), defined once for every folder that needs it.
from tests.browser_harness import (  # noqa: F401
    _page_and_log,
    app_server,
    browser,
    page,
    page_log,
    pytest_collection_modifyitems,
    pytest_runtest_makereport,
    seed_store,
    start_app,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def make_event(**overrides: Any) -> Event:
    """A valid event (Sumy hospital) with `overrides` applied."""
    values: dict[str, Any] = dict(
        id="ev-test-1",
        event_date=date(2025, 3, 18),
        lon=34.79906,
        lat=50.91741,
        place="Sumi",
        location="Sumy",
        admin1="Sumy Oblast",
        country="UA",
        geo_precision=1,
        target="hospital",
        category="civilian",
        subtype="medical",
        attacker="RU",
        weapon="drone",
        source_title="Test report",
        source_url="https://example.org/report",
        publisher="Example Wire",
        published=date(2025, 3, 19),
        confidence=0.9,
        status="verified",
    )
    values.update(overrides)
    return Event(**values)


# Ten events over two countries, four categories, three months; ids ev-0 … ev-9.
_TEN = [
    ("2025-01-05", 30.5238, 50.45466, "Kyiv", "Kyiv City", "UA", "power plant", "energy", "power_generation", "RU", 1),
    ("2025-01-20", 36.25, 49.98, "Kharkiv", "Kharkiv Oblast", "UA", "substation", "energy", "power_grid", "RU", 1),
    ("2025-02-03", 34.79906, 50.91741, "Sumy", "Sumy Oblast", "UA", "hospital", "civilian", "medical", "RU", 1),
    ("2025-02-14", 30.74383, 46.48572, "Odesa", "Odesa Oblast", "UA", "port", "civilian", "port", "RU", 1),
    ("2025-02-28", 39.42399, 45.11809, "Krasnodar Krai", "Krasnodar Krai", "RU", "oil depot", "energy", "oil", "UA", 3),
    ("2025-03-02", 46.10528, 51.48389, "Engels", "Saratov Oblast", "RU", "airbase", "military", "military", "UA", 1),
    ("2025-03-10", 36.58091, 50.60343, "Belgorod", "Belgorod Oblast", "RU", "shopping centre", "civilian",
     "commercial", "UA", 1),
    ("2025-03-18", 37.59739, 48.84974, "Sloviansk", "Donetsk Oblast", "UA", "power supply", "energy",
     "power_grid", "RU", 1),
    ("2025-03-25", 33.39, 47.91, "Kryvyi Rih", "Dnipropetrovsk Oblast", "UA", "factory", "other", "industrial",
     "RU", 1),
    ("2025-03-31", 24.02324, 49.83826, "Lviv", "Lviv Oblast", "UA", "", "other", "unknown", "unknown", 2),
]


@pytest.fixture
def ten_events() -> list[Event]:
    return [
        make_event(
            id=f"ev-{i}", event_date=date.fromisoformat(day), lon=lon, lat=lat, place=loc, location=loc,
            admin1=admin1, country=cc, target=target, category=cat, subtype=sub, attacker=attacker,
            geo_precision=precision, status="candidate" if i % 4 == 3 else "verified",
            notes=f"note {i}",
        )
        for i, (day, lon, lat, loc, admin1, cc, target, cat, sub, attacker, precision) in enumerate(_TEN)
    ]


@pytest.fixture
def ten_frame(ten_events):
    return events_to_frame(ten_events)


@pytest.fixture
def ten_store(tmp_path, ten_frame) -> Path:
    path = tmp_path / "events.geojson"
    save_events(ten_frame, path)
    return path


def write_collection(path: Path, features: list[Any]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path
