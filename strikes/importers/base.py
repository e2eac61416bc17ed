"""Value objects of the importers and the small helpers every format shares.

An importer turns a table into events and rejects. A row that is *bad* (no date, a date that cannot be read,
coordinates out of range or swapped, a place that cannot be found, no target) becomes a `Reject` that keeps
the original cells and the reason. A row that is fine but outside the default scope (an ACLED battle, a note
that names no infrastructure or civilian target) is not an error: it is counted in `out_of_scope`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, TypedDict

import pycountry

from strikes.errors import SchemaError, StrikesError
from strikes.importers.reading import header_key
from strikes.model import Event
from strikes.taxonomy import (
    CIVILIAN,
    ENERGY,
    MILITARY,
    OTHER,
    STATUSES,
    TargetClass,
    find_target_terms,
    find_weapon_terms,
    most_specific,
)

FORMATS: tuple[str, ...] = ("table", "acled", "ucdp", "cir", "geojson")

# Categories a row must name to be imported by default: the map is about infrastructure and civilian targets.
# `other/industrial` (factories, "infrastructure") is infrastructure; military-only rows are out of scope.
IN_SCOPE_CATEGORIES: tuple[str, ...] = (ENERGY, CIVILIAN, OTHER)


class RowRejected(StrikesError, ValueError):
    """A row is bad: it is kept as a `Reject` with this message as its reason."""


class OutOfScope(StrikesError):
    """A row is fine but outside the default import scope; it is counted, not rejected."""


class GeocoderLike(Protocol):
    """What the importers need of `geocoding.Geocoder`: one call, injected so tests can pass a fake."""

    def geocode(self, name: str, country: str | None = ..., region: str | None = ...) -> object: ...


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file and what to keep.

    Column options name a column of a `table` file (matched case-insensitively); left empty, the column is
    found by its usual names (see `strikes.importers.table`). `country` is the ISO 3166-1 alpha-2 hint for the
    geocoder and for the swapped-coordinates check. `status` is given to every imported event: "verified"
    by default because every supported source is itself curated by people (ACLED, UCDP and CIR code events
    by hand; an analyst's table is an analyst's work); "candidate" marks an import for review.
    `all_rows` imports rows outside the default scope too (no target word → other/unknown).
    `progress(done, total)` is called every `progress_every` rows of a long import.
    """

    place_column: str = ""
    date_column: str = ""
    target_column: str = ""
    lat_column: str = ""
    lon_column: str = ""
    source_column: str = ""
    region_column: str = ""
    country: str = ""
    status: str = "verified"
    all_rows: bool = False
    encoding: str = ""
    day_first: bool | None = None
    min_score: float = 0.75
    dedup_km: float = 5.0
    progress: Callable[[int, int], None] | None = None
    progress_every: int = 10_000

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status: expected one of {', '.join(STATUSES)}, got {self.status!r}")
        if self.country and not re.fullmatch(r"[A-Z]{2}", self.country):
            raise ValueError(f"country: expected an ISO 3166-1 alpha-2 code such as 'UA', got {self.country!r}")
        if self.dedup_km < 0:
            raise ValueError(f"dedup_km: expected a distance of 0 km or more, got {self.dedup_km!r}")


@dataclass(frozen=True)
class Reject:
    """A bad row: its number in the file, why it was rejected, and every original cell."""

    row: int
    reason: str
    original: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    """What one file gave: the format used, accepted events, rejected rows and the counts.

    `row` numbers follow the spreadsheet: the header is row 1, the first data row is row 2. For a JSON array
    or a GeoJSON FeatureCollection the row is the 0-based index of the record or feature.
    """

    format: str
    events: tuple[Event, ...]
    rejects: tuple[Reject, ...]
    read: int
    out_of_scope: int = 0
    out_of_scope_reasons: tuple[tuple[str, int], ...] = ()
    messages: tuple[str, ...] = ()
    source_name: str = ""

    @property
    def accepted(self) -> int:
        return len(self.events)

    @property
    def rejected(self) -> int:
        return len(self.rejects)


@dataclass(frozen=True)
class MergeSummary:
    """What merging an import into a store did.

    `read` rows were read; `added` new events; `merged_duplicates` events were the same strike as one already
    kept (their sources were added to it); `unchanged` were already in the store (same id, or a duplicate whose
    sources the store already had — a re-import); `rejected` bad rows; `out_of_scope` rows outside the scope.
    """

    read: int
    added: int
    merged_duplicates: int
    rejected: int
    unchanged: int = 0
    out_of_scope: int = 0

    def line(self) -> str:
        """The one-line summary the CLI prints.

        Examples
        --------
        >>> MergeSummary(read=5, added=3, merged_duplicates=1, rejected=1).line()
        '5 rows read, 3 added, 1 merged as duplicates, 1 rejected, 0 unchanged, 0 out of scope'
        """
        return (
            f"{self.read} rows read, {self.added} added, {self.merged_duplicates} merged as duplicates, "
            f"{self.rejected} rejected, {self.unchanged} unchanged, {self.out_of_scope} out of scope"
        )


@dataclass
class Collector:
    """Accumulates one import: events, rejects and scope counts, with progress every N rows."""

    options: ImportOptions
    total: int
    events: list[Event] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    out_of_scope: Counter[str] = field(default_factory=Counter)
    done: int = 0
    blank: int = 0

    def tick(self) -> None:
        self.done += 1
        if self.options.progress and (self.done % self.options.progress_every == 0 or self.done == self.total):
            self.options.progress(self.done, self.total)

    def result(self, fmt: str, read: int, messages: tuple[str, ...] = (), source_name: str = "") -> ImportResult:
        return ImportResult(
            format=fmt,
            events=tuple(self.events),
            rejects=tuple(self.rejects),
            read=read - self.blank,
            out_of_scope=sum(self.out_of_scope.values()),
            out_of_scope_reasons=tuple(self.out_of_scope.most_common()),
            messages=messages,
            source_name=source_name,
        )


# --- classification --------------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def classify_text(text: str) -> TargetClass | None:
    """The target a free text (ACLED notes, a headline) names, through the one taxonomy; None when none.

    Unlike a target cell, a note also names the attacker ("Russian military drones hit a substation"), so a
    military word counts only when the note names nothing else. Among the rest the longest phrase wins, as in
    `classify_target`. Cached per distinct text: real exports repeat notes.

    Examples
    --------
    >>> classify_text("Russian military drones hit a substation in the city").subtype
    'power_grid'
    >>> classify_text("Shelling of military positions near the village").category
    'military'
    >>> classify_text("Clashes were reported") is None
    True
    """
    terms = find_target_terms(text)
    return most_specific([found for found in terms if found[2].category != MILITARY] or terms)


def target_in_scope(options: ImportOptions, what: str, *texts: str) -> TargetClass | None:
    """The target the first of `texts` that names one names (`classify_text`); OutOfScope when none is in scope.

    `what` names the texts for the out-of-scope reason ("notes", "title and description"). With
    ``options.all_rows`` nothing is out of scope and the target may be None.

    Examples
    --------
    >>> target_in_scope(ImportOptions(), "notes", "", "Drones hit a substation").subtype
    'power_grid'
    >>> target_in_scope(ImportOptions(), "notes", "Clashes were reported")
    Traceback (most recent call last):
    ...
    strikes.importers.base.OutOfScope: notes name no infrastructure or civilian target
    """
    target = next((found for found in map(classify_text, filter(None, texts)) if found is not None), None)
    if not options.all_rows and not in_scope(target):
        raise OutOfScope(f"{what} name no infrastructure or civilian target")
    return target


class TargetFields(TypedDict):
    """The Event fields a classified text fills: ``Event(..., **target_fields(target))``."""

    target: str
    category: str
    subtype: str


def target_fields(target: TargetClass | None) -> TargetFields:
    """The Event's target, category and subtype from a classified text; "", other, unknown when it names none.

    Examples
    --------
    >>> target_fields(classify_text("drones hit a substation"))
    {'target': 'substation', 'category': 'energy', 'subtype': 'power_grid'}
    >>> target_fields(None)
    {'target': '', 'category': 'other', 'subtype': 'unknown'}
    """
    if target is None:
        return TargetFields(target="", category=OTHER, subtype="unknown")
    return TargetFields(target=target.phrase, category=target.category, subtype=target.subtype)


def in_scope(target: TargetClass | None) -> bool:
    """True when a classified row is in the default scope (infrastructure or civilian)."""
    return target is not None and target.category in IN_SCOPE_CATEGORIES


# --- weapons and attackers -------------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def weapon_from_text(text: str) -> str:
    """The weapon a text names (words from `strikes.taxonomy.WEAPON_TERMS`), when it names exactly one kind;
    "unknown" otherwise (never a guess).

    Examples
    --------
    >>> weapon_from_text("a Shahed drone hit the depot")
    'drone'
    >>> weapon_from_text("missiles and drones")
    'unknown'
    """
    kinds = {code for _, _, code in find_weapon_terms(text)}
    return kinds.pop() if len(kinds) == 1 else "unknown"


# ACLED names state forces "Military Forces of Russia (2000-)"; UCDP names the state "Government of Russia
# (Soviet Union)" (its side_a in one-sided violence is the perpetrator).
_RU_ACTOR = re.compile(
    r"^(?:military|police) forces of russia\b|\bwagner\b|^nac?ional guard of russia|^government of russia\b", re.I
)
_UA_ACTOR = re.compile(r"^(?:military|police) forces of ukraine\b|^government of ukraine\b", re.I)


@lru_cache(maxsize=4096)
def attacker_from_actor(actor: str) -> str:
    """RU / UA from an ACLED-style state actor name; "unknown" for anyone else.

    Examples
    --------
    >>> attacker_from_actor("Military Forces of Russia (2000-)")
    'RU'
    >>> attacker_from_actor("Government of Russia (Soviet Union)")
    'RU'
    >>> attacker_from_actor("Unidentified Armed Group (Ukraine)")
    'unknown'
    """
    actor = actor.strip()
    if _RU_ACTOR.search(actor):
        return "RU"
    if _UA_ACTOR.search(actor):
        return "UA"
    return "unknown"


# --- countries and links ---------------------------------------------------------------------------------

_COUNTRY_ALIASES = {"russia": "RU", "moldova": "MD", "kosovo": "XK", "crimea": "UA", "türkiye": "TR"}


@lru_cache(maxsize=1024)
def country_code(text: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code, a numeric code or a name; "" when unknown.

    Examples
    --------
    >>> country_code("Ukraine"), country_code("804"), country_code("Russia"), country_code("ua")
    ('UA', 'UA', 'RU', 'UA')
    >>> country_code("Atlantis")
    ''
    """
    text = text.strip()
    if not text:
        return ""
    if text.lower() in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[text.lower()]
    if text.isdigit():
        found = pycountry.countries.get(numeric=text.zfill(3))
        return found.alpha_2 if found else ""
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return ""


_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.I)


def http_url(text: str) -> str:
    """`text` when it is a single http(s) link, else "": only such links may become links anywhere.

    Examples
    --------
    >>> http_url(" https://example.org/a "), http_url("javascript:alert(1)"), http_url("see telegram")
    ('https://example.org/a', '', '')
    """
    text = text.strip()
    return text if _HTTP.match(text) else ""


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"';]+", re.I)


def http_urls(text: str) -> tuple[str, ...]:
    """Every http(s) link in a cell holding several (separated by spaces, newlines, commas or semicolons), in order.

    A CIR "link" cell often lists several posts of the same event; only http(s) links are taken, never a
    `javascript:` or other scheme.

    Examples
    --------
    >>> http_urls("https://t.me/a/1 https://x.com/b/2\\nhttps://t.me/a/1; javascript:alert(1)")
    ('https://t.me/a/1', 'https://x.com/b/2')
    >>> http_urls("see Telegram")
    ()
    """
    found = (match.group(0).rstrip(".,;)") for match in _URL_IN_TEXT.finditer(text))
    return tuple(dict.fromkeys(url for url in found if _HTTP.match(url)))


def clean_cell(value: object) -> str:
    """A cell as text: None/NaN → "", whitespace trimmed, NUL and other control characters removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    text = str(value)
    return _CONTROL.sub("", text).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def run_rows(
    frame: object,
    name: str,
    options: ImportOptions,
    convert: Callable[[int], Event],
    *,
    row_offset: int = 2,
) -> Collector:
    """Call `convert(i)` for every row of `frame`; sort the outcomes into events, rejects and out of scope.

    `convert` raises RowRejected for a bad row (or SchemaError from `validate_event`), OutOfScope for a row
    outside the scope. Rejected rows keep every original cell; their number is `i + row_offset` (2: the
    spreadsheet row under a header; 0 for JSON records).
    """
    total = len(frame)  # type: ignore[arg-type]
    collector = Collector(options=options, total=total)
    blank = _blank_rows(frame)
    for index in range(total):
        if index in blank:
            collector.blank += 1
            collector.tick()
            continue
        try:
            collector.events.append(convert(index))
        except OutOfScope as scope:
            collector.out_of_scope[str(scope)] += 1
        except (RowRejected, SchemaError) as err:
            original = {str(k): clean_cell(v) for k, v in frame.iloc[index].items()}  # type: ignore[attr-defined]
            reason = str(err)
            prefix = f"{name}, row {index + row_offset}"
            collector.rejects.append(
                Reject(row=index + row_offset, reason=reason if reason.startswith(prefix) else f"{prefix}: {reason}",
                       original=original)
            )
        collector.tick()
    return collector


def _blank_rows(frame: object) -> set[int]:
    """Indexes of rows whose every cell is empty: spacer rows of a spreadsheet, not data (and not rejects)."""
    if not len(frame):  # type: ignore[arg-type]
        return set()
    # Column by column, looking only at rows still blank so far: after the first column few are left.
    blank = frame.index  # type: ignore[attr-defined]
    for column in frame.columns:  # type: ignore[attr-defined]
        cells = frame.loc[blank, column].astype(str).str.strip()  # type: ignore[attr-defined]
        blank = cells.index[cells == ""]
        if not len(blank):
            break
    return set(blank.tolist())


class Columns:
    """Columns of a frame found by loose header names, as plain lists of cleaned strings (fast to index)."""

    def __init__(self, frame: object) -> None:
        self._frame = frame
        self._by_key: dict[str, str] = {}
        for column in frame.columns:  # type: ignore[attr-defined]
            self._by_key.setdefault(header_key(str(column)), str(column))
        self._cache: dict[str, list[str]] = {}
        self._empty = [""] * len(frame)  # type: ignore[arg-type]

    def find(self, *keys: str) -> str:
        """The real name of the first column among `keys` (compared loosely), or ""."""
        for key in keys:
            found = self._by_key.get(header_key(key))
            if found:
                return found
        return ""

    def values(self, *keys: str) -> list[str]:
        """The cleaned cells of the first column among `keys`; all "" when there is none."""
        column = self.find(*keys)
        if not column:
            return self._empty
        if column not in self._cache:
            series = self._frame[column].astype(str)  # type: ignore[index]
            # Vectorised clean_cell: exports have millions of cells.
            self._cache[column] = series.str.replace(_CONTROL.pattern, "", regex=True).str.strip().tolist()
        return self._cache[column]

    @property
    def names(self) -> list[str]:
        """Every column name, as in the file."""
        return [str(column) for column in self._frame.columns]  # type: ignore[attr-defined]
