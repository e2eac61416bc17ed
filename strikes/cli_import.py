"""`python -m strikes import FILE`: an analyst's table or a dataset export into the store, with a rejects file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from strikes.importers import (
    FORMATS,
    ImportOptions,
    default_rejects_path,
    import_file,
    merge_into_store,
    plan_merge,
    store_events,
    write_events,
    write_rejects,
)
from strikes.importers.dedup import deduplicate
from strikes.store import store_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="CSV, XLSX, JSON or GeoJSON file")
    parser.add_argument("--format", default="auto", choices=("auto", *FORMATS),
                        help="file format (default: sniffed from extension and header)")
    parser.add_argument("--place-column", default="", help="column with place names (table)")
    parser.add_argument("--date-column", default="", help="column with dates (table)")
    parser.add_argument("--target-column", default="", help="column with targets (table)")
    parser.add_argument("--lat-column", default="", help="column with latitudes (table)")
    parser.add_argument("--lon-column", default="", help="column with longitudes (table)")
    parser.add_argument("--source-column", default="", help="column with sources / links (table)")
    parser.add_argument("--region-column", default="", help="column with regions, a geocoding hint (table)")
    parser.add_argument("--country", default="", type=str.upper,
                        help="ISO 3166-1 alpha-2 country hint for geocoding, e.g. UA")
    parser.add_argument("--encoding", default="", help="text encoding (default: detected; UTF-8, BOM, cp1251)")
    parser.add_argument("--all", dest="all_rows", action="store_true",
                        help="import rows outside the default scope too (no target word → other/unknown)")
    parser.add_argument("--candidate", action="store_true",
                        help="mark imported events 'candidate' (for review) instead of 'verified'")
    parser.add_argument("--dedup-km", type=float, default=5.0,
                        help="reports this close (km), same day and subtype, are one strike (default 5)")
    parser.add_argument("--dry-run", action="store_true", help="leave the store untouched (use -o to write)")
    parser.add_argument("-o", "--output", type=Path, help="with --dry-run: write the accepted events here")
    parser.add_argument("--rejects", type=Path,
                        help="rejects CSV (default: <name>.rejects.csv next to the input)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


def _progress(started: float):  # type: ignore[no-untyped-def]
    def show(done: int, total: int) -> None:
        print(f"  {done}/{total} rows ({100 * done // max(total, 1)}%, {time.monotonic() - started:.1f} s)",
              file=sys.stderr, flush=True)
    return show


def run(args: argparse.Namespace) -> int:
    if args.output and not args.dry_run:
        print("error: -o/--output is for --dry-run (without it the events go to the store)", file=sys.stderr)
        return 2
    started = time.monotonic()
    options = ImportOptions(
        place_column=args.place_column,
        date_column=args.date_column,
        target_column=args.target_column,
        lat_column=args.lat_column,
        lon_column=args.lon_column,
        source_column=args.source_column,
        region_column=args.region_column,
        country=args.country,
        encoding=args.encoding,
        all_rows=args.all_rows,
        status="candidate" if args.candidate else "verified",
        dedup_km=args.dedup_km,
        progress=None if args.quiet else _progress(started),
    )
    result = import_file(args.file, format=args.format, options=options)
    for message in result.messages:
        print(f"{args.file}: {message}", file=sys.stderr)
    if result.out_of_scope:
        reasons = ", ".join(f"{reason}: {count}" for reason, count in result.out_of_scope_reasons)
        print(f"out of scope (not imported; --all imports them): {reasons}", file=sys.stderr)
    store = store_path(args.data)
    if args.dry_run:
        summary, _ = plan_merge(result, store_events(store), args.dedup_km)
        if args.output:
            own = deduplicate([], result.events, args.dedup_km)
            write_events(own.events, args.output)
            print(f"{len(own.events)} events written to {args.output} (store {store} untouched)", file=sys.stderr)
        prefix = f"dry run against {store}: "
    else:
        summary = merge_into_store(result, store, max_km=args.dedup_km)
        prefix = f"{store}: "
    rejects_path = args.rejects or default_rejects_path(args.file)
    # Written when there are rejects, when asked for, or over an older one (a stale list would mislead).
    if result.rejects or args.rejects or rejects_path.exists():
        write_rejects(result.rejects, rejects_path)
        print(f"{result.rejected} rejected rows with reasons in {rejects_path}", file=sys.stderr)
    print(prefix + summary.line() + f" ({time.monotonic() - started:.1f} s)")
    return 0
