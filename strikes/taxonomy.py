"""The one target taxonomy: categories, subtypes, and the words that map to them.

Every filter, colour, importer and the report extractor use this module, so that "energy" means the same
thing on the map, in an export and in an import.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ENERGY = "energy"
CIVILIAN = "civilian"
MILITARY = "military"
OTHER = "other"

CATEGORIES: tuple[str, ...] = (ENERGY, CIVILIAN, MILITARY, OTHER)

SUBTYPES: dict[str, tuple[str, ...]] = {
    ENERGY: ("power_generation", "power_grid", "oil", "gas", "heating"),
    CIVILIAN: (
        "medical",
        "residential",
        "education",
        "transport",
        "port",
        "public",
        "commercial",
        "cultural",
        "water",
    ),
    MILITARY: ("military",),
    OTHER: ("industrial", "unknown"),
}

CATEGORY_OF_SUBTYPE: dict[str, str] = {sub: cat for cat, subs in SUBTYPES.items() for sub in subs}
ALL_SUBTYPES: tuple[str, ...] = tuple(CATEGORY_OF_SUBTYPE)

ATTACKERS: tuple[str, ...] = ("RU", "UA", "unknown")
WEAPONS: tuple[str, ...] = ("drone", "missile", "glide_bomb", "artillery", "aircraft", "unknown")
STATUSES: tuple[str, ...] = ("verified", "candidate")

# Colours: energy and civilian must be told apart at a glance, also by colour-blind readers
# (orange against blue is safe for the common deficiencies).
CATEGORY_COLOURS: dict[str, str] = {
    ENERGY: "#e66100",
    CIVILIAN: "#1a5fb4",
    MILITARY: "#3d3846",
    OTHER: "#8a8a8a",
}

CATEGORY_LABELS: dict[str, str] = {
    ENERGY: "Energy",
    CIVILIAN: "Civilian",
    MILITARY: "Military",
    OTHER: "Other",
}

SUBTYPE_LABELS: dict[str, str] = {sub: sub.replace("_", " ").capitalize() for sub in ALL_SUBTYPES}

# Target words → subtype. Longest phrase wins, so "power station" beats "station" and "oil depot" beats
# "depot". Keys are lower case, singular or plural; matched on word boundaries.
TARGET_TERMS: dict[str, tuple[str, ...]] = {
    "power_generation": (
        "power plant", "power plants", "power station", "power stations", "thermal power plant",
        "thermal power facility", "thermal power facilities", "thermal power", "tpp", "chp", "hpp", "npp",
        "nuclear power plant", "hydroelectric", "hydroelectric power plant", "hydropower", "dam",
        "solar plant", "solar power plant", "wind farm", "generation", "generating capacity",
        "electricity generation", "power generation", "power unit", "power units", "energy generation",
        "thermal power station", "combined heat and power",
        "thermal power plants", "hydroelectric power station", "nuclear plant", "power plant's",
    ),
    "power_grid": (
        "power supply", "power grid", "grid", "substation", "substations", "power line", "power lines",
        "transmission line", "transmission lines", "electricity", "electrical", "electricity supply",
        "energy facility", "energy facilities", "energy infrastructure", "energy object", "energy objects",
        "energy site", "energy sites", "power facility", "power facilities", "power infrastructure",
        "power system", "energy system", "transformer", "transformers", "power engineering",
        "power network", "electricity network", "electrical substation", "high-voltage",
        "power substation", "power substations", "electricity substation", "electrical substations",
        "energy infrastructure facility", "energy infrastructure facilities",
        "distribution system operator", "distribution network", "distribution networks", "energy equipment",
        "power equipment", "electrical equipment",
    ),
    "oil": (
        "oil depot", "oil depots", "fuel depot", "fuel depots", "oil refinery", "oil refineries", "refinery",
        "refineries", "oil terminal", "oil terminals", "fuel terminal", "fuel terminals", "fuel facility",
        "fuel facilities", "oil facility", "oil facilities", "oil storage", "fuel storage", "petroleum",
        "oil pumping station", "pumping station", "oil pipeline", "fuel tank", "fuel tanks", "oil tank",
        "oil tanks", "tank farm", "oil and gas facilities", "oil", "fuel", "diesel", "gasoline",
        "filling station", "petrol station", "gas station", "fuel and lubricants", "oil products",
        "oil base", "oil storage facility", "fuel storage facility", "oil refining", "oil plant",
    ),
    "gas": (
        "gas facility", "gas facilities", "gas production", "gas field", "gas fields",
        "gas storage", "gas pipeline", "gas infrastructure", "gas distribution", "compressor station",
        "gas processing plant", "lng", "lng terminal", "gas plant", "natural gas",
        "gas compressor station", "gas metering station", "gas measuring station", "gas distribution station",
    ),
    "heating": (
        "boiler house", "boiler houses", "boiler room", "heating plant", "heating", "district heating",
        "heat supply", "heating network", "thermal station", "heat and power",
    ),
    "medical": (
        "hospital", "hospitals", "children's hospital", "clinic", "clinics", "maternity hospital",
        "medical facility", "medical facilities", "medical centre", "medical center", "ambulance",
        "ambulances", "polyclinic", "health centre", "health center", "pharmacy", "maternity ward",
        "medical institution", "medical institutions", "hospital building",
        "rehabilitation centre", "rehabilitation center", "sanatorium", "hospice", "nursing home",
    ),
    "residential": (
        "residential building", "residential buildings", "apartment building", "apartment buildings",
        "apartment block", "apartment blocks", "high-rise", "private house", "private houses", "house",
        "private household", "private households",
        "houses", "home", "homes", "dwelling", "dwellings", "residential area", "residential areas",
        "residential neighbourhood", "residential neighborhood", "residential district", "dormitory",
        "multi-storey building", "block of flats", "residential",
        "apartment house", "residential house", "residential houses", "private home", "private homes",
        "high-rise building", "high-rise buildings", "residential complex", "apartments",
    ),
    "education": (
        "school", "schools", "kindergarten", "kindergartens", "university", "universities", "college",
        "lyceum", "educational institution", "educational institutions", "nursery",
    ),
    "transport": (
        "railway", "railway station", "train station", "rail", "railway infrastructure", "train", "trains",
        "bridge", "bridges", "airport", "airports", "bus station", "bus", "trolleybus", "tram", "road",
        "locomotive", "depot of the railway", "logistics", "transport infrastructure",
        "railway stations", "railway line", "rail line", "rail infrastructure", "railway bridge",
    ),
    "port": (
        "port", "ports", "port infrastructure", "sea port", "seaport", "grain terminal", "grain terminals",
        "terminal of the port", "dock", "docks", "harbour", "harbor", "grain silo", "grain infrastructure",
        "port facilities",
        "port terminal",
        "cargo ship", "cargo ships", "cargo vessel", "cargo vessels", "civilian ship", "civilian ships",
        "civilian vessel", "civilian vessels", "merchant ship", "merchant vessel", "bulk carrier", "container ship",
        "grain ship", "grain carrier",
    ),
    "public": (
        "city centre", "city center", "town centre", "town center", "centre of", "center of", "street",
        "streets", "playground", "park", "square", "administrative building", "government building",
        "civilian infrastructure", "civil infrastructure", "congress centre", "congress center",
        "public building", "bus stop", "skating rink", "post office", "humanitarian", "aid centre",
        "fire station", "fire stations", "fire department", "sports facility", "sports complex", "stadium",
    ),
    "commercial": (
        "shopping centre", "shopping center", "shopping mall", "mall", "supermarket", "market", "shop",
        "shops", "store", "restaurant", "cafe", "hotel", "office building", "business centre",
        "business center", "warehouse", "warehouses", "car dealership", "petrol",
        "car wash", "car showroom", "car service", "bank branch",
        "hypermarket", "hypermarkets", "supermarkets", "shopping centres", "shopping centers",
        "bakery", "bakeries",
    ),
    "cultural": (
        "museum", "theatre", "theater", "church", "cathedral", "monastery", "library", "cultural centre",
        "cultural center", "monument", "historic building", "concert hall", "cinema",
    ),
    "water": (
        "water supply", "water utility", "water treatment", "water pumping", "water pipeline",
        "water main", "water infrastructure", "dam water", "reservoir", "sewage",
    ),
    "military": (
        "military", "airbase", "air base", "airfield", "military airfield", "base", "barracks", "ammunition",
        "ammunition depot", "arms depot", "weapons depot", "command post", "military unit", "troops",
        "air defence", "air defense", "radar", "military facility", "military facilities",
        "military target", "military targets", "military-industrial", "defence plant", "defense plant",
        "airfields", "air bases", "airbases", "ammunition depots", "command posts", "military base",
        "military bases",
        "black sea fleet", "fleet headquarters", "military headquarters", "army headquarters",
        "naval headquarters", "headquarters of the black sea fleet", "headquarters of russia's black sea fleet",
        "warship", "warships", "landing ship", "landing ships", "submarine", "submarines", "naval base",
        "patrol ship", "missile ship", "corvette", "frigate",
    ),
    "industrial": (
        "industrial enterprise", "industrial enterprises", "industrial facility", "industrial facilities",
        "enterprise", "enterprises", "factory", "factories", "plant", "industrial site", "industrial zone",
        "industrial", "works", "mine", "chemical plant", "metallurgical plant", "steel plant",
        "agricultural enterprise", "infrastructure",
        "farm", "farms", "farm building", "farm buildings", "livestock farm", "poultry farm", "agricultural facility",
        "agricultural facilities", "grain elevator",
    ),
    "unknown": (
        "critical infrastructure", "object of critical infrastructure", "objects of critical infrastructure",
        "critical infrastructure facility", "critical infrastructure facilities", "infrastructure object",
        "infrastructure objects", "infrastructure facility", "infrastructure facilities",
    ),
}


# Ukrainian and Russian target words as analysts' spreadsheets write them (nominative, singular and plural;
# abbreviations such as НПЗ, ТЕЦ, ЛЕП lower-cased like every key). Added by the importers for Cyrillic tables.
_CYRILLIC_TERMS: dict[str, tuple[str, ...]] = {
    "power_generation": ("тес", "тэс", "тец", "тэц", "гес", "гэс", "аес", "аэс", "електростанція",
                         "електростанції", "электростанция", "электростанции"),
    "power_grid": ("підстанція", "підстанції", "подстанция", "подстанции", "леп", "лэп",
                   "лінія електропередачі", "линия электропередачи", "енергетична інфраструктура",
                   "энергетическая инфраструктура", "об'єкт енергетики", "объект энергетики"),
    "oil": ("нпз", "нафтобаза", "нафтобази", "нефтебаза", "нефтебазы", "нафтопереробний завод",
            "нефтеперерабатывающий завод", "паливо", "топливо"),
    "gas": ("газопровід", "газопровод", "газосховище", "газовое хранилище"),
    "heating": ("котельня", "котельні", "котельная", "котельные"),
    "medical": ("лікарня", "лікарні", "больница", "больницы", "поліклініка", "поликлиника"),
    "residential": ("житловий будинок", "житлові будинки", "жилой дом", "жилые дома", "багатоповерхівка",
                    "многоэтажка", "будинок", "дом"),
    "education": ("школа", "школи", "школы", "дитячий садок", "детский сад", "університет", "университет"),
    "transport": ("залізниця", "железная дорога", "вокзал", "міст", "мост", "аеропорт", "аэропорт"),
    "port": ("порт", "порти", "порты", "морський порт", "морской порт"),
    "military": ("аеродром", "аэродром", "військова частина", "воинская часть", "склад боєприпасів",
                 "склад боеприпасов"),
    "industrial": ("завод", "заводи", "заводы", "підприємство", "предприятие"),
}
for _subtype, _terms in _CYRILLIC_TERMS.items():
    TARGET_TERMS[_subtype] = (*TARGET_TERMS[_subtype], *_terms)

# Weapon words → the model's weapon codes (WEAPONS), for the importers' notes and the report extractor alike.
# Each entry is a lower-case regular-expression fragment (weapon names carry numbers: "Kh-101", "FAB-500"),
# matched case-insensitively on word boundaries. Where two entries could match overlapping words the one that
# starts first wins, then the one listed first: "glide bombs" is a glide bomb, not also an aircraft's bombs, and
# "Grad rockets" are artillery, not missiles.
WEAPON_TERMS: dict[str, tuple[str, ...]] = {
    "glide_bomb": (r"glide\s+bombs?", r"guided\s+(?:aerial\s+|air\s+)?bombs?", r"aerial\s+bombs?", r"kabs?",
                   r"fab-?\d*", r"umpk"),
    "drone": (r"drones?", r"uavs?", r"unmanned\s+aerial\s+vehicles?", r"shaheds?", r"geran(?:s|-?\d+)?",
              r"loitering\s+munitions?", r"kamikaze", r"fpv"),
    "artillery": (r"(?:grad|uragan|smerch|mlrs)\s+rockets?", r"multiple\s+rocket\s+launchers?", r"artillery",
                  r"shell(?:ed|ing|s)?", r"mlrs", r"mortars?", r"grad", r"uragan", r"smerch", r"howitzers?"),
    "missile": (r"missiles?", r"rockets?", r"iskanders?", r"kalibrs?", r"kinzhals?", r"kh-\d+\w*", r"ballistic",
                r"cruise"),
    "aircraft": (r"aircraft", r"air\s*strikes?", r"air\s+raids?", r"warplanes?", r"bombers?", r"bombs?", r"bombing",
                 r"helicopters?", r"aviation"),
}


@lru_cache(maxsize=1)
def _weapon_pattern() -> re.Pattern[str]:
    groups = "|".join(f"(?P<{code}>{'|'.join(terms)})" for code, terms in WEAPON_TERMS.items())
    return re.compile(rf"\b(?:{groups})\b", re.IGNORECASE)


def find_weapon_terms(text: str) -> list[tuple[int, int, str]]:
    """Every weapon word in `text`, as (start, end, weapon code), in text order and not overlapping.

    Parameters
    ----------
    text : str
        A note, a cell or a sentence.

    Returns
    -------
    list of (int, int, str)
        Offsets into `text` and the model's weapon code (one of WEAPONS, never "unknown").

    Examples
    --------
    >>> find_weapon_terms("Shahed drones and guided aerial bombs")
    [(0, 6, 'drone'), (7, 13, 'drone'), (18, 37, 'glide_bomb')]
    >>> find_weapon_terms("a fire broke out")
    []
    """
    return [(m.start(), m.end(), str(m.lastgroup)) for m in _weapon_pattern().finditer(text)]


@dataclass(frozen=True)
class TargetClass:
    """A target word resolved to the taxonomy: the phrase found, and its category and subtype."""

    phrase: str
    category: str
    subtype: str


def _odd_case_characters(term_characters: set[str]) -> str:
    # Characters that re.IGNORECASE equates with a character of a term although str.lower() does not ("ſ" ~
    # "s", "ı" ~ "i", "ᲀ" ~ "в"): a text holding one is matched case-insensitively, not lower-cased, so that the
    # results stay exactly those of a case-insensitive regex.
    try:
        # The table re itself uses (CPython ≥ 3.11); private, hence the fallback computed from it on 3.11.
        extra: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):
        return "ıſᲀᲁᲂᲃᲄᲅᲆ"
    odd: set[str] = set()
    for code, others in extra.items():
        equal = [chr(c) for c in (code, *others)]
        odd.update(c for c in equal for p in equal if p in term_characters and c.lower() != p)
    return "".join(sorted(odd))


def _trie_pattern(words: list[str]) -> str:
    # "oil", "oil depot", "oil depots" → "oil(?:\ depots?)?": the engine follows only the branch the next
    # character allows instead of trying every term at every position (about 20x faster than one alternation).
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A term ends here too: greedy, so the longer term is tried first and the engine backs off to this one
        # when the longer one does not fit or is not followed by a word boundary.
        return f"(?:{body})?" if "" in node else body

    return render(trie)


@dataclass(frozen=True)
class _TermMatcher:
    lower_case: re.Pattern[str]  # for lower-cased text (about 3x faster than IGNORECASE)
    any_case: re.Pattern[str]  # for text whose lower case would shift offsets or fold differently
    odd_case: re.Pattern[str]  # finds such text
    subtype_of: dict[str, str]  # lower-case term → subtype


@lru_cache(maxsize=1)
def _matcher() -> _TermMatcher:
    subtype_of: dict[str, str] = {}
    for subtype, terms in TARGET_TERMS.items():
        for term in terms:
            # First listed wins when a term appears under two subtypes; the lists are kept disjoint.
            subtype_of.setdefault(term.lower(), subtype)
    # No word character or hyphen right before or after a term: "oil" is not found in "oil-rich" or "oilseed".
    body = rf"(?<![\w-])(?:{_trie_pattern(list(subtype_of))})(?![\w-])"
    odd = _odd_case_characters({char for term in subtype_of for char in term})
    return _TermMatcher(re.compile(body), re.compile(body, re.IGNORECASE), re.compile(f"[{re.escape(odd)}]"),
                        subtype_of)


def _subtype_of_phrase(matcher: _TermMatcher, phrase: str) -> str:
    subtype = matcher.subtype_of.get(phrase.lower())
    if subtype is None:
        # "ſchool" matched "school" case-insensitively but lowers to itself: find the term it matched.
        subtype = next(sub for term, sub in matcher.subtype_of.items()
                       if re.fullmatch(re.escape(term), phrase, re.IGNORECASE))
    return subtype


def find_target_terms(text: str) -> list[tuple[int, int, TargetClass]]:
    """Every taxonomy term in `text`, as (start, end, class), in text order.

    Matching is case-insensitive and on word boundaries (no letter, digit, underscore or hyphen right before or
    after the term); at each position the longest term wins, and matches do not overlap: the result of one
    case-insensitive regex alternation of every term, longest first. It is computed with the terms folded into a
    trie-shaped regex run over the lower-cased text, which is many times faster on long texts.

    Parameters
    ----------
    text : str
        Any text: a target cell, a note, a sentence of a report.

    Returns
    -------
    list of (int, int, TargetClass)
        Start and end offsets into `text`, and the term as written in `text` with its category and subtype.

    Examples
    --------
    >>> [t.subtype for _, _, t in find_target_terms("a hospital and the power supply")]
    ['medical', 'power_grid']
    >>> [t.phrase for _, _, t in find_target_terms("Oil depots, not oil-rich fields")]
    ['Oil depots']
    """
    matcher = _matcher()
    lowered = text.lower()
    if len(lowered) == len(text) and matcher.odd_case.search(text) is None:
        matches = matcher.lower_case.finditer(lowered)
    else:
        matches = matcher.any_case.finditer(text)  # "İ".lower() is two characters; "ſ" folds to "s"
    subtype_of = matcher.subtype_of
    found: list[tuple[int, int, TargetClass]] = []
    for match in matches:
        start, end = match.span()
        phrase = text[start:end]
        subtype = subtype_of.get(phrase.lower()) or _subtype_of_phrase(matcher, phrase)
        found.append((start, end, TargetClass(phrase, CATEGORY_OF_SUBTYPE[subtype], subtype)))
    return found


def classify_target(text: str) -> TargetClass | None:
    """The taxonomy class of a target description, or None when no word in it is known.

    The most specific term wins: specificity is the length of the matched phrase, and among equally long
    phrases the first in the text. Category words ("Refineries", "Substations", "Ports") map directly.

    Examples
    --------
    >>> classify_target("Refineries").subtype
    'oil'
    >>> classify_target("Okhmatdyt children's hospital").category
    'civilian'
    >>> classify_target("Witcoff") is None
    True
    """
    return most_specific(find_target_terms(text))


def most_specific(terms: Sequence[tuple[int, int, TargetClass]]) -> TargetClass | None:
    """The most specific of terms found by `find_target_terms`: the longest, then the first; None for none.

    Examples
    --------
    >>> most_specific(find_target_terms("a fire at the oil depot near the port")).phrase
    'oil depot'
    >>> most_specific([]) is None
    True
    """
    if not terms:
        return None
    return max(terms, key=lambda found: (found[1] - found[0], -found[0]))[2]


def validate_subtype(category: str, subtype: str) -> bool:
    """True when `subtype` belongs to `category` in the taxonomy."""
    return CATEGORY_OF_SUBTYPE.get(subtype) == category
