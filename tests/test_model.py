"""The event model: valid features load, invalid ones fail naming the field."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from strikes.errors import SchemaError
from strikes.model import event_from_feature, event_to_feature, make_event_id, validate_event
from tests.conftest import make_event

VALID = event_to_feature(make_event())


def _with(path: str, value: object) -> dict:
    feature = copy.deepcopy(VALID)
    target = feature
    *parents, last = path.split(".")
    for key in parents:
        target = target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return feature


_DELETE = object()


def test_valid_feature_round_trips():
    event = event_from_feature(VALID, "f")
    assert event == make_event()
    assert event_to_feature(event) == VALID


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("properties.time_precision", 3),
        ("properties.geo_precision", 3),
        ("properties.category", "energy"),
        ("properties.attacker", "unknown"),
        ("properties.published", ""),
        ("properties.published", None),
        ("properties.notes", None),
        ("properties.sources", [{"title": "B", "url": "https://b.example", "publisher": "B", "published": ""}]),
        ("geometry.coordinates", [-179.5, -89.0]),
        ("properties.confidence", 0),
    ],
)
def test_valid_variants(path, value):
    feature = _with(path, value)
    if path == "properties.category":
        feature["properties"]["subtype"] = "oil"
    assert event_from_feature(feature, "f").id == "ev-test-1"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("properties.event_date", "18/03/2025", r"field 'event_date': expected a date YYYY-MM-DD, got '18/03/2025'"),
        ("properties.event_date", "2025-02-30", r"field 'event_date': expected a real date"),
        ("properties.event_date", _DELETE, r"field 'event_date': expected a value"),
        ("properties.id", "", r"field 'id': expected a value"),
        ("properties.category", "infrastructure", r"field 'category': expected one of energy, civilian"),
        ("properties.subtype", "oil", r"field 'subtype': expected one of medical, .*category 'civilian'"),
        ("properties.attacker", "Russia", r"field 'attacker': expected one of RU, UA, unknown"),
        ("properties.weapon", "rocket", r"field 'weapon'"),
        ("properties.status", "accepted", r"field 'status'"),
        ("properties.time_precision", 4, r"field 'time_precision': expected 1, 2 or 3"),
        ("properties.geo_precision", "1", r"field 'geo_precision': expected a whole number"),
        ("properties.confidence", 1.5, r"field 'confidence': expected a number from 0 to 1"),
        ("properties.confidence", "high", r"field 'confidence'"),
        ("properties.country", "Ukraine", r"field 'country': expected an ISO 3166-1 alpha-2"),
        ("properties.target", 42, r"field 'target': expected a string"),
        ("properties.published", "March 19", r"field 'published'"),
        ("properties.sources", "not json", r"field 'sources'"),
        ("geometry.coordinates", [50.9, 200.0], r"field 'lat': expected a number from -90 to 90"),
        ("geometry.coordinates", [0, 0], r"field 'geometry': expected a resolved place, got the point 0,0"),
        ("geometry.coordinates", ["34.7", "50.9"], r"field 'lon': expected a finite number"),
        ("geometry.coordinates", [34.7], r"field 'geometry': expected coordinates \[lon, lat\]"),
        ("geometry.type", "Polygon", r"field 'geometry': expected a Point"),
        ("properties", None, r"field 'properties': expected an object"),
        ("type", "FeatureCollection", r"field 'type': expected a GeoJSON Feature"),
    ],
)
def test_invalid_features_name_origin_and_field(path, value, message):
    with pytest.raises(SchemaError, match=r"^events\.geojson, feature 7, " + message):
        event_from_feature(_with(path, value), "events.geojson, feature 7")


def test_validate_event_rejects_wrong_subtype_for_category():
    with pytest.raises(SchemaError, match="subtype"):
        validate_event(make_event(category="energy", subtype="medical"))


def test_schema_error_is_a_value_error():
    with pytest.raises(ValueError):
        validate_event(make_event(attacker="?"))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("2025-03-18", "Sumy", "hospital"), ("2025-03-18", "Sumy", "hospital"), True),
        (("2025-03-18", "Sumy", "hospital"), ("2025-03-18", " sumy ", "Hospital"), True),
        (("2025-03-18", "Sumy", "hospital"), ("2025-03-19", "Sumy", "hospital"), False),
        (("a b", "c"), ("a", "b c"), False),
    ],
)
def test_make_event_id_is_stable_and_distinct(a, b, same):
    assert (make_event_id(*a) == make_event_id(*b)) is same
    assert make_event_id(*a).startswith("ev-")


def test_all_sources_lists_primary_first():
    from strikes.model import Source

    extra = Source("Other", "https://other.example", "Other", date(2025, 3, 20))
    event = make_event(sources=(extra,))
    assert [s.title for s in event.all_sources] == ["Test report", "Other"]
