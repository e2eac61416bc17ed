"""`python -m strikes geocode`: resolve place names to coordinates with the offline gazetteer.

One name: prints the best match as a line of text (or, with `--json`, one JSON object with the runner-up
candidates); exit code 1 when unresolved. `--file names.txt` (one name a line, `-` for stdin): one JSON
object a line, in input order; an unresolved name prints `"resolved": false` and its suggestions. The
exit code is then 0 when every name resolved, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from geocoding import GeocodeResult, GeocodingError, Place, default_geocoder
from strikes.errors import StrikesError


class GeocodeCommandError(StrikesError, ValueError):
    """The geocode command could not read its input."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the place name as written, e.g. 'Slovyensk' or 'Kuban'")
    parser.add_argument("--country", help="country hint, ISO 3166-1 alpha-2 (UA, RU, …)")
    parser.add_argument("--region", help="region hint, e.g. 'Donetsk Oblast' or 'Krasnodar Krai'")
    parser.add_argument("--json", action="store_true", help="print JSON with the runner-up candidates")
    parser.add_argument("--file", type=Path, help="names to resolve, one a line ('-' for stdin); prints JSON lines")


def place_dict(place: Place) -> dict[str, Any]:
    """A place as a JSON-ready dict (every `Place` field).

    Examples
    --------
    >>> place_dict(Place("Sumy", 50.9, 34.8, "UA", "Sumy Oblast", 1, "settlement", 1.0, "geonames:692194"))["name"]
    'Sumy'
    """
    return asdict(place)


def result_dict(result: GeocodeResult) -> dict[str, Any]:
    """A result as a JSON-ready dict: query, resolved, the place's fields, candidates, suggestions.

    Examples
    --------
    >>> result_dict(GeocodeResult("Witcoff", None, (), ("Witów, PL",)))
    {'query': 'Witcoff', 'resolved': False, 'place': None, 'candidates': [], 'suggestions': ['Witów, PL']}
    """
    return {
        "query": result.query,
        "resolved": result.resolved,
        "place": place_dict(result.place) if result.place else None,
        "candidates": [place_dict(p) for p in result.candidates],
        "suggestions": list(result.suggestions),
    }


def _read_names(path: Path) -> list[str]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GeocodeCommandError(f"{path}: cannot read the list of names ({err})") from err
    return [line.strip() for line in text.splitlines() if line.strip()]


def _line(result: GeocodeResult) -> str:
    place = result.place
    if place is None:
        hint = f"; did you mean: {'; '.join(result.suggestions)}" if result.suggestions else ""
        return f"{result.query}: not resolved{hint}"
    return (f"{place.name}, {place.admin1 or '-'}, {place.country}  {place.lat:.5f}, {place.lon:.5f}  "
            f"({place.kind}, precision {place.geo_precision}, score {place.score:.2f}, {place.source_id})")


def run(args: argparse.Namespace) -> int:
    if bool(args.name) == bool(args.file):
        raise GeocodeCommandError("geocode: give either a NAME or --file FILE (one name a line)")
    try:
        geocoder = default_geocoder()
    except GeocodingError as err:
        raise GeocodeCommandError(f"geocode: the gazetteer index is not available ({err})") from err
    if args.file:
        results = geocoder.geocode_many(_read_names(args.file), country=args.country, region=args.region)
        for result in results:
            print(json.dumps(result_dict(result), ensure_ascii=False))
        return 0 if all(r.resolved for r in results) else 1
    result = geocoder.geocode(args.name, country=args.country, region=args.region)
    if args.json:
        print(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        print(_line(result))
    return 0 if result.resolved else 1
