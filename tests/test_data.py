"""Every event file under data/ fits the schema; curated events cite their source and hold the seed events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from strikes.store import load_events
from tests.conftest import PROJECT_ROOT

EVENT_FILES = sorted((PROJECT_ROOT / "data").glob("*.geojson"))


def test_there_is_a_curated_store():
    assert PROJECT_ROOT / "data" / "events.geojson" in EVENT_FILES


@pytest.mark.parametrize("path", EVENT_FILES, ids=lambda p: p.name)
def test_event_file_fits_the_schema(path: Path):
    frame = load_events(path)  # validates every feature
    assert frame["id"].is_unique


@pytest.mark.parametrize("path", EVENT_FILES, ids=lambda p: p.name)
def test_curated_events_cite_a_source_and_are_verified(path: Path):
    frame = load_events(path)
    assert (frame["status"] == "verified").all()
    assert (frame["source_title"].str.len() > 0).all()
    assert frame["published"].notna().all()
    assert (frame["notes"].str.len() > 0).all()


def test_seed_events_are_the_three_the_report_gives():
    frame = load_events(PROJECT_ROOT / "data" / "events.geojson")
    seed = frame[frame["published"] == "2025-03-19"]
    got = {
        (row.location, row.target, row.category, row.subtype, row.attacker, row.event_date.date(), row.geo_precision)
        for row in seed.itertuples()
    }
    assert got == {
        ("Sumy", "hospital", "civilian", "medical", "RU", date(2025, 3, 18), 1),
        ("Sloviansk", "power supply", "energy", "power_grid", "RU", date(2025, 3, 18), 1),
        ("Krasnodar Krai", "oil depot", "energy", "oil", "UA", date(2025, 3, 19), 3),
    }
