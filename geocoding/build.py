"""`python -m geocoding.build [--if-stale]`: build the compact gazetteer index under `.cache/geocoding/`.

The index is stale when any of its sources changed: GeoNames cities500 (size and mtime), `data/regions.csv`
and `data/facilities/*.csv` (content hash), the geocoding code that shapes keys (content hash), or
`INDEX_VERSION`. `default_geocoder()` calls `ensure_index()` too, so a fresh checkout works without `make`.

Examples
--------
>>> INDEX_PATH.parent.name
'geocoding'
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Final

from geocoding.facilities import FACILITIES_DIR
from geocoding.gazetteer import REGIONS_CSV, load_gazetteer
from geocoding.index import INDEX_VERSION, Index, build_index, load_index, save_index
from geocoding.model import GazetteerError
from geocoding.normalise import normalise
from geocoding.sources import CITIES500_PATH, PROJECT_ROOT, THEATRE_COUNTRIES, iter_cities500

INDEX_PATH: Final = PROJECT_ROOT / ".cache" / "geocoding" / "index.pickle"
_PACKAGE_DIR: Final = Path(__file__).resolve().parent
# The code whose change changes the keys: a change here rebuilds the index on next use.
FOREIGN_FAMOUS_POPULATION: Final = 500_000
_CODE_FILES: Final = ("normalise.py", "translit.py", "index.py", "gazetteer.py", "facilities.py", "sources.py",
                      "build.py")


def fingerprint() -> str:
    """A short hash of everything the index is built from (see the module docstring)."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    try:
        stat = CITIES500_PATH.stat()
        digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        for path in (REGIONS_CSV, *sorted(FACILITIES_DIR.glob("*.csv")),
                     *(_PACKAGE_DIR / name for name in _CODE_FILES)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    except OSError as err:
        raise GazetteerError(f"gazetteer sources: cannot read {err.filename} ({err.strerror})") from err
    return digest.hexdigest()[:16]


def foreign_famous_keys(min_population: int = FOREIGN_FAMOUS_POPULATION) -> frozenset[str]:
    """Normalised names of cities outside the gazetteer's countries with at least `min_population` people.

    A report that says "Paris" or "Berlin" means them, not the Russian villages Parizh and Berlin.
    """
    return frozenset(normalise(city["name"]) for city in iter_cities500()
                     if city["countrycode"] not in THEATRE_COUNTRIES
                     and int(city.get("population") or 0) >= min_population)


def build(path: Path = INDEX_PATH) -> Index:
    """Build the index from the sources and write it to `path`."""
    index = build_index(load_gazetteer(), fingerprint=fingerprint())
    index.foreign_famous = foreign_famous_keys()
    save_index(index, path)
    return index


def ensure_index(path: Path = INDEX_PATH) -> Index:
    """The current index: loaded from `path` when fresh, else rebuilt (a few seconds) and saved."""
    current = fingerprint()
    if path.exists():
        try:
            index = load_index(path)
        except GazetteerError:
            index = None
        if index is not None and index.fingerprint == current:
            return index
    return build(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geocoding.build", description=__doc__.split("\n")[0])
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the index is up to date")
    parser.add_argument("-o", "--output", type=Path, default=INDEX_PATH)
    args = parser.parse_args(argv)
    if args.if_stale and args.output.exists():
        try:
            if load_index(args.output).fingerprint == fingerprint():
                print(f"gazetteer index up to date: {args.output}")
                return 0
        except GazetteerError:
            pass
    started = time.perf_counter()
    try:
        index = build(args.output)
    except GazetteerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"gazetteer index built in {time.perf_counter() - started:.1f} s: {args.output} "
          f"({index.meta['places']} places, {index.meta['exact_keys']} keys)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
