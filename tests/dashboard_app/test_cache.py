"""A rerun that changes nothing builds no map; a changed filter or a saved store builds a new one."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

import dashboard.map as strike_map
from dashboard.cache import store_version
from strikes.store import add_events
from tests.conftest import make_event


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts calls of dashboard.map.build_map (the expensive part), with the page's caches emptied."""
    st.cache_data.clear()
    calls: list[int] = []
    real = strike_map.build_map

    def counting(events, **kwargs):
        calls.append(len(events))
        return real(events, **kwargs)

    monkeypatch.setattr(strike_map, "build_map", counting)
    yield calls
    st.cache_data.clear()


def test_rerun_with_nothing_changed_builds_no_map(run_app, ten_store, builds) -> None:
    at = run_app(ten_store)
    assert builds == [10]
    at.run()
    at.run()
    assert builds == [10]


def test_changed_filter_builds_once_per_view(run_app, ten_store, builds) -> None:
    at = run_app(ten_store)
    at.multiselect(key="category").select("energy").run()
    assert builds == [10, 4]
    at.multiselect(key="category").unselect("energy").run()
    assert builds == [10, 4]  # back to the first view: cached


def test_saved_store_is_drawn_anew(run_app, ten_store, builds) -> None:
    at = run_app(ten_store)
    add_events([make_event(id="ev-new")], ten_store)
    at.run()
    assert builds == [10, 11]


@pytest.mark.parametrize("exists", [True, False])
def test_store_version_changes_with_content(tmp_path: Path, exists: bool) -> None:
    path = tmp_path / "events.geojson"
    if exists:
        path.write_text("{}", encoding="utf-8")
    before = store_version(path)
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert store_version(path) != before
