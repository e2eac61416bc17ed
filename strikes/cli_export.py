"""`python -m strikes export`: the filtered events as GeoJSON or CSV, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from strikes.export import FORMATS, export_bytes
from strikes.filters import EventFilter, apply_filter
from strikes.store import load_events, store_path
from strikes.taxonomy import ALL_SUBTYPES, ATTACKERS, CATEGORIES, STATUSES


def iso_date(value: str) -> date:
    """An argparse `type` for a day written YYYY-MM-DD (shared by every command that takes a date).

    Examples
    --------
    >>> iso_date("2024-03-01")
    datetime.date(2024, 3, 1)
    >>> iso_date("1 March")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a date YYYY-MM-DD, got '1 March'
    """
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from err


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter options shared by every command that selects events."""
    parser.add_argument("--category", action="append", default=[], choices=CATEGORIES)
    parser.add_argument("--subtype", action="append", default=[], choices=ALL_SUBTYPES)
    parser.add_argument("--since", type=iso_date, help="first day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--until", type=iso_date, help="last day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--country", action="append", default=[], help="ISO 3166-1 alpha-2, e.g. UA")
    parser.add_argument("--attacker", action="append", default=[], choices=ATTACKERS)
    parser.add_argument("--precision", action="append", default=[], type=int, choices=(1, 2, 3),
                        help="geo precision: 1 settlement, 2 near / part of region, 3 region only")
    parser.add_argument("--status", action="append", default=[], choices=STATUSES)
    parser.add_argument("--search", default="", help="text to find in target, location, place or notes")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    return EventFilter(
        categories=tuple(args.category),
        subtypes=tuple(args.subtype),
        since=args.since,
        until=args.until,
        countries=tuple(c.upper() for c in args.country),
        attackers=tuple(args.attacker),
        geo_precisions=tuple(args.precision),
        statuses=tuple(args.status),
        text=args.search,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_filter_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="geojson")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    frame = apply_filter(load_events(store_path(args.data)), filter_from_args(args))
    payload = export_bytes(frame, args.format)
    if args.output:
        args.output.write_bytes(payload)
        print(f"{len(frame)} events written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0
