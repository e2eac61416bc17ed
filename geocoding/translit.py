"""Cyrillic → Latin transliteration tables (as data) and the function that applies them.

Three systems, because reports and gazetteers mix them:

- ``uk``: the official Ukrainian national system (Cabinet of Ministers resolution 55 of 2010, "KMU 2010").
  It drops the apostrophe and the soft sign, writes є/ї/й/ю/я as ye/yi/y/yu/ya at the start of a word and
  ie/i/i/iu/ia elsewhere, and "зг" as "zgh". This is what analysts' current English spellings follow
  (Kyiv, Kharkiv, Sloviansk, Zaporizhzhia), so it also derives canonical names of Ukrainian places.
- ``ru``: BGN/PCGN 1947 for Russian (Oryol, Slavyansk, Belgorod), the spelling of most English news.
- ``ru_icao``: the Russian passport system (ICAO Doc 9303, 2013): й → i, ю → iu, я → ia, ы → y.

Examples
--------
>>> transliterate("Слов'янськ", "uk")
'Sloviansk'
>>> transliterate("Орёл", "ru")
'Oryol'
"""

from __future__ import annotations

from typing import Final

# The systems whose spellings are index keys; `transliterate` also knows "uk_bgn".
SYSTEMS: Final = ("uk", "ru", "ru_icao")

_COMMON: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "",
    # Apostrophe variants inside Ukrainian words (Слов'янськ, Слов’янськ, Словʼянськ) are dropped.
    "'": "", "’": "", "ʼ": "", "‘": "", "`": "",
}

# (letter inside a word, letter at the start of a word); a plain string applies in both positions.
_UK: Final[dict[str, str | tuple[str, str]]] = {
    **_COMMON,
    "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": ("i", "yi"), "й": ("i", "y"), "є": ("ie", "ye"),
    "ю": ("iu", "yu"), "я": ("ia", "ya"),
    # Letters Ukrainian does not have, written as a Ukrainian reader would say them.
    "ы": "y", "э": "e", "ё": ("io", "yo"),
}
_RU: Final[dict[str, str | tuple[str, str]]] = {
    **_COMMON,
    "г": "g", "и": "i", "й": "y", "ы": "y", "э": "e", "ё": "yo", "ю": "yu", "я": "ya", "е": ("e", "ye"),
    # Ukrainian and Belarusian letters in mixed text, written the Russian way.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}
_RU_ICAO: Final[dict[str, str | tuple[str, str]]] = {
    **_COMMON,
    "г": "g", "и": "i", "й": "i", "ы": "y", "э": "e", "ё": "e", "ю": "iu", "я": "ia", "ъ": "ie",
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}
# BGN/PCGN 1965 for Ukrainian: the system of most GeoNames names of Ukrainian places (Slovyansk, Kryvyy Rih).
# Not used for index keys (those spellings are GeoNames' own names already); it tells whether a Cyrillic
# alternate is the source of GeoNames' name (see geocoding.gazetteer).
_UK_BGN: Final[dict[str, str | tuple[str, str]]] = {
    **_COMMON,
    "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "й": "y", "є": "ye", "ю": "yu", "я": "ya",
    "ы": "y", "э": "e", "ё": "yo",
}
_TABLES: Final = {"uk": _UK, "ru": _RU, "ru_icao": _RU_ICAO, "uk_bgn": _UK_BGN}

# BGN/PCGN writes е as "ye" also after a vowel, ь or ъ (Подъезд → Podyezd); kept to the word start and
# after vowels here, which covers place names.
_RU_VOWELS: Final = frozenset("аеёиоуыэюяьъ")
_UK_WORD_BREAKS: Final = frozenset(" -")


def is_cyrillic(text: str) -> bool:
    """True when `text` contains at least one Cyrillic letter.

    Examples
    --------
    >>> is_cyrillic("Київ"), is_cyrillic("Kyiv")
    (True, False)
    """
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def transliterate(text: str, system: str = "uk") -> str:
    """Write Cyrillic `text` in Latin letters with one of `SYSTEMS`; other characters pass through.

    Capitalisation follows the source letter (Щ → Shch). "зг" is "zgh" in the Ukrainian system so that
    it is not read as "zh".

    Examples
    --------
    >>> transliterate("Запоріжжя", "uk"), transliterate("Запорожье", "ru")
    ('Zaporizhzhia', 'Zaporozhye')
    >>> transliterate("Київ", "uk"), transliterate("Киев", "ru_icao")
    ('Kyiv', 'Kiev')
    """
    try:
        table = _TABLES[system]
    except KeyError:
        raise ValueError(f"transliteration system: expected one of {tuple(_TABLES)}, got {system!r}") from None
    out: list[str] = []
    previous = " "
    for index, char in enumerate(text):
        lower = char.lower()
        value = table.get(lower)
        if value is None:
            out.append(char)
            previous = lower
            continue
        at_start = previous in _UK_WORD_BREAKS or not previous.isalpha() and previous not in "'’ʼ"
        if isinstance(value, tuple):
            latin = value[1] if at_start else value[0]
        else:
            latin = value
        if system == "ru" and lower == "е" and previous in _RU_VOWELS:
            latin = "ye"
        if system == "uk" and lower == "г" and previous == "з":
            latin = "gh"
        if char != lower and latin:
            # Capitalise like the source: a capital Ж becomes "Zh", and "ZH" only inside an all-caps word.
            following = text[index + 1] if index + 1 < len(text) else ""
            latin = latin.upper() if following.isupper() else latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower
    return "".join(out)
