"""Classification of notes, weapons, attackers, countries and links."""

from __future__ import annotations

import pytest

from strikes.importers.base import (
    ImportOptions,
    MergeSummary,
    attacker_from_actor,
    classify_text,
    clean_cell,
    country_code,
    http_url,
    in_scope,
    weapon_from_text,
)
from strikes.taxonomy import classify_target


@pytest.mark.parametrize(
    ("note", "category", "subtype"),
    [
        ("Russian military drones hit a substation.", "energy", "power_grid"),
        ("Russian forces shelled a residential building and a hospital.", "civilian", "residential"),
        ("A missile hit the port infrastructure of Odesa.", "civilian", "port"),
        ("Ukrainian drones attacked the Ryazan oil refinery.", "energy", "oil"),
        ("Artillery shelled military positions near the village.", "military", "military"),
        ("Missiles struck an industrial enterprise.", "other", "industrial"),
        ("Strike on the НПЗ reported.", "energy", "oil"),
    ],
)
def test_classify_text(note: str, category: str, subtype: str) -> None:
    found = classify_text(note)
    assert found is not None and (found.category, found.subtype) == (category, subtype)


@pytest.mark.parametrize("note", ["", "Clashes were reported near the village.", "No further details."])
def test_classify_text_never_guesses(note: str) -> None:
    assert classify_text(note) is None


@pytest.mark.parametrize(
    ("note", "expected"),
    [("a substation", True), ("a hospital", True), ("a factory", True), ("military positions", False), ("", False)],
)
def test_in_scope(note: str, expected: bool) -> None:
    assert in_scope(classify_text(note) if note else None) is expected


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Shahed drones hit the city", "drone"),
        ("an Iskander missile", "missile"),
        ("a guided aerial bomb", "glide_bomb"),
        ("KABs were dropped", "glide_bomb"),
        ("Russian forces shelled the town", "artillery"),
        ("an airstrike hit", "aircraft"),
        ("missiles and drones", "unknown"),
        ("an explosion", "unknown"),
    ],
)
def test_weapon_from_text(text: str, weapon: str) -> None:
    assert weapon_from_text(text) == weapon


@pytest.mark.parametrize(
    ("actor", "attacker"),
    [
        ("Military Forces of Russia (2000-)", "RU"),
        ("Military Forces of Ukraine (2019-)", "UA"),
        ("Police Forces of Russia (2000-)", "RU"),
        ("Wagner Group", "RU"),
        ("Unidentified Armed Group (Ukraine)", "unknown"),
        ("Protesters (Russia)", "unknown"),
        ("", "unknown"),
    ],
)
def test_attacker_from_actor(actor: str, attacker: str) -> None:
    assert attacker_from_actor(actor) == attacker


@pytest.mark.parametrize(
    ("text", "code"),
    [("Ukraine", "UA"), ("804", "UA"), ("643", "RU"), ("Russia", "RU"), ("ua", "UA"), ("UKR", "UA"),
     ("Moldova", "MD"), ("", ""), ("Atlantis", ""), ("999", "")],
)
def test_country_code(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", ""),
        ("t.me/channel/5", ""),
        ("https://example.org/a b", ""),
        ('https://example.org/"onmouseover=', ""),
        ("", ""),
    ],
)
def test_http_url_only_http_links(text: str, url: str) -> None:
    assert http_url(text) == url


@pytest.mark.parametrize(("value", "text"), [(None, ""), (float("nan"), ""), (" a\x00b\x07 ", "ab"), (5, "5")])
def test_clean_cell(value: object, text: str) -> None:
    assert clean_cell(value) == text


def test_classify_text_agrees_with_classify_target_on_target_cells() -> None:
    for text in ("Refineries", "Substations", "Ports", "oil depot", "children's hospital"):
        assert classify_text(text) == classify_target(text)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"status": "maybe"}, "status: expected one of verified, candidate"),
     ({"country": "Ukraine"}, "country: expected an ISO 3166-1 alpha-2"),
     ({"dedup_km": -1}, "dedup_km: expected a distance")],
)
def test_import_options_reject_bad_values(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ImportOptions(**changes)  # type: ignore[arg-type]


def test_merge_summary_line() -> None:
    line = MergeSummary(read=9, added=4, merged_duplicates=2, rejected=3, unchanged=0, out_of_scope=0).line()
    assert line.startswith("9 rows read, 4 added, 2 merged as duplicates, 3 rejected")
