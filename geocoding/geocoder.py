"""The offline geocoder: a place name as a report wrote it → a `GeocodeResult`.

Before matching, an English possessive is dropped ("Kharkiv's") and qualifiers become hints: in
"Donetsk (Rostov)" or "Pokrovsk, Donetsk Oblast, Ukraine" the part in brackets or after a comma is a
country (name or ISO code), a region, or a place whose region is then the hint.

Matching runs in a fixed order and stops at the first step that finds something (when the exact step
finds places, but none in the hinted country or region, the loose step adds its own):

0. facility: when the name carries a facility word (TPP, power station, NPP, HES…), the facility
   gazetteer is searched first by the name without those words; no facility → the place it names;
1. exact: the full normalised form ("sumy oblast"), then `normalise(name)`, on names, alternate names,
   transliterations and heads of compound names; a Cyrillic query is also transliterated (uk, ru,
   ru_icao) and looked up in Latin. A Cyrillic name is looked up as written, then as the nominatives it
   may be inflected from (`geocoding.inflect`: "у Харкові" → Харків), then transliterated; after a leading
   preposition ("у", "в", "на"…) the name as written and its nominatives compete on population;
2. loose: `loose_key` (transliteration variants: Kryvyy/Kryvyi/Krivij), in `FUZZY_COUNTRIES` only;
   then a facility's own short name ("ZNPP"); then the exact name without unit numbers ("Engels-2") or
   `SITE_WORDS` ("Izmail port");
3. fuzzy, in `FUZZY_COUNTRIES` only: rapidfuzz `ratio` on loose keys of the same first letter and
   similar length, above `FUZZY_THRESHOLD` (`SHORT_FUZZY_THRESHOLD` for ≤ 6 letters), or above
   `VOWEL_FUZZY_THRESHOLD` when both keys (seven letters or more) differ in one vowel only; never when
   one key is the other plus a suffix.

Ranking (documented tie rule, never dict order): the candidates are sorted by
(1) not in the hinted country, (2) not in the hinted region, (3) kind rank for the query's intent
(a region word, or a region's own name with its kind word — "Kyiv City" — → regions first; otherwise
settlements first and regions named only bare — "Sumy" for Sumy Oblast — last), (4) the matching step,
(5) for fuzzy matches the similarity, (6) weight = log10(population + 1), plus 1 when the query
matched the place's canonical name or its own Cyrillic name (`CANONICAL_BONUS`: Pokrovsk, Donetsk Oblast
beats Engels, formerly Pokrovsk), plus 1 in the theatre (`THEATRE_BONUS`: Ukraine and the Russian border
regions), then (7) the source id, as text.

Without a country or region hint, doubtful answers (a small place abroad, a village named like a famous
city abroad, a surname-shaped name reaching a village by a variant or fuzzy key) keep their rank but score
×`DOUBT_FACTOR` (below the importers' 0.75), so that they are reviewed rather than trusted.

Examples
--------
>>> geocoder = default_geocoder()  # doctest: +SKIP
>>> geocoder.geocode("Slovyensk").place.name  # doctest: +SKIP
'Sloviansk'
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Final, NamedTuple

from rapidfuzz import fuzz, process

from geocoding.facilities import base_variants, facility_base, facility_words_in
from geocoding.gazetteer import GazetteerEntry
from geocoding.index import (
    _FLAG_BITS,
    BARE,
    CANONICAL,
    DERIVED,
    Index,
    PlaceRow,
    build_index,
    load_index,
    postings_of,
)
from geocoding.inflect import phrase_candidates, ukrainian_variants
from geocoding.model import FACILITY, REGION, SETTLEMENT, GeocodeResult, GeocodingError, Place
from geocoding.normalise import DISTRICT, after_preposition, analyse, loose_key, normalise
from geocoding.translit import SYSTEMS, is_cyrillic, transliterate

FUZZY_THRESHOLD: Final = 90.0
# Short keys (≤ 6 letters) have fewer letters to be wrong in: one letter more in six is already 90.9 %
# (Peskov/Pskov, Lavrov/Lavov), so they need a closer match.
SHORT_FUZZY_THRESHOLD: Final = 93.0
SUGGESTION_THRESHOLD: Final = 70.0
# Loose and fuzzy matching (spelling variants) only in the countries of the war itself: elsewhere a
# loose match of an English word or a surname to a village is likelier than a misspelt Polish town.
FUZZY_COUNTRIES: Final = frozenset({"UA", "RU", "BY", "MD"})
# Between keys of seven letters or more one vowel may differ: one vowel wrong in eight letters is 87.5 %.
VOWEL_FUZZY_THRESHOLD: Final = 80.0
# A canonical-name match outweighs an alternate-name match of a place up to ten times larger (Pokrovsk,
# Donetsk Oblast beats Engels, formerly Pokrovsk; Kostiantynivka, 67 k, beats a Konstantinovka of 6 k).
CANONICAL_BONUS: Final = 1.0
MAX_CANDIDATES: Final = 5
# Two places of one unit this close (≈ 10 km) with names one of which is the other's alternate are one place.
NEAR_DEGREES: Final = 0.1
_MIN_FUZZY_LENGTH: Final = 4

_TIER_FULL, _TIER_EXACT, _TIER_STEM, _TIER_LOOSE, _TIER_FUZZY = 0, 1, 2, 3, 4
_TIER_SCORE: Final = {_TIER_FULL: 1.0, _TIER_EXACT: 0.97, _TIER_STEM: 0.95, _TIER_LOOSE: 0.9}
# Stemmed candidates are transliterated for a Latin look-up only when there are few of them (one word).
_MAX_STEMS_TRANSLITERATED: Final = 40
# The theatre of the war: Ukraine and the Russian regions on its border or the Azov coast, where most
# strikes fall. A place there outweighs a homonym elsewhere up to ten times larger (Vovchansk, Kharkiv
# Oblast, 17 k, over Volchansk, Sverdlovsk Oblast, 10 k, whose own name it is; Samar over Samara).
THEATRE_BONUS: Final = 1.0
# Doubtful answers (no country or region hint given) score at most `DOUBT_FACTOR` × their score, below the
# importers' 0.75: the place is kept as an answer to review, not as a confident match. Doubtful are
# (1) a place outside the war's own countries (`FUZZY_COUNTRIES`) under `DOUBT_ABROAD_POPULATION` people
#     ("TASS" → Tass, Hungary; "Police" → Police, Poland; a Kazakh village once called Yermak);
# (2) a village under `DOUBT_VILLAGE_POPULATION` named like a famous city abroad ("Paris", "Berlin");
# (3) a surname-shaped name (`SURNAME_ENDINGS`: Syrskyi, Zakharova) reaching a place only by a fuzzy match,
#     or by a variant key (not its own name) of a village under `DOUBT_VILLAGE_POPULATION`.
DOUBT_FACTOR: Final = 0.7
DOUBT_ABROAD_POPULATION: Final = 50_000
DOUBT_VILLAGE_POPULATION: Final = 5_000
SURNAME_ENDINGS: Final = ("skyi", "skyy", "skiy", "skii", "sky", "ska", "skaya", "ov", "ova", "ev", "eva", "yev",
                          "yeva", "in", "ina", "enko", "uk", "yuk", "chuk", "ych")
THEATRE_COUNTRIES: Final = frozenset({"UA"})
THEATRE_REGIONS: Final = frozenset({("RU", r) for r in (
    "Belgorod Oblast", "Bryansk Oblast", "Kursk Oblast", "Voronezh Oblast", "Rostov Oblast", "Krasnodar Krai")})

# Which fuels a facility word asks for (an empty set: any).
_FUEL_WORDS: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(("npp", "aes", "аес", "аэс", "nuclear", "nuclear power plant", "nuclear power station"),
                    frozenset({"nuclear"})),
    **dict.fromkeys(("hpp", "hes", "ges", "гес", "гэс", "hydro", "hydroelectric", "hydropower",
                     "hydroelectric power plant", "hydroelectric power station", "hydroelectric station",
                     "hydro power plant", "hydropower plant", "pumped storage", "pumped storage power plant",
                     "гаес"), frozenset({"hydro"})),
    **dict.fromkeys(("tpp", "tes", "tets", "tec", "chp", "chpp", "gres", "тес", "тец", "тэс", "тэц", "грэс",
                     "thermal", "thermal power plant", "thermal power station", "thermal power",
                     "combined heat and power plant", "combined heat and power", "heat and power plant",
                     "heating plant"), frozenset({"coal", "gas", "oil"})),
    **dict.fromkeys(("solar", "solar park", "solar plant", "solar power plant", "solar power station", "spp"),
                    frozenset({"solar"})),
}
# Which taxonomy subtypes a facility word asks for (absent: any); power words also constrain `fuel` above.
_SUBTYPE_WORDS: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(("oil refinery", "refinery", "npz", "нпз", "oil depot", "fuel depot", "oil terminal",
                     "oil pumping station", "нефтебаза", "нафтобаза"), frozenset({"oil"})),
    **dict.fromkeys(("substation", "electrical substation", "підстанція", "подстанция"), frozenset({"power_grid"})),
    **dict.fromkeys(("gas compressor station", "compressor station", "underground gas storage"), frozenset({"gas"})),
    **dict.fromkeys((*_FUEL_WORDS, "power station", "power plant", "електростанція", "электростанция"),
                    frozenset({"power_generation"})),
}
_COUNTRY_NAMES: Final = {"ukraine": "UA", "russia": "RU", "russian federation": "RU", "belarus": "BY",
                         "moldova": "MD", "poland": "PL", "romania": "RO", "україна": "UA", "украина": "UA",
                         "россия": "RU", "росія": "RU", "slovakia": "SK", "hungary": "HU", "lithuania": "LT",
                         "latvia": "LV", "estonia": "EE", "finland": "FI", "georgia": "GE", "kazakhstan": "KZ",
                         "turkey": "TR", "türkiye": "TR", "bulgaria": "BG", "azerbaijan": "AZ", "armenia": "AM"}
# Words naming a site in a place, dropped when the whole name matches nothing ("Izmail port").
SITE_WORDS: Final = frozenset({
    "port", "seaport", "airport", "airfield", "airbase", "air", "base", "refinery", "depot", "oil", "fuel",
    "terminal", "substation", "bridge", "railway", "station", "junction", "plant", "factory", "works", "harbour",
    "harbor", "dam", "reservoir", "arsenal", "warehouse", "hub", "порт", "аэропорт", "аеропорт", "аэродром",
    "аеродром", "нпз", "нефтебаза", "нафтобаза", "подстанция", "підстанція", "мост", "міст",
})
_POSSESSIVE_RE: Final = re.compile(r"(?<=[^\W\d_]{3})['’ʼ]s\b")
_PART_OF_RE: Final = re.compile(
    r"^\s*(.+?\b(?:district|raion|rayon|microdistrict|neighbourhood|neighborhood|quarter))\s+of\s+(.+?)\s*$",
    re.IGNORECASE)
_QUALIFIER_RE: Final = re.compile(r"^\s*([^(),]+?)\s*\(([^()]+)\)\s*$")


def _split_qualifiers(query: str) -> tuple[str, list[str]]:
    """ "A (B)" or "A, B, C" → ("A", ["B", "C"]); anything else → (query, []).

    Examples
    --------
    >>> _split_qualifiers("Donetsk (Rostov)"), _split_qualifiers("Pokrovsk, Donetsk Oblast, Ukraine")
    (('Donetsk', ['Rostov']), ('Pokrovsk', ['Donetsk Oblast', 'Ukraine']))
    >>> _split_qualifiers("Kyiv")
    ('Kyiv', [])
    """
    match = _QUALIFIER_RE.match(query)
    if match:
        return match.group(1), [match.group(2).strip()]
    if "," in query:
        head, *rest = (part.strip() for part in query.split(","))
        rest = [part for part in rest if part]
        if head and rest:
            return head, rest
    return query, []


class _Hit(NamedTuple):
    """One way a query reached one place (a named tuple: made per lookup, cheaper than a dataclass)."""

    place: int
    tier: int
    flags: int
    similarity: float = 100.0
    key: str = ""  # the gazetteer key that matched


_VOWELS: Final = str.maketrans("", "", "aeiouy")


def _skeleton(loose: str) -> str:
    """The consonants of a loose key ("slovensk" → "slvnsk")."""
    return loose.translate(_VOWELS)


def _one_vowel_apart(a: str, b: str) -> bool:
    """Same length, and the only difference is one vowel for another ("slovensk", "slovansk")."""
    if len(a) != len(b):
        return False
    differences = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differences) == 1 and all(ch in "aeiouy" for ch in differences[0])


class Geocoder:
    """Resolve place names offline against an index built from a gazetteer.

    Build one from the compact index (`default_geocoder()`, `Geocoder.from_index(path)`) or from any list of
    `GazetteerEntry` rows (`Geocoder(gazetteer=[...])`, how the tests make a twenty-row world).

    Examples
    --------
    >>> from geocoding.gazetteer import GazetteerEntry
    >>> g = Geocoder(gazetteer=[GazetteerEntry("Sumy", 50.91741, 34.79906, "UA", "Sumy Oblast", "settlement",
    ...                                         "geonames:692194", 256474, ("Sumi", "Суми"))])
    >>> g.geocode("Sumi").place.name, g.geocode("Суми").place.lat
    ('Sumy', 50.91741)
    >>> g.geocode("Witcoff").resolved
    False
    """

    def __init__(self, gazetteer: Iterable[GazetteerEntry] | None = None, *, index: Index | None = None) -> None:
        if index is None:
            if gazetteer is None:
                raise GeocodingError("Geocoder: expected a gazetteer (list of GazetteerEntry) or an index, got neither")
            index = build_index(list(gazetteer))
        self._index = index
        self._places = index.places
        self._blocks: dict[str, list[str]] | None = None
        self._blocks_lock = threading.Lock()
        self._region_hints: dict[str, frozenset[tuple[str, str]]] = {}
        # Places are immutable: one object per (place, step, flags, similarity, key, intent) is shared.
        self._place_cache: dict[tuple[int, int, int, float, str, str], Place] = {}
        self._single_cache: dict[int, Place] = {}  # lookup_exact's fast path: posting → Place

    @classmethod
    def from_index(cls, path: Path) -> Geocoder:
        """A geocoder over the index file at `path` (see `geocoding.build`)."""
        return cls(index=load_index(path))

    # ----------------------------------------------------------------------------------------------- public

    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult:
        """The best place for `name`, its runner-ups, or — unresolved — suggestions. Never a point at 0,0.

        `country` (ISO 3166-1 alpha-2, or "Ukraine"/"Russia"…) and `region` (a first-level unit by any of
        its names) are hints: matching places rank first, others still count.

        Examples
        --------
        >>> g = default_geocoder()  # doctest: +SKIP
        >>> g.geocode("Slavyansk", country="RU").place.name  # doctest: +SKIP
        'Slavyansk-na-Kubani'
        """
        query = "" if name is None else str(name)
        # "Kharkiv's", "Kyiv Oblast's": an English possessive is not part of the name.
        base, qualifiers = _split_qualifiers(_POSSESSIVE_RE.sub("", query))
        part_of = _PART_OF_RE.match(base)
        if part_of and not qualifiers:
            # "Saltivskyi district of Kharkiv": the district if known, else Kharkiv at precision 2.
            part, whole = part_of.group(1), part_of.group(2)
            result = self._geocode(f"{whole} district", country, region)
            town = result.place
            if town is not None:
                district = self._geocode(part, town.country, town.admin1).place
                if district is not None and district.kind == SETTLEMENT and district.admin1 == town.admin1:
                    result = GeocodeResult(query=query, place=district, candidates=(town,))
            return replace(result, query=query)
        if qualifiers:
            # "Donetsk (Rostov)", "Pokrovsk, Donetsk Oblast", "Sumy, Ukraine": the rest are hints.
            country, region = self._qualifier_hints(qualifiers, country, region)
            result = self._geocode(base, country, region)
            if result.place is not None and result.place.kind == REGION and len(qualifiers) == 1:
                # "Kyiv Oblast, Bucha": the region first, then the place in it.
                inner = self._geocode(qualifiers[0], result.place.country, result.place.name)
                place = inner.place
                if place is not None and place.kind != REGION and place.admin1 == result.place.admin1:
                    result = inner
            return replace(result, query=query)
        if base != query:
            return replace(self._geocode(base, country, region), query=query)
        return self._geocode(query, country, region)

    def _geocode(self, query: str, country: str | None, region: str | None) -> GeocodeResult:
        analysed = analyse(query)
        if not analysed.key:
            return GeocodeResult(query=query, place=None)
        hint_country = self._country_hint(country)
        hint_regions = self._region_hint(region)
        if facility_words_in(query):
            result = self._geocode_facility(query, analysed.key, hint_country, hint_regions)
            if result is not None:
                return result
            base = facility_base(analysed.key)
            if base and base != analysed.key:
                inner = self._geocode(base, country, region)
                return GeocodeResult(query=query, place=inner.place, candidates=inner.candidates,
                                     suggestions=inner.suggestions)
        hits = self._collect(analysed.full, analysed.key, hint_country, hint_regions,
                             inflected=after_preposition(query))
        if not hits:
            return GeocodeResult(query=query, place=None, suggestions=self._suggestions(analysed.key))
        ranked = self._rank(hits, analysed.intent, hint_country, hint_regions)
        places = [self._place(hit, analysed.intent) for hit in ranked[: MAX_CANDIDATES + 1]]
        if not hint_country and not hint_regions:
            places = [replace(place, score=round(place.score * DOUBT_FACTOR, 3))
                      if self._doubtful(hit, analysed.key) else place
                      for hit, place in zip(ranked, places, strict=False)]  # places: the first few of ranked
        return GeocodeResult(query=query, place=places[0], candidates=tuple(places[1:]))

    def _doubtful(self, hit: _Hit, key: str) -> bool:
        """True when a match without hints is more likely a word, a person or a place abroad (see DOUBT_FACTOR)."""
        place = self._places[hit.place]
        if place[5] != SETTLEMENT:
            return False
        population = place[7]
        if place[3] not in FUZZY_COUNTRIES and population < DOUBT_ABROAD_POPULATION:
            return True
        if population < DOUBT_VILLAGE_POPULATION and key in self._index.foreign_famous:
            return True
        if " " not in key and not is_cyrillic(key) and key.endswith(SURNAME_ENDINGS):
            own_name = hit.flags & CANONICAL and hit.tier <= _TIER_EXACT
            return hit.tier == _TIER_FUZZY or (not own_name and population < DOUBT_VILLAGE_POPULATION)
        return False

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]:
        """Places whose name, alternate name or transliteration equals `name` once normalised; no fuzzy.

        Ranked like `geocode`; with `country`, only places of that country.

        Examples
        --------
        >>> [p.name for p in default_geocoder().lookup_exact("Kiev")][:1]  # doctest: +SKIP
        ['Kyiv']
        """
        analysed = analyse("" if name is None else str(name))
        if not analysed.key:
            return []
        hint_country = self._country_hint(country)
        if analysed.full == analysed.key:
            # The common case, one name for one place, without building hits: a dict get and a cached Place.
            value = self._index.exact.get(analysed.key)
            if type(value) is int:
                place = self._single_cache.get(value)
                if place is None:
                    place = self._single_cache[value] = self._place(
                        _Hit(value >> _FLAG_BITS, _TIER_EXACT, value & 7, key=analysed.key), "")
                return [place] if not hint_country or place.country == hint_country else []
        hits = self._exact_hits(analysed.full, analysed.key)
        if hint_country:
            hits = [hit for hit in hits if self._places[hit.place][3] == hint_country]
        ranked = self._rank(hits, analysed.intent, hint_country, frozenset())
        return [self._place(hit, analysed.intent) for hit in ranked]

    def geocode_many(self, names: Sequence[str], country: str | None = None,
                     region: str | None = None) -> list[GeocodeResult]:
        """`geocode` for each name, in input order (repeated names are resolved once).

        Examples
        --------
        >>> [r.resolved for r in default_geocoder().geocode_many(["Kyiv", "Witcoff"])]  # doctest: +SKIP
        [True, False]
        """
        memo: dict[str, GeocodeResult] = {}
        results = []
        for name in names:
            key = "" if name is None else str(name)
            if key not in memo:
                memo[key] = self.geocode(key, country, region)
            results.append(memo[key])
        return results

    # ------------------------------------------------------------------------------------------- matching

    def _exact_hits(self, full: str, key: str) -> list[_Hit]:
        exact = self._index.exact
        hits: list[_Hit] = []
        if full != key:
            hits += [_Hit(p >> _FLAG_BITS, _TIER_FULL, p & 7, key=full) for p in postings_of(exact.get(full))]
        hits += [_Hit(p >> _FLAG_BITS, _TIER_EXACT, p & 7, key=key) for p in postings_of(exact.get(key))]
        if not hits and is_cyrillic(key):
            # Cyrillic names are indexed as written; only a Cyrillic spelling the gazetteer lacks is
            # transliterated and looked up among the Latin names.
            for latin in self._latin_forms(key):
                hits += [_Hit(p >> _FLAG_BITS, _TIER_EXACT, p & 7 | DERIVED, key=latin)
                         for p in postings_of(exact.get(latin))]
        return hits

    @staticmethod
    def _latin_forms(key: str) -> list[str]:
        forms: list[str] = []
        if is_cyrillic(key):
            for system in SYSTEMS:
                latin = normalise(transliterate(key, system))
                if latin not in forms:
                    forms.append(latin)
        else:
            forms.append(key)
        return forms

    def _stem_hits(self, key: str, latin: bool) -> list[_Hit]:
        """Hits of the nominatives an inflected Cyrillic key may stand for ("харкові" → "харків")."""
        exact = self._index.exact
        candidates = phrase_candidates(key)
        if not latin:
            return [_Hit(p >> _FLAG_BITS, _TIER_STEM, p & 7, key=candidate)
                    for candidate in candidates for p in postings_of(exact.get(candidate))]
        hits: list[_Hit] = []
        if len(candidates) <= _MAX_STEMS_TRANSLITERATED:
            # A nominative the gazetteer has only in Latin letters.
            for candidate in candidates:
                for form in self._latin_forms(candidate):
                    hits += [_Hit(p >> _FLAG_BITS, _TIER_STEM, p & 7 | DERIVED, key=form)
                             for p in postings_of(exact.get(form))]
        return hits

    def _cyrillic_hits(self, full: str, key: str, inflected: bool) -> list[_Hit]:
        """Cyrillic names, then their nominatives, before any transliteration (в Курске is Kursk, not Kurske).

        After a preposition ("у", "в", "на"…) the name is inflected: a Cyrillic name equal to the inflected
        form (the village Львове) competes with the nominatives (Львов → Lviv) on population alone.
        """
        exact = self._index.exact
        hits: list[_Hit] = []
        if full != key:
            hits += [_Hit(p >> _FLAG_BITS, _TIER_FULL, p & 7, key=full) for p in postings_of(exact.get(full))]
        hits += [_Hit(p >> _FLAG_BITS, _TIER_EXACT, p & 7, key=key) for p in postings_of(exact.get(key))]
        if not hits or inflected:
            hits += self._stem_hits(key, latin=False)
        if not hits:
            hits = self._exact_hits(full, key)  # the transliterations of the name as written
        if not hits:
            hits = self._stem_hits(key, latin=True)
        return hits

    def _collect(self, full: str, key: str, country: str, regions: frozenset[tuple[str, str]],
                 inflected: bool = False) -> list[_Hit]:
        if is_cyrillic(key):
            hits = self._cyrillic_hits(full, key, inflected)
        else:
            hits = self._exact_hits(full, key)
        if hits and self._satisfied(hits, country, regions):
            return hits
        loose = self._index.loose
        for latin in self._latin_forms(key):
            loose_form = loose_key(latin)
            if len(loose_form) < _MIN_FUZZY_LENGTH:
                continue  # "sol", "ra": too short to mean the same place rather than a word
            hits += [_Hit(p >> _FLAG_BITS, _TIER_LOOSE, p & 7, key=loose_form)
                     for p in postings_of(loose.get(loose_form))
                     if self._places[p >> _FLAG_BITS][3] in FUZZY_COUNTRIES]
        if not country or country == "UA":
            # A Russian-style ending of a Ukrainian place (Yuzhny, Pavlovka, Molochnoye → Yuzhne, Pavlivka,
            # Molochne): the Ukrainian endings, among Ukrainian places, as good as a loose match.
            for latin in self._latin_forms(key):
                for variant in ukrainian_variants(latin):
                    hits += [_Hit(p >> _FLAG_BITS, _TIER_LOOSE, p & 7 | DERIVED, key=variant)
                             for p in postings_of(loose.get(loose_key(variant)))
                             if self._places[p >> _FLAG_BITS][3] == "UA"]
        if hits:
            return hits
        # A facility's own short name with no facility word in it ("ZNPP", "DniproHES"), before fuzzy.
        hits = [_Hit(p >> _FLAG_BITS, _TIER_LOOSE, 0, key=key)
                for p in postings_of(self._index.facility_exact.get(key))]
        if hits:
            return hits
        # The name with unit numbers or site words removed ("Engels-2", "Izmail port"), before fuzzy.
        tokens = key.split()
        for kept in ([t for t in tokens if not t.isdigit()], [t for t in tokens if t not in SITE_WORDS]):
            if kept and len(kept) < len(tokens):
                reduced = " ".join(kept)
                hits = [_Hit(p >> _FLAG_BITS, _TIER_LOOSE, p & 7, key=reduced)
                        for p in postings_of(self._index.exact.get(reduced))]
                if hits:
                    return hits
        return self._fuzzy(key, FUZZY_THRESHOLD)

    def _satisfied(self, hits: list[_Hit], country: str, regions: frozenset[tuple[str, str]]) -> bool:
        if not country and not regions:
            return True
        for hit in hits:
            place = self._places[hit.place]
            if (not country or place[3] == country) and (not regions or (place[3], place[4]) in regions):
                return True
        return False

    def _fuzzy_blocks(self) -> dict[str, list[str]]:
        # Built on first use (≈0.1 s) so that loading the index stays fast for exact-only callers.
        if self._blocks is None:
            with self._blocks_lock:
                if self._blocks is None:
                    blocks: dict[str, list[str]] = {}
                    for key, value in self._index.loose.items():
                        if len(key) >= _MIN_FUZZY_LENGTH - 1 and any(
                                not p & BARE and self._places[p >> _FLAG_BITS][3] in FUZZY_COUNTRIES
                                for p in postings_of(value)):
                            blocks.setdefault(f"{key[0]}{len(key)}", []).append(key)
                    for keys in blocks.values():
                        keys.sort()
                    self._blocks = blocks
        return self._blocks

    def _fuzzy(self, key: str, threshold: float, limit: int = 8) -> list[_Hit]:
        best: dict[int, _Hit] = {}
        blocks = self._fuzzy_blocks()
        for latin in self._latin_forms(key):
            query = loose_key(latin)
            if len(query) < _MIN_FUZZY_LENGTH:
                continue
            strict = max(threshold, SHORT_FUZZY_THRESHOLD) if len(query) <= 6 else threshold
            # A lower bar when only vowels differ (Slovyensk/Sloviansk: same consonants s-l-v-n-s-k).
            skeleton = _skeleton(query)
            cutoff = min(strict, VOWEL_FUZZY_THRESHOLD) if len(query) >= 7 and len(skeleton) >= 4 else strict
            # ratio ≥ cutoff bounds the length difference: 2·min/(a+b) ≥ c ⇒ |a−b| ≤ (1−c)(a+b)/… ≈ this.
            spread = max(1, int(len(query) * (100 - cutoff) / (100 + cutoff) * 2) + 1)
            for length in range(len(query) - spread, len(query) + spread + 1):
                choices = blocks.get(f"{query[0]}{length}")
                if not choices:
                    continue
                for match, similarity, _ in process.extract(query, choices, scorer=fuzz.ratio,
                                                            score_cutoff=cutoff, limit=limit):
                    if similarity < strict and not _one_vowel_apart(query, match):
                        continue
                    if match.startswith(query) or query.startswith(match):
                        continue  # a suffix makes another place (Pokrovsk, Pokrovske) or a surname's village
                    for posting in postings_of(self._index.loose.get(match)):
                        if posting & BARE or self._places[posting >> _FLAG_BITS][3] not in FUZZY_COUNTRIES:
                            continue
                        hit = _Hit(posting >> _FLAG_BITS, _TIER_FUZZY, posting & 7, similarity, match)
                        old = best.get(hit.place)
                        if old is None or hit.similarity > old.similarity:
                            best[hit.place] = hit
        return list(best.values())

    def _suggestions(self, key: str) -> tuple[str, ...]:
        hits = self._rank(self._fuzzy(key, SUGGESTION_THRESHOLD, limit=5), "", "", frozenset())
        out: list[str] = []
        for hit in hits:
            name, _lat, _lon, country, admin1 = self._places[hit.place][:5]
            label = f"{name}, {admin1}, {country}" if admin1 else f"{name}, {country}"
            if label not in out:
                out.append(label)
            if len(out) == 3:
                break
        return tuple(out)

    def _geocode_facility(self, query: str, key: str, country: str,
                          regions: frozenset[tuple[str, str]]) -> GeocodeResult | None:
        words = facility_words_in(query)
        fuels: frozenset[str] = frozenset().union(*(_FUEL_WORDS.get(w, frozenset()) for w in words))
        subtypes: frozenset[str] = frozenset().union(*(_SUBTYPE_WORDS.get(w, frozenset()) for w in words))
        base = facility_base(key)
        if not base:
            return None
        if is_cyrillic(base):
            # "Бурштинська ТЕС": facility names are Latin; the Ukrainian transliteration reaches them.
            base = normalise(transliterate(base, "uk"))
        hits: dict[int, _Hit] = {}
        for variant in base_variants(base):
            for posting in postings_of(self._index.facility_exact.get(variant)):
                hits.setdefault(posting >> _FLAG_BITS, _Hit(posting >> _FLAG_BITS, _TIER_EXACT, 0, key=variant))
        if not hits and not is_cyrillic(base):
            for variant in base_variants(base):
                for posting in postings_of(self._index.facility_loose.get(loose_key(variant))):
                    hits.setdefault(posting >> _FLAG_BITS, _Hit(posting >> _FLAG_BITS, _TIER_LOOSE, 0, key=variant))
        if not hits and not is_cyrillic(base) and len(base) >= _MIN_FUZZY_LENGTH:
            query_key = loose_key(base)
            choices = list(self._index.facility_loose)
            for match, similarity, _ in process.extract(query_key, choices, scorer=fuzz.ratio,
                                                        score_cutoff=FUZZY_THRESHOLD, limit=5):
                for posting in postings_of(self._index.facility_loose[match]):
                    place = posting >> _FLAG_BITS
                    hits.setdefault(place, _Hit(place, _TIER_FUZZY, 0, similarity, match))
        if not hits:
            return None

        def order(hit: _Hit) -> tuple[bool, bool, bool, int, float, str]:
            place = self._places[hit.place]
            return (bool(country) and place[3] != country, bool(regions) and (place[3], place[4]) not in regions,
                    self._wrong_kind(place, fuels, subtypes), hit.tier, -hit.similarity, place[6])

        ranked = sorted(hits.values(), key=order)
        # A plant of the wrong kind (an HPP asked, only a TPP known) is not the plant asked for.
        if self._wrong_kind(self._places[ranked[0].place], fuels, subtypes):
            return None
        places = [self._place(hit, "") for hit in ranked[: MAX_CANDIDATES + 1]]
        return GeocodeResult(query=query, place=places[0], candidates=tuple(places[1:]))

    @staticmethod
    def _wrong_kind(place: PlaceRow, fuels: frozenset[str], subtypes: frozenset[str]) -> bool:
        """A facility whose fuel or subtype is not what the query's facility words ask for (unknown: fits)."""
        return (bool(fuels) and bool(place[8]) and place[8] not in fuels
                or bool(subtypes) and bool(place[9]) and place[9] not in subtypes)

    # -------------------------------------------------------------------------------------------- ranking

    def _kind_rank(self, place: PlaceRow, flags: int, intent: str, tier: int) -> int:
        kind = place[5]
        if kind == REGION:
            if tier == _TIER_FULL:
                return 0  # "Kyiv City", "Sumy Oblast": the query is a region's name with its kind word
            if intent == "region":
                # "Kyiv region" is the oblast around the city, not the city with special status.
                return 1 if place[9] == "city" else 0
            return 2 if flags & BARE else (1 if intent == SETTLEMENT else 0)
        if kind == FACILITY:
            return 2
        return 2 if intent == "region" else 0

    def _rank(self, hits: list[_Hit], intent: str, country: str, regions: frozenset[tuple[str, str]]) -> list[_Hit]:
        if len(hits) < 2:
            return hits
        best: dict[int, tuple[tuple[bool, bool, int, int, int, float, str], _Hit]] = {}
        for hit in hits:
            place = self._places[hit.place]
            weight = math.log10(max(place[7], 0) + 1) + (CANONICAL_BONUS if hit.flags & CANONICAL else 0.0)
            if place[3] in THEATRE_COUNTRIES or (place[3], place[4]) in THEATRE_REGIONS:
                weight += THEATRE_BONUS
            key = (
                bool(country) and place[3] != country,
                bool(regions) and (place[3], place[4]) not in regions,
                self._kind_rank(place, hit.flags, intent, hit.tier),
                _TIER_EXACT if hit.tier == _TIER_STEM else hit.tier,  # a nominative is as good as the name
                -round(hit.similarity),
                -weight,
                place[6],
            )
            old = best.get(hit.place)
            if old is None or key < old[0]:
                best[hit.place] = (key, hit)
        ordered = sorted(best.values(), key=lambda pair: pair[0])
        top_key, top = ordered[0]
        if not top.flags & CANONICAL:
            # One place listed twice (the town Lgov and the settlement Lgovskiy 6 km away, whose alternate
            # name is Lgov): the one the query names by its own name wins, whatever their populations.
            here = self._places[top.place]
            for index, (key, hit) in enumerate(ordered[1:], start=1):
                other = self._places[hit.place]
                if (hit.flags & CANONICAL and key[:4] == top_key[:4] and other[3:5] == here[3:5]
                        and abs(other[1] - here[1]) <= NEAR_DEGREES and abs(other[2] - here[2]) <= NEAR_DEGREES):
                    ordered.insert(0, ordered.pop(index))
                    break
        return [hit for _key, hit in ordered]

    def _place(self, hit: _Hit, intent: str) -> Place:
        cache_key = (*hit, intent)
        place = self._place_cache.get(cache_key)
        if place is None:
            if len(self._place_cache) > 200_000:
                self._place_cache.clear()
            place = self._place_cache[cache_key] = self._make_place(hit, intent)
        return place

    def _make_place(self, hit: _Hit, intent: str) -> Place:
        name, lat, lon, country, admin1, kind, source_id, population = self._places[hit.place][:8]
        if hit.tier == _TIER_FUZZY:
            score = round(0.9 * hit.similarity / 100, 3)
        else:
            score = _TIER_SCORE[hit.tier]
            if hit.tier == _TIER_EXACT and hit.flags & CANONICAL and not hit.flags & DERIVED:
                score = 1.0
        if kind == REGION and hit.flags & BARE and intent != "region":
            score = round(score * 0.9, 3)
        precision = 3 if kind == REGION else (2 if intent == DISTRICT else 1)
        return Place(name=name, lat=lat, lon=lon, country=country, admin1=admin1, geo_precision=precision,
                     kind=kind, score=score, source_id=source_id, population=population,
                     matched=self._matched(hit))

    def _matched(self, hit: _Hit) -> str:
        return self._places[hit.place][0] if hit.flags & CANONICAL and hit.tier <= _TIER_EXACT else hit.key

    # -------------------------------------------------------------------------------------------- hints

    def _qualifier_hints(self, qualifiers: list[str], country: str | None,
                         region: str | None) -> tuple[str | None, str | None]:
        """Country and region hints from qualifiers: a country name/code, a region, or a place in one."""
        for qualifier in qualifiers:
            code = self._country_code(qualifier)
            if code:
                country = country or code
            elif self._region_hint(qualifier):
                region = region or qualifier
            else:
                place = self._geocode(qualifier, country, None).place
                if place is not None and place.admin1:
                    region = region or place.admin1
                    country = country or place.country
        return country, region

    @staticmethod
    def _country_code(text: str) -> str:
        stripped = text.strip()
        if len(stripped) == 2 and stripped.isalpha() and stripped.isupper():
            return stripped
        return _COUNTRY_NAMES.get(stripped.casefold(), "")

    @staticmethod
    def _country_hint(country: str | None) -> str:
        if not country:
            return ""
        text = str(country).strip()
        if len(text) == 2 and text.isalpha():
            return text.upper()
        return _COUNTRY_NAMES.get(text.casefold(), text.upper())

    def _region_hint(self, region: str | None) -> frozenset[tuple[str, str]]:
        if not region:
            return frozenset()
        text = str(region)
        cached = self._region_hints.get(text)
        if cached is None:
            analysed = analyse(text)
            hits = self._exact_hits(analysed.full, analysed.key)
            regions = [self._places[h.place] for h in hits if self._places[h.place][5] == REGION]
            if not regions:
                # "Donetska", "Zaporozhskaya": a spelling variant of a region name.
                for latin in self._latin_forms(analysed.key):
                    postings = postings_of(self._index.loose.get(loose_key(latin)))
                    regions += [self._places[p >> _FLAG_BITS] for p in postings
                                if self._places[p >> _FLAG_BITS][5] == REGION]
            cached = frozenset((p[3], p[4]) for p in regions)
            self._region_hints[text] = cached
        return cached


_DEFAULT: Geocoder | None = None
_DEFAULT_LOCK: Final = threading.Lock()


def default_geocoder() -> Geocoder:
    """The process-wide geocoder over the compact index (built on first use when missing or stale).

    Examples
    --------
    >>> default_geocoder() is default_geocoder()  # doctest: +SKIP
    True
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                from geocoding.build import ensure_index

                _DEFAULT = Geocoder(index=ensure_index())
    return _DEFAULT
