"""`python -m strikes extract FILE|- --published YYYY-MM-DD`: candidate strike events as GeoJSON on stdout.

Strikes whose place cannot be resolved are never printed as features (they would need a made-up point);
they are listed on stderr with the reason. `--add` also appends the candidates to the store, idempotently.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from strikes.cli_export import iso_date
from strikes.extract import ExtractionError, ReportMeta, extract_events
from strikes.store import add_events, feature_collection, store_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the report's text (UTF-8), or - for standard input")
    parser.add_argument("--published", type=iso_date, required=True, help="the report's date, YYYY-MM-DD")
    parser.add_argument("--title", default="", help="the report's title")
    parser.add_argument("--url", default="", help="the report's address")
    parser.add_argument("--publisher", default="", help="who published the report")
    parser.add_argument("--add", action="store_true", help="also append the candidates to the store")


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ExtractionError(f"{path}: expected UTF-8 text, got undecodable bytes at offset {err.start}") from err
    except OSError as err:
        raise ExtractionError(f"{path}: cannot read the report: {err.strerror or err}") from err


def run(args: argparse.Namespace) -> int:
    url = args.url.strip()
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        # Shown as a link in the dashboard: only http(s) addresses may become links.
        raise ExtractionError(f"option --url: expected an http(s) address such as https://example.org/r, got {url!r}")
    text = _read(args.file)
    meta = ReportMeta(args.published, args.title, url, args.publisher)
    result = extract_events(text, meta)
    json.dump(feature_collection(result.events), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    sys.stdout.flush()
    source = "<stdin>" if args.file == "-" else args.file
    for item in result.unresolved:
        where = f"characters {item.excerpt_start}-{item.excerpt_end}"
        place = f" at {item.place!r}" if item.place else ""
        print(f"note: {source}, {where}: {item.target!r}{place} not mapped: {item.reason}", file=sys.stderr)
    if args.add:
        outcome = add_events(result.events, store_path(args.data))
        print(f"{len(outcome.added)} candidates added to {store_path(args.data)}, "
              f"{len(outcome.already_present)} already there", file=sys.stderr)
    return 0
