"""The add-report review: corrections applied row by row, accepted rows saved as verified, re-geocoding."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.review import editor_frame, regeocode, review_edits
from geocoding.model import GeocodeResult, GeocodingError, Place
from strikes.errors import StrikesError
from tests.conftest import make_event

KHARKIV = Place("Kharkiv", 49.98081, 36.25272, "UA", "Kharkiv Oblast", 1, "settlement", 0.97, "geonames:706483")


@pytest.fixture
def candidates():
    return [
        make_event(id="c-1", status="candidate", place="Sumi", target="hospital", category="civilian",
                   subtype="medical", confidence=0.6),
        make_event(id="c-2", status="candidate", place="Sloviansk", location="Sloviansk", lon=37.59739,
                   lat=48.84974, target="substation", category="energy", subtype="power_grid"),
    ]


def test_editor_frame_has_one_unticked_row_per_candidate(candidates) -> None:
    table = editor_frame(candidates)
    assert list(table["place"]) == ["Sumi", "Sloviansk"]
    assert not table["accept"].any()
    assert list(table["target"]) == ["hospital", "substation"]


def test_editor_frame_of_no_candidates_has_the_columns() -> None:
    table = editor_frame([])
    assert len(table) == 0
    assert {"accept", "target", "category", "subtype", "event_date", "place"} <= set(table.columns)


def test_only_accepted_rows_are_saved_and_as_verified(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[1, "accept"] = True
    outcome = review_edits(candidates, table)
    assert [e.id for e in outcome.to_save] == ["c-2"]
    assert outcome.to_save[0].status == "verified"
    assert outcome.problems == ()


def test_nothing_accepted_saves_nothing(candidates) -> None:
    assert review_edits(candidates, editor_frame(candidates)).to_save == ()


@pytest.mark.parametrize(
    ("column", "value", "field", "expected"),
    [
        ("target", "maternity ward", "target", "maternity ward"),
        ("target", "  school  ", "target", "school"),
        ("event_date", date(2025, 3, 17), "event_date", date(2025, 3, 17)),
        ("event_date", "2025-03-16", "event_date", date(2025, 3, 16)),
    ],
)
def test_corrections_are_applied_and_give_a_new_id(candidates, column, value, field, expected) -> None:
    table = editor_frame(candidates)
    table[column] = table[column].astype(object)
    table.loc[0, column] = value
    table.loc[0, "accept"] = True
    saved = review_edits(candidates, table).to_save
    assert getattr(saved[0], field) == expected
    assert saved[0].id != "c-1"


def test_category_and_subtype_can_be_corrected_together(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, ["category", "subtype", "accept"]] = ["energy", "heating", True]
    saved = review_edits(candidates, table).to_save[0]
    assert (saved.category, saved.subtype) == ("energy", "heating")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("subtype", "oil", "'subtype'"),  # an energy subtype under category civilian
        ("category", "weapons", "'category'"),
        ("target", "", "'target'"),
        ("event_date", "18/03/2025", "'event_date'"),
        ("place", "Kharkiv", "re-geocode"),
    ],
)
def test_bad_corrections_are_not_saved_and_say_why(candidates, column, value, message) -> None:
    table = editor_frame(candidates)
    table[column] = table[column].astype(object)
    table.loc[0, column] = value
    table.loc[:, "accept"] = True
    outcome = review_edits(candidates, table)
    assert [e.id for e in outcome.to_save] == ["c-2"]
    assert len(outcome.problems) == 1
    assert "row 1" in outcome.problems[0].reason
    assert message in outcome.problems[0].reason


def test_a_bad_row_that_is_not_accepted_is_no_problem(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "target"] = ""
    assert review_edits(candidates, table).problems == ()


def test_row_count_mismatch_is_an_error(candidates) -> None:
    with pytest.raises(StrikesError, match="expected 2 rows"):
        review_edits(candidates, editor_frame(candidates[:1]))


def test_regeocode_moves_only_changed_places(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "place"] = "Charkiw"
    asked: list[str] = []

    def geocode(name: str) -> GeocodeResult:
        asked.append(name)
        return GeocodeResult(name, KHARKIV)

    moved, messages = regeocode(candidates, table, geocode)
    assert asked == ["Charkiw"]
    assert (moved[0].lat, moved[0].lon, moved[0].location, moved[0].place) == (
        KHARKIV.lat, KHARKIV.lon, "Kharkiv", "Charkiw")
    assert moved[1] == candidates[1]
    assert messages == ("row 1: 'Charkiw' → Kharkiv (UA, Kharkiv Oblast)",)


def test_after_regeocoding_the_row_can_be_saved(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "place"] = "Charkiw"
    moved, _ = regeocode(candidates, table, lambda name: GeocodeResult(name, KHARKIV))
    table.loc[0, "accept"] = True
    saved = review_edits(moved, table).to_save
    assert saved[0].location == "Kharkiv"
    assert saved[0].lat == KHARKIV.lat


def test_region_place_keeps_region_precision(candidates) -> None:
    region = Place("Krasnodar Krai", 45.1, 39.4, "RU", "Krasnodar Krai", 3, "region", 1.0, "region:RU.38")
    table = editor_frame(candidates)
    table.loc[0, "place"] = "Krasnodar region"
    moved, _ = regeocode(candidates, table, lambda name: GeocodeResult(name, region))
    assert moved[0].geo_precision == 3
    assert moved[0].country == "RU"


def test_unresolved_place_keeps_the_point_and_suggests(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "place"] = "Kharkov-ish"
    moved, messages = regeocode(candidates, table,
                                lambda name: GeocodeResult(name, None, suggestions=("Kharkiv", "Kherson")))
    assert moved[0] == candidates[0]
    assert "not found" in messages[0] and "Kharkiv, Kherson" in messages[0]
    table.loc[0, "accept"] = True
    assert review_edits(moved, table).problems  # still not saveable: the point did not move


def test_geocoder_error_is_reported_not_raised(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "place"] = "Kharkiv"

    def broken(name: str) -> GeocodeResult:
        raise GeocodingError("index missing")

    moved, messages = regeocode(candidates, table, broken)
    assert moved[0] == candidates[0]
    assert "index missing" in messages[0]


def test_emptied_place_is_not_geocoded(candidates) -> None:
    table = editor_frame(candidates)
    table.loc[0, "place"] = ""
    moved, messages = regeocode(candidates, table, lambda name: pytest.fail("must not be called"))
    assert moved[0] == candidates[0]
    assert "empty" in messages[0]
