"""Place mentions in a sentence, sorted into strike sites and everything else, and resolved by a geocoder.

A place mention is a run of capitalised words the gazetteer knows (exactly; fuzzily only where a strike
sentence puts it after "in/at/near/of"). Mentions that are not strike sites are kept with the reason:
countries, people ("President Zelensky"), governments ("Kiev regime", "Moscow said", "Kyiv's General
Staff"), visits and talks ("arrived at Helsinki", "talks in Jeddah"), distance references ("110 km west of
St Petersburg"), and datelines. A region word turns a mention into a region ("the Kharkiv region",
"Odesska region", "Krasnodar in the southern Russian region").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import pycountry

from geocoding.model import GeocodeResult, Place

REGION_KIND = "region"
FACILITY_KIND = "facility"


class Resolver(Protocol):
    """What extraction needs from a geocoder (`geocoding.Geocoder` has it; tests pass a small fake)."""

    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult: ...

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]: ...


# Roles a mention can have in a sentence.
SITE = "site"  # may be where a strike happened
ATTRIBUTION = "attribution"  # "officials in X said", "X region governor": a site only if nothing else is
HINT = "hint"  # "Engels in the Saratov region": the region of another mention
SUBPLACE = "subplace"  # "in the Shevchenkivskyi district": a part of the city named beside it
NOT_A_SITE = "not_a_site"
UNKNOWN_NAME = "unknown_name"  # a name after "in" the gazetteer does not know: a site, but unresolvable

_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF][\w'’\-]*\.?")
_REGION_WORDS = re.compile(
    r"^\s+(?P<word>regions?|oblasts?|krai|kray|province|provinces|republic|governorate|territory|area)\b",
    re.IGNORECASE,
)
_FACILITY_AFTER = re.compile(
    r"^\s+(?P<term>(?:thermal\s+|nuclear\s+|hydroelectric\s+|hydro\s+|solar\s+|combined\s+heat\s+and\s+)?"
    r"(?:power\s+plant|power\s+station|power\s+facility)|TPP|CHP|CHPP|NPP|HPP|HPS|TES|GRES|TETs)\b",
    re.IGNORECASE,
)
_REGIONAL = re.compile(r"^\s+regional\b", re.IGNORECASE)
_DISTRICT = re.compile(r"^\s+(?:districts?|raions?|neighbou?rhoods?|microdistricts?)\b", re.IGNORECASE)
# "Krasnodar in the southern Russian region": the region is named only by the city's name.
_UNNAMED_REGION_AFTER = re.compile(
    r"^\s+in\s+the\s+(?:[a-z]+\s+){0,3}(?:(?:Russian|Ukrainian|Russia's|Ukraine's)\s+)?(?:[a-z]+\s+)?region\b"
)
_NAMED_REGION_AFTER = re.compile(
    r"^,?\s+(?:(?:district|raion)\s+of\s+(?:the\s+)?)?(?:in\s+the\s+)?(?P<region>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+(?:region|oblast|Oblast|Region|krai|Krai)\b"
)
# "the Ilsky refinery": a name right before a facility word is a place, even when spelt unlike the gazetteer.
_FACILITY_WORD_AFTER = re.compile(
    r"^\s+(?:oil\s+|fuel\s+|gas\s+|thermal\s+|power\s+)?(?:refinery|depot|terminal|power\s+plant|power\s+station"
    r"|substation|airbase|air\s+base|airfield|port|seaport|plant|factory|pumping\s+station)\b",
    re.IGNORECASE,
)
_OWNER_REGION_BEFORE = re.compile(
    r"\b(?P<region>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:region|oblast|Oblast|Region|krai|Krai)(?:'s|’s)\s+$"
)
_TITLES = frozenset(
    """president presidents governor governors mayor mayors minister ministers envoy spokesman spokeswoman
    spokesperson leader leaders mr mrs ms dr gen general colonel commander chief head patriarch pope premier
    chancellor king queen prince senator secretary ambassador director deputy chairman chairwoman adviser
    advisor aide officer lieutenant sergeant marshal admiral archbishop bishop journalist correspondent
    analyst blogger says said told wrote according""".split()
)
# Common first names: "Roman Busargin", "Oleg Kiper" are people, whatever the gazetteer says about "Roman".
_FIRST_NAMES = frozenset(
    """alexander alexei alexey aleksandr andrey andriy andrii anatoly anton artem boris dmitry dmytro denys denis
    donald emmanuel evgeny gennady igor ihor ivan joe keir kirill kyrylo leonid maria marina mikhail mykhailo
    mykola nikolai oleg oleh olaf olena oleksandr oleksiy pavlo pavel petro roman ruslan serhiy sergei sergey
    stepan steve taras tatiana ursula vadim vadym valery vitali vitaliy vitaly viktor vladimir volodymyr
    vyacheslav yevgeny yulia yuri yuriy kaja antony marco mark john anna olga nina olena iryna natalia svitlana
    oksana lyudmila elena tetiana hanna kateryna ekaterina daria dmitri maksym maxim ilya yaroslav bohdan
    vasyl vasily mikhail mykhailo andrei andrii alexei oleksii heorhii george herman""".split()
)
# Words written with a capital that are never places here (weekdays, months, titles of bodies, demonyms).
_NEVER_PLACES = frozenset(
    """the a an in on at of and but or for from with after before during according also as when while then
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december russian russians ukrainian ukrainians soviet european american
    kremlin nato un eu us usa uk telegram x general staff ministry defence defense army navy state emergency
    service president governor mayor palm easter christmas orthodox catholic god western eastern northern
    southern central war peace sea seas ocean river lake gulf bay north south east west strait peninsula
    black baltic caspian white ova oda mva rva dsns sbu hur""".split()
)
_VISIT_BEFORE = re.compile(
    r"(?:\bvisit(?:ed|ing|s)?(?:\s+to)?|\barriv(?:ed|ing|es|al)\s+(?:at|in)|\btalks?\s+(?:\w+\s+){0,4}?(?:in|at)"
    r"|\bmet\s+(?:[\w'’]+\s+){0,4}?in|\bmeet(?:ing|s)?\s+(?:[\w'’]+\s+){0,4}?in|\bon\s+(?:his|her|their|the)\s+way\s+to"
    r"|\btrip\s+to|\btravel(?:l)?(?:ed|ing|s)?\s+to|\bfl(?:ew|ies|ying)\s+to|\bsummit\s+(?:\w+\s+)?in"
    r"|\b(?:was|were|is|are|stay(?:ed|ing)?)\s+in|\bheld\s+in|\bhosted\s+in|\bborn\s+in|\breturned\s+(?:to|from)"
    r"|\bfrom|\bconference\s+in|\bnegotiations\s+in|\bscheduled\s+(?:\w+\s+){0,4}?in|\bplanned\s+in"
    r"|\bspeaking\s+in|\bspoke\s+in|\bwent\s+to|\bheaded\s+to|\bmove[sd]?\s+to|\bembassy\s+in|\bexiled\s+to"
    r"|\b(?:council|assembly|court|session|forum|parliament|congress|tribunal)\s+in"
    r"|\bcontinue\s+in|\btake\s+place\s+in|\bdelegation\s+(?:\w+\s+){0,3}in|\bstudied\s+in|\blives?\s+in)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DISTANCE_BEFORE = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilometres|kilometers|miles|mi|metres|meters|m)\s+(?:\(\s*[\d.]+\s*\w+\s*\)\s+)?"
    r"(?:\w+\s+){0,2}?(?:of|from)\s+(?:the\s+)?$"
    r"|\b(?:border|frontier|borders)\s+(?:with\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_GOVERNMENT_AFTER = re.compile(
    r"^(?:'s|’s)?(?:,?\s+and\s+[A-Z][\w'’-]+)?\s+(?:regime|government|prepared|prepare|prepares|signed|discussed"
    r"|negotiated|traded|exchanged|welcomed|condemned|protested|summoned|authorities|leadership|in\s+turn|said|says|say|claimed|claims|accused|called|calls"
    r"|accuses|denied|denies|announced|announces|responded|wants|wanted|demanded|demands|insisted|agreed"
    r"|agrees|rejected|rejects|refused|refuses|would|will|could|should|must|has\s+(?!been)|have\s+(?!been)"
    r"|had\s+(?!been)|launched|fired|blamed|blames|warned|warns|threatened|vowed|promised|sent|needs)\b",
)
_POSSESSIVE_ORG_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?:general\s+staff|General\s+Staff|defen[cs]e|Defen[cs]e|army|military|forces|air\s+force"
    r"|foreign|Foreign|government|leaders?|president|troops|position|proposal|allies|partners|envoy|delegation"
    r"|negotiators?|officials?|intelligence|security|navy|ministry|Ministry|state|State)\b"
)
# "In Moscow, Kremlin spokesman Dmitry Peskov said ...": where a national official spoke, not a strike site.
# (A mayor or governor speaking "in Kharkiv" usually speaks of Kharkiv, so they are not in this list.)
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}(?:spokes(?:man|woman|person)|[Pp]resident|[Pp]rime\s+[Mm]inister"
    r"|[Ff]oreign\s+[Mm]inister|[Mm]inister|ambassador|envoy|[Cc]hancellor|[Ss]ecretary|leader|diplomats?)\b"
    r"[^.;]{0,80}?\b(?:said|says|told|stated|announced|added|noted|claimed)\b"
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|of|on|over|around|across|into|towards|toward|to)\s+(?:the\s+(?:city|town|village"
    r"|port|settlement|outskirts|centre|center)\s+of\s+|the\s+)?$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|close\s+to|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of|not\s+far\s+from)"
    r"\s+(?:the\s+(?:[a-z-]+\s+){0,2}?(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_COUNTRY_CUE_BEFORE = re.compile(
    r"\b(Russian|Ukrainian|Russia(?:'s|’s)|Ukraine(?:'s|’s))\s+(?:(?:southern|northern|western|eastern|central"
    r"|border|frontline|front-line|port|industrial)\s+)?(?:(?:city|town|village|settlement|port|region|oblast)\s+"
    r"(?:of\s+)?)?$"
)
_CITY_OF_BEFORE = re.compile(r"\b(?:city|town|village|settlement|port)\s+of\s+$", re.IGNORECASE)
# "shot down ten missiles over Crimea", "destroyed 30 drones over the Belgorod region": the area of an
# interception, not a strike site.
_OVER_BEFORE = re.compile(r"\bover\s+(?:the\s+)?(?:territor(?:y|ies)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)
_INTERCEPTED_IN = re.compile(r"\b(?:shot\s+down|downed|intercepted|destroyed|neutrali[sz]ed|repelled)\b", re.IGNORECASE)
_SEA_AFTER = re.compile(r"^\s+(?:Sea|sea|Ocean|Gulf|Bay|Strait|Peninsula|River|river|Lake|Canal)\b")
_SEA_BEFORE = re.compile(r"\b(?:Sea|Gulf|Bay|Strait|River|Lake)\s+of\s+(?:the\s+)?$")
# Areas wider than one region: a strike "in Donbas" or "in southern Ukraine" has no point of its own.
_AREAS = frozenset({"donbas", "donbass", "slobozhanshchyna", "polissia", "siberia", "caucasus", "urals"})
# "the emergencies ministry of the Lugansk People's Republic": who reports, not where a strike was.
_REPUBLIC_AFTER = re.compile(r"^\s+People(?:'s|’s)\s+Republic\b")
# "Stepnohirsk: private houses were damaged", "Khotin community: no damage": a line headed by its place.
_HEADER_AFTER = re.compile(r"^\s*(?:(?:city\s+|village\s+|urban\s+)?(?:community|hromada|district|raion)\s*)?:\s")
# "on Pervomaiskaya Street", "Shevchenko Park": the last capitalised word names a street or a park.
_LANDMARK_WORD = re.compile(r"Street|Avenue|Boulevard|Prospekt|Prospect|Lane|Embankment|Square|Park|Stadium")
# "the central Shevchenko park", "Pushkin street": a landmark named after a person or a town, not a town.
_LANDMARK_AFTER = re.compile(
    r"^\s+(?:park|street|avenue|boulevard|prospekt|prospect|lane|embankment|stadium|cathedral|church|monastery"
    r"|university|lyceum|gymnasium|theatre|theater|museum|cinema|zoo|garden|gardens|metro\s+station)\b",
)
_UNIT_AFTER = re.compile(
    r"^\s+(?:brigade|regiment|battalion|division|corps|unit|group|company|club|fans|plant\s+workers|team)\b",
    re.IGNORECASE,
)
_ORGANISATION_AFTER = re.compile(r"^\s+(?:State\s+)?(?:University|Institute|Academy|Airlines|Stadium|Oblenergo)\b")


@dataclass(frozen=True)
class PlaceMention:
    """A capitalised name in a sentence that the gazetteer may know, with its role and offsets.

    ``query`` is what is sent to the geocoder ("Kharkiv region" for "the Kharkiv region"); ``as_region``
    says the sentence means the region; ``locative`` says a preposition such as "in" stands before it.
    """

    text: str
    query: str
    start: int
    end: int
    role: str
    reason: str = ""
    as_region: bool = False
    locative: bool = False
    sentence_initial: bool = False
    possessive: bool = False
    near: bool = False  # "near Tuapse", "outside Belgorod": ACLED precision 2
    country_hint: str = ""  # "the Russian city of Kursk", "Ukraine's Sumy": the country the text says
    district: bool = False  # "in the Desnianskyi district": a district named on its own, not a town


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names = {"russia", "ukraine", "united states", "us", "usa", "u.s", "uk", "britain", "great britain", "america",
             "middle east", "europe", "european union", "crimea peninsula", "the west", "west", "east"}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value.lower())
    names.discard("georgia")  # kept: a country; a US state is not in the gazetteer anyway
    names.add("georgia")
    return frozenset(names)


def is_country(name: str) -> bool:
    """True for a country's name ("Finland", "Saudi Arabia", "Ukraine"): never a strike site by itself.

    Examples
    --------
    >>> is_country("Saudi Arabia"), is_country("Sumy")
    (True, False)
    """
    return name.strip().lower().rstrip(".") in _country_names()


_NOTABLE_POPULATION = 5000


def _is_notable(places: list[Place]) -> bool:
    return any(place.kind != "settlement" or place.population >= _NOTABLE_POPULATION for place in places)


def _capitalised_runs(sentence: str) -> list[list[tuple[int, int, str]]]:
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    last_end = -1
    for match in _TOKEN.finditer(sentence):
        word = match.group(0)
        gap = sentence[last_end:match.start()] if last_end >= 0 else ""
        capitalised = word[0].isupper() or (current and word.lower() in ("on-don", "upon", "na", "nad"))
        joined = current and gap in (" ", "-") and capitalised
        if joined:
            current.append((match.start(), match.end(), word))
        else:
            if current:
                runs.append(current)
            current = [(match.start(), match.end(), word)] if capitalised else []
        last_end = match.end()
    if current:
        runs.append(current)
    return runs


def _clean(word: str) -> tuple[str, bool]:
    possessive = word.endswith(("'s", "’s"))
    if possessive:
        word = word[:-2]
    return word.rstrip(".").rstrip("'’"), possessive


def find_place_mentions(sentence: str, resolver: Resolver, has_target: bool = True) -> list[PlaceMention]:
    """Place mentions of `sentence` with their role; names the gazetteer does not know are left out.

    Fuzzy matching is tried only when `has_target` and the name stands after a locative preposition, so
    that people's names are never turned into places.

    Examples
    --------
    >>> city = Place("X", 1.0, 1.0, "UA", "", 1, "settlement", 1.0, "x", population=100_000)
    >>> class Fake:
    ...     def lookup_exact(self, name, country=None):
    ...         return [city] if name in ("Sumy", "Helsinki") else []
    ...     def geocode(self, name, country=None, region=None):
    ...         raise AssertionError("no fuzzy here")
    >>> [(m.text, m.role) for m in find_place_mentions("Zelensky arrived at Helsinki; drones hit Sumy", Fake())]
    [('Helsinki', 'not_a_site'), ('Sumy', 'site')]
    """
    mentions: list[PlaceMention] = []
    for run in _capitalised_runs(sentence):
        index = 0
        while index < len(run):
            mention = None
            for length in range(min(4, len(run) - index), 0, -1):
                tokens = run[index:index + length]
                mention = _mention_for(sentence, tokens, resolver, has_target, run_start=run[0][0])
                if mention is not None:
                    index += length
                    break
            if mention is None:
                index += 1
            else:
                mentions.append(mention)
    return _roles_in_context(sentence, mentions)


def _mention_for(
    sentence: str, tokens: list[tuple[int, int, str]], resolver: Resolver, has_target: bool, run_start: int
) -> PlaceMention | None:
    start, end = tokens[0][0], tokens[-1][1]
    words = [_clean(word) for _, _, word in tokens]
    possessive = words[-1][1]
    if any(flag for _, flag in words[:-1]):
        return None  # "Kyiv's Pechersk": a possessive inside a name is two mentions
    name = " ".join(word for word, _ in words)
    if possessive and words[-1][0] == "People":
        return None  # "the Donetsk People's Republic": the name of a self-proclaimed republic
    if not name or name.lower() in _NEVER_PLACES or len(name) < 2:
        return None
    if len(tokens) == 1 and name.lower() in _NEVER_PLACES:
        return None
    text_end = end - 2 if possessive else end
    text_end = text_end - 1 if sentence[text_end - 1] == "." else text_end
    after = sentence[end:end + 60]
    before = sentence[max(0, start - 80):start]
    sentence_initial = not sentence[:start].strip(" \"“‘'(-•*")
    locative = _LOCATIVE_BEFORE.search(before) is not None
    if name.lower() in _AREAS:
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE,
                            "an area wider than one region", sentence_initial=sentence_initial)
    if _UNIT_AFTER.match(after):
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE,
                            "the name of a unit, team or company", sentence_initial=sentence_initial)
    if _REPUBLIC_AFTER.match(after):
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE,
                            "a self-proclaimed republic's authorities", sentence_initial=sentence_initial)
    if len(tokens) > 1 and _LANDMARK_WORD.fullmatch(words[-1][0]):
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE,
                            "the name of a street, park or building", sentence_initial=sentence_initial)
    if _LANDMARK_AFTER.match(after) and not region_like(after):
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE,
                            "the name of a street, park or building", sentence_initial=sentence_initial)
    if is_country(name):
        return PlaceMention(sentence[start:text_end], name, start, text_end, NOT_A_SITE, "a country",
                            sentence_initial=sentence_initial, possessive=possessive)
    previous_word = re.search(r"([\w'’.]+)\s*,?\s*$", before)
    if previous_word and previous_word.group(1).lower().rstrip(".") in _TITLES:
        return None  # "President Zelensky", "governor Roman Busargin": a person
    if words[0][0].lower() in _FIRST_NAMES and re.match(r"^\s+[A-Z]", after):
        return None  # "Vladimir Putin", "Roman Busargin"
    if previous_word and previous_word.group(1).lower() in _FIRST_NAMES and sentence[start - 1:start] == " ":
        return None
    facility = _FACILITY_AFTER.match(after)
    if facility and not possessive:
        # "the Burshtyn TPP", "Zaporizhzhia nuclear power plant": a named plant has its own point.
        query = f"{name} {facility.group('term')}"
        found = resolver.geocode(query)
        if found.place is not None and found.place.kind == FACILITY_KIND:
            facility_end = end + facility.end()
            return PlaceMention(sentence[start:facility_end], query, start, facility_end, SITE, locative=locative,
                                sentence_initial=sentence_initial)
    region_word = _REGION_WORDS.match(after)
    regional = _REGIONAL.match(after)
    query = f"{name} region" if region_word else name
    if region_word:
        known = bool(resolver.lookup_exact(query)) or bool(resolver.lookup_exact(name))
        if not known and has_target and not resolver.geocode(query).resolved:
            return None
    else:
        exact = resolver.lookup_exact(name)
        if not exact and _UNIT_OF_TOWN.match(after) and not _CITY_PART_AFTER.match(after) \
                and (town := _district_town(name, resolver)) is not None:
            query, exact = town  # "the Dankovsky district": the district of the town of Dankov
        known = bool(exact)
        if known and not locative and not _is_notable(exact) and not _CITY_OF_BEFORE.search(before) \
                and not (sentence_initial and _HEADER_AFTER.match(after)) and not _UNIT_OF_TOWN.match(after):
            # Without "in"/"near" before it, a small village's name is more likely a word, a brand or a
            # pipeline ("the Druzhba oil pipeline", "Progress") than a place.
            return None
        if not known:
            fuzzy_ok = has_target and (locative or _FACILITY_WORD_AFTER.match(after) is not None) \
                and not sentence_initial and len(name) >= 4
            if not fuzzy_ok:
                return None
            if not resolver.geocode(name).resolved:
                if any(word.lower() in _NEVER_PLACES for word, _ in words):
                    return None
                # A name after "in" in a strike sentence that no gazetteer knows: reported, never guessed.
                return PlaceMention(sentence[start:text_end], name, start, text_end, UNKNOWN_NAME,
                                    "not in the gazetteer", locative=True)
    mention = PlaceMention(
        sentence[start:text_end], query, start, text_end, SITE, as_region=bool(region_word or regional),
        locative=locative, sentence_initial=sentence_initial, possessive=possessive,
    )
    if region_word:
        mention = _replace(mention, end=end + region_word.end(), text=sentence[start:end + region_word.end()])
    return mention


# Districts and communities are adjectives of their towns: Dankovsky → Dankov, Lipetsky → Lipetsk, Stryiskyi →
# Stryi, Pokrovskyi → Pokrovsk, Poltavskyi → Poltava, Mezhivska → Mezhova, Bilopilska → Bilopillia. The town
# with the "-sk" ending is tried before the bare stem.
# "the Kirovsky district of the city / of Donetsk": a part of a city, not a rural district around a town.
_CITY_PART_AFTER = re.compile(r"^\s+\w+\s+of\b", re.IGNORECASE)
_ADJECTIVE_ENDING = re.compile(r"(?P<sk>sk|tsk)(?:iy|ii|yi|yy|y|i|oy|oi|a|aya|e|oe|oye)$", re.IGNORECASE)
# Districts and Ukrainian communities (hromadas) are named by the adjective of their town.
_UNIT_OF_TOWN = re.compile(r"^\s+(?:districts?|raions?|community|communities|hromadas?|municipality)\b",
                           re.IGNORECASE)


_METROPOLIS = 900_000


def district_towns(name: str) -> list[str]:
    """The town names a district or community adjective may come from, most likely first.

    Examples
    --------
    >>> district_towns("Dankovsky")[:2]
    ['Dankovsk', 'Dankov']
    >>> district_towns("Kyiv")
    []
    """
    ending = _ADJECTIVE_ENDING.search(name)
    if ending is None or ending.start() < 3:
        return []
    stem = name[:ending.start()]
    towns = [name[:ending.end("sk")], stem, stem + "a", stem + "y"]  # ... Sumska → Sumy
    if ending.group("sk").lower() == "tsk":
        towns.append(stem + "ts")  # Marhanetska → Marhanets
    if stem.endswith("iv"):
        towns += [stem[:-2] + "ova", stem[:-2] + "ove", stem[:-2] + "iv"]  # Mezhivska → Mezhova
    if stem.endswith("il"):
        towns.append(stem + "lia")  # Bilopilska → Bilopillia
    return towns


def _district_town(name: str, resolver: Resolver) -> tuple[str, list[Place]] | None:
    for town in district_towns(name):
        places = [place for place in resolver.lookup_exact(town) if place.kind != REGION_KIND]
        if any(place.population >= _METROPOLIS for place in places):
            return None  # "the Kyivskyi district" of Kharkiv or Odesa: big cities name districts everywhere
        if places:
            return town, places
    return None


def region_like(after: str) -> bool:
    """True when the words after a name make it a region ("Kharkiv region", "Sumy oblast")."""
    return _REGION_WORDS.match(after) is not None


def _replace(mention: PlaceMention, **changes: object) -> PlaceMention:
    values = {**mention.__dict__, **changes}
    return PlaceMention(**values)


_COORDINATION = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*/\s*")


def coordinated(sentence: str, first: PlaceMention, second: PlaceMention) -> bool:
    """True when only ", " / " and " stands between two mentions ("Kyiv, Odesa and Dnipro")."""
    return _COORDINATION.fullmatch(sentence[first.end:second.start]) is not None


def _plural_region_lists(sentence: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    # "the Saratov, Bryansk and Belgorod regions": every name of the list is a region.
    mentions = list(mentions)
    for index in range(len(mentions) - 1, 0, -1):
        current = mentions[index]
        if not (current.as_region and re.search(r"(?:regions|oblasts|provinces)$", current.text, re.IGNORECASE)):
            continue
        back = index
        while back > 0 and coordinated(sentence, mentions[back - 1], mentions[back]) \
                and mentions[back - 1].role not in (NOT_A_SITE, UNKNOWN_NAME):
            back -= 1
            mentions[back] = _replace(mentions[back], as_region=True, query=f"{mentions[back].query} region")
    return mentions


def _roles_in_context(sentence: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    mentions = _plural_region_lists(sentence, mentions)
    result: list[PlaceMention] = []
    for mention in mentions:
        if mention.role in (NOT_A_SITE, UNKNOWN_NAME):
            result.append(mention)
            continue
        before = sentence[max(0, mention.start - 80):mention.start]
        after = sentence[mention.end:mention.end + 80]
        previous = result[-1] if result else None
        role, reason, as_region = SITE, "", mention.as_region
        if _VISIT_BEFORE.search(before):
            role, reason = NOT_A_SITE, "a visit, talks or a meeting"
        elif _SPEECH_AFTER.match(after):
            role, reason = NOT_A_SITE, "where a national official spoke"
        elif _DISTANCE_BEFORE.search(before):
            role, reason = NOT_A_SITE, "a reference point for a distance"
        elif _OVER_BEFORE.search(before) and _INTERCEPTED_IN.search(sentence):
            role, reason = NOT_A_SITE, "where weapons were shot down"
        elif _SEA_AFTER.match(after) or _SEA_BEFORE.search(before):
            role, reason = NOT_A_SITE, "a sea or a river"
        elif mention.possessive and _POSSESSIVE_ORG_AFTER.match(sentence[mention.end:]):
            role, reason = NOT_A_SITE, "a government or its forces"
        elif mention.possessive and re.match(r"^(?:'s|’s)\s+(?:\w+\s+)?(?:mayor|governor|administration|authorities"
                                             r"|officials?|police|head|emergency\s+service)\b",
                                             sentence[mention.end:], re.IGNORECASE):
            role, reason = ATTRIBUTION, "names who reported, not what was hit"
        elif re.search(r"\b(?:officials?|authorities|governor|mayor|head|police|administration)\s+(?:of|in)\s+"
                       r"(?:the\s+)?$", before, re.IGNORECASE):
            role, reason = ATTRIBUTION, "names who reported, not what was hit"
        elif _GOVERNMENT_AFTER.match(sentence[mention.end:]) and not mention.as_region and not mention.locative:
            # ("the refinery in Volgograd had caused a fire": after "in" a name is where, not who.)
            role, reason = NOT_A_SITE, "a government or its forces"
        elif re.match(r"^(?:'s|’s)?\s+regime\b", sentence[mention.end:]):
            role, reason = NOT_A_SITE, "a government or its forces"
        elif _DISTRICT.match(after) and (
            any(m.role == SITE and not m.as_region and not m.district for m in result)
            or re.search(r"\b(?:city|town)(?:'s|’s)\s+$", before)
            or re.match(r"^\s+\w+\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?[A-Z]", after)
        ):
            role, reason = SUBPLACE, "a district of the city named before it"
        elif mention.as_region and previous is not None and previous.role in (SITE, ATTRIBUTION) \
                and not previous.as_region and re.fullmatch(r",?\s+(?:in\s+)?(?:the\s+)?",
                                                            sentence[previous.end:mention.start]):
            role, reason = HINT, f"the region of {previous.text}"
        elif _REGIONAL.match(after) or re.match(r"^\s+(?:governor|mayor|officials?|authorities|administration"
                                                r"|police|head)\b", after, re.IGNORECASE):
            role, reason = ATTRIBUTION, "names who reported, not what was hit"
        elif _ORGANISATION_AFTER.match(after) and any(m.role == SITE for m in result):
            role, reason = NOT_A_SITE, "part of an organisation's name"
        if role in (SITE, ATTRIBUTION) and not mention.as_region and _UNNAMED_REGION_AFTER.match(after) \
                and not _CITY_OF_BEFORE.search(before):
            as_region, reason = True, reason or "a region named by its capital"
        if role in (SITE, ATTRIBUTION) and mention.as_region and not mention.query.endswith(" region"):
            mention = _replace(mention, query=f"{mention.query} region")
        if as_region and not mention.query.endswith(" region"):
            mention = _replace(mention, query=f"{mention.query} region")
        # "near Tuapse", and a district named after its town ("the Ostrogozhsk district"): part of, not in, it.
        near = _NEAR_BEFORE.search(before) is not None or (role == SITE and _DISTRICT.match(after) is not None)
        cue = _COUNTRY_CUE_BEFORE.search(before)
        country_hint = ("RU" if cue.group(1).startswith("Russia") else "UA") if cue else ""
        district = role == SITE and not as_region and _DISTRICT.match(after) is not None
        result.append(_replace(mention, role=role, reason=reason, as_region=as_region, near=near,
                               country_hint=country_hint, district=district))
    return result


def region_hint(sentence: str, mention: PlaceMention, mentions: list[PlaceMention]) -> str | None:
    """The region named right after `mention` ("Engels in the Saratov region" → "Saratov region"), if any."""
    for other in mentions:
        if other.role == HINT and other.start > mention.start and other.start - mention.end < 20:
            return other.query
    named = _NAMED_REGION_AFTER.match(sentence[mention.end:])
    if named:
        return f"{named.group('region')} region"
    # "Kharkiv Oblast's Zolochiv", "the Bryansk region's Pogar": the region is named before, as its owner.
    owner = _OWNER_REGION_BEFORE.search(sentence[max(0, mention.start - 60):mention.start])
    return f"{owner.group('region')} region" if owner else None
