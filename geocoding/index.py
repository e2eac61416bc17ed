"""The compact gazetteer index: plain dicts from normalised keys to postings, pickled once, loaded in ms.

A posting is an int: ``place_number * 8 + flags``; flags say whether the key is the place's canonical
name (`CANONICAL`), a transliteration or head derived from a name (`DERIVED`), or a region name seen
without its kind word (`BARE`, e.g. "sumy" from "Sumy Oblast"). Keys:

- `exact`: `normalise(name)` of every name and alternate name, the full form with kind words
  ("sumy oblast"), and the `uk`, `ru`, `ru_icao` transliterations of Cyrillic names;
- `loose`: `loose_key` of every Latin exact key, plus the head of "X-na-Y"/"X-on-Y" names
  (Slavyansk-na-Kubani → slavyansk, Rostov-on-Don → rostov);
- `facility_exact` / `facility_loose`: facility names without their facility words.

Examples
--------
>>> from geocoding.gazetteer import GazetteerEntry
>>> index = build_index([GazetteerEntry("Sumy", 50.9, 34.8, "UA", "Sumy Oblast", "settlement", "geonames:1")])
>>> [p >> 3 for p in postings_of(index.exact["sumy"])]
[0]
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from geocoding.facilities import base_variants, facility_base
from geocoding.gazetteer import GazetteerEntry
from geocoding.model import FACILITY, REGION, GazetteerError
from geocoding.normalise import analyse, loose_key
from geocoding.translit import SYSTEMS, is_cyrillic, transliterate

INDEX_VERSION: Final = 6
CANONICAL: Final = 1
DERIVED: Final = 2
BARE: Final = 4
_FLAG_BITS: Final = 3
_HEAD_RE: Final = re.compile(r"^(.+?) (?:na|on|nad|pod|upon) [a-z]+$")
MIN_FUZZY_LENGTH: Final = 4

# Place tuple fields, in order.
PLACE_FIELDS: Final = ("name", "lat", "lon", "country", "admin1", "kind", "source_id", "population", "fuel",
                        "subtype")
# One place as the index keeps it, fields as PLACE_FIELDS: a plain tuple rather than a dataclass, since the
# index holds hundreds of thousands of them and is pickled.
PlaceRow = tuple[str, float, float, str, str, str, str, int, str, str]


@dataclass
class Index:
    """The searchable form of a gazetteer (see the module docstring for what each dict holds)."""

    places: list[PlaceRow]
    exact: dict[str, int | tuple[int, ...]]
    loose: dict[str, int | tuple[int, ...]]
    facility_exact: dict[str, int | tuple[int, ...]]
    facility_loose: dict[str, int | tuple[int, ...]]
    fingerprint: str = ""
    version: int = INDEX_VERSION
    meta: dict[str, int] = field(default_factory=dict)
    # Keys of famous far-away cities (Paris, Berlin, London): a village of that name is a doubtful answer.
    foreign_famous: frozenset[str] = frozenset()


def _better(flags_a: int, flags_b: int) -> bool:
    def rank(flags: int) -> tuple[bool, bool, bool]:
        return (not flags & BARE, bool(flags & CANONICAL), not flags & DERIVED)

    return rank(flags_a) > rank(flags_b)


class _Postings:
    """key → {place: best flags}, frozen to key → tuple of postings."""

    def __init__(self) -> None:
        self.data: dict[str, dict[int, int]] = defaultdict(dict)

    def add(self, key: str, place: int, flags: int) -> None:
        if not key:
            return
        slot = self.data[key]
        old = slot.get(place)
        if old is None or _better(flags, old):
            slot[place] = flags

    def freeze(self) -> dict[str, int | tuple[int, ...]]:
        # A lone posting is stored as a bare int: most keys have one place, and ints load faster.
        frozen: dict[str, int | tuple[int, ...]] = {}
        for key, slot in self.data.items():
            postings = tuple(place << _FLAG_BITS | flags for place, flags in sorted(slot.items()))
            frozen[key] = postings[0] if len(postings) == 1 else postings
        return frozen


def postings_of(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The postings stored under one key (an int or a tuple) as a tuple.

    Examples
    --------
    >>> postings_of(9), postings_of((9, 17)), postings_of(None)
    ((9,), (9, 17), ())
    """
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def name_keys(name: str, flags: int = 0) -> Iterator[tuple[str, int]]:
    """Every exact key of one name with its flags (stripped key, full form, transliterations).

    Examples
    --------
    >>> sorted(k for k, _ in name_keys("Орёл"))
    ['orel', 'oriol', 'oryol', 'орел']
    """
    forms = [(name, flags)]
    if is_cyrillic(name):
        forms += [(transliterate(name, system), flags | DERIVED) for system in SYSTEMS]
    for form, form_flags in forms:
        analysed = analyse(form)
        yield analysed.key, form_flags | (BARE if analysed.intent else 0)
        if analysed.full != analysed.key:
            yield analysed.full, form_flags


def _own_cyrillic(alternate: str, own_keys: set[str]) -> bool:
    """True for a Cyrillic alternate that the place's own (Latin) name transliterates (Слов'янськ, Sloviansk)."""
    return is_cyrillic(alternate) and any(
        analyse(transliterate(alternate, system)).key in own_keys for system in (*SYSTEMS, "uk_bgn"))


def _entry_names(entry: GazetteerEntry) -> Iterator[tuple[str, int]]:
    yield entry.name, CANONICAL
    for official in entry.official_names:
        yield official, CANONICAL
    own_keys = {analyse(name).key for name in (entry.name, *entry.official_names)}
    for alternate in entry.alternate_names:
        # The place's own name in Cyrillic is as canonical as its Latin name: "Слов'янськ" is Sloviansk
        # itself, while Nikopol's GeoNames alternate "Словянськ" is an old or mistaken one.
        yield alternate, CANONICAL if entry.kind != REGION and _own_cyrillic(alternate, own_keys) else 0
    for bare in entry.bare_names:
        yield bare, BARE


def build_index(entries: Sequence[GazetteerEntry], fingerprint: str = "") -> Index:
    """Index `entries` (settlements, regions and facilities in any order).

    Raises `GazetteerError` for an entry at 0,0 or outside lat/lon range (the gazetteer never answers
    with such a point).
    """
    places: list[PlaceRow] = []
    exact, loose, fac_exact, fac_loose = _Postings(), _Postings(), _Postings(), _Postings()
    latin_keys: dict[int, list[str]] = defaultdict(list)
    facilities: list[tuple[int, GazetteerEntry]] = []
    for number, entry in enumerate(entries):
        if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180) or (entry.lat == 0 and entry.lon == 0):
            raise GazetteerError(f"gazetteer entry {number} ({entry.name!r}, {entry.source_id}): fields lat/lon: "
                                 f"expected a real point, got {entry.lat}, {entry.lon}")
        places.append((entry.name, entry.lat, entry.lon, entry.country, entry.admin1, entry.kind,
                       entry.source_id, entry.population, entry.fuel, entry.subtype))
        if entry.kind == FACILITY:
            facilities.append((number, entry))
            continue
        for name, name_flags in _entry_names(entry):
            for key, flags in name_keys(name, name_flags):
                exact.add(key, number, flags)
                if is_cyrillic(key):
                    continue
                loose.add(loose_key(key), number, flags)
                if not flags & BARE:
                    latin_keys[number].append(key)
                head = _HEAD_RE.match(key)
                if head:
                    # The head of a compound name is as good as an alternate name (not canonical).
                    exact.add(head.group(1), number, (flags & ~CANONICAL) | DERIVED)
                    loose.add(loose_key(head.group(1)), number, (flags & ~CANONICAL) | DERIVED)
    exact_frozen = exact.freeze()
    for number, entry in facilities:
        bases: set[str] = set()
        for name in (entry.name, *entry.alternate_names):
            base = facility_base(analyse(name).key)
            bases.update(v for v in base_variants(base) if v)
        # A plant named after a town answers to the town's other spellings too (Zaporozhye → Zaporizhzhia).
        for base in list(bases):
            towns = [p >> _FLAG_BITS for p in postings_of(exact_frozen.get(base))
                     if places[p >> _FLAG_BITS][5] != REGION and places[p >> _FLAG_BITS][3] == entry.country]
            if towns:
                town = max(towns, key=lambda t: places[t][7])
                bases.update(latin_keys.get(town, ()))
        for base in bases:
            fac_exact.add(base, number, 0)
            if not is_cyrillic(base):
                fac_loose.add(loose_key(base), number, 0)
    loose_frozen = loose.freeze()
    return Index(places=places, exact=exact_frozen, loose=loose_frozen,
                 facility_exact=fac_exact.freeze(), facility_loose=fac_loose.freeze(), fingerprint=fingerprint,
                 meta={"places": len(places), "exact_keys": len(exact_frozen), "loose_keys": len(loose_frozen)})


def save_index(index: Index, path: Path) -> None:
    """Write `index` atomically (a temporary file renamed over `path`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_index(path: Path) -> Index:
    """Read an index written by `save_index`; `GazetteerError` when it is missing, unreadable or too old."""
    # The collector has nothing to free while a freshly read pickle is built; pausing it halves the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as err:
        raise GazetteerError(f"{path}: cannot read the gazetteer index ({err})") from err
    finally:
        if collecting:
            gc.enable()
    if not isinstance(index, Index) or getattr(index, "version", None) != INDEX_VERSION:
        raise GazetteerError(f"{path}: gazetteer index version: expected {INDEX_VERSION}, "
                             f"got {getattr(index, 'version', None)!r}")
    return index
