"""One file in, events and rejects out; then merged into the store. The CLI and the dashboard both use this."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from strikes.errors import StrikesError
from strikes.importers.acled import import_acled
from strikes.importers.base import GeocoderLike, ImportOptions, ImportResult, MergeSummary, Reject
from strikes.importers.cir import import_cir
from strikes.importers.dedup import DedupOutcome, deduplicate
from strikes.importers.geojson import import_geojson
from strikes.importers.reading import read_source
from strikes.importers.sniff import load
from strikes.importers.table import import_table
from strikes.importers.ucdp import import_ucdp
from strikes.model import Event
from strikes.store import frame_to_events, load_events, read_events, save_event_list, store_path


class GeocoderUnavailable(StrikesError, RuntimeError):
    """Rows need geocoding but the geocoding library (or its index) is not available."""


def _default_geocoder() -> object:
    try:
        from geocoding import default_geocoder
    except ImportError as err:
        raise GeocoderUnavailable(
            "rows without coordinates need the geocoding library, which is not available: "
            f"{err}; give lat/lon columns or install it"
        ) from err
    return default_geocoder()


def import_file(
    source: Path | str | bytes,
    *,
    filename: str | None = None,
    format: str = "auto",  # noqa: A002 - the agreed keyword, as on the command line
    options: ImportOptions | None = None,
    geocoder: GeocoderLike | None = None,
) -> ImportResult:
    """Read one file (path or bytes) in `format` (or sniffed) into accepted events and rejected rows.

    Nothing is written. `filename` names bytes in messages and lets the extension help sniffing. `geocoder`
    resolves place names of `table` rows without coordinates (default: `geocoding.default_geocoder()`, built
    only when some row needs it).

    Examples
    --------
    >>> result = import_file(b"date,place,target,lat,lon\\n2024-03-05,Kyiv,substation,50.45,30.52\\n",
    ...                      filename="t.csv")
    >>> result.format, result.accepted, result.events[0].subtype
    ('table', 1, 'power_grid')
    """
    options = options or ImportOptions()
    data, name = read_source(Path(source) if isinstance(source, str) else source, filename)
    loaded = load(data, name, format, options.encoding)
    messages = (loaded.message,)
    if loaded.format == "geojson":
        result = import_geojson(loaded.document, name, options)
    else:
        frame = loaded.frame
        assert frame is not None  # a non-GeoJSON load always has a frame
        offset = loaded.row_offset
        factory = (lambda: geocoder) if geocoder is not None else _default_geocoder
        if loaded.format == "acled":
            result = import_acled(frame, name, options, row_offset=offset)
        elif loaded.format == "ucdp":
            result = import_ucdp(frame, name, options, row_offset=offset)
        elif loaded.format == "cir":
            result = import_cir(frame, name, options, row_offset=offset, geocoder_factory=factory)
        else:
            result = import_table(frame, name, options, factory, row_offset=offset)
    return replace(result, messages=messages + result.messages)


def _summary(result: ImportResult, outcome: DedupOutcome) -> MergeSummary:
    return MergeSummary(
        read=result.read,
        added=len(outcome.added),
        merged_duplicates=len(outcome.merged),
        rejected=result.rejected,
        unchanged=len(outcome.unchanged),
        out_of_scope=result.out_of_scope,
    )


def plan_merge(result: ImportResult, existing: Sequence[Event], max_km: float = 5.0) -> tuple[MergeSummary,
                                                                                            DedupOutcome]:
    """What merging `result` into `existing` events would do, without writing anything."""
    outcome = deduplicate(existing, result.events, max_km)
    return _summary(result, outcome), outcome


def merge_into_store(result: ImportResult, path: str | os.PathLike[str] | None = None,
                     *, max_km: float = 5.0) -> MergeSummary:
    """Add the accepted events of `result` to the store at `path` (default `store_path()`), atomically.

    Events already in the store (same id) and duplicates (see `strikes.importers.dedup`) add their sources to
    the stored event; the rest are appended. The store is rewritten only when something changed, through
    `strikes.store.save_events` (temp file + rename). Merging the same result twice adds nothing.

    Examples
    --------
    >>> summary = merge_into_store(result, "data/events.geojson")  # doctest: +SKIP
    >>> summary.line()  # doctest: +SKIP
    '12 rows read, 10 added, 1 merged as duplicates, 1 rejected, 0 unchanged, 0 out of scope'
    """
    target = store_path(path)
    with _store_lock(target):
        summary, outcome = plan_merge(result, store_events(target), max_km)
        if outcome.added or outcome.merged:
            save_event_list(outcome.events, target)
    return summary


@contextmanager
def _store_lock(target: Path) -> Iterator[None]:
    # Read-merge-write must not interleave with another import's, or one import's events would be lost.
    # An advisory lock on a side file (the store is replaced by rename, so it cannot hold one), kept in the
    # temp folder so the data folder stays clean.
    key = hashlib.sha1(str(target.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"strike-map-store-{key}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def store_events(path: str | os.PathLike[str] | None = None) -> list[Event]:
    """The events of the store at `path` (none when it does not exist yet), validated as the store reads them."""
    target = store_path(path)
    if not target.exists():
        return []
    if target.suffix.lower() == ".parquet":
        return list(frame_to_events(load_events(target)))
    return read_events(target)


def write_events(events: Sequence[Event], path: str | os.PathLike[str]) -> Path:
    """Write `events` as a new GeoJSON (or GeoParquet, by extension) file, atomically."""
    return save_event_list(events, Path(path))


def default_rejects_path(source: Path | str) -> Path:
    """`<name>.rejects.csv` next to the input file.

    Examples
    --------
    >>> default_rejects_path("/tmp/strikes.xlsx").name
    'strikes.rejects.csv'
    """
    source = Path(source)
    return source.with_name(f"{source.stem}.rejects.csv")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: str) -> str:
    # The rejects file is opened in spreadsheets: a cell starting like a formula is shown as text.
    return "'" + value if value.startswith(_FORMULA_START) and not _is_number(value) else value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def rejects_csv(rejects: Sequence[Reject]) -> bytes:
    """The rejects as CSV (UTF-8 with BOM, for spreadsheets): `row`, `reason`, then every original column.

    Examples
    --------
    >>> rejects_csv([Reject(3, "t.csv, row 3: field 'date': expected a date, got nothing", {"date": ""})])[:18]
    b'\\xef\\xbb\\xbfrow,reason,date'
    """
    columns: list[str] = []
    for reject in rejects:
        for key in reject.original:
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # An original column called "row" or "reason" is kept, renamed, beside ours.
    writer.writerow(["row", "reason", *(f"original {c}" if c in ("row", "reason") else c for c in columns)])
    for reject in rejects:
        writer.writerow([reject.row, _safe_cell(reject.reason),
                         *(_safe_cell(str(reject.original.get(column, ""))) for column in columns)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_rejects(rejects: Sequence[Reject], path: str | os.PathLike[str]) -> Path:
    """Write the rejects CSV to `path` (atomically: temp file, then rename)."""
    path = Path(path)
    payload = rejects_csv(rejects)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(payload)
    os.replace(temp, path)
    return path
