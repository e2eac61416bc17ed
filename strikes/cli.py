"""`python -m strikes …`: the command line.

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`; they are
imported lazily so `--help` and a simple export stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from strikes.errors import StrikesError

# name → (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "export": ("strikes.cli_export", "write the (filtered) events as GeoJSON or CSV"),
    "geocode": ("strikes.cli_geocode", "resolve place names to coordinates, offline"),
    "extract": ("strikes.cli_extract", "find candidate strike events in a report's text"),
    "import": ("strikes.cli_import", "import an analyst's table (CSV, XLSX, ACLED, UCDP, CIR, GeoJSON)"),
}


def build_parser(available: dict[str, tuple[str, str]] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m strikes", description="Strike Map command line.")
    parser.add_argument(
        "--data", help="the store (default: $STRIKES_DATA, else data/events.geojson)", default=None
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in (available or SUBCOMMANDS).items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue  # a subcommand whose module has not landed yet
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # Accepted after the subcommand too (`export --data X`); SUPPRESS keeps the top-level value otherwise.
        sub.add_argument("--data", default=argparse.SUPPRESS, help="the store (default: $STRIKES_DATA)")
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Import only the named subcommand's module when we can tell which one it is.
    named = next((arg for arg in argv if arg in SUBCOMMANDS), None)
    parser = build_parser({named: SUBCOMMANDS[named]} if named else None)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except StrikesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
