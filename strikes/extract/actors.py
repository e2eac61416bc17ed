"""Who attacked and with what, from what a sentence says (never guessed from a name alone).

"Russian drones" → RU, "a Ukrainian drone attack" → UA, "Russia fired 40 missiles" → RU, "carried out by
Ukraine" → UA. When the text is silent the pipeline infers the side from the country the strike hit, with
lower confidence (`attacker_from_country`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from strikes.taxonomy import find_weapon_terms

RU = "RU"
UA = "UA"
UNKNOWN = "unknown"

# Adjectives and possessives name an attacker before a weapon ("Russian drones", "Kyiv's missiles"); bare
# names only as the subject of an attack verb ("Russia fired"), never after "in" ("in Kiev a missile landed").
_ADJECTIVES = {
    RU: r"(?:Russian|Russia(?:'s|’s)|Moscow(?:'s|’s)|Kremlin(?:'s|’s))",
    UA: r"(?:Ukrainian|Ukraine(?:'s|’s)|Kyiv(?:'s|’s)|Kiev(?:'s|’s))",
}
_SIDES = {
    RU: r"(?:Russian|Russia(?:'s|’s)?|Moscow(?:'s|’s)?|Kremlin(?:'s|’s)?)",
    UA: r"(?:Ukrainian|Ukraine(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?)",
}
_COUNTRY_NAMES = {RU: r"(?:Russia|Russian\s+Federation)\b", UA: r"Ukraine\b"}
_LOCATIVE = re.compile(r"\b(?:in|at|near|of|on|over|across|into|to|from|outside|around)\s+(?:the\s+)?$", re.IGNORECASE)
# Nouns that make "<side> <noun>" mean "the side that attacked".
_ATTACK_NOUNS = (
    r"(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|missiles?|rockets?|strikes?|attacks?|airstrikes?|air\s+strikes?"
    r"|air\s+raids?|raids?|shelling|shells?|bombs?|bombing|glide\s+bombs?|barrage|artillery|occupiers|invaders"
    r"|aggressors?|Shaheds?|kamikaze|warplanes?|aircraft|jets?|fire|offensive)"
)
_SPEECH = r"(?:said|says|say|reported|reports|told|wrote|stated|announced|claimed|officials?|authorities)"
_ATTACK_VERBS = (
    r"(?:fired|launched|struck|strikes|attacked|attacks|hit|hits|shelled|shells|bombed|targeted|targets"
    r"|pounded|has\s+(?:struck|attacked|hit|targeted|launched|deepened|stepped\s+up)|had\s+(?:struck|attacked|hit"
    r"|launched|targeted)|in\s+turn|carried\s+out)"
)


def _side_patterns(side: str) -> list[re.Pattern[str]]:
    name = _SIDES[side]
    adjective = _ADJECTIVES[side]
    return [
        # "Russian drones", "Russian ballistic missile", "Ukrainian UAV attack"
        # ("Ukrainian officials said the strikes ..." names who spoke, not who struck.)
        re.compile(rf"\b{adjective}\s+(?:(?!{_SPEECH}\b)[a-z][\w-]*\s+){{0,3}}?{_ATTACK_NOUNS}\b"),
        # "Russian forces struck", "Ukrainian troops shelled" (not "the Russian army's fuel")
        re.compile(rf"\b{name}\s+(?i:(?:armed\s+)?(?:forces|troops|army|military|navy|air\s+force))\s+"
                   rf"(?:\w+\s+){{0,2}}?{_ATTACK_VERBS}\b"),
        # "Russia fired 40 missiles", "Kiev in turn has deepened strikes"
        re.compile(rf"\b{name}\s+(?:\w+\s+){{0,1}}?{_ATTACK_VERBS}\b"),
        # "Ukraine's General Staff said its forces hit ...": the speaker's own forces struck.
        re.compile(rf"\b{name}\s+(?:[\w-]+\s+){{0,3}}?(?:said|says|reported|claimed|announced)\s+(?:\w+\s+){{0,2}}?"
                   rf"(?:its|their)\s+(?:[\w-]+\s+)?(?:forces|troops|drones|units|military|army|navy|missiles)\b"),
        # "carried out by Ukraine", "launched by the Russian army"
        re.compile(rf"\b(?:carried\s+out|launched|fired|conducted|claimed)\s+by\s+(?:the\s+)?{name}"),
        # "the Armed Forces of Ukraine attacked", "troops of the Russian Federation shelled"
        re.compile(rf"\b(?i:armed\s+forces|forces|army|troops|military|defen[cs]e\s+forces)\s+of\s+(?:the\s+)?"
                   rf"{_COUNTRY_NAMES[side]}"),
    ]


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (side, pattern) for side in (RU, UA) for pattern in _side_patterns(side)
)
# Russian-made weapons named without a side still say who fired them; so do the words Ukrainian reports use
# for Russian forces ("the occupiers shelled").
_RUSSIAN_WEAPONS = re.compile(
    r"\b(?:Shahed|Geran|Iskander|Kalibr|Kh-\d+|Kinzhal|Oniks|Zircon|KAB|FAB|[Oo]ccupiers|[Ii]nvaders|[Rr]ashists"
    r"|[Rr]uscists|occupation\s+forces|occupying\s+forces)\b"
)


# "air defences shot down 40 Ukrainian drones": intercepted weapons say nothing about who hit the target.
_INTERCEPTED = re.compile(
    r"\b(?:shot\s+down|downed|intercepted|destroyed|repelled|neutrali[sz]ed|repulsed)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)

# "a plant that makes components for Russian missiles": weapons that are made or supplied, not fired.
_PRODUCED_FOR = re.compile(
    r"\b(?:for|produces?|producing|produced|makes?|making|manufactur(?:es?|ing|ed)|supplies|supplying)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _is_bare_name(text: str) -> bool:
    # "in Kiev a missile landed": a bare place name after "in" is where, not who; "of the Russian occupiers" is who.
    first = text.split()[0] if text.split() else ""
    return first in ("Russia", "Ukraine", "Kyiv", "Kiev", "Moscow", "Kremlin")


@dataclass(frozen=True)
class AttackerMention:
    """A side named as the attacker, with the words that say so."""

    side: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=256)
def _attackers(sentence: str) -> tuple[AttackerMention, ...]:
    return tuple(find_attackers(sentence))


def find_attackers(sentence: str) -> list[AttackerMention]:
    """Every phrase in `sentence` that names an attacking side, in text order.

    Examples
    --------
    >>> [m.side for m in find_attackers("a fire was started by the Ukrainian drone attack")]
    ['UA']
    >>> [m.side for m in find_attackers("officials in the southern Russian region said")]
    []
    """
    found = [
        AttackerMention(side, match.group(0), match.start(), match.end())
        for side, pattern in _PATTERNS
        for match in pattern.finditer(sentence)
        if not (_is_bare_name(match.group(0)) and _LOCATIVE.search(sentence[max(0, match.start() - 20):match.start()]))
        and not _INTERCEPTED.search(sentence[max(0, match.start() - 40):match.start()])
        and not _PRODUCED_FOR.search(sentence[max(0, match.start() - 40):match.start()])
    ]
    found += [AttackerMention(RU, m.group(0), m.start(), m.end()) for m in _RUSSIAN_WEAPONS.finditer(sentence)]
    return sorted(found, key=lambda mention: mention.start)


def attacker_near(sentence: str, position: int, within: int = 120) -> str:
    """The attacking side named in `sentence` nearest to `position` (a target), or "unknown".

    Examples
    --------
    >>> attacker_near("Russian drones hit a hospital", 20)
    'RU'
    >>> attacker_near("A hospital was hit", 2)
    'unknown'
    """
    mentions = _attackers(sentence)  # a sentence with several targets is read once
    if not mentions:
        return UNKNOWN
    def distance(mention: AttackerMention) -> int:
        if mention.start <= position < mention.end:
            return 0
        return min(abs(mention.start - position), abs(mention.end - position))

    best = min(mentions, key=distance)
    # A side named far from the target usually attacks something else ("... after Ukrainian drones were shot
    # down"): the country hit is then the better guide.
    return best.side if distance(best) <= within else UNKNOWN


def attacker_from_country(country: str) -> str:
    """The side that strikes targets in `country` in this war: RU in Ukraine, UA in Russia, else unknown.

    Examples
    --------
    >>> attacker_from_country("UA"), attacker_from_country("RU"), attacker_from_country("FI")
    ('RU', 'UA', 'unknown')
    """
    return {"UA": RU, "RU": UA}.get(country, UNKNOWN)


def weapon_near(sentence: str, position: int) -> str:
    """The weapon named in `sentence` (words from `strikes.taxonomy.WEAPON_TERMS`) nearest to `position`, as a
    model code, or "unknown".

    Examples
    --------
    >>> weapon_near("A Ukrainian UAV attack set a depot on fire", 30)
    'drone'
    >>> weapon_near("Russian glide bombs hit the school", 30)
    'glide_bomb'
    >>> weapon_near("The school was damaged", 5)
    'unknown'
    """
    best: tuple[int, str] | None = None
    for code, start, end in _weapons(sentence):
        distance = min(abs(start - position), abs(end - position))
        if best is None or distance < best[0]:
            best = (distance, code)
    return best[1] if best else UNKNOWN


def weapons_named(sentence: str) -> frozenset[str]:
    """The weapon codes `sentence` names, anywhere in it.

    Examples
    --------
    >>> sorted(weapons_named("after a night of Russian missile and drone attacks"))
    ['drone', 'missile']
    >>> weapons_named("A hospital was among the targets")
    frozenset()
    """
    return frozenset(code for code, _, _ in _weapons(sentence))


@lru_cache(maxsize=256)
def _weapons(sentence: str) -> tuple[tuple[str, int, int], ...]:
    # Cached: a sentence with several targets asks for its weapons once per target.
    return tuple((code, start, end) for start, end, code in find_weapon_terms(sentence))
