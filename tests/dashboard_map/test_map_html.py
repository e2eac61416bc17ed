"""The map builder rendered to HTML: markers, colours, rings, legend, layers, local assets, escaping."""

from __future__ import annotations

import json
import re

import folium
import folium.plugins
import pytest

import dashboard.map as strike_map
from dashboard.map import (
    CLUSTER_THRESHOLD,
    OSM_TILES,
    MapError,
    build_map,
    map_html,
)
from dashboard.vendor import BASEMAP_URL, VENDOR_URL, AssetError, localise
from strikes.store import empty_frame, events_to_frame
from strikes.taxonomy import CATEGORY_COLOURS
from tests.dashboard_map.conftest import PAYLOADS, many_frame

ALLOWED_REMOTE = {OSM_TILES, "https://www.openstreetmap.org/copyright"}
_RECORDS = re.compile(r"var strike_events_[0-9a-f]+_data = (\[.*?\]);$", re.S | re.M)
_LEVELS = re.compile(r"var strike_levels_[0-9a-f]+_data = (\{.*?\});$", re.S | re.M)


def records_of(html_text: str) -> list[dict]:
    """The marker records the event layer(s) embed (JSON; \\u003c escapes decode back to text)."""
    return [record for block in _RECORDS.findall(html_text) for record in json.loads(block)]


def levels_of(html_text: str) -> dict:
    """The payload of the zoom-level layer: {"total", "complete", "levels": [{"z", "cells"}], "markers"}."""
    found = _LEVELS.findall(html_text)
    assert len(found) == 1, len(found)
    return json.loads(found[0])


def layer_var(html_text: str, prefix: str) -> str:
    found = re.findall(rf"var ({prefix}_[0-9a-f]+) =", html_text)
    assert len(found) == 1, (prefix, found)
    return found[0]


def is_added(html_text: str, variable: str) -> bool:
    return re.search(rf"{variable}\s*\.addTo\(map_[0-9a-f]+\)", html_text) is not None


@pytest.fixture
def seed_html(three_frame) -> str:
    return map_html(build_map(three_frame))


# --- markers, colours, shapes, rings --------------------------------------------------------------------------


def test_one_record_per_event_in_store_order(seed_html, three_events):
    records = records_of(seed_html)
    assert [(r["lat"], r["lon"]) for r in records] == [(round(e.lat, 6), round(e.lon, 6)) for e in three_events]
    assert [r["c"] for r in records] == ["energy", "civilian", "energy"]
    assert [r["s"] for r in records] == ["power_generation", "residential", "oil"]


def test_markers_carry_the_countable_class_and_category_class(seed_html):
    assert '"strike-marker strike-" + r.c' in seed_html
    assert 'className: "strike-marker strike-region strike-" + r.c' in seed_html


@pytest.mark.parametrize("category", ["energy", "civilian", "military", "other"])
def test_category_colour_reaches_the_page(seed_html, category):
    assert CATEGORY_COLOURS[category] in seed_html


def test_energy_and_civilian_differ_in_colour_shape_and_icon():
    assert CATEGORY_COLOURS["energy"] != CATEGORY_COLOURS["civilian"]
    assert strike_map.CATEGORY_SHAPES["energy"] != strike_map.CATEGORY_SHAPES["civilian"]
    energy_icons = {strike_map.SUBTYPE_ICONS[s] for s in ("power_generation", "power_grid", "oil", "gas", "heating")}
    civilian_icons = {strike_map.SUBTYPE_ICONS[s] for s in ("medical", "residential", "education")}
    assert not energy_icons & civilian_icons


def test_every_subtype_has_an_icon_name_of_plain_letters():
    from strikes.taxonomy import ALL_SUBTYPES

    assert set(strike_map.SUBTYPE_ICONS) == set(ALL_SUBTYPES)
    assert all(re.fullmatch(r"[a-z-]+", name) for name in strike_map.SUBTYPE_ICONS.values())


def test_region_precision_event_is_a_hollow_ring_saying_somewhere_in(seed_html):
    region = [r for r in records_of(seed_html) if r["p"] == 3]
    assert len(region) == 1
    assert "somewhere in Krasnodar Krai" in region[0]["popup"]
    assert "somewhere in Krasnodar Krai" in region[0]["tip"]
    # The ring: a circle marker, not an icon, with a transparent-ish fill and a dashed outline.
    ring = seed_html[seed_html.index("if (r.p === 3)"):seed_html.index("} else {")]
    assert "L.circleMarker" in ring and "dashArray" in ring and "fillOpacity: 0.04" in ring


@pytest.mark.parametrize("precision, words", [(1, "Kharkiv, Kharkiv Oblast, UA"), (2, "near Kharkiv"),
                                              (3, "somewhere in Kharkiv Oblast, UA")])
def test_popup_place_words_follow_geo_precision(precision, words):
    from tests.dashboard_map.conftest import make_event

    html_text = map_html(build_map(events_to_frame([make_event(geo_precision=precision)])))
    assert words in records_of(html_text)[0]["popup"]


def test_legend_lists_categories_and_the_ring(seed_html):
    assert "strike-legend" in seed_html
    for label in ("Energy", "Civilian", "Military", "Other", "region only: somewhere in the region"):
        assert label in seed_html


def test_shown_count_note(seed_html):
    assert '"3 events shown"' in seed_html


# --- clustering, cells, heatmap, basemaps, facilities ------------------------------------------------------------


def test_few_events_are_not_clustered(seed_html):
    assert "L.markerClusterGroup(" not in seed_html
    assert "markercluster" not in seed_html


def test_many_events_cluster_above_the_threshold():
    html_text = map_html(build_map(many_frame(CLUSTER_THRESHOLD + 1)))
    assert "L.markerClusterGroup(" in html_text
    assert f"{VENDOR_URL}/leaflet.markercluster/dist/leaflet.markercluster.js" in html_text
    assert len(records_of(html_text)) == CLUSTER_THRESHOLD + 1


def test_exactly_threshold_events_stay_unclustered():
    assert "L.markerClusterGroup(" not in map_html(build_map(many_frame(CLUSTER_THRESHOLD)))


@pytest.mark.parametrize("cluster, n, expected", [(True, 3, True), (False, CLUSTER_THRESHOLD + 50, False)])
def test_cluster_argument_overrides_the_threshold(cluster, n, expected):
    html_text = map_html(build_map(many_frame(n), cluster=cluster))
    assert ("L.markerClusterGroup(" in html_text) is expected


def test_above_max_points_the_map_draws_grid_cells(monkeypatch):
    monkeypatch.setattr(strike_map, "MAX_POINTS", 50)
    html_text = map_html(build_map(many_frame(120)))
    payload = levels_of(html_text)
    assert payload["total"] == 120 and records_of(html_text) == []
    first = payload["levels"][0]
    assert first["cells"], "the fitted level shows cells"
    shown = sum(c[2] for c in first["cells"]) + sum(r["n"] for r in payload["markers"] if r["f"] == 0)
    assert shown == 120
    assert all(c[4] == c[2] for c in first["cells"])  # every event civilian: [lat, lon, n, e, c, m, o]
    assert "strike-cell" in html_text and "grid cells" in html_text


def test_heatmap_layer_only_when_asked(three_frame):
    with_heat = map_html(build_map(three_frame, heatmap=True))
    without = map_html(build_map(three_frame))
    assert "L.heatLayer(" in with_heat and f"{VENDOR_URL}/folium/leaflet_heat.min.js" in with_heat
    assert "L.heatLayer(" not in without and "leaflet_heat" not in without


def test_heatmap_on_an_empty_selection_adds_nothing():
    assert "L.heatLayer(" not in map_html(build_map(empty_frame(), heatmap=True))


def test_osm_basemap_is_shown_and_offline_outlines_are_a_choice(seed_html):
    tiles = layer_var(seed_html, "tile_layer")
    outlines = layer_var(seed_html, "offline_basemap")
    assert is_added(seed_html, tiles) and not is_added(seed_html, outlines)
    assert f'"Offline outlines (no tiles)" : {outlines}' in seed_html


def test_offline_basemap_draws_outlines_and_no_tiles(three_frame):
    html_text = map_html(build_map(three_frame, basemap="offline"))
    tiles = layer_var(html_text, "tile_layer")
    outlines = layer_var(html_text, "offline_basemap")
    assert is_added(html_text, outlines) and not is_added(html_text, tiles)
    assert json.dumps(BASEMAP_URL) in html_text
    assert f'"OpenStreetMap" : {tiles}' in html_text  # still one click away


@pytest.mark.parametrize("basemap", ["", "OSM", "satellite", None])
def test_unknown_basemap_is_rejected(three_frame, basemap):
    with pytest.raises(MapError, match="basemap: expected one of osm, offline"):
        build_map(three_frame, basemap=basemap)


@pytest.mark.parametrize("events", [None, [], "events.geojson"])
def test_non_frame_input_is_rejected(events):
    with pytest.raises(MapError, match="events: expected a GeoDataFrame"):
        build_map(events)


def test_frame_without_category_column_is_rejected(three_frame):
    with pytest.raises(MapError, match="column 'category'"):
        build_map(three_frame.drop(columns="category"))


def test_empty_selection_builds_a_map_centred_on_the_war():
    html_text = map_html(build_map(empty_frame()))
    assert records_of(html_text) == []
    assert '"0 events shown"' in html_text
    assert "fitBounds" not in html_text
    assert "[48.5, 34.0]" in html_text


def test_map_is_fitted_to_the_filtered_events(seed_html):
    bounds = re.search(r"L\.latLngBounds\((\[\[.*?\]\])\)", seed_html)
    assert bounds is not None
    assert json.loads(bounds.group(1)) == [[45.03, 30.7233], [49.9935, 38.98]]
    assert "if (covered()) { map.fitBounds(bounds, padded); }" in seed_html


def test_the_fit_keeps_events_out_from_under_the_layer_control(seed_html):
    # Measured in the browser: the corner holding the layer control and the count note pads the fit.
    fit = seed_html[seed_html.index("L.latLngBounds("):]
    assert 'querySelector(".leaflet-top.leaflet-right")' in fit
    assert "paddingTopLeft: [pad, pad + h]" in fit and "paddingBottomRight: [pad + w, pad]" in fit
    assert "maxZoom: 9" in fit
    # The corner exists when the fit runs: the layer control is added to the page before it.
    assert seed_html.index("L.control.layers(") < seed_html.index("L.latLngBounds(")


def test_facility_layer_from_rows_escapes_names_and_skips_unplaceable_rows(three_frame):
    rows = [
        {"name": "Zmiivska TPP <b>", "lat": 49.6, "lon": 36.3, "capacity_mw": 2200, "fuel": "coal"},
        {"name": "no coordinates", "lat": None, "lon": None, "capacity_mw": 10, "fuel": "gas"},
        {"name": "null island", "lat": 0, "lon": 0, "capacity_mw": "", "fuel": ""},
        {"name": "bad capacity", "lat": 50.1, "lon": 30.1, "capacity_mw": "lots", "fuel": "`${x}`"},
    ]
    html_text = map_html(build_map(three_frame, facilities=True, facility_rows=rows))
    assert "Power plants (2)" in html_text
    assert html_text.count("facility-marker") == 2
    assert "Zmiivska TPP &lt;b&gt;" in html_text and "<b>" not in html_text.split("Zmiivska TPP")[1][:20]
    assert "2,200 MW" in html_text
    assert "${x}" not in html_text and "&#96;&#36;{x}&#96;" in html_text
    assert "no coordinates" not in html_text and "null island" not in html_text


def test_no_facility_layer_unless_asked(three_frame):
    rows = [{"name": "Plant", "lat": 49.6, "lon": 36.3, "capacity_mw": 1, "fuel": "coal"}]
    assert "facility-marker" not in map_html(build_map(three_frame, facility_rows=rows))


# --- offline assets --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"basemap": "offline", "heatmap": True}, {"cluster": True}])
def test_every_script_and_stylesheet_is_served_by_the_app(three_frame, options):
    html_text = map_html(build_map(three_frame, **options))
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html_text)
    styles = re.findall(r'<link[^>]+href="([^"]+)"', html_text)
    assert sources and styles
    assert all(url.startswith(f"{VENDOR_URL}/") for url in sources + styles), sources + styles


@pytest.mark.parametrize("options", [{}, {"basemap": "offline", "heatmap": True, "cluster": True}])
def test_no_remote_url_but_tiles_attribution_and_source_links(three_frame, options):
    html_text = map_html(build_map(three_frame, **options))
    remote = set(re.findall(r"(?:https?:)?//[a-zA-Z0-9.-]+\.[a-z]{2,}[^\s\"'<>)\\]*", html_text))
    sources = set(three_frame["source_url"])  # links in popups, followed only on a click
    assert remote <= ALLOWED_REMOTE | sources, remote - ALLOWED_REMOTE - sources
    assert OSM_TILES in remote


def test_building_a_map_leaves_folium_classes_untouched(three_frame):
    before = list(folium.Map.default_js)
    build_map(three_frame)
    assert folium.Map.default_js == before
    assert before[0][1].startswith("https://")


def test_an_unvendored_plugin_raises_instead_of_loading_from_a_cdn(three_frame):
    m = build_map(three_frame)
    folium.plugins.Fullscreen().add_to(m)
    with pytest.raises(AssetError, match=r"Fullscreen.*expected a script or stylesheet vendored"):
        map_html(m)


def test_localise_is_idempotent(three_frame):
    m = build_map(three_frame)
    first = list(m.default_js)
    localise(m)
    assert m.default_js == first


# --- hostile text ------------------------------------------------------------------------------------------------


def test_hostile_text_never_reaches_the_page_as_markup(hostile_events):
    html_text = map_html(build_map(events_to_frame(hostile_events), heatmap=True))
    # Our own <script> tags only: none opened or closed by a field.
    assert html_text.count("<script") == html_text.count("</script>")
    for payload in PAYLOADS:
        assert payload not in html_text
    assert "<img" not in html_text
    assert "${" not in html_text
    assert "javascript:" not in html_text
    # The link is dropped entirely, not neutralised in place.
    for record in records_of(html_text):
        assert "<a " not in record["popup"]
        assert "javascript:" not in record["popup"]


def test_hostile_records_decode_to_escaped_text(hostile_events):
    records = records_of(map_html(build_map(events_to_frame(hostile_events))))
    assert len(records) == len(PAYLOADS)
    for record in records:
        for field in ("popup", "tip"):
            assert "<script" not in record[field] and "<img" not in record[field]
            assert "`" not in record[field] and "${" not in record[field]
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in records[0]["popup"]


def test_facility_layer_from_the_gazetteer(three_frame):
    from geocoding import load_facilities

    plants = load_facilities()
    assert strike_map.facilities_available()
    html_text = map_html(build_map(three_frame, facilities=True))
    assert f"Power plants ({len(plants)})" in html_text
    assert html_text.count("facility-marker") == len(plants)
    assert esc_name(plants[0].name) in html_text


def esc_name(name: str) -> str:
    return strike_map.esc(name)


# --- zoom levels (many events) -------------------------------------------------------------------------------------


def _crowd_with_hidden(n: int, hidden_target: str = "barracks", **hidden):
    """`n` events within ~100 m of one point, and one event ~3 km away (one cell at the fitted zoom)."""
    from tests.dashboard_map.conftest import make_event

    crowd = [make_event(id=f"crowd-{i}", lon=37.85 + (i % 7) * 0.0004, lat=48.8 + (i % 11) * 0.0003,
                        category=("energy", "civilian")[i % 2], subtype=("power_grid", "residential")[i % 2],
                        target="substation") for i in range(n)]
    values = dict(id="hidden-1", lon=37.88, lat=48.82, category="military", subtype="military",
                  target=hidden_target)
    values.update(hidden)
    return events_to_frame([*crowd, make_event(**values)])


@pytest.fixture
def levels_html(monkeypatch) -> str:
    monkeypatch.setattr(strike_map, "MAX_POINTS", 50)
    return map_html(build_map(_crowd_with_hidden(120)))


def test_levels_are_switched_in_the_browser_on_zoom(levels_html):
    payload = levels_of(levels_html)
    zooms = [level["z"] for level in payload["levels"]]
    assert len(zooms) >= 3 and zooms == sorted(zooms) and len(set(zooms)) == len(zooms)
    assert 'map.on("zoomend"' in levels_html and "show(levelFor(map.getZoom()))" in levels_html
    assert "Strikes (cells by zoom)" in levels_html


def test_every_level_of_the_page_holds_every_event_once_with_its_category(levels_html):
    payload = levels_of(levels_html)
    for index, level in enumerate(payload["levels"]):
        markers = [r for r in payload["markers"] if r["f"] <= index]
        assert sum(c[2] for c in level["cells"]) + sum(r["n"] for r in markers) == 121
        per_category = [sum(c[3 + k] for c in level["cells"]) for k in range(4)]
        for r in markers:
            if r["n"] == 1:
                per_category[["energy", "civilian", "military", "other"].index(r["c"])] += 1
            else:  # a stack carries its count per category
                assert sum(r["k"]) == r["n"]
                per_category = [a + b for a, b in zip(per_category, r["k"], strict=True)]
        assert per_category == [60, 60, 1, 0], index


def test_the_hidden_lone_event_is_a_marker_with_its_popup_at_the_deepest_level(levels_html):
    payload = levels_of(levels_html)
    hidden = [r for r in payload["markers"] if "barracks" in r["popup"]]
    assert len(hidden) == 1
    marker = hidden[0]
    assert marker["n"] == 1 and marker["c"] == "military" and (marker["lat"], marker["lon"]) == (48.82, 37.88)
    assert 0 < marker["f"] <= len(payload["levels"]) - 1  # inside a cell when fitted, its own marker deeper
    assert payload["levels"][0]["cells"][0][2] == 121
    assert "Where" in marker["popup"] and "barracks" in marker["tip"]


def test_the_initial_count_note_describes_the_fitted_level(levels_html):
    assert '"121 events in 1 grid cells and 0 markers at this zoom"' in levels_html


def test_cells_are_rings_of_category_shares(levels_html):
    assert "conic-gradient(" in levels_html and ".strike-ring{" in levels_html
    assert '"strike-cell strike-cell-" + categories[best]' in levels_html


def test_a_stack_of_events_at_one_point_is_one_marker_whose_popup_lists_them(monkeypatch):
    from tests.dashboard_map.conftest import make_event

    monkeypatch.setattr(strike_map, "MAX_POINTS", 5)
    stack = [make_event(id=f"s{i}", target=f"<b>target {i}</b>") for i in range(3)]
    spread = [make_event(id=f"far{i}", lon=30.0 + i, lat=46.0 + i / 3) for i in range(4)]
    payload = levels_of(map_html(build_map(events_to_frame([*stack, *spread]))))
    stacks = [r for r in payload["markers"] if r["n"] > 1]
    assert len(stacks) == 1
    popup = stacks[0]["popup"]
    assert "3 events at this point" in popup and "3 events at this point" in stacks[0]["tip"]
    assert stacks[0]["k"] == [3, 0, 0, 0]
    assert all(f"&lt;b&gt;target {i}&lt;/b&gt;" in popup for i in range(3)) and "<b>target" not in popup


@pytest.mark.parametrize("n", [3, 120])
def test_template_syntax_in_a_report_is_text_not_evaluated(monkeypatch, n):
    # The payload is raw script text: folium never compiles it as a Jinja template ({{ 7*7 }} stays as it is).
    monkeypatch.setattr(strike_map, "MAX_POINTS", 50)
    html_text = map_html(build_map(_crowd_with_hidden(n, hidden_target="{{ 7*7 }} {% if 1 %}x{% endif %}")))
    assert "{{ 7*7 }} {% if 1 %}x{% endif %}" in html_text
    assert "49 x" not in html_text


def test_hostile_text_in_the_levels_payload_stays_escaped(monkeypatch):
    monkeypatch.setattr(strike_map, "MAX_POINTS", 50)
    for payload_text in PAYLOADS:
        html_text = map_html(build_map(_crowd_with_hidden(60, hidden_target=payload_text, notes=payload_text)))
        assert html_text.count("<script") == html_text.count("</script>")
        assert payload_text not in html_text
        hidden = [r for r in levels_of(html_text)["markers"] if r["c"] == "military"]
        assert "<script" not in hidden[0]["popup"] and "<img" not in hidden[0]["popup"]
