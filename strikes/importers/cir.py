"""Centre for Information Resilience (Eyes on Russia) / Bellingcat civilian-harm CSV → events.

Mapping: `entry` → id `cir-<entry>`; `date` → event_date (time_precision 1); `lat`, `lon` → the point;
`town/city` → place; `district`, `province` → location and admin1; `country` → country; `title` →
source_title; `link` → source_url: the first http(s) link of the cell (real cells list several, separated by
spaces or line breaks; the others and any non-link text are kept in notes); publisher "CIR";
`arms/munition` → weapon (else the description, when it names exactly one kind); the target is classified from
`title` (CIR's summary), then `title` and `brief description` together, and from `event_group` only when those
name none; a row whose `event_group`
says it is military ("Military Infrastructure", "Military Movements") is out of scope whatever the title names
(a destroyed column "on a road" is not a strike on a road). `geolocation` says how sure
the point is: a value saying approximate / not geolocated gives geo_precision 2, anything else 1. A row
without coordinates is placed by geocoding `town/city` (precision from the gazetteer), never guessed.

Headers are matched loosely: the map's own export writes `entry, date, lat, lon …`, re-saved sheets carry
`Entry, Date, Lat, Long …` or `latitude`/`longitude`; all are read the same way.
Default scope as for ACLED: rows naming no infrastructure or civilian target are counted out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from strikes.importers.base import (
    Columns,
    ImportOptions,
    ImportResult,
    OutOfScope,
    RowRejected,
    classify_text,
    country_code,
    http_urls,
    run_rows,
    target_fields,
    target_in_scope,
    weapon_from_text,
)
from strikes.importers.coords import point_from_cells
from strikes.importers.dates import DateColumn
from strikes.importers.places import PlaceResolver, parse_place_cell
from strikes.model import Event, validate_event

_MILITARY_GROUP = re.compile(r"\bmilitary\b", re.I)
_APPROXIMATE = re.compile(r"\b(?:approx\w*|not|no|unverified|unconfirmed|false|estimated|general)\b", re.I)


def geo_precision_of_geolocation(text: str) -> int:
    """2 when CIR's geolocation cell says the point is approximate or not geolocated; 1 otherwise.

    Examples
    --------
    >>> geo_precision_of_geolocation("Geolocated"), geo_precision_of_geolocation("Not geolocated")
    (1, 2)
    """
    return 2 if _APPROXIMATE.search(text) else 1


def import_cir(frame: pd.DataFrame, name: str, options: ImportOptions, *, row_offset: int = 2,
               geocoder_factory: Callable[[], object] | None = None) -> ImportResult:
    """The events of a CIR frame (text cells), with rejects and the out-of-scope count.

    A row without coordinates is placed by geocoding `town/city` (with the province as region hint) through
    `geocoder_factory()`, when given; it is rejected when the place is unknown or ambiguous.
    """
    cols = Columns(frame)
    entries = cols.values("entry")
    date_cells = cols.values("date")
    dates = DateColumn(date_cells, options.day_first)
    groups = cols.values("event_group", "event group")
    titles = cols.values("title")
    descriptions = cols.values("brief description", "description")
    lats, lons = cols.values("lat", "latitude"), cols.values("lon", "long", "lng", "longitude")
    countries = cols.values("country")
    provinces = cols.values("province")
    districts = cols.values("district")
    towns = cols.values("town/city", "town", "city")
    arms = cols.values("arms/munition", "arms", "munition")
    violence = cols.values("violence level")
    links = cols.values("link", "url")
    geolocations = cols.values("geolocation")
    resolver: list[PlaceResolver] = []

    def locate(i: int, country: str) -> tuple[float, float, int]:
        if not towns[i] or geocoder_factory is None:
            raise RowRejected("fields 'lat'/'lon': expected coordinates, got nothing"
                              + (" (and no town/city to look up)" if not towns[i] else ""))
        if not resolver:
            resolver.append(PlaceResolver(geocoder_factory(), min_score=options.min_score))
        place = resolver[0].resolve(parse_place_cell(towns[i]), country=country, region=provinces[i])
        return place.lat, place.lon, int(place.geo_precision)  # type: ignore[attr-defined]

    def convert(i: int) -> Event:
        if not entries[i]:
            raise RowRejected("field 'entry': expected a CIR entry id, got nothing")
        event_date = dates.parse_field(date_cells[i], "date")
        text = " ".join(part for part in (titles[i], descriptions[i]) if part)
        military = bool(_MILITARY_GROUP.search(groups[i]))
        if military and not options.all_rows:
            raise OutOfScope(f"event group {groups[i]}")
        # The title is CIR's one-line summary of what was hit ("Port of Odesa hit"); the description adds
        # details ("a warehouse in the port"), so it is read only when the title names no target.
        target = (classify_text(groups[i]) if military else None) or target_in_scope(
            options, "title and description", titles[i], text, groups[i])
        country = country_code(countries[i]) or options.country
        point = point_from_cells(lats[i], lons[i], country)
        geo_precision = geo_precision_of_geolocation(geolocations[i])
        if point is None:
            lat, lon, geo_precision = locate(i, country)
        else:
            lat, lon = point
        urls = http_urls(links[i])
        url = urls[0] if urls else ""
        other_links = links[i].replace(url, "", 1).strip(" \n;,") if url else links[i]
        notes = "; ".join(
            part for part in (
                descriptions[i],
                f"event group: {groups[i]}" if groups[i] else "",
                f"violence level: {violence[i]}" if violence[i] else "",
                f"arms/munition: {arms[i]}" if arms[i] else "",
                f"geolocation: {geolocations[i]}" if geolocations[i] else "",
                f"link: {links[i]}" if links[i] and not url else "",
                f"more links: {' '.join(other_links.split())}" if url and other_links else "",
            ) if part
        )
        weapon = weapon_from_text(arms[i]) if arms[i] else "unknown"
        if weapon == "unknown":
            weapon = weapon_from_text(text)
        event = Event(
            id=f"cir-{entries[i]}",
            event_date=event_date,
            lon=lon,
            lat=lat,
            place=towns[i],
            location=", ".join(part for part in (towns[i], districts[i]) if part),
            admin1=provinces[i],
            country=country,
            geo_precision=geo_precision,
            **target_fields(target),
            weapon=weapon,
            source_title=titles[i],
            source_url=url,
            publisher="CIR",
            notes=notes,
            status=options.status,
        )
        return validate_event(event, origin=f"{name}, row {i + row_offset}")

    return run_rows(frame, name, options, convert, row_offset=row_offset).result("cir", len(frame), source_name=name)
