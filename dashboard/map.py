"""The strike map: a pure builder from the filtered events frame to a folium map, and its offline HTML.

`build_map(events, …)` draws one marker per event, coloured by category, shaped by category (energy a rounded
square, civilian a circle, military a square, other a small circle) and with a Font Awesome icon per subtype,
so energy and civilian are told apart at a glance also in greyscale. An event known only to its region
(geo_precision 3) is a hollow dashed circle instead, so nobody mistakes a region's centre for the strike site;
its popup says "somewhere in <region>". Above `CLUSTER_THRESHOLD` markers cluster; above `MAX_POINTS` events
the map holds one aggregation per zoom level (`strikes.aggregate.zoom_levels`) and the browser switches them on
zoom: grid cells drawn as rings of category shares around the count (counts per category in the tooltip), and
from the level where an event (or a stack of events at one point) is alone in its cell, its real marker with
its popup, so zooming in always reaches it (until the page's budget; the finest level says so). Layers to
toggle: OpenStreetMap tiles or the offline country outlines, a heatmap, the power-plant gazetteer.

Every text from a report or a table is hostile: popups and tooltips are built here with `html.escape` on each
field, links only for http(s) URLs, and the marker data reaches the page as JSON with `<`, `>` and `&`
escaped, so no field can close the script or inject markup. `map_html(m)` is the full page with every script
and stylesheet at a local `/app/static/vendor/…` URL (`dashboard.vendor`); the only remote URL in it is the
OpenStreetMap tile template.

No streamlit here: the page (dashboard/app.py) caches `map_html(build_map(...))` per view and embeds it.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from dashboard.vendor import BASEMAP_URL, localise
from strikes.model import Event
from strikes.store import frame_to_events
from strikes.taxonomy import (
    CATEGORIES,
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    CIVILIAN,
    ENERGY,
    MILITARY,
    OTHER,
    SUBTYPE_LABELS,
    SUBTYPES,
)

try:  # the scale engineer's aggregation; until it exists, many points only cluster
    from strikes import aggregate as _aggregate
except ImportError:  # pragma: no cover - depends on what has landed
    _aggregate = None  # type: ignore[assignment]

BASEMAPS: tuple[str, ...] = ("osm", "offline")
# Above this many events the map draws grid cells, not markers (folium/Leaflet stay fast below it).
MAX_POINTS: int = getattr(_aggregate, "POINTS_LIMIT", 5_000)
# Markers cluster only above this: a handful of strikes must each be seen (and counted by the browser tests).
CLUSTER_THRESHOLD = 200
# Where the war is, for an empty selection.
DEFAULT_CENTER = (48.5, 34.0)
DEFAULT_ZOOM = 5
FIT_MAX_ZOOM = 9  # a single event is shown with its surroundings, not at street level
MAP_WIDTH_PX = 1000  # typical width of the embedded map: sizes the grid cells for the fitted zoom
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
BASEMAP_ATTRIBUTION = "Country outlines: Natural Earth via world-atlas"

# One Font Awesome 6 (free, solid) icon per subtype; names only from this table ever reach the page.
SUBTYPE_ICONS: dict[str, str] = {
    "power_generation": "bolt",
    "power_grid": "plug",
    "oil": "oil-well",
    "gas": "fire-flame-simple",
    "heating": "temperature-high",
    "medical": "hospital",
    "residential": "house",
    "education": "school",
    "transport": "train",
    "port": "anchor",
    "public": "landmark",
    "commercial": "store",
    "cultural": "masks-theater",
    "water": "droplet",
    "military": "crosshairs",
    "industrial": "industry",
    "unknown": "question",
}
# Shape by category (CSS border-radius): the second cue besides colour, so greyscale prints still tell them apart.
CATEGORY_SHAPES: dict[str, str] = {ENERGY: "4px", CIVILIAN: "50%", MILITARY: "0", OTHER: "50%"}
CATEGORY_SHAPE_NAMES: dict[str, str] = {
    ENERGY: "rounded square", CIVILIAN: "circle", MILITARY: "square", OTHER: "small circle",
}
ICON_PX: dict[str, int] = {ENERGY: 26, CIVILIAN: 26, MILITARY: 24, OTHER: 20}
REGION_RADIUS_PX = 16
HEAT_RADIUS_PX = 30

TIME_PRECISION_WORDS = {1: "", 2: " (within a week)", 3: " (within a month)"}
GEO_PRECISION_WORDS = {1: "settlement", 2: "near / part of a region", 3: "region only"}


class MapError(ValueError):
    """The events or options cannot be drawn (the message names the option or column and what arrived)."""


# --- escaping ------------------------------------------------------------------------------------------------


def esc(value: object) -> str:
    """`value` as text safe inside HTML and inside the JavaScript template literals folium writes.

    `html.escape` covers markup and attribute quotes; backtick, `$` and backslash become character references
    too, because folium puts popup and tooltip HTML into JavaScript template literals (`${…}` would run).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> esc("`${window.x=1}`")
    '&#96;&#36;{window.x=1}&#96;'
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def safe_link(url: str) -> str | None:
    """`url` when it is an http(s) URL with a host, else None (javascript:, data:, relative, garbage).

    Examples
    --------
    >>> safe_link("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_link("javascript:alert(1)") is None, safe_link(" JaVaScRiPt:alert(1)") is None
    (True, True)
    """
    candidate = (url or "").strip()
    if not candidate or any(ch in candidate for ch in "\x00\r\n\t "):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def _json_for_script(value: Any) -> str:
    # JSON inside <script>: the HTML parser ends the element at "</script" and changes state at "<!--", so
    # every "<" followed by "/" or "!" becomes \u003c (cheaper than escaping every "<" of thousands of popups).
    # U+2028/U+2029 are escaped for older JavaScript parsers. Other text stays UTF-8 (Cyrillic at 2 bytes).
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = re.sub(r"<(?=[/!])", r"\\u003c", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# --- popups and tooltips ---------------------------------------------------------------------------------------


def _date_text(day: date | None, precision: int) -> str:
    if day is None:
        return "date unknown"
    return f"{day.isoformat()}{TIME_PRECISION_WORDS.get(precision, '')}"


def where_text(event: Event) -> str:
    """Where the event is, in words (plain text, not escaped): "somewhere in <region>" for region-only events.

    Examples
    --------
    >>> from datetime import date
    >>> e = Event(id="x", event_date=date(2025, 3, 19), lon=39.4, lat=45.1, location="Krasnodar Krai",
    ...           admin1="Krasnodar Krai", country="RU", geo_precision=3)
    >>> where_text(e)
    'somewhere in Krasnodar Krai, RU'
    """
    region = event.admin1 or event.location or "an unnamed region"
    country = f", {event.country}" if event.country else ""
    if event.geo_precision == 3:
        return f"somewhere in {region}{country}"
    place = event.location or event.place or region
    admin = f", {event.admin1}" if event.admin1 and event.admin1 != place else ""
    near = "near " if event.geo_precision == 2 else ""
    return f"{near}{place}{admin}{country}"


def popup_html(event: Event) -> str:
    """The popup of one event: every field escaped, the source a link only for http(s) URLs.

    Shows target, location (and the place as written in the report), date with its precision,
    category/subtype, attacker, weapon, source, excerpt, confidence and status.

    Examples
    --------
    >>> from datetime import date
    >>> e = Event(id="x", event_date=date(2025, 3, 18), lon=34.8, lat=50.9, target="<b>hospital</b>",
    ...           category="civilian", subtype="medical", source_title="T", source_url="javascript:alert(1)")
    >>> "<b>hospital" in popup_html(e), "javascript:" in popup_html(e)
    (False, False)
    """
    target = esc(event.target) if event.target else "<i>target not named</i>"
    written = (
        f' <span class="strike-written">(written &ldquo;{esc(event.place)}&rdquo;)</span>'
        if event.place and event.place not in (event.location, event.admin1)
        else ""
    )
    link = safe_link(event.source_url)
    title = esc(event.source_title or event.publisher or "source")
    if link:
        source = f'<a href="{esc(link)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    else:
        source = title if (event.source_title or event.publisher) else "<i>no source given</i>"
    published = f", published {event.published.isoformat()}" if event.published else ""
    publisher = f" &middot; {esc(event.publisher)}" if event.publisher and event.source_title else ""
    excerpt = (
        f'<blockquote class="strike-excerpt">{esc(event.excerpt)}</blockquote>'
        if event.excerpt
        else ""
    )
    notes = f'<div class="strike-notes">{esc(event.notes)}</div>' if event.notes else ""
    colour = CATEGORY_COLOURS.get(event.category, CATEGORY_COLOURS[OTHER])
    category_label = CATEGORY_LABELS.get(event.category, event.category)
    rows = [
        ("Where", f"{esc(where_text(event))}{written}"),
        ("Date", esc(_date_text(event.event_date, event.time_precision))),
        ("Category", f'<b style="color:{colour}">{esc(category_label)}</b>'
                     f" / {esc(SUBTYPE_LABELS.get(event.subtype, event.subtype))}"),
        ("Attacker", esc(event.attacker)),
        ("Weapon", esc(event.weapon.replace("_", " "))),
        ("Source", f"{source}{publisher}{esc(published)}"),
        ("Confidence", f"{round(event.confidence * 100):d}%"),
        ("Status", esc(event.status)),
    ]
    table = "".join(
        f"<tr><th>{name}</th><td>{value}</td></tr>"
        for name, value in rows
    )
    return (
        f'<div class="strike-popup"><div class="strike-target">{target}</div>'
        f"<table>{table}</table>{excerpt}{notes}</div>"
    )


def tooltip_html(event: Event) -> str:
    """A one-line hover text: target, where, date (escaped).

    Examples
    --------
    >>> from datetime import date
    >>> tooltip_html(Event(id="x", event_date=date(2025, 3, 18), lon=1.0, lat=2.0, target="<x>", location="A"))
    '&lt;x&gt; &middot; A &middot; 2025-03-18'
    """
    target = esc(event.target) if event.target else "target not named"
    when = _date_text(event.event_date, event.time_precision)
    return f"{target} &middot; {esc(where_text(event))} &middot; {esc(when)}"


# --- layers ----------------------------------------------------------------------------------------------------


def _icon_style(category: str) -> str:
    size = ICON_PX.get(category, ICON_PX[OTHER])
    colour = CATEGORY_COLOURS.get(category, CATEGORY_COLOURS[OTHER])
    return (
        f"width:{size}px;height:{size}px;line-height:{size}px;background:{colour};color:#fff;"
        f"border:2px solid #fff;border-radius:{CATEGORY_SHAPES.get(category, '50%')};text-align:center;"
        f"font-size:{round(size * 0.5)}px;box-shadow:0 0 0 1px {colour},0 1px 3px rgba(0,0,0,.5);box-sizing:border-box;"
    )


def _marker_record(event: Event) -> dict[str, Any]:
    category = event.category if event.category in CATEGORIES else OTHER
    subtype = event.subtype if event.subtype in SUBTYPE_ICONS else "unknown"
    return {
        "lat": round(event.lat, 6),
        "lon": round(event.lon, 6),
        "c": category,
        "s": subtype,
        "p": int(event.geo_precision),
        "popup": popup_html(event),
        "tip": tooltip_html(event),
    }


class _RawScript(Element):
    """Script text written into the page as it is: no Jinja template is compiled from it.

    folium renders a MacroElement's script macro and then compiles the *output* again as a template
    (`Element(script(...))`): for a payload of thousands of records that second compile costs as much as the
    rest of the page. The payload goes in here instead, and the layer's small script refers to it by name.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawScript"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _PayloadMixin:
    """Adds `self.payload_json` to the page as `var <layer name>_data = …;` before the layer's own script."""

    payload_json: str

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()  # type: ignore[attr-defined]
        figure.script.add_child(
            _RawScript(f"var {self.get_name()}_data = {self.payload_json};"),  # type: ignore[attr-defined]
            name=f"{self.get_name()}_data",  # type: ignore[attr-defined]
        )
        super().render(**kwargs)  # type: ignore[misc]


class _EventLayer(_PayloadMixin, JSCSSMixin, Layer):  # type: ignore[misc]  # branca: Element.render -> str, MacroElement's -> None
    """All event markers as one JSON array and one loop (compact HTML; one marker = one `.strike-marker`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var styles = {{ this.styles_json }};
            var icons = {{ this.icons_json }};
            var sizes = {{ this.sizes_json }};
            var colours = {{ this.colours_json }};
            var records = {{ this.get_name() }}_data;
            var group = {% if this.cluster -%}
                L.markerClusterGroup({{ this.cluster_options }})
            {%- else -%}
                L.featureGroup()
            {%- endif %};
            records.forEach(function (r) {
                var marker;
                if (r.p === 3) {
                    // Region only: a hollow dashed ring, never a pin on the region's centre.
                    marker = L.circleMarker([r.lat, r.lon], {
                        radius: {{ this.region_radius }}, color: colours[r.c], weight: 3, dashArray: "5 4",
                        fill: true, fillOpacity: 0.04, className: "strike-marker strike-region strike-" + r.c
                    });
                } else {
                    var size = sizes[r.c];
                    var approx = r.p === 2 ? " strike-approx" : "";
                    marker = L.marker([r.lat, r.lon], {
                        icon: L.divIcon({
                            className: "strike-marker strike-" + r.c + " strike-" + r.s + approx,
                            html: '<div style="' + styles[r.c] + (r.p === 2 ? 'border-style:dashed;' : '') +
                                  '"><i class="fa-solid fa-' + icons[r.s] + '"></i></div>',
                            iconSize: [size, size], iconAnchor: [size / 2, size / 2], popupAnchor: [0, -size / 2]
                        }),
                        riseOnHover: true
                    });
                }
                marker.bindPopup(r.popup, {maxWidth: 360});
                marker.bindTooltip(r.tip);
                group.addLayer(marker);
            });
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, events: Sequence[Event], *, cluster: bool, name: str = "Strikes") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "StrikeEvents"
        self.cluster = cluster
        self.count = len(events)
        self.payload_json = _json_for_script([_marker_record(event) for event in events])
        self.styles_json = _json_for_script({category: _icon_style(category) for category in CATEGORIES})
        self.icons_json = _json_for_script(SUBTYPE_ICONS)
        self.sizes_json = _json_for_script(ICON_PX)
        self.colours_json = _json_for_script(CATEGORY_COLOURS)
        self.region_radius = REGION_RADIUS_PX
        # From street-level zoom on every marker stands alone (the fitted view, at most zoom 9, still clusters).
        self.cluster_options = _json_for_script({"disableClusteringAtZoom": 14, "maxClusterRadius": 50})
        if cluster:
            cluster_js = folium.plugins.MarkerCluster.default_js
            cluster_css = folium.plugins.MarkerCluster.default_css
            self.default_js = list(cluster_js)
            self.default_css = list(cluster_css)


def _marker_payload(marker: Any, events: Sequence[Event]) -> dict[str, Any]:
    """One marker of `strikes.aggregate.ZoomLevels` as the page draws it: a lone event, or a stack of events."""
    first = events[0]
    record = _marker_record(first)
    record["lat"], record["lon"] = round(float(marker.lat), 6), round(float(marker.lon), 6)
    record["n"] = len(events)
    record["f"] = int(marker.first_level)
    if len(events) > 1:
        # A stack never separates on the map (events within metres): one marker, its popup lists them all.
        record["c"] = marker.dominant_category if marker.dominant_category in CATEGORIES else OTHER
        subtypes = {event.subtype for event in events}
        record["s"] = first.subtype if len(subtypes) == 1 and first.subtype in SUBTYPE_ICONS else "unknown"
        record["p"] = first.geo_precision if len({e.geo_precision for e in events}) == 1 else 1
        record["popup"] = (
            f'<div class="strike-stack"><div class="strike-target">{len(events)} events at this point</div>'
            + "<hr>".join(popup_html(event) for event in events) + "</div>"
        )
        # Counts per category (energy, civilian, military, other): the stack's colour is only the dominant one.
        record["k"] = [int(getattr(marker, category)) for category in CATEGORIES]
        counts = ", ".join(
            f"{esc(CATEGORY_LABELS[category])} {int(getattr(marker, category))}"
            for category in CATEGORIES if int(getattr(marker, category))
        )
        record["tip"] = f"<b>{len(events)} events at this point</b> ({counts}) &middot; {tooltip_html(first)} &hellip;"
    return record


class _LevelLayer(_PayloadMixin, JSCSSMixin, Layer):  # type: ignore[misc]  # as _EventLayer
    """Many events: one aggregation per zoom level in one page, switched by the browser on `zoomend`.

    Each level is a compact JSON array of its crowded cells (`[lat, lon, count, energy, civilian, military,
    other]`), drawn as share rings (a conic gradient of the category colours around the count); the markers
    (lone events and stacks, with popups) carry the first level that shows them. At level i the layer holds the
    cells of level i and the markers of levels 0..i: every event exactly once. Only numbers and text built
    here (escaped on the server) reach the page's markup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var map = {{ this._parent.get_name() }};
            var data = {{ this.get_name() }}_data;
            var styles = {{ this.styles_json }};
            var icons = {{ this.icons_json }};
            var sizes = {{ this.sizes_json }};
            var colours = {{ this.colours_json }};
            var categories = {{ this.categories_json }};
            var labels = {{ this.labels_json }};
            var layer = L.layerGroup();
            var cellGroups = [], markerGroups = [], current = -1;
            function fmt(n) { return n.toLocaleString("en-US"); }
            function short(n) { return n < 1000 ? String(n) : n < 1e6 ? (n / 1e3).toFixed(n < 1e4 ? 1 : 0) + "k"
                                                                 : (n / 1e6).toFixed(1) + "M"; }
            function levelFor(zoom) {
                var index = 0;
                data.levels.forEach(function (level, i) { if (level.z <= zoom) { index = i; } });
                return index;
            }
            function cellMarker(c, largest, deepest) {
                var n = c[2], best = 0, angle = 0, stops = [], lines = [];
                for (var k = 0; k < categories.length; k++) {
                    var share = c[3 + k] / n;
                    if (c[3 + k] > c[3 + best]) { best = k; }
                    if (c[3 + k] > 0) {
                        stops.push(colours[categories[k]] + " " + angle.toFixed(1) + "% "
                                   + (angle + share * 100).toFixed(1) + "%");
                    }
                    angle += share * 100;
                    lines.push(labels[k] + ": " + fmt(c[3 + k]) + " (" + Math.round(share * 100) + "%)");
                }
                var size = Math.round(22 + 22 * Math.sqrt(n / largest));
                var tip = "<b>" + fmt(n) + " events</b><br>" + lines.join("<br>");
                if (deepest) {
                    tip += "<br><i>" + {{ this.deepest_note_json }} + "</i>";
                }
                return L.marker([c[0], c[1]], {
                    icon: L.divIcon({
                        className: "strike-cell strike-cell-" + categories[best],
                        html: '<div class="strike-ring" style="width:' + size + 'px;height:' + size + 'px;'
                              + 'background:conic-gradient(' + stops.join(",") + ');border-color:'
                              + colours[categories[best]] + '"><span>' + short(n) + '</span></div>',
                        iconSize: [size, size], iconAnchor: [size / 2, size / 2]
                    }),
                    keyboard: false
                }).bindTooltip(tip);
            }
            function eventMarker(r) {
                var marker;
                if (r.p === 3) {
                    marker = L.circleMarker([r.lat, r.lon], {
                        radius: {{ this.region_radius }}, color: colours[r.c], weight: 3, dashArray: "5 4",
                        fill: true, fillOpacity: 0.04, className: "strike-marker strike-region strike-" + r.c
                    });
                } else {
                    var size = sizes[r.c];
                    var badge = r.n > 1 ? '<span class="strike-stack-count">' + r.n + '</span>' : '';
                    marker = L.marker([r.lat, r.lon], {
                        icon: L.divIcon({
                            className: "strike-marker strike-" + r.c + " strike-" + r.s
                                       + (r.p === 2 ? " strike-approx" : "") + (r.n > 1 ? " strike-stack" : ""),
                            html: '<div style="' + styles[r.c] + (r.p === 2 ? 'border-style:dashed;' : '') +
                                  '"><i class="fa-solid fa-' + icons[r.s] + '"></i></div>' + badge,
                            iconSize: [size, size], iconAnchor: [size / 2, size / 2], popupAnchor: [0, -size / 2]
                        }),
                        riseOnHover: true,
                        zIndexOffset: 1000  // above the rings: a marker is never under a cell
                    });
                }
                marker.bindPopup(r.popup, {maxWidth: 360, maxHeight: 420});
                marker.bindTooltip(r.tip);
                return marker;
            }
            function cellsOf(i) {
                if (!cellGroups[i]) {
                    var cells = data.levels[i].cells, largest = 1;
                    cells.forEach(function (c) { largest = Math.max(largest, c[2]); });
                    var deepest = i === data.levels.length - 1 && !data.complete;
                    cellGroups[i] = L.featureGroup(cells.map(function (c) {
                        return cellMarker(c, largest, deepest);
                    }));
                }
                return cellGroups[i];
            }
            data.levels.forEach(function () { markerGroups.push(L.featureGroup()); });
            data.markers.forEach(function (r) { markerGroups[r.f].addLayer(eventMarker(r)); });
            function show(i) {
                if (i === current) { return; }
                if (current >= 0) { layer.removeLayer(cellGroups[current]); }
                layer.addLayer(cellsOf(i));
                markerGroups.forEach(function (group, j) {
                    if (j <= i && !layer.hasLayer(group)) { layer.addLayer(group); }
                    if (j > i && layer.hasLayer(group)) { layer.removeLayer(group); }
                });
                current = i;
                var markers = 0;
                data.markers.forEach(function (r) { if (r.f <= i) { markers += 1; } });
                var note = map.getContainer().querySelector(".strike-count");
                if (note) {
                    note.textContent = fmt(data.total) + " events in " + fmt(data.levels[i].cells.length)
                        + " grid cells and " + fmt(markers) + " markers at this zoom"
                        + (i === data.levels.length - 1 && !data.complete ? " (the finest grid)" : "");
                }
                layer.fire("strikelevel", {level: i});
            }
            layer.levelFor = levelFor;
            layer.currentLevel = function () { return current; };
            map.on("zoomend", function () { show(levelFor(map.getZoom())); });
            show(levelFor(map.getZoom()));
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, levels: Any, events: gpd.GeoDataFrame, name: str = "Strikes (cells by zoom)") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "StrikeLevels"
        self.levels = levels
        rows = [row for group in levels.markers["rows"] for row in group]
        by_row = dict(zip(rows, frame_to_events(events.iloc[rows]) if rows else [], strict=True))
        markers = [
            _marker_payload(marker, [by_row[row] for row in marker.rows])
            for marker in levels.markers.itertuples(index=False)
        ]
        payload = {
            "total": int(levels.n_events),
            "complete": bool(levels.complete),
            "levels": [
                {"z": int(level.zoom), "cells": _cell_rows(level.cells)} for level in levels.levels
            ],
            "markers": markers,
        }
        self.payload_json = _json_for_script(payload)
        self.styles_json = _json_for_script({category: _icon_style(category) for category in CATEGORIES})
        self.icons_json = _json_for_script(SUBTYPE_ICONS)
        self.sizes_json = _json_for_script(ICON_PX)
        self.colours_json = _json_for_script(CATEGORY_COLOURS)
        self.categories_json = _json_for_script(list(CATEGORIES))
        self.labels_json = _json_for_script([esc(CATEGORY_LABELS[category]) for category in CATEGORIES])
        self.deepest_note_json = _json_for_script(DEEPEST_NOTE)
        self.region_radius = REGION_RADIUS_PX


# Said by every cell of the finest level sent when crowded cells remain there (see strikes.aggregate.zoom_levels).
DEEPEST_NOTE = (
    "The finest grid: zooming in shows no more detail here. Narrow the filters to see these events one by one."
)


def _cell_rows(cells: Any) -> list[list[float | int]]:
    # Compact rows [lat, lon, count, energy, civilian, military, other]: 4 decimals (~10 m) place a cell.
    if not len(cells):
        return []
    numbers = np.column_stack([
        cells["lat"].to_numpy().round(4), cells["lon"].to_numpy().round(4), cells["count"].to_numpy(),
        *(cells[category].to_numpy() for category in CATEGORIES),
    ])
    return [[row[0], row[1], *(int(value) for value in row[2:])] for row in numbers.tolist()]


class _RemoteGeoJson(Layer):
    """A GeoJSON layer loaded by URL from the app itself (the offline basemap): nothing fetched at build time."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(null, {
            style: function () { return {{ this.style_json }}; },
            onEachFeature: function (feature, layer) {
                if (feature.properties && feature.properties.name) {
                    layer.bindTooltip(String(feature.properties.name).replace(/[&<>"']/g, function (ch) {
                        return "&#" + ch.charCodeAt(0) + ";";
                    }), {sticky: true});
                }
            },
            attribution: {{ this.attribution_json }},
            interactive: true
        });
        fetch({{ this.url_json }})
            .then(function (response) {
                if (!response.ok) { throw new Error("offline basemap: HTTP " + response.status); }
                return response.json();
            })
            .then(function (data) { {{ this.get_name() }}.addData(data); {{ this.get_name() }}.bringToBack(); })
            .catch(function (error) { console.warn(String(error)); });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, *, name: str, show: bool, style: Mapping[str, Any], attribution: str) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        self.url = url
        self.url_json = _json_for_script(url)
        self.style_json = _json_for_script(dict(style))
        self.attribution_json = _json_for_script(attribution)


# Popup layout, once in the page head rather than inline in each of thousands of popups.
POPUP_CSS = (
    ".strike-popup{font-size:13px;min-width:220px;max-width:340px}"
    ".strike-target{font-weight:bold;font-size:14px;margin-bottom:4px}"
    ".strike-popup th{text-align:left;padding-right:6px;vertical-align:top}"
    ".strike-excerpt{margin:4px 0;padding-left:6px;border-left:3px solid #ccc}"
    ".strike-notes{color:#555}"
    # Grid cells of many events: a ring of category shares around the count (energy and civilian never merge).
    ".strike-ring{border-radius:50%;border:2px solid;box-sizing:border-box;display:flex;align-items:center;"
    "justify-content:center;box-shadow:0 1px 3px rgba(0,0,0,.45);opacity:.92}"
    ".strike-ring span{background:#fff;border-radius:50%;min-width:62%;height:62%;display:flex;align-items:center;"
    "justify-content:center;font:bold 10px/1 sans-serif;color:#222}"
    ".strike-stack-count{position:absolute;top:-7px;right:-9px;background:#222;color:#fff;border-radius:8px;"
    "padding:0 4px;font:bold 10px/14px sans-serif}"
)
BASEMAP_STYLE = {"color": "#7a7a7a", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 1}
SEA_COLOUR = "#c6dbe6"


def legend_html() -> str:
    """The legend (static HTML, no data from any report): category colours and shapes, subtype icons, rings.

    Examples
    --------
    >>> "somewhere in the region" in legend_html()
    True
    """
    rows = []
    for category in CATEGORIES:
        icons = " ".join(
            f'<i class="fa-solid fa-{SUBTYPE_ICONS[sub]}" title="{esc(SUBTYPE_LABELS[sub])}"></i>'
            for sub in SUBTYPES[category]
        )
        rows.append(
            f'<div class="legend-row legend-{category}" style="margin:2px 0;white-space:nowrap;">'
            f'<span style="display:inline-block;vertical-align:middle;{_icon_style(category)}width:16px;height:16px;'
            f'line-height:16px;font-size:0;"></span> <b>{esc(CATEGORY_LABELS[category])}</b> '
            f'<span style="color:#555;font-size:11px;">({CATEGORY_SHAPE_NAMES[category]}) {icons}</span></div>'
        )
    ring = (
        '<div class="legend-row legend-region" style="margin:4px 0 0;white-space:nowrap;">'
        '<span style="display:inline-block;vertical-align:middle;width:16px;height:16px;border:2px dashed #333;'
        'border-radius:50%;box-sizing:border-box;"></span> region only: somewhere in the region</div>'
        '<div class="legend-row legend-approx" style="white-space:nowrap;">'
        '<span style="display:inline-block;vertical-align:middle;width:14px;height:14px;border:2px dashed #333;'
        'box-sizing:border-box;"></span> dashed border: near the place</div>'
    )
    return (
        '<div class="strike-legend" style="background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
        'box-shadow:0 1px 4px rgba(0,0,0,.4);font:12px/1.35 sans-serif;">'
        # <details>: a click on the title folds the legend away when it covers markers (no script needed).
        '<details open><summary style="font-weight:bold;margin-bottom:2px;cursor:pointer;">Strikes by category'
        f'</summary>{"".join(rows)}{ring}</details></div>'
    )


class _Legend(MacroElement):
    """The legend as a Leaflet control (bottom left), so it lives inside the map however it is embedded."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomleft"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "strike-legend-control");
            div.innerHTML = {{ this.html_json }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = _json_for_script(legend_html())


class _FitBounds(MacroElement):
    """Fit the view to the events, keeping them out from under the layer control (top right).

    The layer control and the count note hide what is under them and cannot be folded (the legend can). Their
    size is known only in the browser, so the script measures the corner and, only when the plain fit leaves
    the centre of a marker or cell under it (padding can cost a whole zoom step), fits again padded below or
    left of it, whichever keeps the larger zoom: a far-north-east event is never under the control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var bounds = L.latLngBounds({{ this.bounds_json }});
            var pad = {{ this.padding }};
            // The layer control and the count note (top right) cannot be folded away (the legend, bottom left,
            // can): the fit avoids that corner by padding its bottom or its left side, whichever keeps the
            // larger zoom, and only when the plain fit puts the centre of a marker or cell under it (padding can
            // cost a whole zoom step).
            var corner = map.getContainer().querySelector(".leaflet-top.leaflet-right");
            var w = corner ? corner.offsetWidth : 0, h = corner ? corner.offsetHeight : 0;
            var below = {paddingTopLeft: [pad, pad + h], paddingBottomRight: [pad, pad]};
            var beside = {paddingTopLeft: [pad, pad], paddingBottomRight: [pad + w, pad]};
            var padded = map.getBoundsZoom(bounds, false, L.point(2 * pad, 2 * pad + h))
                >= map.getBoundsZoom(bounds, false, L.point(2 * pad + w, 2 * pad)) ? below : beside;
            padded.maxZoom = {{ this.max_zoom }};
            padded.animate = false;
            function covered() {
                if (!corner || !w || !h) { return false; }
                var box = corner.getBoundingClientRect();
                var items = map.getContainer().querySelectorAll(".strike-marker, .strike-cell, .marker-cluster");
                for (var i = 0; i < items.length; i++) {
                    var r = items[i].getBoundingClientRect();
                    var x = r.left + r.width / 2, y = r.top + r.height / 2;
                    if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) { return true; }
                }
                return false;
            }
            map.fitBounds(bounds, {padding: [pad, pad], maxZoom: {{ this.max_zoom }}, animate: false});
            if (covered()) { map.fitBounds(bounds, padded); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, south: float, west: float, north: float, east: float, *, padding: int = 30,
                 max_zoom: int = FIT_MAX_ZOOM) -> None:
        super().__init__()
        self._name = "FitBounds"
        self.bounds = [[south, west], [north, east]]
        self.bounds_json = _json_for_script(self.bounds)
        self.padding = int(padding)
        self.max_zoom = int(max_zoom)


class _ShownCount(MacroElement):
    """A small note at the top right saying how many events the map shows, and how."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "topright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "strike-count");
            div.style.cssText = "background:rgba(255,255,255,.9);padding:2px 6px;border-radius:3px;"
                + "font:12px sans-serif;";
            div.textContent = {{ this.text_json }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "ShownCount"
        self.text = text
        self.text_json = _json_for_script(text)


# --- facilities --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacilityPoint:
    """A known energy facility as the map draws it."""

    name: str
    lat: float
    lon: float
    capacity_mw: float | None = None
    fuel: str = ""


def _facility_points(rows: Any) -> list[FacilityPoint]:
    if rows is None:
        return []
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a (Geo)DataFrame
        rows = rows.to_dict("records")
    points = []
    for row in rows:
        get = row.get if isinstance(row, Mapping) else (lambda key, default=None, _r=row: getattr(_r, key, default))
        try:
            lat, lon = float(get("lat")), float(get("lon"))  # type: ignore[arg-type]  # None: TypeError below
        except (TypeError, ValueError):
            continue  # a plant without coordinates cannot be drawn; the gazetteer reports it, not the map
        if not (math.isfinite(lat) and math.isfinite(lon)) or (lat == 0 and lon == 0):
            continue
        capacity = get("capacity_mw", None)
        try:
            capacity = float(capacity) if capacity not in (None, "") else None
        except (TypeError, ValueError):
            capacity = None
        if capacity is not None and not math.isfinite(capacity):
            capacity = None
        points.append(FacilityPoint(str(get("name", "") or ""), lat, lon, capacity, str(get("fuel", "") or "")))
    return points


def load_facility_rows() -> Any | None:
    """The power plants of the facility gazetteer, or None while `geocoding.load_facilities` does not exist."""
    try:
        from geocoding import load_facilities  # type: ignore[attr-defined]
    except ImportError:
        return None
    return load_facilities()


def facilities_available() -> bool:
    """True when the facility gazetteer can be drawn (the page greys out its toggle otherwise)."""
    try:
        from geocoding import load_facilities  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return False
    return True


def _facility_layer(points: Sequence[FacilityPoint]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=f"Power plants ({len(points)})", show=True)
    for point in points:
        details = [esc(point.name or "unnamed plant")]
        if point.fuel:
            details.append(esc(point.fuel))
        if point.capacity_mw is not None:
            details.append(f"{point.capacity_mw:,.0f} MW")
        folium.CircleMarker(
            location=(point.lat, point.lon),
            radius=5,
            color="#222",
            weight=1.5,
            fill=True,
            fill_color="#ffd23f",
            fill_opacity=0.9,
            class_name="facility-marker",
            tooltip=folium.Tooltip(" &middot; ".join(details)),
        ).add_to(group)
    return group


# --- the map -----------------------------------------------------------------------------------------------------


def _coordinates(events: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    geometry = np.asarray(events.geometry.values)
    return shapely.get_y(geometry), shapely.get_x(geometry)


def _zoom_for(lats: np.ndarray, lons: np.ndarray) -> int:
    # The zoom fit_bounds will land on for this extent, for sizing grid cells (about MAP_WIDTH_PX wide).
    extent = max(float(np.ptp(lons)) if len(lons) else 0.0, float(np.ptp(lats)) * 1.5 if len(lats) else 0.0, 1e-6)
    zoom = math.floor(math.log2(360.0 * MAP_WIDTH_PX / (256.0 * extent)))
    return int(min(max(zoom, 2), FIT_MAX_ZOOM))


def _check_events(events: Any) -> None:
    if not isinstance(events, gpd.GeoDataFrame):
        raise MapError(f"events: expected a GeoDataFrame from strikes.store, got {type(events).__name__}")
    missing = [name for name in ("id", "category", "subtype", "geo_precision") if name not in events.columns]
    if missing:
        raise MapError(f"events, column {missing[0]!r}: expected a store frame column, got none")


def build_map(
    events: gpd.GeoDataFrame,
    *,
    basemap: str = "osm",
    heatmap: bool = False,
    facilities: bool = False,
    cluster: bool | None = None,
    facility_rows: Iterable[Any] | None = None,
) -> folium.Map:
    """The map of `events` (a store frame, already filtered): markers, legend, layers, fitted to the events.

    Parameters
    ----------
    events
        Store GeoDataFrame (EPSG:4326), e.g. `apply_filter(load_events(), f)`.
    basemap
        "osm" (OpenStreetMap tiles) or "offline" (country outlines served by the app; no tile request).
        The other one stays available in the layer control.
    heatmap
        Add a heatmap layer (toggle in the layer control).
    facilities
        Add the power plants of the facility gazetteer as a layer (when `geocoding.load_facilities` exists,
        or from `facility_rows`).
    cluster
        Cluster markers; None clusters above `CLUSTER_THRESHOLD` events.
    facility_rows
        Facilities to draw instead of the gazetteer's (rows or objects with name, lat, lon, capacity_mw, fuel).

    Returns
    -------
    folium.Map
        With every script and stylesheet at a local URL (see `dashboard.vendor.localise`).

    Examples
    --------
    >>> from strikes.store import load_events
    >>> m = build_map(load_events(), basemap="offline")  # doctest: +SKIP
    >>> "strike-marker" in map_html(m)  # doctest: +SKIP
    True
    """
    _check_events(events)
    if basemap not in BASEMAPS:
        raise MapError(f"basemap: expected one of {', '.join(BASEMAPS)}, got {basemap!r}")
    lats, lons = _coordinates(events)
    m = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None, control_scale=True,
                   prefer_canvas=False)
    # Sea colour under the offline outlines (OSM tiles cover it when they are on).
    m.get_root().header.add_child(  # type: ignore[attr-defined]  # a Map's root is a branca Figure
        # Two classes: leaflet.css (loaded after this) sets .leaflet-container's background with one.
        Element(f"<style>.folium-map.leaflet-container {{ background: {SEA_COLOUR}; }}{POPUP_CSS}</style>"),
        name="strike_map_css",
    )
    folium.TileLayer(OSM_TILES, name="OpenStreetMap", attr=OSM_ATTRIBUTION, max_zoom=19,
                     show=basemap == "osm", overlay=False, control=True).add_to(m)
    _RemoteGeoJson(BASEMAP_URL, name="Offline outlines (no tiles)", show=basemap == "offline",
                   style=BASEMAP_STYLE, attribution=BASEMAP_ATTRIBUTION).add_to(m)

    n = len(events)
    if n > MAX_POINTS and _aggregate is not None:
        # One aggregation per zoom from the fitted one on, switched in the browser: zooming in splits the cells
        # until each event (or stack of events at one point) is its own marker with its popup.
        levels = _aggregate.zoom_levels(events, _zoom_for(lats, lons))
        layer = _LevelLayer(levels, events)
        layer.add_to(m)
        first_cells, first_markers = levels.shown_at(0)
        shown = (f"{n:,} events in {len(first_cells):,} grid cells and {len(first_markers):,} markers "
                 "at this zoom")
    else:
        do_cluster = n > CLUSTER_THRESHOLD if cluster is None else bool(cluster)
        _EventLayer(list(frame_to_events(events)), cluster=do_cluster).add_to(m)
        shown = f"{n:,} event{'s' if n != 1 else ''} shown" + (" (clustered)" if do_cluster and n else "")
    _ShownCount(shown).add_to(m)

    if heatmap and n:
        if n > MAX_POINTS and _aggregate is not None:
            fine = _aggregate.grid_cells(events, _aggregate.cell_size_for_zoom(min(_zoom_for(lats, lons) + 2, 12)))
            # Weights in 0..1 (leaflet.heat's default max is 1): the densest cell is the hottest.
            weights = fine["count"].to_numpy() / max(int(fine["count"].max()), 1)
            data = np.column_stack([fine["lat"], fine["lon"], weights]).round(5).tolist()
        else:
            data = np.column_stack([lats, lons]).round(5).tolist()
        folium.plugins.HeatMap(data, name="Heatmap", radius=HEAT_RADIUS_PX, blur=20, min_opacity=0.35,
                               show=True).add_to(m)

    if facilities:
        rows = facility_rows if facility_rows is not None else load_facility_rows()
        points = _facility_points(rows)
        if points:
            _facility_layer(points).add_to(m)

    _Legend().add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    if n:
        south, north = float(np.min(lats)), float(np.max(lats))
        west, east = float(np.min(lons)), float(np.max(lons))
        _FitBounds(south, west, north, east).add_to(m)
    return localise(m)


def map_html(m: folium.Map) -> str:
    """The full HTML page of `m`, every script and stylesheet at a local URL (re-checked here).

    Examples
    --------
    >>> html_text = map_html(build_map(empty_frame()))  # doctest: +SKIP
    >>> "cdn." in html_text  # doctest: +SKIP
    False
    """
    return localise(m).get_root().render()
