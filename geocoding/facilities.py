"""The facility gazetteer: named plants, refineries, substations… that a report may name as the target site.

Every `data/facilities/*.csv` with the columns in `FACILITY_COLUMNS` is loaded, so a new list (refineries,
substations) is one more CSV file. Facility names are matched only when the query carries a facility
word ("Burshtyn TPP", "Zmiiv thermal power plant"); "Burshtyn" alone stays the town.

Examples
--------
>>> facility_words_in("Zmiiv TPP")
('tpp',)
>>> facility_base("zmiivska power station")
'zmiivska'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from geocoding.model import GazetteerError
from geocoding.normalise import analyse

FACILITIES_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "facilities"
FACILITY_COLUMNS: Final = ("id", "name", "aliases", "subtype", "fuel", "capacity_mw", "lat", "lon", "country",
                           "admin1", "source", "licence")

# Facility words as they appear in normalised text (multi-word phrases first). English, transliterated
# Ukrainian/Russian abbreviations (TES = thermal power station, TETs = CHP, HES/GES = hydro, AES = nuclear)
# and Cyrillic.
FACILITY_PHRASES: Final = (
    "thermal power plant", "thermal power station", "thermal power", "combined heat and power plant",
    "combined heat and power", "hydroelectric power plant", "hydroelectric power station",
    "hydroelectric station", "hydro power plant", "hydropower plant", "nuclear power plant",
    "nuclear power station", "pumped storage power plant", "pumped storage", "power station", "power plant",
    "solar power plant", "solar power station", "solar park", "solar plant", "heat and power plant",
    "heating plant", "hydroelectric", "hydropower", "thermal", "nuclear", "hydro", "solar",
    "tpp", "tes", "tets", "tec", "chp", "chpp", "hpp", "hes", "ges", "npp", "aes", "ppp", "spp", "gres",
    "тес", "тец", "тэс", "тэц", "гес", "гэс", "аес", "аэс", "грэс", "гаес", "електростанція", "электростанция",
    # Other facility lists (refineries, depots, substations) are matched by these.
    "oil refinery", "refinery", "npz", "нпз", "oil depot", "fuel depot", "oil terminal", "oil pumping station",
    "нефтебаза", "нафтобаза", "substation", "electrical substation", "підстанція", "подстанция",
    "gas compressor station", "compressor station", "underground gas storage",
)
_PHRASE_RE: Final = re.compile(r"\b(" + "|".join(re.escape(p) for p in FACILITY_PHRASES) + r")\b")
# Adjective endings of plant names (Zmiivska, Burshtynska, Uglegorskaya, Kurakhovskaya): stripped to the
# place name so "Zmiiv TPP" finds "Zmiivska power station".
_ADJECTIVE_RE: Final = re.compile(r"(ivska|ivskaya|ivskyi|skaya|skaia|skiy|skyi|ska|sky|ska|ska)$")


@dataclass(frozen=True)
class Facility:
    """One row of a facility gazetteer CSV.

    Examples
    --------
    >>> Facility("WRI1", "X power station", (), "power_generation", "Coal", 10.0, 48.0, 35.0, "UA",
    ...          "Dnipropetrovsk Oblast", "gppd", "CC BY 4.0").source_id
    'gppd:WRI1'
    """

    id: str
    name: str
    aliases: tuple[str, ...]
    subtype: str
    fuel: str
    capacity_mw: float | None
    lat: float
    lon: float
    country: str
    admin1: str
    source: str
    licence: str

    @property
    def source_id(self) -> str:
        return f"{self.source}:{self.id}"


def facility_words_in(text: str) -> tuple[str, ...]:
    """The facility words/phrases found in `text` (normalised first), in order of appearance."""
    return tuple(m.group(1) for m in _PHRASE_RE.finditer(analyse(text).full))


def facility_base(normalised: str) -> str:
    """`normalised` with facility words and unit numbers removed: the name part ("kiev chp 5" → "kiev")."""
    base = _PHRASE_RE.sub(" ", normalised)
    base = re.sub(r"\b(\d+|i{1,3}|iv|v)\b", " ", base)
    base = re.sub(r"\b(no|n)\b", " ", base)
    return " ".join(base.split())


def base_variants(base: str) -> tuple[str, ...]:
    """A facility base and its place-name form without the adjective ending ("zmiivska" → "zmiiv").

    Examples
    --------
    >>> base_variants("zmiivska")
    ('zmiivska', 'zmiiv')
    >>> base_variants("burshtyn")
    ('burshtyn', 'burshtynska')
    """
    stripped = _ADJECTIVE_RE.sub("", base)
    if stripped != base and len(stripped) >= 3:
        if base.endswith(("ivska", "ivskaya", "ivskyi")):
            return (base, stripped + "iv")
        return (base, stripped)
    return (base, base + "ska") if base else ()


def _float(value: str, path: Path, line: int, column: str, *, required: bool) -> float | None:
    if not value.strip() and not required:
        return None
    try:
        return float(value)
    except ValueError:
        raise GazetteerError(f"{path}: row {line}, column {column!r}: expected a number, got {value!r}") from None


def read_facilities_csv(path: Path) -> list[Facility]:
    """Read one facility CSV; errors name the file, the row and the column.

    Examples
    --------
    >>> read_facilities_csv(Path("/nonexistent.csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geocoding.model.GazetteerError: /nonexistent.csv: cannot read facility list (...)
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise GazetteerError(f"{path}: cannot read facility list ({err})") from err
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in FACILITY_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(FACILITY_COLUMNS)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        if not row["id"].strip() or not row["name"].strip():
            raise GazetteerError(
                f"{path}: row {line}: columns 'id' and 'name' are required, got {row['id']!r}, {row['name']!r}")
        lat = _float(row["lat"], path, line, "lat", required=True)
        lon = _float(row["lon"], path, line, "lon", required=True)
        assert lat is not None and lon is not None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
            raise GazetteerError(f"{path}: row {line}, columns lat/lon: expected a real point, got {lat}, {lon}")
        rows.append(Facility(
            id=row["id"].strip(), name=row["name"].strip(),
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            subtype=row["subtype"].strip(), fuel=row["fuel"].strip(),
            capacity_mw=_float(row["capacity_mw"], path, line, "capacity_mw", required=False),
            lat=lat, lon=lon, country=row["country"].strip().upper(), admin1=row["admin1"].strip(),
            source=row["source"].strip() or path.stem, licence=row["licence"].strip(),
        ))
    return rows


def load_facilities(directory: Path = FACILITIES_DIR) -> list[Facility]:
    """Every facility of every `*.csv` in `directory`, files in name order.

    Examples
    --------
    >>> any(f.name == "Burshtyn power station" for f in load_facilities())
    True
    """
    return [facility for path in sorted(directory.glob("*.csv")) for facility in read_facilities_csv(path)]
