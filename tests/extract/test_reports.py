"""The held-out-style reports in tests/extract/reports: every expected event found, and nothing else.

The reports and expected.json are our own (written before the extractor was run on them); the match rule is
bench/check_corpus.py's: same category, date within the tolerance, place within 10 km or in the same admin1
for region-level expectations. Runs with the real gazetteer; skipped when geocoding has no default_geocoder.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bench.check_corpus import matches
from strikes.extract import ReportMeta, extract_events

REPORTS = Path(__file__).resolve().parent / "reports"
MANIFEST = json.loads((REPORTS / "expected.json").read_text(encoding="utf-8"))
ENTRIES = {entry["file"]: entry for entry in MANIFEST["reports"]}

geocoding = pytest.importorskip("geocoding")


@pytest.fixture(scope="module")
def geocoder():
    if not hasattr(geocoding, "default_geocoder"):
        pytest.skip("geocoding.default_geocoder has not landed")
    return geocoding.default_geocoder()


def _extract(entry: dict, geocoder):  # type: ignore[no-untyped-def]
    text = (REPORTS / entry["file"]).read_text(encoding="utf-8")
    return extract_events(text, ReportMeta(date.fromisoformat(entry["published"]), title=entry["file"]), geocoder)


def _pairs(found, expected):  # type: ignore[no-untyped-def]
    used: set[int] = set()
    pairs, extra = [], []
    for event in found:
        index = next((i for i, e in enumerate(expected) if i not in used and matches(event, e)), None)
        if index is None:
            extra.append(event)
        else:
            used.add(index)
            pairs.append((event, expected[index]))
    missed = [e for i, e in enumerate(expected) if i not in used]
    return pairs, extra, missed


def test_the_manifest_lists_every_report_and_only_existing_ones() -> None:
    on_disk = {path.name for path in REPORTS.glob("*.txt")}
    assert set(ENTRIES) == on_disk
    assert len(on_disk) >= 20
    for entry in MANIFEST["reports"]:
        words = len((REPORTS / entry["file"]).read_text(encoding="utf-8").split())
        assert 50 <= words <= 320, (entry["file"], words)
        for event in entry["events"]:
            assert event["geo_precision"] in (1, 2, 3)
            assert (event["lat"] is None) == (event["geo_precision"] == 3), (entry["file"], event["place"])


# Failures left on purpose, with the reason (see the report of the issue 4 follow-up).
KNOWN_FAILURES = {
    "kharkiv-chp-2024-03-23.txt": "the geocoder places 'Kharkiv thermal power plant' at the CHP-5 facility point, "
                                  "10.6 km from the city point the analyst used",
    "dnipropetrovsk-communities-mt-2024-07-22.txt": "the taxonomy files 'gas station' under energy/oil (fuel); the "
                                                    "analyst coded a roadside filling station as civilian/commercial",
    "reuters-kursk-airbase-2024-08-09.txt": "the airbase's fuel depot becomes an energy/oil event at Kursk; the "
                                            "analyst folds it into the military airfield",
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_FAILURES[name], strict=True))
     if name in KNOWN_FAILURES else name for name in sorted(ENTRIES)],
)
def test_report_precision_and_recall(name: str, geocoder) -> None:
    entry = ENTRIES[name]
    result = _extract(entry, geocoder)
    pairs, extra, missed = _pairs(result.events, entry["events"])
    described = [f"{e.place} {e.target!r} {e.category} {e.event_date}" for e in extra]
    assert not extra, f"{name}: found but not expected (precision): {described}"
    assert not missed, f"{name}: expected but not found (recall): {[(e['place'], e['target']) for e in missed]}"
    for event, expected in pairs:
        assert event.attacker == expected["attacker"], (name, event.place, event.attacker)
        assert event.status == "candidate" and 0 < event.confidence <= 0.95


def test_debris_events_have_a_lower_confidence_than_direct_hits(geocoder) -> None:
    entry = ENTRIES["energy-wave-2024-03-22.txt"]
    events = {e.location: e for e in _extract(entry, geocoder).events}
    assert events["Kryvyi Rih"].confidence < events["Zaporizhzhia"].confidence


def test_interceptions_and_repelled_attacks_give_no_event(geocoder) -> None:
    entry = ENTRIES["refineries-ryazan-2024-03-13.txt"]
    places = {e.location for e in _extract(entry, geocoder).events}
    assert "Kirishi" not in places and not any("Moscow" in p or "Kursk" in p for p in places)
