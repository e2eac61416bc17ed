"""Report text + metadata → candidate strike events (status "candidate"), and the ones with no place.

The flow for each sentence: find target phrases reported as struck (targets.py); if there are none the
sentence is skipped, which keeps extraction fast and keeps talks, visits and history out. Otherwise find
place mentions and their roles (places.py), tie each target to the nearest strike site in its clause, resolve
the site with the injected geocoder, and date it (dates.py) and name the attacker and weapon (actors.py).
Events at the same place, in the same category, on the same day are one event (the first target phrase
leads; the others go to `notes`).

Conventions analysts use, kept here: falling debris that damages a named target is an event at that place
(ACLED codes it as a strike there) with a lower confidence and a note; interceptions ("shot down 30 drones over
the Belgorod region"), repelled or attempted attacks and attacks followed by "no damage" are not events; a strike
told as background ("in March", "last year") is kept aside in `unresolved`; a region-level lead ("Russia pounded
the Odesa region, hitting ports") yields to the precise strike in that region told after it; a district named on
its own ("in the Desnianskyi district") is coded at the big town of the report around it; "in the city" and "in
the region" refer to the strike told before; when a sentence names no attacker, the side the report named for
its other strikes in that country is used before the country hit.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from geocoding.model import GeocodeResult, Place
from strikes.errors import StrikesError
from strikes.extract.actors import (
    UNKNOWN,
    attacker_from_country,
    attacker_near,
    find_attackers,
    weapon_near,
    weapons_named,
)
from strikes.extract.dates import EXACT_DAY, WITHIN_WEEK, DateMention, event_date, find_dates, is_background
from strikes.extract.places import (
    ATTRIBUTION,
    NOT_A_SITE,
    REGION_KIND,
    SITE,
    UNKNOWN_NAME,
    PlaceMention,
    Resolver,
    coordinated,
    district_towns,
    find_place_mentions,
    region_hint,
)
from strikes.extract.sentences import Sentence, clause_bounds, split_sentences
from strikes.extract.targets import TargetMention, denies_damage, find_targets, says_damage
from strikes.model import Event, make_event_id, validate_event

_CARRY_SENTENCES = 2  # a sentence with a target but no place belongs to the place of the last 2 sentences
_OTHER_CLAUSE_COST = 1000
_BEFORE_COST = 25
_BASE_CONFIDENCE = 0.8
_DATE_LOOKBACK = 12  # sentences: a date given further back is not taken to date this sentence
# "energy infrastructure in X", "the port of the city of X": the place right after a target says where it is.
_POST_MODIFIER = re.compile(
    r"\s+(?:in|at|near|of|outside)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){0,2}(?:city|town|village|region)\s+of\s+)?"
)


class ExtractionError(StrikesError, ValueError):
    """The report or its metadata cannot be extracted from (e.g. no published date)."""


@dataclass(frozen=True)
class ReportMeta:
    """What is known about a report besides its text."""

    published: date
    title: str = ""
    url: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class Unresolved:
    """A reported strike on a target whose place could not be resolved: kept with its reason, never at 0,0."""

    place: str
    target: str
    category: str
    subtype: str
    excerpt: str
    excerpt_start: int
    excerpt_end: int
    reason: str


@dataclass(frozen=True)
class ExtractionResult:
    """Candidate events (each with a resolved point) and the strikes whose place is unknown."""

    events: tuple[Event, ...]
    unresolved: tuple[Unresolved, ...] = field(default=())


class _CachedResolver:
    """Memoises geocoder calls for one extraction: reports repeat their place names."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._exact: dict[tuple[str, str | None], list[Place]] = {}
        self._geocode: dict[tuple[str, str | None, str | None], GeocodeResult] = {}

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]:
        key = (name, country)
        if key not in self._exact:
            self._exact[key] = list(self._resolver.lookup_exact(name, country=country))
        return self._exact[key]

    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult:
        key = (name, country, region)
        if key not in self._geocode:
            self._geocode[key] = self._resolver.geocode(name, country=country, region=region)
        return self._geocode[key]


@dataclass(frozen=True)
class _Resolved:
    place: Place
    fuzzy: bool


def _resolve(mention: PlaceMention, resolver: _CachedResolver, hint: str | None,
             report_country: Callable[[], str | None] = lambda: None,
             report_region: Callable[[], str | None] = lambda: None) -> _Resolved | None:
    base = mention.query[: -len(" region")] if mention.query.endswith(" region") else mention.query
    exact = resolver.lookup_exact(base)
    if hint is None and not mention.as_region and len({place.admin1 for place in exact}) > 1:
        # "In Semenivka community" in a report about the Chernihiv region: of several Semenivkas, the one in the
        # region where the report's other strikes were.
        report_admin1 = report_region()
        if report_admin1 is not None and any(place.admin1 == report_admin1 for place in exact):
            hint = report_admin1
    fuzzy = not exact and not resolver.lookup_exact(mention.query)
    if not mention.as_region and len({place.country for place in exact}) > 1 and (
        country := mention.country_hint or _dominant_country(exact) or report_country()
    ):
        # A name found in several countries (two Novomoskovsks): the sentence ("the Russian city of") or the
        # rest of the report says which.
        hinted = resolver.geocode(mention.query, country=country, region=hint)
        if hinted.place is not None:
            return _Resolved(hinted.place, fuzzy)
    if mention.as_region:
        result = resolver.geocode(mention.query)
        if result.place is not None and result.place.kind == REGION_KIND:
            return _Resolved(result.place, fuzzy)
        # "Odesska region": find the place by its name, then take the region it lies in.
        result = resolver.geocode(base)
        if result.place is None:
            return None
        if result.place.kind == REGION_KIND:
            return _Resolved(result.place, fuzzy)
        if result.place.admin1:
            region = resolver.geocode(result.place.admin1, country=result.place.country)
            if region.place is not None and region.place.kind == REGION_KIND:
                return _Resolved(region.place, True if fuzzy else False)
        return None
    result = resolver.geocode(mention.query, region=hint)
    if hint and mention.district:
        # "the Klimovsky district of the Bryansk region": Klimovo in that region, not a Klimovsk elsewhere.
        area = resolver.geocode(hint).place
        admin1 = (area.admin1 or area.name) if area is not None and area.kind == REGION_KIND else None
        if admin1 and (result.place is None or result.place.admin1 != admin1):
            for town in district_towns(mention.text):
                inside = resolver.geocode(town, region=hint)
                if inside.place is not None and inside.place.admin1 == admin1 and inside.place.kind != REGION_KIND:
                    return _Resolved(inside.place, fuzzy)
    if result.place is None and hint:
        result = resolver.geocode(mention.query)
    if result.place is None:
        return None
    return _Resolved(result.place, fuzzy)


_DOMINANT = 10  # "Novorossiysk": a city of 240,000 is meant, not a hamlet of 700 that has it as another name


def _country_attacked(sentence: str, target: TargetMention) -> str | None:
    # "Ukrainian drones attacked the plant in Kotovsk": a name in both countries is the attacked side's town.
    side = attacker_near(sentence, target.start)
    return {"UA": "RU", "RU": "UA"}.get(side)


def _dominant_country(places: list[Place]) -> str | None:
    places = [place for place in places if place.kind != REGION_KIND]  # a region's population is no town's
    if not places:
        return None
    biggest = max(places, key=lambda place: place.population)
    others = [place.population for place in places if place.country != biggest.country]
    return biggest.country if others and biggest.population >= _DOMINANT * max(max(others), 1) else None


def _default_geocoder() -> Resolver:
    # The real gazetteer loads only when no resolver is given, so tests and `--help` stay fast.
    try:
        from geocoding import default_geocoder
        from geocoding.model import GeocodingError
    except ImportError as err:
        raise ExtractionError(f"geocoding: expected default_geocoder() to resolve places, got {err}") from err
    try:
        return default_geocoder()
    except GeocodingError as err:
        raise ExtractionError(f"geocoding: cannot load the gazetteer: {err}") from err


def _mentions(sentence: Sentence, resolver: _CachedResolver,
              cache: dict[int, list[PlaceMention]]) -> list[PlaceMention]:
    if sentence.index not in cache:
        cache[sentence.index] = find_place_mentions(sentence.text, resolver, has_target=True)
    return cache[sentence.index]


def _place_before(sentences: list[Sentence], index: int, resolver: _CachedResolver,
                  cache: dict[int, list[PlaceMention]], published: date) -> tuple[str, Place] | None:
    # "In Kharkiv, ten explosions were heard. The mayor said the attack hit a school.": a sentence that names
    # no place tells more about the one strike site of the sentence just before it (in the same paragraph,
    # or the last sentence of the paragraph before). Two different sites there: ambiguous, nothing carried.
    for back in range(index - 1, max(-1, index - 1 - _CARRY_SENTENCES), -1):
        if sentences[back].paragraph < sentences[index].paragraph - 1:
            return None  # the paragraph just before may name the site ("... attacked the X plant. Y. Debris ...")
        sites = [m for m in _mentions(sentences[back], resolver, cache) if m.role == SITE]
        if not sites:
            continue
        if _RECALL.match(sentences[back].text) or _HABITUAL.search(sentences[back].text) \
                or is_background(event_date(sentences[back].text, published), published):
            return None  # "The Trypilska plant was destroyed in April.": history, not the place of what follows
        resolved = [(m.text, r.place) for m in sites if (r := _resolve(m, resolver, None)) is not None]
        towns = {place.admin1 for _, place in resolved if place.kind != REGION_KIND}
        # "Krasnodar Krai: drones attacked Yeysk": the region only says where the town is.
        resolved = [(text, place) for text, place in resolved
                    if place.kind != REGION_KIND or (place.admin1 or place.name) not in towns] or resolved
        if len({place.source_id for _, place in resolved}) != 1:
            return None
        return resolved[0]
    return None


def _coordinated_with(sentence: str, site: PlaceMention, mentions: list[PlaceMention]) -> list[PlaceMention]:
    # "energy facilities in the Kyiv, Odesa and Dnipro regions": the target is struck in each of them.
    group = [site]
    index = mentions.index(site)
    for step in (-1, 1):
        position = index
        while 0 <= position + step < len(mentions):
            left, right = sorted((mentions[position], mentions[position + step]), key=lambda m: m.start)
            neighbour = mentions[position + step]
            if neighbour.role != site.role or neighbour.as_region != site.as_region \
                    or not coordinated(sentence, left, right):
                break
            group.append(neighbour)
            position += step
    return sorted(group, key=lambda m: m.start)


def _settlement_inside(sentence: str, site: PlaceMention, resolved: _Resolved, mentions: list[PlaceMention],
                       clauses: list[tuple[int, int]], resolver: _CachedResolver) -> tuple[PlaceMention, _Resolved]:
    # "a refinery in Novoshakhtinsk in Russia's Rostov region", "Sumy region's Shostka": the settlement named
    # in the same clause inside the region is the more precise site.
    if resolved.place.kind != REGION_KIND:
        return site, resolved
    clause = next(((a, b) for a, b in clauses if a <= site.start < b), (0, len(sentence)))
    for other in mentions:
        if other is site or other.as_region or other.role not in (SITE, ATTRIBUTION):
            continue
        if not clause[0] <= other.start < clause[1]:
            continue
        inner = _resolve(other, resolver, site.query)
        if inner is not None and inner.place.kind != REGION_KIND and inner.place.admin1 == resolved.place.admin1:
            return other, inner
    return site, resolved


def _site_for(sentence: str, target: TargetMention, mentions: list[PlaceMention],
              clauses: list[tuple[int, int]]) -> PlaceMention | None:
    sites = [m for m in mentions if m.role == SITE]
    if not sites:
        sites = [m for m in mentions if m.role == ATTRIBUTION]
    if not sites:
        sites = [m for m in mentions if m.role == UNKNOWN_NAME]
    if not sites:
        return None

    starts = [a for a, _ in clauses]

    def clause_of(position: int) -> int:
        # Clauses are ordered and may leave gaps (the separators); a position in a gap joins the clause before.
        return bisect_right(starts, position) - 1

    target_clause = clause_of(target.start)

    def cost(mention: PlaceMention) -> int:
        if mention.start >= target.end:
            distance = mention.start - target.end
        elif sentence[mention.end:target.start].strip() in ("", "oil", "fuel", "power", "gas", "'s", "’s"):
            distance = 0  # "the Ryazan oil refinery", "the Novoshakhtinsk refinery": the name is the place
        else:
            distance = target.start - mention.end + _BEFORE_COST
        if clause_of(mention.start) != target_clause:
            distance += _OTHER_CLAUSE_COST
        if mention.role == ATTRIBUTION:
            distance += _OTHER_CLAUSE_COST // 2
        return distance

    best = min(sites, key=cost)
    if target.national and (best.role != SITE or not _POST_MODIFIER.fullmatch(sentence[target.end:best.start])):
        return None  # "strikes on Russian energy infrastructure" is country-wide unless "in X" follows
    return best


@dataclass
class _Draft:
    """An event being built; frozen into an Event at the end."""

    place_text: str
    place: Place
    target: TargetMention
    sentence: Sentence
    day: date
    time_precision: int
    attacker: str
    attacker_explicit: bool
    weapon: str
    confidence: float
    others: list[str] = field(default_factory=list)
    debris: bool = False  # only falling debris of an intercepted weapon is reported to have hit it
    from_report: bool = False  # the attacker is the one the report named for other strikes in that country


def extract_events(text: str, meta: ReportMeta, geocoder: Resolver | None = None) -> ExtractionResult:
    """Candidate strike events reported in `text`, each with the sentence it came from.

    `geocoder` resolves place names (default: `geocoding.default_geocoder()`); tests pass a small fake
    with the same `geocode` / `lookup_exact` methods. Strikes whose place cannot be resolved are returned
    in `ExtractionResult.unresolved` with the reason, never with a made-up point.

    Examples
    --------
    >>> from datetime import date
    >>> result = extract_events("Russian drones hit a hospital in Sumy on Tuesday.",
    ...                         ReportMeta(date(2025, 3, 19)))  # doctest: +SKIP
    >>> [(e.location, e.subtype, e.attacker, str(e.event_date)) for e in result.events]  # doctest: +SKIP
    [('Sumy', 'medical', 'RU', '2025-03-18')]
    """
    if not isinstance(meta.published, date):
        raise ExtractionError(f"report metadata, field 'published': expected a date, got {meta.published!r}")
    report = _Report(split_sentences(text), meta, _CachedResolver(geocoder or _default_geocoder()))
    for sentence in report.sentences:
        targets = find_targets(sentence.text)
        if targets:
            _read_sentence(report, sentence, targets)
    return ExtractionResult(tuple(_merge(report.drafts, meta)), tuple(report.unresolved))


@dataclass
class _Report:
    """One extraction's state: the sentences, and what is cached and found so far."""

    sentences: list[Sentence]
    meta: ReportMeta
    resolver: _CachedResolver
    drafts: list[_Draft] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    dates: dict[int, DateMention | None] = field(default_factory=dict)  # read only when a sentence needs one
    mentions: dict[int, list[PlaceMention]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)  # where the report's strikes were, so far
    sides: dict[str, Counter[str]] = field(default_factory=dict)  # explicit attackers by the country hit, so far
    regions: Counter[str] = field(default_factory=Counter)  # admin1 of the report's strikes, so far

    @property
    def country(self) -> str | None:
        """The country most strikes of the report so far were in: the tie-breaker for names in two countries."""
        return self.countries.most_common(1)[0][0] if self.countries else None


_Placed = tuple[TargetMention, str, Place, float]  # target, place as written, place, confidence


def _read_sentence(report: _Report, sentence: Sentence, targets: list[TargetMention]) -> None:
    published = report.meta.published
    day, precision = _date_of(report.sentences, sentence.index, published, report.dates)
    own = report.dates.get(sentence.index)
    in_sentence = [m for m in find_dates(sentence.text, published) if m.day <= published + timedelta(days=1)] \
        if own is not None else []
    mentions = _mentions(sentence, report.resolver, report.mentions)
    clauses = clause_bounds(sentence.text)
    placed: list[_Placed] = []
    when: dict[int, tuple[date, int]] = {}
    denied = _denied_next(report.sentences, sentence)
    if own is None and _HABITUAL.search(sentence.text):
        for target in targets:
            report.unresolved.append(_unresolved("", target, sentence, "told as background (a pattern of attacks)"))
        return
    if _RECALL.match(sentence.text):
        for target in targets:
            report.unresolved.append(_unresolved("", target, sentence, "an earlier strike the report recalls"))
        return
    for target in targets:
        if denied:
            clause = next(((a, b) for a, b in clauses if a <= target.start < b), (0, len(sentence.text)))
            if not says_damage(sentence.text[clause[0]:clause[1]]):
                # "Drones attacked the naval base. He reported no damage.": an attack that hit nothing.
                report.unresolved.append(_unresolved("", target, sentence, "attacked, but no damage was reported"))
                continue
        told = _target_date(target, clauses, in_sentence) or own
        if told is not None and is_background(told, published):
            # "Earlier, in March, Russia hit the same plant": history the report recalls, not a strike it reports.
            report.unresolved.append(_unresolved("", target, sentence, f"told as background ({told.text}), no day"))
            continue
        in_clause = _target_date(target, clauses, in_sentence)
        when[target.start] = (in_clause.day, in_clause.precision) if in_clause is not None else (day, precision)
        # "Ukrainian military targets in the region": a country's targets need a place named, not one referred to.
        city = None if target.national else (_the_city(report, sentence.text, target, mentions, clauses,
                                                       sentence.index)
                                             or _the_region(report, sentence.text, target, mentions, clauses))
        site = None if city is not None else _site_for(sentence.text, target, mentions, clauses)
        if city is not None:
            placed.append((target, city[0], city[1], _BASE_CONFIDENCE - 0.1))
        elif site is None:
            placed += _carried_over(report, sentence, target, mentions)
        else:
            placed += _resolved_sites(report, sentence, target, site, mentions, clauses)
    # A descriptor target ("the port of X") yields to any other target at the same place.
    by_place: dict[str, list[_Placed]] = {}
    for item in placed:
        by_place.setdefault(item[2].source_id, []).append(item)
    for items in by_place.values():
        for target, place_text, place, confidence in [item for item in items if not item[0].descriptor] or items:
            draft = _draft(sentence, target, place_text, place, *when[target.start], confidence)
            if draft.weapon == UNKNOWN:
                draft.weapon = _weapon_before(report.sentences, sentence)
            sides = report.sides.setdefault(place.country, Counter())
            if draft.attacker_explicit:
                sides[draft.attacker] += 1
            elif not sides and (lead_side := _attacker_before(report.sentences, sentence)) != UNKNOWN:
                # "The Armed Forces of Ukraine attacked Sevastopol at night. ... In Kacha, windows were broken.":
                # the side the report's lead says attacked, before the country hit.
                draft.attacker, draft.from_report = lead_side, True
            elif sides:
                # "Ukrainian troops shelled Gorlovka ... In Makeyevka, a drone hit a bus station": the side the
                # report named for strikes in the same country is a better guide than the country alone
                # (occupied towns, Russian sources).
                draft.attacker, draft.from_report = sides.most_common(1)[0][0], True
            report.drafts.append(draft)
            if place.country:
                report.countries[place.country] += 1
            if place.admin1:
                report.regions[place.admin1] += 1


# Words that tell an attack happened (a weapon named in talk, "spoke of drones", is no attack).
_AN_ATTACK = re.compile(r"\b(?:attack(?:s|ed)?|strikes?|struck|hit|barrage|wave|shell(?:ed|ing)|bomb(?:ed|ing)"
                        r"|raids?|pounded|fired|launched|salvo)\b", re.IGNORECASE)


def _weapon_before(sentences: list[Sentence], sentence: Sentence) -> str:
    # "He accused Moscow after a barrage of Russian drone attacks. A hospital in Sumy was among the targets.": the
    # weapon of the attack the sentence just before tells (as its attacker is carried), when it names one kind.
    if sentence.index == 0:
        return UNKNOWN
    before = sentences[sentence.index - 1].text
    kinds = weapons_named(before)
    return next(iter(kinds)) if len(kinds) == 1 and _AN_ATTACK.search(before) else UNKNOWN


_ATTACKER_LOOKBACK = 4  # sentences


def _attacker_before(sentences: list[Sentence], sentence: Sentence) -> str:
    # The nearest sentence before that names an attacking side (one side only) names the attacker.
    # The sentence itself first: "Ukrainian forces conducted a strike on the shipyard ..., damaging a submarine"
    # names its side further from the target than `attacker_near` looks.
    for back in range(sentence.index, max(-1, sentence.index - 1 - _ATTACKER_LOOKBACK), -1):
        sides = {mention.side for mention in find_attackers(sentences[back].text)}
        if len(sides) == 1:
            return next(iter(sides))
        if sides:
            return UNKNOWN
    return UNKNOWN


def _denied_next(sentences: list[Sentence], sentence: Sentence) -> bool:
    following = sentence.index + 1
    return following < len(sentences) and sentences[following].paragraph == sentence.paragraph \
        and denies_damage(sentences[following].text)


_VAGUE_KINDS = ("today", "this_week", "last_week")
# "hit a shipyard in the city": the city the report is about, named before.
_THE_CITY = re.compile(
    r"\b(?:in\s+the|(?:districts?|neighbou?rhoods?|microdistricts?|outskirts|part)\s+of\s+the)\s+(?:city|town)\b"
    r"(?!\s+(?:of|centre|center|council|authorities))",
    re.IGNORECASE,
)


def _target_date(target: TargetMention, clauses: list[tuple[int, int]],
                 dates: list[DateMention]) -> DateMention | None:
    # "..., which Russia annexed in 2014, and last week hit a shipyard": the date nearest before the target in
    # its clause says when it was hit (a calendar date over a vaguer word); else the first one after it.
    if not dates:
        return None
    clause = next(((a, b) for a, b in clauses if a <= target.start < b), None)
    if clause is None:
        return None
    inside = [m for m in dates if clause[0] <= m.start < clause[1]]
    before = [m for m in inside if m.end <= target.start]
    if before:
        nearest = before[-1]
        calendar = [m for m in before if m.precision == EXACT_DAY and m.kind not in _VAGUE_KINDS]
        return calendar[-1] if nearest.kind in _VAGUE_KINDS and calendar else nearest
    after = [m for m in inside if m.start >= target.end]
    return after[0] if after else None


def _the_city(report: _Report, sentence: str, target: TargetMention, mentions: list[PlaceMention],
              clauses: list[tuple[int, int]], report_index: int = 0) -> tuple[str, Place] | None:
    clause = next(((a, b) for a, b in clauses if a <= target.start < b), (0, len(sentence)))
    said = _THE_CITY.search(sentence, clause[0], clause[1])
    if said is None or any(m.role == SITE and not m.as_region and clause[0] <= m.start < clause[1]
                           for m in mentions):
        return None
    # "In the town itself, a bomb damaged a hospital": a town of any size, told just before.
    smallest = 0 if _ITSELF.match(sentence, said.end()) else _CITY_POPULATION
    for draft in reversed(report.drafts):
        if draft.place.kind != REGION_KIND and draft.place.population >= smallest:
            return draft.place_text, draft.place
    # "Drones attacked Sevastopol at night. ... Debris fell on a substation in the Nakhimovsky district of the
    # city.": the big town the report named as attacked, though no target was told there yet.
    for back in range(report_index - 1, max(-1, report_index - 1 - _DATE_LOOKBACK), -1):
        for mention in _mentions(report.sentences[back], report.resolver, report.mentions):
            if mention.role != SITE or mention.as_region:
                continue
            found = _resolve(mention, report.resolver, None)
            if found is not None and found.place.kind != REGION_KIND and found.place.population >= _CITY_POPULATION:
                return mention.text, found.place
    return None


_ITSELF = re.compile(r"\s+itself\b", re.IGNORECASE)
# "an infrastructure facility was damaged in the region": the region of the strike told just before.
_THE_REGION = re.compile(r"\bin\s+the\s+(?:region|oblast)\b(?!\s+of)(?!(?:'s|’s))", re.IGNORECASE)


def _the_region(report: _Report, sentence: str, target: TargetMention, mentions: list[PlaceMention],
                clauses: list[tuple[int, int]]) -> tuple[str, Place] | None:
    clause = next(((a, b) for a, b in clauses if a <= target.start < b), (0, len(sentence)))
    said = _THE_REGION.search(sentence, clause[0], clause[1])
    if said is None or not report.drafts or any(m.role in (SITE, UNKNOWN_NAME) and clause[0] <= m.start < clause[1]
                                                for m in mentions):
        return None
    last = report.drafts[-1].place
    if last.kind == REGION_KIND:
        return last.name, last
    region = report.resolver.geocode(last.admin1, country=last.country) if last.admin1 else None
    if region is None or region.place is None or region.place.kind != REGION_KIND:
        return None
    return region.place.name, region.place


_LANDMARK_REASON = "the name of a street, park or building"
_PLURAL_GENERIC = re.compile(r"\b(?:facilities|infrastructure|objects|targets|sites)$", re.IGNORECASE)


def _carried_over(report: _Report, sentence: Sentence, target: TargetMention,
                  mentions: list[PlaceMention]) -> list[_Placed]:
    # A country after "in" ("across Ukraine") says where, vaguely: do not carry another place over.
    named = [m for m in mentions if m.role == NOT_A_SITE and (m.locative or m.reason != "a country")
             and m.reason != _LANDMARK_REASON]  # "a house on Pervomaiskaya Street": in the town told before
    if not named and _PLURAL_GENERIC.search(target.phrase) and find_attackers(sentence.text):
        # "The Russian MoD claimed that Russian forces struck energy facilities ...": a new, country-wide claim,
        # not more about the place of the sentence before.
        report.unresolved.append(_unresolved("", target, sentence, "no place named"))
        return []
    carried = None if named or target.national else _place_before(
        report.sentences, sentence.index, report.resolver, report.mentions, report.meta.published)
    if carried is not None:
        return [(replace(target, carried=True), carried[0], carried[1], _BASE_CONFIDENCE - 0.15)]
    reason = "no place named" if not named else "only " + "; ".join(f"{m.text} ({m.reason})" for m in named) + " named"
    report.unresolved.append(_unresolved("", target, sentence, reason))
    return []


def _sentence_region(each: PlaceMention, mentions: list[PlaceMention]) -> str | None:
    # "In the Odesa region, in the Podilskyi district, ...": the region the sentence names for a district.
    if not each.district:
        return None
    regions = {m.query for m in mentions if m.as_region}
    return next(iter(regions)) if len(regions) == 1 else None


def _resolved_sites(report: _Report, sentence: Sentence, target: TargetMention, site: PlaceMention,
                    mentions: list[PlaceMention], clauses: list[tuple[int, int]]) -> list[_Placed]:
    placed: list[_Placed] = []
    for each in _coordinated_with(sentence.text, site, mentions):
        resolved = None if each.role == UNKNOWN_NAME else _resolve(
            each, report.resolver, region_hint(sentence.text, each, mentions) or _sentence_region(each, mentions),
            lambda: report.country or _country_attacked(sentence.text, target),
            lambda: report.regions.most_common(1)[0][0] if report.regions else None)
        if resolved is None:
            report.unresolved.append(_unresolved(each.text, target, sentence, "place not found in the gazetteer"))
            continue
        each, resolved = _settlement_inside(sentence.text, each, resolved, mentions, clauses, report.resolver)
        if each.district and resolved.place.kind != REGION_KIND:
            city = _city_around(report, sentence, resolved.place, each.query, each.text)
            if city is not None:
                placed.append((target, city[0], city[1], _BASE_CONFIDENCE - 0.05))
                continue
        if each.near and resolved.place.geo_precision == 1:
            # "an oil depot near Tuapse": the point is the town's, the strike is beside it.
            resolved = _Resolved(replace(resolved.place, geo_precision=2), resolved.fuzzy)
        confidence = (_BASE_CONFIDENCE - 0.15 * resolved.fuzzy - 0.05 * (resolved.place.geo_precision == 3)
                      - 0.1 * (each.role == ATTRIBUTION))
        placed.append((target, each.text, resolved.place, confidence))
    return placed


# City districts are adjectives: Kyivskyi, Shevchenkivskyi, Desnianskyi, Sovetsky, Leninsky.
_CITY_DISTRICT_NAME = re.compile(r"(?:skyi|skyy|skiy|sky|skyj|tskyi|zkyi)(?:\s+district)?$", re.IGNORECASE)
_CITY_POPULATION = 100_000  # a town this big has districts of its own
_CITY_RADIUS_KM = 25.0
_FAR_DISTRICT_KM = 150.0  # a "district" this far from the city the report is about is a namesake elsewhere


def _city_around(report: _Report, sentence: Sentence, district: Place, query: str,
                 written: str = "") -> tuple[str, Place] | None:
    # "Russia attacked Kyiv ... In the Desnianskyi district, debris fell on a kindergarten": a district named on
    # its own lies in the city the report is about; analysts code it at the city's point (ACLED precision 1).
    # The city is a big town named in this or an earlier sentence, in the same region and close by.
    first = max(0, sentence.index - _DATE_LOOKBACK)
    for back in [*range(sentence.index, first - 1, -1), *([0] if first > 0 else [])]:
        for mention in _mentions(report.sentences[back], report.resolver, report.mentions):
            if mention.role not in (SITE, ATTRIBUTION) or mention.district or mention.as_region:
                continue
            found = _resolve(mention, report.resolver, None)
            if found is None:
                continue
            city = found.place
            if city.kind == REGION_KIND or city.population < _CITY_POPULATION:
                continue
            inside = district
            if inside.admin1 != city.admin1 and city.admin1:
                # Many cities have a "Kyivskyi district": look for the one in this city's region.
                again = report.resolver.geocode(query, region=city.admin1)
                inside = again.place if again.place is not None else district
            if inside.admin1 == city.admin1 and _km(city, inside) <= _CITY_RADIUS_KM:
                return mention.text, city
            adjective = _CITY_DISTRICT_NAME.search(query) or _CITY_DISTRICT_NAME.search(written)
            near = back >= sentence.index - 1 and report.sentences[back].paragraph == sentence.paragraph
            # A far-away namesake: a village, or another city's district (a one-word adjective: Kyivskyi, not
            # the town of Bilhorod-Dnistrovskyi).
            namesake = (_km(city, inside) > _FAR_DISTRICT_KM and inside.country == city.country
                        and (inside.population < _CITY_POPULATION // 10
                             or (_CITY_DISTRICT_NAME.search(inside.name) is not None and " " not in inside.name
                                 and "-" not in inside.name)))
            if mention.role == SITE and adjective and (near or namesake):
                # "struck Kharkiv ... in the Kyivskyi district": a city district the gazetteer places elsewhere
                # (told in the next paragraph too, when the gazetteer's district is a far-away village).
                return mention.text, city
    return None


def _km(first: Place, second: Place) -> float:
    p1, p2 = math.radians(first.lat), math.radians(second.lat)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(second.lon - first.lon) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(a))


_FLASHBACK = re.compile(r"\W*(?:earlier|previously|a\s+day\s+earlier|the\s+day\s+before|last\s+week|recall"
                        r"|as\s+a\s+reminder|we\s+remind|it\s+will\s+be\s+recalled)\b", re.IGNORECASE)
# "Russia has intensified its attacks on the ports since the start of autumn", "has been shelled almost daily
# since 2022": a pattern of attacks, the report's background, not a strike it tells.
_HABITUAL = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?(?:\w+\s+){0,2}?(?:intensified|stepped\s+up|repeatedly|regularly|increasingly"
    r"|almost\s+daily|daily|frequently|often|continued|continues)\b[^.;]*\bsince\b",
    re.IGNORECASE,
)
# "Recall that on October 4, Russian troops hit ...", "As a reminder, ...": machine-translated Ukrainian news
# (Нагадаємо) recalls an earlier strike the outlet already reported; it is not one this report tells.
_RECALL = re.compile(r"\W*(?:recall(?:\s+that)?|as\s+a\s+reminder|we\s+remind(?:\s+you)?(?:\s+that)?"
                     r"|it\s+will\s+be\s+recalled)\b[\s,:]", re.IGNORECASE)


def _date_of(sentences: list[Sentence], index: int, published: date,
             dates: dict[int, DateMention | None]) -> tuple[date, int]:
    # The sentence's own date; else the last date given before it (a report dates its lead, and later
    # sentences tell the same story): exact within the paragraph, within a week beyond it; else publication.
    paragraph = sentences[index].paragraph
    for back in range(index, max(-1, index - _DATE_LOOKBACK), -1):
        if back not in dates:
            dates[back] = event_date(sentences[back].text, published)
        found = dates[back]
        if back != index and _FLASHBACK.match(sentences[back].text):
            continue  # "Earlier, on Tuesday, ...": that date belongs to the flashback, not to what follows
        if back != index and found is not None and is_background(found, published):
            continue  # "... since withdrawing from the deal in July 2023.": history, not the date of what follows
        if back == index == 0 and found is None and (lede := _headline_date(sentences, published, dates)):
            return lede.day, lede.precision
        if found is not None:
            return found.day, found.precision if sentences[back].paragraph == paragraph else WITHIN_WEEK
    return published, WITHIN_WEEK


_HEADLINE_LOOKAHEAD = 3


def _headline_date(sentences: list[Sentence], published: date,
                   dates: dict[int, DateMention | None]) -> DateMention | None:
    # "Russia strikes civilian ship in Odesa port, killing 8" over a lede "... on Oct. 9": a headline (a first
    # line with no full stop) tells the lede's strike, so it takes the lede's date, not the day of publication.
    first = sentences[0]
    if len(sentences) < 2 or sentences[1].paragraph == first.paragraph or first.text.rstrip().endswith(
            (".", "!", "?", '"', "”")):
        return None
    for ahead in range(1, min(len(sentences), 1 + _HEADLINE_LOOKAHEAD)):
        if ahead not in dates:
            dates[ahead] = event_date(sentences[ahead].text, published)
        found = dates[ahead]
        if found is not None and not is_background(found, published):
            return found
    return None


# "Debris of a downed drone fell on a house": ACLED codes the damage as a strike at that place, and so do we,
# with a lower confidence (the weapon was aimed elsewhere, or nowhere in particular).
_DEBRIS = re.compile(r"\b(?:debris|wreckage|fragments)\b|\bfalling\s+(?:parts|pieces)\b", re.IGNORECASE)
_DEBRIS_PENALTY = 0.15


def _draft(sentence: Sentence, target: TargetMention, place_text: str, place: Place, day: date, precision: int,
           confidence: float) -> _Draft:
    attacker = attacker_near(sentence.text, target.start)
    explicit = attacker != UNKNOWN
    if not explicit:
        attacker = attacker_from_country(place.country)
        confidence -= 0.1
    if target.weak:
        confidence -= 0.1
    if precision != EXACT_DAY:
        confidence -= 0.05
    debris = _DEBRIS.search(sentence.text) is not None
    if debris:
        confidence -= _DEBRIS_PENALTY
    weapon = weapon_near(sentence.text, target.start)
    return _Draft(place_text, place, target, sentence, day, precision, attacker, explicit, weapon,
                  round(min(0.95, max(0.05, confidence)), 2), debris=debris)


# Vehicles are hit with the place they are at; a follow-up sentence naming one tells more about that strike.
_VEHICLES = frozenset({"bus", "trolleybus", "tram", "train", "trains", "locomotive", "ambulance", "ambulances"})


_OWN_DISTRICT = re.compile(r"\b(?:another|a\s+second|a\s+third)\s+(?:hit|strike|impact)\b|\bdistrict\b", re.IGNORECASE)
# "the drones also damaged a grain elevator and trucks at the site": more about the strike told before.
_AT_THE_SITE = re.compile(r"\bat\s+the\s+(?:site|scene|same\s+(?:site|facility|place))\b", re.IGNORECASE)


def _refers_back(target: TargetMention) -> bool:
    if target.weak and (target.carried or target.subtype == "industrial"):
        return True
    if target.carried and target.subtype == "unknown":
        return True  # "There are hits on critical infrastructure facilities," said of the city hit just before
    return target.carried and target.phrase.lower() in _VEHICLES


def _merge(drafts: list[_Draft], meta: ReportMeta) -> list[Event]:
    merged: dict[tuple[str, str, date], _Draft] = {}
    first_at: dict[tuple[str, date], _Draft] = {}  # the first event at a place on a day, whatever its category
    for draft in drafts:
        key = (draft.place.source_id or draft.place.name, draft.target.category, draft.day)
        first = merged.get(key)
        if first is None and (_refers_back(draft.target)
                              or (draft.target.carried and _AT_THE_SITE.search(draft.sentence.text))):
            # "It was the third attack on the plant", "the refinery was targeted, with damage at the plant",
            # "a trolleybus caught in the blast": a generic word, or a vehicle in a follow-up sentence, belongs
            # to the target already reported at that place that day, whatever its category.
            first = first_at.get((key[0], key[2]))
            if first is not None and not draft.target.carried and _OWN_DISTRICT.search(draft.sentence.text) \
                    and draft.sentence.index != first.sentence.index:
                first = None  # "Another hit in the Kyivskyi district - an enterprise was damaged": a strike of its own
        if first is None:
            merged[key] = draft
            first_at.setdefault((key[0], key[2]), draft)
            continue
        if draft.target.phrase.lower() != first.target.phrase.lower() and draft.target.phrase not in first.others:
            first.others.append(draft.target.phrase)
        # The merged event keeps what any of its sentences said explicitly.
        if not first.attacker_explicit and draft.attacker_explicit:
            first.attacker, first.attacker_explicit = draft.attacker, True
        if first.weapon == UNKNOWN:
            first.weapon = draft.weapon
        first.debris = first.debris and draft.debris  # a direct hit told anywhere is a direct hit
        first.confidence = round(min(0.95, max(first.confidence, draft.confidence) + 0.05), 2)
    return [_event(draft, meta) for draft in _without_lead_summaries(list(merged.values()))]


def _without_lead_summaries(drafts: list[_Draft]) -> list[_Draft]:
    # "Russia pounded the Odesa region, hitting port infrastructure. ... Missiles struck the port of
    # Chornomorsk.": a region-level strike told before a precise one in that region, in the same category on the
    # same day, is the report's summary of it, not a strike of its own.
    kept = []
    for draft in drafts:
        if draft.place.kind == REGION_KIND:
            detail = next((other for other in drafts if other.place.kind != REGION_KIND
                           and other.place.admin1 == draft.place.admin1 and other.day == draft.day
                           and other.target.category == draft.target.category
                           and other.sentence.index > draft.sentence.index), None)
            if detail is not None:
                continue
        if draft.sentence.index == 0 and draft.place.geo_precision >= 2 and _is_headline(drafts, draft):
            # "Drones set fire to power station near Moscow" over a lede naming Shatura: the headline's vague
            # place is the lede's strike, told again.
            told = any(other.sentence.index > 0 and other.target.category == draft.target.category
                       and other.day == draft.day and other.place.country == draft.place.country for other in drafts)
            if told:
                continue
        kept.append(draft)
    return kept


def _is_headline(drafts: list[_Draft], draft: _Draft) -> bool:
    # A first line with no full stop, with the story in the paragraphs after it.
    return not draft.sentence.text.rstrip().endswith((".", "!", "?", '"', "”")) and any(
        other.sentence.paragraph > draft.sentence.paragraph for other in drafts)


def _event(draft: _Draft, meta: ReportMeta) -> Event:
    place = draft.place
    notes = "also reported: " + ", ".join(draft.others) if draft.others else ""
    if not draft.attacker_explicit and draft.attacker != UNKNOWN:
        how = "from the report's other strikes" if draft.from_report else "from the country hit"
        notes = "; ".join(filter(None, [notes, f"attacker inferred {how}"]))
    if draft.debris:
        notes = "; ".join(filter(None, [notes, "damage from falling debris"]))
    event = Event(
        id=make_event_id(meta.published.isoformat(), meta.url or meta.title, place.source_id or place.name,
                         draft.target.subtype, draft.day.isoformat()),
        event_date=draft.day,
        lon=place.lon,
        lat=place.lat,
        time_precision=draft.time_precision,
        place=draft.place_text,
        location=place.name,
        admin1=place.admin1,
        country=place.country,
        geo_precision=place.geo_precision if place.geo_precision in (1, 2, 3) else 1,
        target=draft.target.phrase,
        category=draft.target.category,
        subtype=draft.target.subtype,
        attacker=draft.attacker,
        weapon=draft.weapon,
        source_title=meta.title,
        source_url=meta.url,
        publisher=meta.publisher,
        published=meta.published,
        excerpt=draft.sentence.text,
        excerpt_start=draft.sentence.start,
        excerpt_end=draft.sentence.end,
        notes=notes,
        confidence=draft.confidence,
        status="candidate",
    )
    return validate_event(event, f"extracted from {meta.url or meta.title or 'report'}, {draft.place_text!r}")


def _unresolved(place: str, target: TargetMention, sentence: Sentence, reason: str) -> Unresolved:
    return Unresolved(place, target.phrase, target.category, target.subtype, sentence.text, sentence.start,
                      sentence.end, reason)


__all__ = ["ExtractionError", "ExtractionResult", "ReportMeta", "Unresolved", "extract_events"]
