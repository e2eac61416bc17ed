"""`_names_for`: one name per spelling (case-insensitive), the first spelling kept."""

from __future__ import annotations

import pytest

from geocoding.build_regions import REGION_ROWS, _names_for


@pytest.mark.parametrize("row", REGION_ROWS[:6] + REGION_ROWS[-3:], ids=lambda row: row[3])
def test_names_are_unique_ignoring_case(row: tuple[str, str, str, str, str, str, str]) -> None:
    names = _names_for(row)
    assert names[0] == row[3]
    assert len({name.casefold() for name in names}) == len(names)


@pytest.mark.parametrize(
    ("extra", "expected_tail"),
    [
        ("Sample Land|SAMPLE LAND|sample land", ["Sample Land"]),  # case-only repeats dropped, first spelling kept
        ("ZZ Shire|zz shire|Other Name", ["ZZ Shire", "Other Name"]),
        ("", []),
    ],
)
def test_case_repeats_keep_the_first_spelling(extra: str, expected_tail: list[str]) -> None:
    # A made-up unit: no ISO subdivision, so only English, Russian (+ transliteration) and the extras count.
    names = _names_for(("XX", "99", "QQ", "Testshire Oblast", "oblast", "Тестовая область", extra))
    assert names[0] == "Testshire Oblast"
    assert "Тестовая область" in names
    if expected_tail:
        assert names[-len(expected_tail):] == expected_tail
    assert len({name.casefold() for name in names}) == len(names)
