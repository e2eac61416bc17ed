"""A small stemmer for inflected Ukrainian and Russian place names: "у Харкові" → Харків, "в Одессе" → Одесса.

Reports in Ukrainian and Russian name places in the locative ("у Києві", "в Курске"), genitive ("біля
Києва", "из Одессы"), dative or instrumental case. The gazetteer holds nominatives. `nominative_candidates`
turns one inflected word into the nominatives it may come from by rules, not by a list of names:

1. replace a case ending by the nominative endings it may stand for (`_ENDINGS`: locative -і/-е/-у,
   genitive -а/-и/-ы, plural -ах/-ях, instrumental -ом/-ою/-ой, adjectival -ому/-ій/-ой/-ого…);
2. undo the Ukrainian vowel alternation of a closed last syllable (Харків → Харкова: і ↔ о, Київ → Києва:
   ї ↔ є, Ірпінь → Ірпені: і ↔ е);
3. undo the consonant alternation of the locative -і (Кременчук → Кременчуці: к ↔ ц, Ріг → Розі: г ↔ з).

Every candidate is only a guess: the geocoder keeps those the gazetteer knows and ranks them as usual.

Examples
--------
>>> "харків" in nominative_candidates("харкові"), "київ" in nominative_candidates("києві")
(True, True)
>>> "одесса" in nominative_candidates("одессе"), "суми" in nominative_candidates("сумах")
(True, True)
"""

from __future__ import annotations

from itertools import product
from typing import Final

# Case ending → nominative endings it may replace; longest endings are tried first. Lower case only.
_ENDINGS: Final[dict[str, tuple[str, ...]]] = {
    # adjectives (Кривому Розі, Кропивницькому, Білій Церкві, Харьковской области, Рівному)
    "ому": ("ий", "е", "ій", "ой", "ое", "ый"), "ому́": ("ий",), "ім": ("ий", "е"),
    "ом": ("", "ий", "ой", "ый", "ое", "о", "а"),
    "ій": ("а", "ий", "ія", "я"), "ой": ("ая", "ой", "", "а"), "ей": ("яя", "ь", "я", ""), "ої": ("а",),
    "ого": ("ий", "ой", "ый", "е", "ое"), "его": ("ий", "ее"), "ым": ("ый", "ое"), "ем": ("", "ь", "е"),
    "ою": ("а",), "ею": ("я", "ь"),
    # plural nouns (Сумах, Черкасах, Чернівцях, Броварах)
    "ах": ("и", "ы", "і", "а"), "ях": ("і", "и", "я"), "ам": ("и", "ы"), "ами": ("и", "ы"),
    # singular nouns
    "ові": ("", "о"), "еві": ("", "е"), "єві": ("",),
    "ії": ("ія",), "ии": ("ия",), "ію": ("ія",), "ию": ("ия",),
    "і": ("", "а", "я", "ь", "о", "е", "ія"), "е": ("", "а", "я", "ь", "о", "е", "ье"),
    "у": ("", "а", "о"), "ю": ("ь", "я", ""), "и": ("ь", "а", "я", "", "и"), "ы": ("а", "ы"),
    "а": ("", "о", "ь", "е"), "я": ("ь", "е", "я", "й", ""), "і́": ("",),
}
_ENDING_KEYS: Final = tuple(sorted(_ENDINGS, key=len, reverse=True))
_VOWELS: Final = frozenset("аеєиіїоуюяыэё")
# Last-syllable vowel of an inflected stem → the vowel of the nominative (Харков → Харків, Києв → Київ).
_VOWEL_BACK: Final = {"о": "і", "е": "і", "є": "ї"}
# Locative -і softens the consonant before it (Кременчуці ← Кременчук, Розі ← Ріг, Бучі ← Буча).
_CONSONANT_BACK: Final = {"ц": "к", "з": "г", "с": "х"}
_MIN_STEM: Final = 2
_MAX_COMBINATIONS: Final = 400


def _alternations(stem: str, softened: bool) -> list[str]:
    """`stem` with the Ukrainian last-syllable vowel (and, after -і, consonant) alternations undone."""
    forms = [stem]
    if softened and stem and stem[-1] in _CONSONANT_BACK:
        forms.append(stem[:-1] + _CONSONANT_BACK[stem[-1]])
    out: list[str] = []
    for form in forms:
        out.append(form)
        # the last vowel, when only consonants follow it (a closed syllable in the nominative)
        for index in range(len(form) - 1, -1, -1):
            if form[index] in _VOWELS:
                if index < len(form) - 1 and form[index] in _VOWEL_BACK:
                    out.append(form[:index] + _VOWEL_BACK[form[index]] + form[index + 1:])
                break
    return out


def nominative_candidates(word: str) -> list[str]:
    """Nominatives an inflected Cyrillic word may come from (the word itself first); lower case.

    Examples
    --------
    >>> nominative_candidates("кременчуці")[:1], "кременчук" in nominative_candidates("кременчуці")
    (['кременчуці'], True)
    >>> "кропивницький" in nominative_candidates("кропивницькому")
    True
    >>> nominative_candidates("kharkiv")
    ['kharkiv']
    """
    word = word.lower()
    out = [word]
    if not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return out
    for ending in _ENDING_KEYS:
        if not word.endswith(ending) or len(word) - len(ending) < _MIN_STEM:
            continue
        stem = word[: len(word) - len(ending)]
        softened = ending in ("і", "е")
        for form in _alternations(stem, softened):
            for nominative in _ENDINGS[ending]:
                candidate = form + nominative
                if candidate not in out:
                    out.append(candidate)
    return out


def phrase_candidates(key: str) -> list[str]:
    """Nominative forms of a normalised multi-word key: each word's candidates combined (bounded).

    Examples
    --------
    >>> "кривий ріг" in phrase_candidates("кривому розі")
    True
    >>> "біла церква" in phrase_candidates("білій церкві")
    True
    """
    words = key.split()
    options = [nominative_candidates(word) if len(word) > 2 else [word] for word in words]
    out: list[str] = []
    for combination in product(*options):
        candidate = " ".join(combination)
        if candidate != key:
            out.append(candidate)
        if len(out) >= _MAX_COMBINATIONS:
            break
    return out


# Russian place-name endings (BGN/PCGN Latin) → the Ukrainian endings of the same name (KMU 2010 Latin):
# adjectival -noye/-nyy → -ne (Yuzhnoye, Yuzhnyy → Yuzhne), -skoye → -ske, -ovka/-yevka → -ivka/-iivka,
# -ovo/-yevo → -ove/-ieve, -ino → -yne, -aya → -a. Longest endings first; one rewrite per name.
_RU_UK_ENDINGS: Final = (
    ("skoye", ("ske",)), ("skoe", ("ske",)), ("skiy", ("skyi",)), ("skii", ("skyi",)), ("skaya", ("ska",)),
    ("eyevka", ("iivka",)), ("yevka", ("iivka",)), ("evka", ("ivka", "iivka")), ("ovka", ("ivka",)),
    ("yevo", ("ieve",)), ("evo", ("eve", "ieve")), ("ovo", ("ove",)), ("noye", ("ne",)), ("noe", ("ne",)),
    ("nyy", ("ne", "nyi")), ("nyi", ("ne",)), ("ny", ("ne",)), ("naya", ("na",)), ("oye", ("e",)), ("oe", ("e",)),
    ("aya", ("a",)), ("ino", ("yne",)), ("yno", ("yne",)),
)


def ukrainian_variants(key: str) -> list[str]:
    """Ukrainian spellings a Russian-style Latin key may stand for, by its ending (see `_RU_UK_ENDINGS`).

    Applied to the last word of a normalised Latin key; the geocoder looks them up among Ukrainian places
    only, after the name as written found nothing there.

    Examples
    --------
    >>> ukrainian_variants("yuzhny"), ukrainian_variants("pavlovka"), ukrainian_variants("molochnoye")
    (['yuzhne'], ['pavlivka'], ['molochne'])
    >>> ukrainian_variants("kyiv")
    []
    """
    head, _space, last = key.rpartition(" ")
    for ending, replacements in _RU_UK_ENDINGS:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            stem = last[: -len(ending)]
            prefix = f"{head} " if head else ""
            return [f"{prefix}{stem}{replacement}" for replacement in replacements]
    return []
