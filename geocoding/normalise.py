"""Turning a place name as written into the keys the gazetteer index is looked up by.

`normalise` is the public key function: case folded, Latin diacritics removed, every apostrophe variant
dropped, hyphens and punctuation turned into single spaces, and the words that only say *what kind* of
place it is ("the", "city of", "region", "oblast", "krai", "district", …, in English, Ukrainian and
Russian) removed. The removed words are not lost: `analyse` reports them as an intent (region, district,
settlement) that the geocoder ranks by.

`loose_key` is a coarser key for spelling variants between transliteration systems
(Kryvyy/Kryvyi/Krivij, Zaporizhzhya/Zaporizhzhia, Kharkov/Charkow are not all equal, but many are).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, NamedTuple

# Apostrophe-like characters writers use for the Ukrainian apostrophe and the soft sign.
_APOSTROPHES: Final = "'’ʼ‘`´′″ʹ”“\"ˈ"
# Latin letters NFKD does not decompose.
_LATIN_FOLD: Final = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                                    "þ": "th", "ð": "d", "ħ": "h"})

# Words that say the name is a region (first-level unit); they are removed from the key.
REGION_WORDS: Final = frozenset({
    "oblast", "oblasts", "oblasti", "obl", "region", "regions", "province", "krai", "kray", "territory",
    "republic", "respublika", "autonomous", "avtonomnaya", "avtonomnyy", "avtonomna", "okrug",
    "область", "обл", "край", "регион", "регіон", "республика", "республіка", "автономная", "автономна",
    "автономный", "автономний", "округ",
    # the same words inflected ("у Харківській області", "в Краснодарском крае", "по региону")
    "області", "областi", "областю", "области", "областью", "краї", "крае", "краю", "регіоні", "регіону",
    "регионе", "региона", "региону", "республіці", "республики", "республике",
})
# Words that say the name is a district (raion, hromada) around a town, or somewhere near it: the town,
# at precision 2 ("near / part of").
DISTRICT_WORDS: Final = frozenset({
    "district", "raion", "rayon", "район", "raione", "hromada", "громада", "near", "outskirts", "outskirt",
    "suburbs", "suburb", "outside", "vicinity", "environs", "area", "direction", "around", "околиця",
    "околиці", "окраина", "окраины", "окрестности", "направление", "напрямок", "напрямку", "біля", "возле",
    "районі", "району", "районе", "района", "громаді", "громади", "околицях", "поблизу", "неподалік", "около",
    "под", "під", "направлении",
})
# Words that say the name is a settlement.
SETTLEMENT_WORDS: Final = frozenset({"city", "town", "village", "settlement", "urban", "type", "місто", "город",
                                     "село",
                                     "селище", "поселок", "посёлок", "смт", "пгт", "м", "г", "с", "п"})
# Words dropped anywhere without meaning anything.
_FILLER_WORDS: Final = frozenset({"the"})
# Prepositions dropped at the start only: Ukrainian and Russian reports name places after one, inflected
# ("у Києві", "в Одессе", "на Сумщині", "із Харкова"). Not English "in": "power plant in Burshtyn" names a
# plant, and callers split English phrases themselves.
_LEADING_WORDS: Final = frozenset({"у", "в", "во", "на", "із", "зі", "з", "из", "со", "до", "від", "от", "по"})
# Words dropped only at the start or end once the words above are gone ("city of Kyiv", "Republic of X").
_EDGE_WORDS: Final = frozenset({"of"})

_ALL_KIND_WORDS: Final = REGION_WORDS | DISTRICT_WORDS | SETTLEMENT_WORDS | _FILLER_WORDS

REGION = "region"
DISTRICT = "district"
SETTLEMENT = "settlement"


class Analysed(NamedTuple):
    """A name split into its lookup key and what its removed words said about it.

    `full` keeps the kind words (it is looked up first, so "Sumy Oblast" hits the region alias itself);
    `key` is `normalise(name)`; `intent` is "region", "district", "settlement" or "" (none said).
    (An immutable named tuple rather than a frozen dataclass: it is made for every lookup, and is cheaper.)
    """

    full: str
    key: str
    intent: str


def _fold_table() -> dict[int, str | None]:
    """One `str.translate` table: Latin diacritics stripped, apostrophes dropped, separators → space.

    Built once at import so that folding a name is a couple of C-level string passes.
    """
    table: dict[int, str | None] = {}
    for code in (*range(0x80, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if not char.isalpha():
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        base = base.translate(_LATIN_FOLD).casefold()
        if base != char and base.isascii():
            table[code] = base
    for char, latin in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"),
                        ("þ", "th"), ("ð", "d"), ("ħ", "h")):
        table[ord(char)] = latin
    for code in range(0x300, 0x370):
        table[code] = None  # a combining mark without a precomposed letter (stress marks: Алекса́ндровск)
    for char in _APOSTROPHES:
        table[ord(char)] = None
    for char in " \t\n\r\f\v-‐‑‒–—―_.,;:/\\()[]{}|+&*!?#№«»<>\u00a0":
        table[ord(char)] = " "
    # Russian writes ё as е more often than not; one key for both.
    table[ord("ё")] = "е"
    return table


_FOLD: Final = _fold_table()


def _tokens(text: str) -> list[str]:
    """Case-folded, diacritic-free, apostrophe-free words of `text` (Cyrillic letters kept whole)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.lower().translate(_FOLD).split()


def analyse(name: str) -> Analysed:
    """Split `name` into the full key, the stripped key and the intent its kind words express.

    Examples
    --------
    >>> analyse("Sumy Oblast")
    Analysed(full='sumy oblast', key='sumy', intent='region')
    >>> analyse("the city of Kyiv")
    Analysed(full='city of kyiv', key='kyiv', intent='settlement')
    """
    tokens = _tokens(name)
    if len(tokens) > 1 and tokens[0] in _LEADING_WORDS:
        tokens = tokens[1:]
    if _ALL_KIND_WORDS.isdisjoint(tokens):
        # The common case, a bare name: no word to remove.
        full = " ".join(tokens)
        return Analysed(full, full, "")
    tokens = [t for t in tokens if t not in _FILLER_WORDS]
    intent = ""
    kept: list[str] = []
    for token in tokens:
        if token in REGION_WORDS:
            intent = REGION
        elif token in DISTRICT_WORDS:
            intent = intent or DISTRICT
        elif token in SETTLEMENT_WORDS:
            intent = intent or SETTLEMENT
        else:
            kept.append(token)
    if len(kept) < len(tokens):
        while kept and kept[0] in _EDGE_WORDS:
            kept.pop(0)
        while kept and kept[-1] in _EDGE_WORDS:
            kept.pop()
    key = " ".join(kept)
    if not key:
        # "Region" alone, or only kind words: keep them rather than return an empty key.
        key = " ".join(tokens)
        intent = ""
    return Analysed(full=" ".join(tokens), key=key, intent=intent)


def after_preposition(name: str) -> bool:
    """True when `name` starts with a preposition that inflects what follows ("у Києві", "в Одессе").

    Examples
    --------
    >>> after_preposition("у Києві"), after_preposition("Київ"), after_preposition("в")
    (True, False, False)
    """
    tokens = _tokens(name)
    return len(tokens) > 1 and tokens[0] in _LEADING_WORDS


def normalise(name: str) -> str:
    """The lookup key of a place name: folded, apostrophes and kind words removed, spaces single.

    Examples
    --------
    >>> normalise("Slov’yans’k")
    'slovyansk'
    >>> normalise("Krasnodar Krai"), normalise("Сумська область"), normalise("Ivano-Frankivsk")
    ('krasnodar', 'сумська', 'ivano frankivsk')
    """
    return analyse(name).key


# Ordered rewrites from a normalised Latin key to a loose key; longer patterns first.
_LOOSE_RULES: Final = (
    ("shch", "S"), ("sch", "S"), ("tch", "C"), ("zh", "Z"), ("kh", "H"), ("ch", "C"), ("ts", "C"),
    ("tz", "C"), ("sh", "S"), ("sz", "S"), ("cz", "C"), ("w", "v"), ("x", "ks"), ("q", "k"), ("ck", "k"),
    ("yi", "i"), ("iy", "i"), ("yy", "i"), ("ii", "i"), ("ij", "i"), ("yj", "i"),
    ("ye", "e"), ("ie", "e"), ("je", "e"), ("yu", "u"), ("iu", "u"), ("ju", "u"),
    ("ya", "a"), ("ia", "a"), ("ja", "a"), ("yo", "o"), ("io", "o"), ("jo", "o"),
    ("y", "i"), ("j", "i"), ("h", "H"), ("g", "H"),
)
_DOUBLE_RE: Final = re.compile(r"(.)\1+")


def loose_key(key: str) -> str:
    """A coarser key that makes common transliteration variants of one name equal.

    Applied to an already normalised Latin key: digraphs become one letter, i/y/j merge, g and h merge
    (Ukrainian г is h, Russian г is g), doubled letters collapse and spaces go.

    Examples
    --------
    >>> loose_key("kryvyy rih") == loose_key("kryvyi rih") == loose_key("krivij rig")
    True
    >>> loose_key("zaporizhzhya") == loose_key("zaporizhia")
    True
    """
    out = key.replace(" ", "")
    for old, new in _LOOSE_RULES:
        out = out.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", out).lower()
