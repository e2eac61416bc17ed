from __future__ import annotations

import pytest

from strikes.extract.sentences import clause_bounds, find_dateline, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones hit a depot. A fire broke out.", ["Drones hit a depot.", "A fire broke out."]),
        ("St. Petersburg was calm. Dr. Ivanova said so.", ["St. Petersburg was calm.", "Dr. Ivanova said so."]),
        ("Headline without stop\nBody text here.", ["Headline without stop", "Body text here."]),
        ("- bullet one\n- bullet two", ["bullet one", "bullet two"]),
        ("He said: “It burned.” Then it stopped.", ["He said: “It burned.”", "Then it stopped."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_original() -> None:
    text = "  First one here.\n\nSecond, with more words! Third?"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_paragraphs_are_counted() -> None:
    sentences = split_sentences("One. Two.\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "place", "date_text"),
    [
        ("KURSK, Jan 3 - A drone fell.", "KURSK", "Jan 3"),
        ("LVIV, Ukraine (Reuters) - Strikes hit.", "LVIV", ""),
        ("NIZHNY NOVGOROD, 5 March — Fire.", "NIZHNY NOVGOROD", "5 March"),
    ],
)
def test_dateline_found(text: str, place: str, date_text: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.date_text) == (place, date_text)


@pytest.mark.parametrize(
    "text",
    ["A Russian drone - the third today - fell.", "Kursk was hit on Monday.", "", "UN - nothing"],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_is_not_part_of_the_first_sentence() -> None:
    text = "KURSK, Jan 3 - A drone fell on a school."
    first = split_sentences(text)[0]
    assert first.text == "A drone fell on a school."
    assert text[first.start:first.end] == first.text


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        ("Drones hit a depot in A, while in B a school burned",
         ["Drones hit a depot in A", "in B a school burned"]),
        ("A fire hit the plant, which supplies fuel to the base",
         ["A fire hit the plant", "supplies fuel to the base"]),
        ("One thing; another thing", ["One thing", " another thing"]),
        ("no breaks at all", ["no breaks at all"]),
    ],
)
def test_clause_bounds(sentence: str, clauses: list[str]) -> None:
    assert [sentence[a:b] for a, b in clause_bounds(sentence)] == clauses


def test_text_without_full_stops_is_cut_into_bounded_pieces() -> None:
    text = "drones hit a depot, " * 500
    sentences = split_sentences(text)
    assert len(sentences) > 5
    assert all(len(s.text) <= 1000 for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
