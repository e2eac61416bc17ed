"""Target phrases a sentence reports as struck, from the one taxonomy, and the traps around them.

A target term is kept only when the sentence (clause) says something was struck, and the term is not a
consequence ("the hospital lost power", "taken to hospital"), a description of people or offices ("military
administration", "home town"), or an interceptor ("air defence downed drones"). Generic one-word terms ("oil",
"port", "houses") must sit right next to a strike word. Targets are always words of the text, never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from strikes.extract.sentences import clause_bounds
from strikes.taxonomy import CIVILIAN, MILITARY, OTHER, TARGET_TERMS, TargetClass, find_target_terms

# Words that say something was struck. "fire" counts ("a fire broke out at the depot"); "blaze" and "killed"
# alone do not, since follow-up sentences about fire fighting and casualties name places that were not hit.
STRIKE_WORDS = re.compile(
    r"\b(?:struck|strikes?|striking|hit|hits|hitting|attack(?:s|ed|ing)?|shell(?:ed|ing|s)?|bomb(?:ed|ing|s)?"
    r"|bombard(?:ed|ment)|explosions?|exploded|blasts?|fires?|ablaze|burn(?:ed|ing|t)|damag(?:ed|ing|e)"
    r"|destroy(?:ed|ing)|targeted|targeting|landed|fell|drones?|UAVs?|missiles?|rockets?|debris|wreckage"
    r"|(?:among|one\s+of)\s+the\s+(?:targets|goals)|came\s+under|airstrikes?|air\s+strikes?|barrage|shelled"
    r"|raid(?:s|ed)?|impact|blew\s+up|blown\s+up|blowing\s+up)\b",
    re.IGNORECASE,
)

# One-word terms that are targets only when a strike word is right beside them.
WEAK_TERMS = frozenset(
    """oil fuel diesel gasoline petrol electricity electrical grid generation heating home homes house houses
    residential military base works plant enterprise enterprises infrastructure industrial road train trains bus
    rail port ports market store shop shops park square street streets humanitarian logistics dam mine troops
    ammunition radar reservoir transformer transformers high-voltage tram dock docks college nursery hotel cafe
    warehouse mall power farm farms""".split()
)
# A term followed by one of these describes people or an office, not a building that was hit.
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:administrations?|officials?|officers?|spokes(?:man|woman|person)|personnel|analysts?|experts?"
    r"|assistance|aid|command(?:er|ers)?|leadership|intelligence|doctors?|staff|workers?|employees?|compan(?:y|ies)"
    r"|operators?|producers?|ministry|minister|authorities|sources?|correspondents?|bloggers?|spending|support"
    r"|budget|exercises|drills|town|commissariat|governor|chief|head|prosecutors?|police|courts?|agency|agencies"
    r"|service|services|sector|talks|deal|ceasefire|truce|moratorium|prices?|exports?|imports?|revenues?"
    r"|market|markets|industry|sanctions?|cap|tycoon|giant|major|firm|board|secretary|guard)\b",
    re.IGNORECASE,
)
# A term preceded by one of these is where people went, or what was lost, not what was struck.
_CONSEQUENCE_BEFORE = re.compile(
    r"\b(?:taken|brought|rushed|moved|transferred|evacuated|admitted|delivered|sent|transported|airlifted)\s+to"
    r"(?:\s+(?:a|an|the|other|nearby|local|several|two|three|\w+'s|\w+’s))*\s*$"
    r"|\b(?:treated|died|dies|hospitali[sz]ed|recovering|remain|remains|are|is|was|were|being)\s+(?:at|in)"
    r"(?:\s+(?:a|the|local))?\s*$"
    r"|\b(?:lost|lose|losing|loses|without|cut\s+off|cuts\s+to|outages?\s+(?:of|in|to)|disruptions?\s+(?:of|to|in)"
    r"|restored|restore|restoring|restoration\s+of|shortages?\s+of|switched\s+off|blackouts?\s+(?:of|in)|no|back"
    r"|supplies|supply|supplied|supplying|protect(?:ing|ed)?|repair(?:ing|ed)?|defend(?:ing|ed)?"
    r"|rebuild(?:ing)?|rebuilt|reconstruct(?:ing|ed)?|reconstruction\s+of|fund(?:ing|ed)?|financ(?:e|ing)"
    r"|help(?:ing)?\s+(?:to\s+)?(?:restore|rebuild|repair)|to\s+power|powering|heat(?:ing)?\s+for"
    r"|(?:prevent|stop|halt|pause|end|refrain\s+from|ban|moratorium\s+on|ceasefire\s+on|truce\s+on|no)\s+"
    r"(?:\w+\s+){0,2}?(?:attacks?|strikes?|attacking|striking|shelling)\s+(?:on|against)"
    r"|ceasefire\s+on|moratorium\s+on|truce\s+on"
    # "the need for more air defence systems", "called for more air defence": asked for, not struck.
    r"|\b(?:need|needs|needed|call|calls|called|ask|asks|asked|appeal(?:ed|s)?|request(?:ed|s)?)\s+(?:\w+\s+){0,3}?"
    r"for\s+(?:more|additional|new|extra)?)"
    r"(?:\s+(?:the|a|an|its|their|all|some|\w+'s|\w+’s|of|to|and|hot|cold))*\s*$",
    re.IGNORECASE,
)
# "the hospital lost power", "schools were left without heating": the term is the subject of a consequence.
_CONSEQUENCE_AFTER = re.compile(
    r"^(?:\s+(?:in|at|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
    r"\s*(?:was|were|is|are|has\s+been|have\s+been)?\s*(?:left\s+without|lost|switched\s+to|running\s+on"
    r"|ha(?:d|s|ve)\s+no|without|treated|treats|admitted|received|receives|took\s+in|is\s+treating"
    r"|are\s+treating|cared\s+for|operated\s+on"
    r"|(?:had|has|have|was|were)\s+(?:been\s+)?(?:cut\s+off|cut|disrupted|interrupted|restored|suspended"
    r"|switched\s+off|lost|reduced|limited))\b",
    re.IGNORECASE,
)
# "air defence downed drones": interceptors are not targets.
_INTERCEPT_AFTER = re.compile(
    r"^\w*\s*(?:systems?|forces|units?)?\s*(?:downed|shot\s+down|intercepted|repelled|destroyed|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
# "its troops crossed into the region", "Ukrainian troops shelled": the troops act, they are not struck.
_ACTOR_AFTER = re.compile(
    r"^\s+(?:have\s+|had\s+|has\s+)?(?:crossed|advanced|advance|entered|withdrew|withdraw|moved|captured|took|seized"
    r"|launched|fired|attacked|shelled|struck|retreated|pushed|repelled|shot\s+down|liberated|occupied|invaded"
    r"|are\s+advancing|were\s+advancing|continue|continued)\b",
    re.IGNORECASE,
)
# "a drone attack on the Kirishi refinery was repelled": an attempt with no damage is not a strike on the target.
_FOILED = re.compile(
    r"\b(?:repelled|repulsed|thwarted|foiled|averted|was\s+prevented|were\s+prevented|unsuccessful|no\s+damage"
    r"|without\s+damage|no\s+(?:casualties\s+or\s+)?damage|caused\s+no|(?:was|were)\s+not\s+(?:damaged|hit)"
    r"|(?:did|does|do)\s+not\s+(?:mention|report|confirm|say)\s+(?:any\s+)?damage"
    # "Ukraine had tried to strike the plant": an attempt, unless the clause says what it damaged.
    r"|without\s+any\s+damage|causing\s+no\s+damage"

    r"|tried\s+to|attempted\s+to|attempting\s+to|attempts?\s+to)\b",
    re.IGNORECASE,
)
# "was targeted, but supply was not disrupted and the facility continued operating": within the sentence of an
# attack, nothing was hit (after a reported fire, "production was not disrupted" denies nothing).
_KEPT_WORKING = re.compile(
    r"\b(?:continued\s+(?:operating|to\s+operate|working)|(?:was|were)\s+not\s+(?:disrupted|interrupted|affected)"
    r"|operating\s+normally)\b",
    re.IGNORECASE,
)
_DEBRIS_NEAR = re.compile(r"\b(?:debris|wreckage|fragments)\s+(?:\w+\s+){0,4}?(?:fell|landed|dropped)\s+near\b",
                          re.IGNORECASE)
# Words that say damage was done despite a foiled-attack cue in the same clause ("was repelled, but debris hit").
_DAMAGE_DONE = re.compile(
    r"(?<!not\s)(?<!never\s)\b(?:damaged|destroyed|hit|struck|fire\s+broke\s+out|caught\s+fire|ablaze"
    r"|burn(?:ed|ing|t)|fell\s+on|exploded|blew\s+up|blown\s+up|caused\s+a\s+fire|started\s+a\s+fire)\b",
    re.IGNORECASE,
)
# "workers of an agricultural enterprise", "the director of the school": people, not the building.
_PEOPLE_BEFORE = re.compile(
    r"\b(?:workers|employees|staff|director|directors|head|owner|owners|managers?|members|pupils|students|patients)"
    r"\s+of\s+(?:the\s+|an?\s+|a\s+local\s+)?$",
    re.IGNORECASE,
)
# "the hospital said", "the refinery's owner reported", "school director": the term speaks or is a person.
_SPEAKER_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:directors?|owners?|press\s+service|said|says|reported|reports|told|stated|announced|wrote)\b",
    re.IGNORECASE,
)
_HOME_TOWN = re.compile(r"^\s*(?:town|city|village|country|region|to\b)", re.IGNORECASE)
# "central Kharkiv", "the centre of Sumy", "downtown Kyiv": the city centre as a target.
_CITY_CENTRE = re.compile(r"\b(?:central|downtown)(?=\s+[A-Z])")
# "a nine-storey building", "a 5-story block": homes, whatever the number.
_STOREY = re.compile(r"\b[\w]+-stor(?:e)?y\s+(?:residential\s+|apartment\s+)?(?:buildings?|blocks?|houses?)\b",
                     re.IGNORECASE)
# Descriptors of a place rather than targets: "the Baltic Sea port of Ust-Luga", "the port city of Odesa".
_DESCRIPTOR_AFTER = re.compile(r"^\s+(?:city\s+|town\s+)?of\s+(?:the\s+)?[A-Z]")
_NATIONAL_BEFORE = re.compile(
    r"\b(?:Russian|Ukrainian|Russia(?:'s|’s)|Ukraine(?:'s|’s)|the\s+country(?:'s|’s)|national|nationwide)\s+"
    r"(?:[a-z]+\s+){0,1}$"
)
# "a power line was cut", "power lines were cut" (not "cut off", which is the supply).
_LINE_CUT = re.compile(r"^\s+(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?cut\b(?!\s+off)", re.IGNORECASE)
# "struck the refinery in A, causing a fire, and the Kremniy microelectronics plant in B": a named facility
# (a modifier before the weak word) joined by "and" to what the clause says was struck.
_AND_NAMED_BEFORE = re.compile(r",\s+and\s+(?:the|an?)\s+(?:[\w'’-]+\s+){1,4}$", re.IGNORECASE)
# "an industrial facility was hit - the oil refinery": the clause after the dash only names what was hit.
_APPOSITION = re.compile(
    r"^\s*(?:namely\s+|specifically\s+)?(?:the|an?)\s+"
    r"(?![\w'’ -]*\b(?:is|are|was|were|has|have|had|been|not|no|did|does|do|will|said|says)\b)[\w'’ -]{2,60}?[.!]?\s*$",
    re.IGNORECASE,
)
_APPOSITION_BREAK = re.compile(r"^\s*(?:[-–—:]|\s-\s)\s*$")
# "missile troops and artillery of the Russian groups of forces hit ...": a branch of the forces, the attacker.
_BRANCH_BEFORE = re.compile(r"\b(?:missile|rocket|airborne|engineering|border|signal|motorised|motorized)\s+$",
                            re.IGNORECASE)
# "in retaliation for the bombing of the bridge", "in response to attacks on refineries": a cause, told as such.
_INTERCEPTED_OVER = re.compile(
    r"\b(?:shot\s+down|downed|intercepted|destroyed|neutrali[sz]ed)\b[^,;.]*?\bover\s+(?:the\s+)?"
    r"(?:(?:area|territory|vicinity|skies)\s+(?:of\s+)?(?:the\s+)?)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_INTERCEPTED_BY = re.compile(r"\b(?:shot\s+down|downed|intercepted|destroyed|repelled|neutrali[sz]ed)\s+by\s+"
                             r"(?:the\s+)?(?:[\w'’-]+\s+){0,1}$", re.IGNORECASE)
_AID_BEFORE = re.compile(r"\b(?:deliver(?:y|ies)|shipments?|transfers?|provision|packages?)\s+of\s+"
                         r"(?:more\s+|additional\s+|new\s+|modern\s+)?$", re.IGNORECASE)
_CAUSE_BEFORE = re.compile(
    r"\b(?:retaliat\w*|revenge|reprisals?|response|responding|respond|answer)\s+(?:for|to)\b[^,;.]*$",
    re.IGNORECASE,
)
# "the IAEA said its experts had heard explosions near the plant": heard, not hit.
_HEARD_ONLY = re.compile(r"\b(?:heard|hear|hearing)\s+(?:\w+\s+){0,3}?(?:explosions?|blasts?|shelling)\b"
                         r"|\b(?:explosions?|blasts?)\s+(?:were|was|could\s+be)\s+(?:also\s+)?heard\b", re.IGNORECASE)
# "a substation in the industrial zone": the second term says where the first one is.
_WHERE_IT_IS = re.compile(r"^\s+(?:in|at|inside|within|on)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+|an?\s+)?)?$",
                          re.IGNORECASE)
_MUNITIONS_AFTER = re.compile(
    r"^\s+(?:with|of|storing|for|containing)\s+(?:[\w-]+\s+){0,2}?(?:bombs|ammunition|munitions|shells|missiles"
    r"|weapons|explosives|arms)\b",
    re.IGNORECASE,
)
_STORES = frozenset({"warehouse", "warehouses", "depot", "depots", "storage", "storage facility", "hangar", "hangars",
                     "base", "plant", "workshop", "workshops"})
_AREAS = frozenset({"industrial zone", "industrial zones", "industrial area", "industrial site", "industrial sites"})
_PARTS = frozenset({"warehouse", "warehouses", "workshop", "workshops", "hangar", "hangars", "production building",
                    "premises", "building", "buildings"})
_COMPOUND = re.compile(r"[ \t]+")
_PART_OF = re.compile(r"\s+of\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)
_NEAR_STRIKE_WINDOW = 60  # characters between a weak term and the strike word that makes it a target


# Words as the pre-filter and the sentences are cut into them: "children's", "high-voltage" are one word.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_STRIKE_TOKENS = frozenset(
    """struck strike strikes striking hit hits hitting attack attacks attacked attacking shell shelled shelling
    shells bomb bombed bombing bombs bombard bombarded bombardment explosion explosions exploded blast blasts fire
    fires ablaze burned burning burnt damage damaged damaging destroyed destroying targeted targeting landed fell
    drone drones uav uavs missile missiles rocket rockets debris wreckage targets goals came airstrike airstrikes
    barrage raid raids raided impact blew blown blowing""".split()
)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    # The first word of every taxonomy term (cut as the sentences are), for the cheap pre-filter only; the
    # terms themselves are found by `strikes.taxonomy.find_target_terms`.
    words = frozenset(_WORD.findall(term.lower())[0] for terms in TARGET_TERMS.values() for term in terms)
    return words | {"central", "downtown"}


def sentence_words(sentence: str) -> frozenset[str]:
    """The lower-case words of `sentence`, for the cheap checks that skip most sentences of a long text."""
    return frozenset(_WORD.findall(sentence.lower()))


def may_report_a_strike(words: frozenset[str]) -> bool:
    """False when a sentence (given as `sentence_words`) can have no struck target: no strike word or no term.

    Examples
    --------
    >>> may_report_a_strike(sentence_words("Drones flew over")), may_report_a_strike(sentence_words("Talks"))
    (False, False)
    >>> may_report_a_strike(sentence_words("Drones hit a hospital"))
    True
    """
    if words.isdisjoint(_STRIKE_TOKENS):
        return False
    return not words.isdisjoint(_first_words()) or any(word.endswith(("-storey", "-story")) for word in words)


@dataclass(frozen=True)
class TargetMention:
    """A target phrase in a sentence with its taxonomy class and offsets into the sentence.

    ``weak`` terms are generic one-word terms; ``descriptor`` is a term that may only describe the place
    ("port of Ust-Luga") and yields to any other target at the same place.
    """

    phrase: str
    category: str
    subtype: str
    start: int
    end: int
    weak: bool = False
    descriptor: bool = False
    national: bool = False  # "Russian energy infrastructure": a whole country's, unless a place follows
    carried: bool = False  # the place comes from the sentence before


def has_strike_word(text: str) -> bool:
    """True when `text` says something was struck.

    Examples
    --------
    >>> has_strike_word("Drones struck a depot"), has_strike_word("Talks resume in Jeddah")
    (True, False)
    """
    return STRIKE_WORDS.search(text) is not None


def _is_trap(sentence: str, start: int, end: int, term: str) -> bool:
    before = sentence[max(0, start - 60):start]
    after = sentence[end:end + 40]
    lowered = term.lower()
    if _PEOPLE_AFTER.match(after) or _SPEAKER_AFTER.match(after):
        return True  # "military administration", "hospital staff", "school director"
    if _LINE_CUT.match(after) and lowered.endswith(("line", "lines", "cable", "cables")):
        return False  # "a power line was cut": the line itself was severed, not a supply lost
    if _CONSEQUENCE_BEFORE.search(before) or _CONSEQUENCE_AFTER.match(after) or _PEOPLE_BEFORE.search(before):
        return True
    if _INTERCEPT_AFTER.match(after) and lowered.startswith(("air def", "radar", "military")):
        return True
    if lowered in ("home", "homes") and (_HOME_TOWN.match(after) or re.search(r"\b(?:at|back|went|go)\s+$", before)):
        return True
    if lowered == "troops" and (_ACTOR_AFTER.match(after) or _BRANCH_BEFORE.search(before)):
        return True  # "Ukrainian troops shelled", "missile troops and artillery ... hit": the troops act
    if _INTERCEPTED_OVER.search(before) or _INTERCEPTED_BY.search(before):
        return True  # "shot down five missiles over the area of the Belbek airfield", "destroyed by air defence"
    if _AID_BEFORE.search(before):
        return True  # "urged allies to speed up deliveries of air defense systems": aid asked for, not a target
    if _CAUSE_BEFORE.search(before):
        return True  # "retaliation for the bombing of the bridge": the reason given, not a strike reported
    if lowered == "works":
        # "works" is mostly the verb; only "steel works", "water works" and the like are sites.
        return re.search(r"\b(?:steel|iron|water|gas|chemical|metallurgical|repair|engineering)\s*$", before) is None
    return False


def _debris_near_only(clause: str) -> bool:
    # "Debris fell near the theatre, but no one was hurt": debris beside a building, with nothing damaged.
    return _DEBRIS_NEAR.search(clause) is not None and _DAMAGE_DONE.search(clause) is None


def says_damage(text: str) -> bool:
    """True when `text` says something was damaged, destroyed, hit or set on fire (and not that it was not).

    Examples
    --------
    >>> says_damage("a fire broke out at the depot"), says_damage("the depot was not damaged")
    (True, False)
    """
    return _DAMAGE_DONE.search(text) is not None


def denies_damage(text: str) -> bool:
    """True for a sentence such as "He reported no damage." that says an attack told before did nothing.

    Examples
    --------
    >>> denies_damage("He reported no damage."), denies_damage("Two houses were damaged.")
    (True, False)
    """
    return _FOILED.search(text) is not None and _DAMAGE_DONE.search(text) is None


def _foiled(clause: str) -> bool:
    # "the attack on the refinery was repelled": nothing was hit unless the clause also says what was damaged.
    return (_FOILED.search(clause) is not None or _KEPT_WORKING.search(clause) is not None) \
        and _DAMAGE_DONE.search(clause) is None


def _weak_is_struck(sentence: str, start: int, end: int, clause_start: int = 0) -> bool:
    before = sentence[max(0, start - _NEAR_STRIKE_WINDOW):start]
    after = sentence[end:end + _NEAR_STRIKE_WINDOW]
    if STRIKE_WORDS.search(before.split(",")[-1]):
        return True
    if _AND_NAMED_BEFORE.search(before) and STRIKE_WORDS.search(sentence[clause_start:start]):
        return True
    # "houses were damaged", "the port was hit"
    return re.match(
        r"^(?:\s+[\w'’-]+){0,4}?\s+(?:was|were|has\s+been|have\s+been|got|came)\s+(?:\w+\s+)?"
        r"(?:hit|struck|damaged|destroyed|attacked|shelled|targeted|set\s+on\s+fire|under\s+fire|ablaze)",
        after,
        re.IGNORECASE,
    ) is not None


def find_targets(sentence: str) -> list[TargetMention]:
    """The target phrases `sentence` reports as struck, in text order (possibly none).

    Examples
    --------
    >>> [t.phrase for t in find_targets("Russian drones hit a hospital and a power substation.")]
    ['hospital', 'power substation']
    >>> find_targets("The injured were taken to hospital.")
    []
    >>> find_targets("After the strike the hospital lost electricity.")
    []
    """
    if not may_report_a_strike(sentence_words(sentence)):
        return []
    terms = find_target_terms(sentence)
    if not terms and _CITY_CENTRE.search(sentence) is None and _STOREY.search(sentence) is None:
        return []
    clauses = clause_bounds(sentence)
    foiled = [_foiled(sentence[a:b]) for a, b in clauses]
    # "Drones attacked the refinery, but the attack was repelled": a foiled attempt told in a later clause undoes
    # an attack told before it, unless that clause itself says what was damaged.
    appositions: set[int] = set()
    struck_clause = [
        has_strike_word(sentence[a:b]) and not foiled[i] and not _debris_near_only(sentence[a:b])
        and not (_HEARD_ONLY.search(sentence[a:b]) and _DAMAGE_DONE.search(sentence[a:b]) is None)
        and not (any(foiled[i + 1:]) and _DAMAGE_DONE.search(sentence[a:b]) is None)
        for i, (a, b) in enumerate(clauses)
    ]
    for i in range(1, len(clauses)):
        # "an industrial facility was hit - the oil refinery": a bare noun phrase after a dash or colon names
        # what the clause before it says was struck.
        if struck_clause[i - 1] and not struck_clause[i] \
                and _APPOSITION_BREAK.match(sentence[clauses[i - 1][1]:clauses[i][0]]) \
                and _APPOSITION.match(sentence[clauses[i][0]:clauses[i][1]]):
            struck_clause[i] = True
            appositions.add(i)
    if not any(struck_clause):
        return []
    found: list[TargetMention] = []
    terms += [
        (m.start(), m.end(), TargetClass(m.group(0), CIVILIAN, "public")) for m in _CITY_CENTRE.finditer(sentence)
    ]
    taken = [(start, end) for start, end, _ in terms]
    terms += [
        (m.start(), m.end(), TargetClass(m.group(0), CIVILIAN, "residential")) for m in _STOREY.finditer(sentence)
        if not any(m.start() < end and start < m.end() for start, end in taken)
    ]
    for start, end, target in sorted(terms, key=lambda item: item[0]):
        clause = next((i for i, (a, b) in enumerate(clauses) if a <= start < b), None)
        if clause is None or not struck_clause[clause]:
            continue  # e.g. ", which supplies fuel to the airbase": no strike in this clause
        phrase = target.phrase
        if _is_trap(sentence, start, end, phrase):
            continue
        weak = phrase.lower() in WEAK_TERMS
        if weak and not _weak_is_struck(sentence, start, end, clauses[clause][0]):
            continue
        descriptor = target.subtype == "port" and _DESCRIPTOR_AFTER.match(sentence[end:]) is not None
        if _MUNITIONS_AFTER.match(sentence[end:]) and phrase.lower() in _STORES:
            # "a warehouse with guided bombs", "a depot storing ammunition": a military store.
            target = TargetClass(phrase, MILITARY, "military")
        national = _NATIONAL_BEFORE.search(sentence[max(0, start - 30):start]) is not None
        between = sentence[found[-1].end:start] if found else ""
        if found and (_COMPOUND.fullmatch(between) or _PART_OF.fullmatch(between)):
            # "the Druzhba oil pipeline pumping station": the last noun is what was hit; "a warehouse of an
            # agricultural enterprise": the part belongs to the facility, which is the target.
            found.pop()
        if found and phrase.lower() in _AREAS and any(t.category != OTHER for t in found):
            continue  # "struck the refinery, causing a fire at an industrial zone": where in the refinery
        if found and phrase.lower() in _PARTS and found[-1].category == OTHER and found[-1].subtype == "industrial" \
                and ";" in sentence[found[-1].end:start]:
            continue  # "... on an agricultural enterprise; a warehouse and a tractor were damaged": its parts
        if found and target.category == OTHER and not found[-1].category == OTHER \
                and _WHERE_IT_IS.match(sentence[found[-1].end:start]):
            continue  # "a substation in the industrial zone": where the substation is
        if clause in appositions:
            # The named target replaces the generic word it specifies ("an industrial facility ... - the refinery").
            found = [t for t in found if not (t.category == OTHER and clauses[clause - 1][0] <= t.start
                                              < clauses[clause - 1][1])]
        found.append(TargetMention(phrase, target.category, target.subtype, start, end, weak, descriptor, national))
    return found
