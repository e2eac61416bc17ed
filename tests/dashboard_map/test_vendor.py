"""dashboard.vendor: pinned npm files, CDN→local rewriting, the offline basemap, static serving config."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import folium
import pytest
from folium.plugins import HeatMap, MarkerCluster

from dashboard import vendor
from dashboard.vendor import (
    FOLIUM_ASSETS,
    VENDOR_FILES,
    AssetError,
    check_pins,
    local_url,
    localise,
    localise_url,
    missing_files,
    topology_to_geojson,
)

ROOT = Path(__file__).resolve().parent.parent.parent


FOLIUM_URLS = sorted({
    url for element in (folium.Map, MarkerCluster, HeatMap) for _, url in (*element.default_js, *element.default_css)
})


def test_every_mapped_path_is_one_folium_asks_for():
    assert {urlsplit(url).path for url in FOLIUM_URLS} >= set(FOLIUM_ASSETS)


@pytest.mark.parametrize("url", FOLIUM_URLS)
def test_every_url_folium_asks_for_maps_to_a_vendored_file_or_is_dropped(url):
    vendored = FOLIUM_ASSETS[urlsplit(url).path]
    local = localise_url(url)
    if vendored is None:
        assert local is None
    else:
        assert local == f"/app/static/vendor/{vendored}"
        sources = (*VENDOR_FILES, *vendor.PIP_FILES)
        assert any(vendored == f or vendored.startswith(f + "/") for f in sources)


@pytest.mark.parametrize("url", [
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",  # a version we did not map
    "https://unpkg.com/leaflet.featuregroup.subgroup@1.0.2/dist/leaflet.featuregroup.subgroup.js",
    "http://code.jquery.com/jquery-3.7.1.min.js",
    "//cdn.example.org/x.js",
    "/static/other.js",
    "leaflet.js",
])
def test_unknown_urls_raise_naming_the_url(url):
    with pytest.raises(AssetError, match=re.escape(repr(url))):
        localise_url(url, owner="Plugin")


def test_local_urls_pass_through():
    assert localise_url("/app/static/vendor/leaflet/dist/leaflet.js") == "/app/static/vendor/leaflet/dist/leaflet.js"


def test_localise_rewrites_a_default_map_and_drops_unneeded_css():
    m = localise(folium.Map())
    urls = [url for _, url in m.default_js + m.default_css]
    assert all(url.startswith("/app/static/vendor/") for url in urls)
    assert not any("glyphicons" in url or "rotate" in url for url in urls)
    assert local_url("leaflet/dist/leaflet.css") in urls


def test_vendored_folium_versions_match_what_folium_loads():
    # If folium is upgraded its CDN URLs change: the mapping must be updated with it (or localise raises).
    for _, url in folium.Map.default_js + folium.Map.default_css:
        assert urlsplit(url).path in FOLIUM_ASSETS, url


def test_package_json_pins_exact_versions_and_the_lock_agrees():
    package = json.loads((ROOT / "dashboard" / "package.json").read_text())
    lock = json.loads((ROOT / "dashboard" / "package-lock.json").read_text())
    assert package["dependencies"]["leaflet"] == "1.9.4"
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_static_serving_is_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True


def _fake_node_modules(tmp_path: Path, versions: dict[str, str]) -> tuple[Path, Path]:
    modules = tmp_path / "node_modules"
    for name, version in versions.items():
        (modules / name).mkdir(parents=True)
        (modules / name / "package.json").write_text(json.dumps({"name": name, "version": version}))
    package = tmp_path / "package.json"
    package.write_text(json.dumps({"dependencies": {"leaflet": "1.9.4", "jquery": "3.7.1"}}))
    return modules, package


def test_check_pins_passes_on_exact_versions(tmp_path):
    modules, package = _fake_node_modules(tmp_path, {"leaflet": "1.9.4", "jquery": "3.7.1"})
    check_pins(modules, package)


def test_check_pins_names_the_package_and_both_versions(tmp_path):
    modules, package = _fake_node_modules(tmp_path, {"leaflet": "1.9.3", "jquery": "3.7.1"})
    with pytest.raises(AssetError, match=r"leaflet 1\.9\.4 \(package\.json\), got 1\.9\.3"):
        check_pins(modules, package)


def test_check_pins_says_to_run_npm_ci_when_missing(tmp_path):
    modules, package = _fake_node_modules(tmp_path, {"leaflet": "1.9.4"})
    with pytest.raises(AssetError, match="jquery 3.7.1 installed .run `npm ci`"):
        check_pins(modules, package)


def _topology(transform: bool) -> dict:
    # A unit square made of two arcs; the second polygon walks arc 0 backwards (~0 == -1).
    arcs = [[[0, 0], [1, 0], [1, 1]], [[1, 1], [0, 1], [0, 0]]]
    topo = {
        "type": "Topology",
        "arcs": arcs,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
            {"type": "MultiPolygon", "arcs": [[[1, 0]]], "properties": {"name": "Again"}},
            {"type": None, "properties": {"name": "Nowhere"}},
        ]}},
    }
    if transform:
        # Quantised: deltas of integers, scaled by 2 and shifted by (10, 20).
        topo["arcs"] = [[[0, 0], [1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1]]]
        topo["transform"] = {"scale": [2, 2], "translate": [10, 20]}
    return topo


def test_topology_to_geojson_plain():
    collection = topology_to_geojson(_topology(False), "countries")
    assert [f["properties"]["name"] for f in collection["features"]] == ["Square", "Again"]
    assert collection["features"][0]["geometry"]["coordinates"] == [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    assert collection["features"][1]["geometry"]["type"] == "MultiPolygon"
    assert collection["features"][1]["geometry"]["coordinates"][0][0][0] == [1, 1]


def test_topology_to_geojson_quantised_and_reversed_arc():
    topo = _topology(True)
    topo["objects"]["countries"]["geometries"][0]["arcs"] = [[0, ~0]]
    ring = topology_to_geojson(topo, "countries")["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[10, 20], [12, 20], [12, 22], [12, 20], [10, 20]]


@pytest.mark.parametrize("topology, message", [
    ({"type": "FeatureCollection"}, "expected a TopoJSON Topology"),
    ({"type": "Topology", "arcs": [], "objects": {"land": {}}}, "object 'countries': expected one of"),
])
def test_topology_errors(topology, message):
    with pytest.raises(AssetError, match=message):
        topology_to_geojson(topology, "countries")


@pytest.mark.skipif(not (vendor.NODE_MODULES / "leaflet").is_dir(), reason="dashboard/node_modules not installed")
def test_vendor_copies_every_file_the_map_loads(tmp_path):
    destination = tmp_path / "vendor"
    report = vendor.vendor(vendor.NODE_MODULES, destination)
    assert missing_files(destination) == []
    assert report.files > 10 and report.bytes > 1_000_000
    basemap = json.loads((destination / vendor.BASEMAP_FILE).read_text())
    names = {feature["properties"]["name"] for feature in basemap["features"]}
    assert {"Ukraine", "Russia", "Poland"} <= names
    # Images the CSS refers to by relative URL are there too.
    assert (destination / "leaflet/dist/images/layers.png").is_file()
    assert list((destination / "@fortawesome/fontawesome-free/webfonts").glob("fa-solid-900.*"))
    # The heatmap script is folium's patched copy (weights do not fade with zoom).
    assert "Leaflet.heat/pull/78" in (destination / "folium/leaflet_heat.min.js").read_text()


def test_missing_files_lists_what_is_absent(tmp_path):
    missing = missing_files(tmp_path)
    assert "leaflet/dist/leaflet.js" in missing and vendor.BASEMAP_FILE in missing


def test_vendor_failure_leaves_the_old_tree(tmp_path):
    destination = tmp_path / "vendor"
    destination.mkdir()
    (destination / "keep.txt").write_text("old")
    with pytest.raises(AssetError):
        vendor.vendor(tmp_path / "no_node_modules", destination)
    assert (destination / "keep.txt").read_text() == "old"
    assert not (tmp_path / "vendor.new").exists()
