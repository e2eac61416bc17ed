"""UCDP Georeferenced Event Dataset (GED) CSV → events.

Mapping: `id` → id `ucdp-<id>`; `date_start` → event_date (`date_end` checked not before it); `latitude`,
`longitude` (else `geom_wkt` POINT) → the point; `where_coordinates` → place (without UCDP's "town" /
"village" / "city" after the name); `where_description` → location; `adm_1` → admin1; `country` → country
("Russia (Soviet Union)" → RU; `country_id` is a Gleditsch–Ward code, not ISO, and is not used);
`source_headline` → source_title; `source_article` → source_url (see below); publisher "UCDP GED <id>" with
`source_office`; the target is classified from
`source_headline` and `where_description` (and `source_original` when present) through the one taxonomy.
`best` (deaths) goes to notes. The attacker comes from `side_a` only for one-sided violence
(`type_of_violence` 3: side_a is the perpetrator, side_b "Civilians"; "Government of Russia (Soviet Union)" →
RU); for state-based and non-state violence (1, 2) side_a / side_b are the dyad, not who struck: "unknown".
`source_article`, `source_headline`, `source_office` and `source_date` hold one entry per source joined by ";"
(an article entry is "Office,YYYY-MM-DD,Headline", quoted in the CSV): source_title is the first headline,
source_url the first http(s) link if any, and every article is kept in notes.

Precision mapping (UCDP → ours, 1 exact / settlement, 2 near, 3 region / month):

========== ================================================ ===========
where_prec UCDP meaning                                      geo_precision
========== ================================================ ===========
1          exact location                                    1
2          within ~25 km of a known point                    2
3          second-order administrative division (adm_2)      2
4          first-order administrative division (adm_1)       3
5          linear feature or area across adm_1               3
6          country only                                      rejected
7          international waters or airspace                  rejected
========== ================================================ ===========

========= ======================================= ===============
date_prec UCDP meaning                            time_precision
========= ======================================= ===============
1         exact day                               1
2         within 2–6 days                         2
3         within a week                           2
4         within a month (8–30 days)              3
5         within a year                           rejected
========= ======================================= ===============

An empty date_prec is taken from date_end − date_start (0 days → 1, ≤ 7 → 2, ≤ 31 → 3, else rejected).
Real exports mix date forms in one file ("2024-03-05", "2024-03-05 00:00:00.000", "3/5/2024"); each is read by
`strikes.importers.dates` and stored as a date.
"""

from __future__ import annotations

import re

import pandas as pd

from strikes.importers.base import (
    Columns,
    ImportOptions,
    ImportResult,
    RowRejected,
    attacker_from_actor,
    country_code,
    http_urls,
    run_rows,
    target_fields,
    target_in_scope,
    weapon_from_text,
)
from strikes.importers.coords import check_point, point_from_cells
from strikes.importers.dates import DateColumn
from strikes.model import Event, validate_event

GEO_PRECISION_OF_WHERE_PREC: dict[str, int] = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}
TIME_PRECISION_OF_DATE_PREC: dict[str, int] = {"1": 1, "2": 2, "3": 2, "4": 3}
_REJECTED_WHERE = {"6": "known only to the country", "7": "in international waters or airspace"}
# UCDP names the point it coded with its kind: "Kharkiv town", "Bucha village"; the map shows the name.
_UCDP_PLACE_KIND = re.compile(r"\s+(?:town|village|city)$", re.IGNORECASE)
_WKT_POINT = re.compile(r"^\s*POINT\s*\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)\s*$", re.IGNORECASE)


def _code(text: str) -> str:
    text = text.strip()
    return text[:-2] if text.endswith(".0") else text


def geo_precision_of(where_prec: str) -> int:
    """Our geo_precision for a UCDP where_prec; RowRejected for 6, 7 and anything unknown.

    Examples
    --------
    >>> [geo_precision_of(code) for code in ("1", "2", "3", "4", "5")]
    [1, 2, 2, 3, 3]
    """
    code = _code(where_prec)
    if code in GEO_PRECISION_OF_WHERE_PREC:
        return GEO_PRECISION_OF_WHERE_PREC[code]
    if code in _REJECTED_WHERE:
        raise RowRejected(f"field 'where_prec': the location is {_REJECTED_WHERE[code]} (where_prec {code}); "
                          "expected 1 to 5 for a point on the map")
    raise RowRejected(f"field 'where_prec': expected a UCDP code 1 to 7, got {where_prec!r}")


def time_precision_of(date_prec: str, days: int) -> int:
    """Our time_precision for a UCDP date_prec (or, when empty, for the span date_end − date_start in days).

    Examples
    --------
    >>> time_precision_of("4", 20), time_precision_of("", 0), time_precision_of("", 6)
    (3, 1, 2)
    """
    code = _code(date_prec)
    if code:
        if code in TIME_PRECISION_OF_DATE_PREC:
            return TIME_PRECISION_OF_DATE_PREC[code]
        if code == "5":
            raise RowRejected("field 'date_prec': the date is known only to the year (date_prec 5); "
                              "expected 1 to 4")
        raise RowRejected(f"field 'date_prec': expected a UCDP code 1 to 5, got {date_prec!r}")
    if days == 0:
        return 1
    if days <= 7:
        return 2
    if days <= 31:
        return 3
    raise RowRejected(f"fields 'date_start'/'date_end': expected a span of a month or less, got {days} days")


def import_ucdp(frame: pd.DataFrame, name: str, options: ImportOptions, *, row_offset: int = 2) -> ImportResult:
    """The events of a UCDP GED frame (text cells), with rejects and the out-of-scope count."""
    cols = Columns(frame)
    ids = cols.values("id")
    starts = cols.values("date_start")
    ends = cols.values("date_end")
    dates = DateColumn([*starts, *ends], options.day_first)
    date_precs = cols.values("date_prec")
    where_precs = cols.values("where_prec")
    lats, lons, wkts = cols.values("latitude"), cols.values("longitude"), cols.values("geom_wkt")
    headlines = cols.values("source_headline")
    descriptions = cols.values("where_description")
    originals = cols.values("source_original")
    where_coordinates = cols.values("where_coordinates")
    adm1s = cols.values("adm_1")
    countries = cols.values("country")
    articles = cols.values("source_article")
    offices = cols.values("source_office")
    best = cols.values("best")
    conflicts = cols.values("conflict_name")
    violence_types = cols.values("type_of_violence")
    side_as = cols.values("side_a")

    def convert(i: int) -> Event:
        if not ids[i]:
            raise RowRejected("field 'id': expected a UCDP event id, got nothing")
        start = dates.parse_field(starts[i], "date_start")
        end = dates.parse_field(ends[i], "date_end") if ends[i] else start
        if end < start:
            raise RowRejected(f"field 'date_end': expected a day on or after date_start {start}, got {end}")
        text = " ".join(part for part in (headlines[i], descriptions[i], originals[i]) if part)
        target = target_in_scope(options, "headline and description", text)
        geo_precision = geo_precision_of(where_precs[i])
        time_precision = time_precision_of(date_precs[i], (end - start).days)
        country = country_code(re.sub(r"\s*\(.*\)$", "", countries[i])) or options.country
        point = point_from_cells(lats[i], lons[i], country)
        if point is None:
            match = _WKT_POINT.match(wkts[i])
            if not match:
                raise RowRejected("fields 'latitude'/'longitude': expected coordinates, got nothing "
                                  f"(and geom_wkt {wkts[i]!r} is not a POINT)")
            point = check_point(float(match.group(2)), float(match.group(1)), country)
        lat, lon = point
        urls = http_urls(articles[i])
        url = urls[0] if urls else ""
        notes = "; ".join(
            part for part in (
                descriptions[i],
                f"conflict: {conflicts[i]}" if conflicts[i] else "",
                f"deaths (best): {best[i]}" if best[i] and best[i] not in ("0", "0.0") else "",
                f"UCDP date span {start} to {end}" if end != start else "",
            ) if part
        )
        event = Event(
            id=f"ucdp-{_code(ids[i])}",
            event_date=start,
            lon=lon,
            lat=lat,
            time_precision=time_precision,
            place=_UCDP_PLACE_KIND.sub("", where_coordinates[i]),
            location=descriptions[i],
            admin1=adm1s[i],
            country=country,
            geo_precision=geo_precision,
            **target_fields(target),
            weapon=weapon_from_text(text),
            source_title=headlines[i].split(";", 1)[0].strip(),
            source_url=url,
            publisher=f"UCDP GED {_code(ids[i])}" + (f": {offices[i]}" if offices[i] else ""),
            notes=notes if articles[i] in ("", url) else f"{notes}; sources: {articles[i]}",
            attacker=attacker_from_actor(side_as[i]) if _code(violence_types[i]) == "3" else "unknown",
            status=options.status,
        )
        return validate_event(event, origin=f"{name}, row {i + row_offset}")

    return run_rows(frame, name, options, convert, row_offset=row_offset).result("ucdp", len(frame), source_name=name)
