"""An analyst's table (CSV, XLSX or JSON records) → events: place names geocoded, targets classified.

Columns are found by their usual names (English, Ukrainian, Russian; case, spaces and underscores ignored) or
named with the `ImportOptions.*_column` options:

=========== ===================================================================================
field       column names tried
=========== ===================================================================================
date        date, event_date, day, дата
place       place, location, city, town, settlement, site, locality, place name, місто, населений пункт,
            город, населенный пункт, место
target      target, target type, object, facility, type, category, ціль, об'єкт, цель, объект
lat / lon   lat, latitude, широта / lon, lng, long, longitude, довгота, долгота; or one coordinates
            column (coordinates, coords, "lat, lon", координати) holding "49.9935, 36.2304"
region      region, oblast, admin1, province, область, регион
source      source, url, link, source url, джерело, источник
country     country, країна, страна (else the geocoded place's; with coordinates, `ImportOptions.country`
            when the point lies inside that country)
notes       notes, note, description, comment, comments, details, примітки, примечание, опис, описание
=========== ===================================================================================

Rows with coordinates keep them (checked for range and swapping); the others go through the geocoder with the
country hint and the region (from the cell or the region column). The target cell maps through
`strikes.taxonomy.classify_target`; an empty target is a bad row, an unknown one too unless `all_rows`
(then other/unknown). Ids are `make_event_id("table", date, place cell, target, lat, lon, source)`, so the same
row imported again is the same event. Columns no field uses are kept in notes as `column: value`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from strikes.errors import ImportFormatError
from strikes.importers.base import (
    Columns,
    ImportOptions,
    ImportResult,
    RowRejected,
    country_code,
    http_url,
    run_rows,
    weapon_from_text,
)
from strikes.importers.coords import inside_country, point_from_cells
from strikes.importers.dates import DateColumn
from strikes.importers.places import PlaceResolver, parse_place_cell
from strikes.model import Event, make_event_id, validate_event
from strikes.taxonomy import ATTACKERS, classify_target

ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "event_date", "event date", "day", "дата", "date of strike", "strike date"),
    "place": ("place", "location", "city", "town", "settlement", "site", "locality", "place name", "місто",
              "населений пункт", "город", "населенный пункт", "место", "місце", "town/city"),
    "target": ("target", "target type", "object", "facility", "type", "category", "ціль", "об'єкт", "цель",
               "объект", "target category"),
    "lat": ("lat", "latitude", "широта", "y"),
    "lon": ("lon", "lng", "long", "longitude", "довгота", "долгота", "x"),
    "coordinates": ("coordinates", "coordinate", "coords", "lat, lon", "lat/lon", "lat lon", "latlon",
                    "latitude, longitude", "координати", "координаты"),
    "region": ("region", "oblast", "admin1", "province", "область", "регион", "регіон"),
    "source": ("source", "source url", "url", "link", "джерело", "источник", "посилання", "ссылка"),
    "country": ("country", "країна", "страна"),
    "notes": ("notes", "note", "description", "comment", "comments", "details", "примітки", "примечание",
              "опис", "описание"),
    "attacker": ("attacker", "attacked by", "actor"),
    "weapon": ("weapon", "weapons", "munition", "arms", "зброя", "оружие"),
    "time_precision": ("time_precision", "time precision"),
    "geo_precision": ("geo_precision", "geo precision"),
}


# A plant's number glued to its name ("ТЕЦ-5", "CHP-6", "substation No. 3", "ПС №2"): the taxonomy matches whole
# words, so "ТЕЦ-5" names no term until the number is set apart.
_NUMBERING = re.compile(r"-\d+\b|\s*(?:№|No\.?|N)\s*\d+\b", re.IGNORECASE)


def _unnumbered(text: str) -> str:
    """`text` with plant numbers removed, so that "ТЕЦ-5" is read as "ТЕЦ".

    Examples
    --------
    >>> _unnumbered("Kharkiv ТЕЦ-5"), _unnumbered("substation No. 3"), _unnumbered("ПС №2")
    ('Kharkiv ТЕЦ', 'substation', 'ПС')
    """
    return _NUMBERING.sub("", text).strip()


_PAIR = re.compile(r"^\s*\(?\s*([-+]?\d+(?:\.\d+)?)°?\s*[NS]?\s*[,;\s]\s*([-+]?\d+(?:\.\d+)?)°?\s*[EW]?\s*\)?\s*$",
                   re.IGNORECASE)
_PAIR_DECIMAL_COMMA = re.compile(r"^\s*([-+]?\d+(?:,\d+)?)\s*[;\s]\s*([-+]?\d+(?:,\d+)?)\s*$")


def _split_coordinates(cell: str) -> tuple[str, str]:
    """The latitude and longitude cells of one "lat, lon" cell ("49.9935, 36.2304", "49,99; 36,23"); a cell that
    is not a pair is returned whole as the latitude, so the row is rejected naming what arrived.

    Examples
    --------
    >>> _split_coordinates("49.9935, 36.2304"), _split_coordinates("49,9935; 36,2304"), _split_coordinates("")
    (('49.9935', '36.2304'), ('49,9935', '36,2304'), ('', ''))
    >>> _split_coordinates("(50.45 30.52)"), _split_coordinates("near Kyiv")
    (('50.45', '30.52'), ('near Kyiv', 'near Kyiv'))
    """
    match = _PAIR.match(cell) or _PAIR_DECIMAL_COMMA.match(cell)
    if match:
        return match.group(1), match.group(2)
    return cell, cell


def _column(cols: Columns, option: str, field: str, name: str) -> str:
    if option:
        found = cols.find(option)
        if not found:
            raise ImportFormatError(f"{name}: expected a column {option!r} for {field}, got none "
                                    f"(columns: {', '.join(cols.names)})")
        return found
    return cols.find(*ALIASES[field])


def import_table(
    frame: pd.DataFrame,
    name: str,
    options: ImportOptions,
    geocoder_factory: Callable[[], object],
    *,
    row_offset: int = 2,
) -> ImportResult:
    """The events of an analyst's table (text cells), geocoding places through `geocoder_factory()`.

    The factory is called only when some row needs geocoding, so a table with coordinates needs no gazetteer.
    """
    cols = Columns(frame)
    names = {
        field: _column(cols, getattr(options, f"{field}_column", ""), field, name)
        for field in ("date", "place", "target", "lat", "lon", "region", "source")
    }
    for field in ("country", "notes", "attacker", "weapon", "time_precision", "geo_precision", "coordinates"):
        names[field] = cols.find(*ALIASES[field])
    if not names["date"]:
        raise ImportFormatError(f"{name}: expected a date column ({', '.join(ALIASES['date'][:4])} …) or "
                                f"--date-column, got columns {', '.join(map(str, frame.columns))}")
    if not names["target"]:
        raise ImportFormatError(f"{name}: expected a target column ({', '.join(ALIASES['target'][:5])} …) or "
                                f"--target-column, got columns {', '.join(map(str, frame.columns))}")
    lat_cells: list[str] | None = None
    lon_cells: list[str] | None = None
    if names["coordinates"] and not (names["lat"] and names["lon"]):
        # One "lat, lon" cell, as copied from a map: read it in place of the two columns.
        pairs = [_split_coordinates(cell) for cell in cols.values(names["coordinates"])]
        lat_cells, lon_cells = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        names["lat"] = names["lon"] = ""
    if not names["place"] and not (names["lat"] and names["lon"]) and not names["coordinates"]:
        raise ImportFormatError(f"{name}: expected a place column ({', '.join(ALIASES['place'][:5])} …), "
                                f"--place-column or lat/lon columns, got columns {', '.join(map(str, frame.columns))}")

    def values(field: str) -> list[str]:
        return cols.values(names[field]) if names[field] else [""] * len(frame)

    date_cells, places, targets = values("date"), values("place"), values("target")
    lats, lons, regions, sources = values("lat"), values("lon"), values("region"), values("source")
    if lat_cells is not None and lon_cells is not None:
        lats, lons = lat_cells, lon_cells
    countries, notes, attackers, weapons = values("country"), values("notes"), values("attacker"), values("weapon")
    time_precisions, geo_precisions = values("time_precision"), values("geo_precision")
    dates = DateColumn(date_cells, options.day_first)
    # Columns no field uses are kept in notes ("casualties: 3"), so an import loses nothing of the table.
    used = {column for column in names.values() if column}
    others = [(column, cols.values(column)) for column in cols.names if column not in used]
    resolver: list[PlaceResolver] = []

    def place_resolver() -> PlaceResolver:
        if not resolver:
            resolver.append(PlaceResolver(geocoder_factory(), min_score=options.min_score))
        return resolver[0]

    def precision(cell: str, field: str, default: int) -> int:
        cell = cell.strip().removesuffix(".0")
        if not cell:
            return default
        if cell not in ("1", "2", "3"):
            raise RowRejected(f"field {field!r}: expected 1, 2 or 3, got {cell!r}")
        return int(cell)

    def convert(i: int) -> Event:
        event_date = dates.parse_field(date_cells[i], names["date"])
        target_text = " ".join(targets[i].split())
        if not target_text:
            raise RowRejected(f"field {names['target']!r}: expected a target (e.g. refinery, substation, port), "
                              "got nothing")
        target = classify_target(target_text) or classify_target(_unnumbered(target_text))
        if target is None and not options.all_rows:
            raise RowRejected(f"field {names['target']!r}: expected a target word of the taxonomy "
                              f"(e.g. refinery, substation, port, hospital), got {target_text!r}")
        country = country_code(countries[i])
        # --country is a hint (geocoding, the swap check); an event gets it only where it fits (see below).
        try:
            point = point_from_cells(lats[i], lons[i], country or options.country)
        except RowRejected as err:
            if lat_cells is None:
                raise
            raise RowRejected(f"field {names['coordinates']!r} ({cols.values(names['coordinates'])[i]!r}): "
                              f"expected 'latitude, longitude'; {err}") from err
        place_name, admin1, geo_precision = places[i], regions[i], 1
        cell = parse_place_cell(places[i]) if places[i] else None
        if point is None:
            if cell is None:
                raise RowRejected(f"field {names['place'] or 'place'!r}: expected a place name or coordinates, "
                                  "got nothing")
            place = place_resolver().resolve(cell, country=country or options.country, region=regions[i])
            point = (place.lat, place.lon)  # type: ignore[attr-defined]
            place_name = place.name  # type: ignore[attr-defined]
            admin1 = admin1 or place.admin1  # type: ignore[attr-defined]
            geo_precision = int(place.geo_precision)  # type: ignore[attr-defined]
            country = country or place.country  # type: ignore[attr-defined]
        elif not country and options.country and inside_country(options.country, *point):
            country = options.country
        lat, lon = point
        source = sources[i]
        url = http_url(source)
        attacker = attackers[i].upper() if attackers[i].upper() in ATTACKERS else "unknown"
        detail = "; ".join(
            part for part in (
                notes[i],
                f"place cell: {' '.join(places[i].split())}" if cell and (cell.detail or cell.region) else "",
                f"source: {source}" if source and not url and len(source) > 200 else "",
                *(f"{column}: {cells[i]}" for column, cells in others if cells[i]),
            ) if part
        )
        event = Event(
            id=make_event_id("table", event_date.isoformat(), places[i], target_text, lats[i], lons[i], source),
            event_date=event_date,
            lon=lon,
            lat=lat,
            time_precision=precision(time_precisions[i], "time_precision", 1),
            place=" ".join(places[i].split()) or place_name,
            location=place_name,
            admin1=admin1,
            country=country,
            geo_precision=precision(geo_precisions[i], "geo_precision", geo_precision),
            target=target_text,
            category=target.category if target else "other",
            subtype=target.subtype if target else "unknown",
            attacker=attacker,
            weapon=weapon_from_text(weapons[i]) if weapons[i] else "unknown",
            source_title="" if url else source[:200],
            source_url=url,
            publisher=name.rsplit("/", 1)[-1],
            notes=detail,
            status=options.status,
        )
        return validate_event(event, origin=f"{name}, row {i + row_offset}")

    collector = run_rows(frame, name, options, convert, row_offset=row_offset)
    return collector.result("table", len(frame), source_name=name)
