"""Report text → sentences with their character offsets, and a dateline stripped from the lead.

Offsets always point into the original text, so an excerpt can be shown in place and checked against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace, or at a line
# break: reports pasted from the web often have headlines and bullet lines without a full stop.
_BOUNDARY = re.compile(r"""(?<=[.!?])(?P<close>["”’)\]]*)\s+|\n+""")
# Abbreviations that end with a full stop but do not end a sentence.
_ABBREVIATIONS = frozenset(
    "st mr mrs ms dr gen col lt sgt jan feb mar apr jun jul aug sep sept oct nov dec no vs etc approx km "
    "u.s u.k e.g i.e a.m p.m".split()
)
# "OREL, Dec 14 -", "KYIV, Ukraine (Reuters) —", "MOSCOW (AP) -", "MOSCOW, August 27. /TASS/.": the city a story
# was filed from.
_DATELINE = re.compile(
    r"""^[ \t]*(?P<place>[A-Z][A-Z'’.\- ]{1,40}?)
        (?:,\s*[A-Z][A-Za-z]+)?                                 # ", Ukraine" / ", Russia"
        (?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?
        (?:\s*(?:\([^()\n]{1,30}\))?
        \s*[-–—]+\s+
        |\.?\s*/[A-Za-z][A-Za-z .\-]{1,25}/\.?\s+)                # "MOSCOW, August 27. /TASS/."
        """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a report: its text and where it sits in the original (``text[start:end]``).

    ``paragraph`` counts blank-line or line-break separated blocks from 0; ``index`` counts sentences.
    """

    text: str
    start: int
    end: int
    paragraph: int
    index: int


@dataclass(frozen=True)
class Dateline:
    """The dateline a report opens with: the filing place (never a strike site by itself) and its date text."""

    place: str
    date_text: str
    start: int
    end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the first non-empty line, if any.

    Examples
    --------
    >>> find_dateline("OREL, Dec 14 - A depot burned.").place
    'OREL'
    >>> find_dateline("MOSCOW, August 27. /TASS/. Drones hit a depot.").place
    'MOSCOW'
    >>> find_dateline("A depot in Orel burned.") is None
    True
    """
    first = re.search(r"\S", text)
    if first is None:
        return None
    line_start = text.rfind("\n", 0, first.start()) + 1
    match = _DATELINE.match(text, line_start)
    if match is None:
        return None
    place = match.group("place").strip()
    # A dateline place is written in capitals; "A Russian drone -" is a sentence, not a dateline.
    if not place.replace(" ", "").replace("-", "").replace("’", "").replace("'", "").replace(".", "").isupper():
        return None
    if len(place.replace(" ", "")) < 3:
        return None
    return Dateline(place, match.group("date") or "", match.start(), match.end())


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` with offsets into it; a leading dateline is left out of the first sentence.

    Examples
    --------
    >>> [s.text for s in split_sentences("Drones hit a depot. St. Anne was fine.\\nNext line")]
    ['Drones hit a depot.', 'St. Anne was fine.', 'Next line']
    """
    dateline = find_dateline(text)
    sentences: list[Sentence] = []
    position = dateline.end if dateline else 0
    paragraph = 0
    piece_start = position
    for match in _BOUNDARY.finditer(text, position):
        if "\n" not in match.group(0) and _ends_with_abbreviation(text, piece_start, match.start()):
            continue
        _append(sentences, text, piece_start, match.end("close") if match.group("close") else match.start(),
                paragraph)
        if "\n" in match.group(0):
            paragraph += 1
        piece_start = match.end()
    _append(sentences, text, piece_start, len(text), paragraph)
    return sentences


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    if end == 0 or text[end - 1] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)\.$", text[max(start, end - 12):end])
    if word is None:
        return False
    token = word.group(1).lower()
    # A single capital followed by a full stop is an initial ("J. Smith"), not the end of a sentence.
    return token in _ABBREVIATIONS or (len(token) == 1 and text[end - 2].isupper())


_MAX_SENTENCE = 1000  # characters; a longer "sentence" (a table, text without full stops) is cut at commas


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    # Bound the work per sentence: hostile or odd input without full stops must not make extraction quadratic.
    while end - start > _MAX_SENTENCE:
        cut = max(text.rfind(", ", start, start + _MAX_SENTENCE), text.rfind(" ", start, start + _MAX_SENTENCE))
        cut = cut + 1 if cut > start else start + _MAX_SENTENCE
        _append(sentences, text, start, cut, paragraph)
        start = cut
    # Trim whitespace and list bullets but keep offsets exact.
    while start < end and (text[start].isspace() or text[start] in "-•*–"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(text[start:end], start, end, paragraph, len(sentences)))


_CLAUSE_BREAK = re.compile(
    r";|:\s|,?\s+while\s+|,\s+whereas\s+|,\s+but\s+|,\s+which\s+|,\s+who\s+|,\s+where\s+|,\s+and\s+(?=(?:in|at|on|near)\s)"
    r"|\.\s+|—|\s-\s",
    re.IGNORECASE,
)


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence: split at ';', 'while', ', which', ', but', dashes.

    Clauses only steer which place a target belongs to; they never drop a target.

    Examples
    --------
    >>> s = "Strikes hit a plant in A, while in B a school burned"
    >>> [s[a:b] for a, b in clause_bounds(s)]
    ['Strikes hit a plant in A', 'in B a school burned']
    """
    bounds = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(sentence)))
    return [(a, b) for a, b in bounds if b > a]
