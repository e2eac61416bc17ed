"""The map's scripts and stylesheets, served by the app itself: never a CDN.

folium writes `<script src="https://cdn…">` for Leaflet, jQuery, Bootstrap, Font Awesome and each plugin. The
same files are installed from the npm registry at setup (pinned in dashboard/package.json and its lock file),
copied by `python -m dashboard.vendor` from dashboard/node_modules into dashboard/static/vendor/, and served
by Streamlit's static file serving at `/app/static/vendor/…` (`.streamlit/config.toml`). `localise(m)` rewrites
every folium element's `default_js` / `default_css` to those local URLs; a CDN URL it does not know raises
`AssetError` rather than slipping through, so a new folium release or a new plugin cannot make the page reach
the internet unnoticed.

The offline basemap (country outlines) is made here too: world-atlas ships TopoJSON, which `topology_to_geojson`
decodes into static/vendor/basemap/countries.geojson for Leaflet to load by URL.

Examples
--------
>>> local_url("leaflet/dist/leaflet.js")
'/app/static/vendor/leaflet/dist/leaflet.js'
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DASHBOARD = Path(__file__).resolve().parent
NODE_MODULES = DASHBOARD / "node_modules"
STATIC = DASHBOARD / "static"
VENDOR = STATIC / "vendor"
PACKAGE_JSON = DASHBOARD / "package.json"
# Streamlit serves <folder of app.py>/static/ at /app/static/ when server.enableStaticServing is on.
STATIC_URL = "/app/static"
VENDOR_URL = f"{STATIC_URL}/vendor"
BASEMAP_FILE = "basemap/countries.geojson"
BASEMAP_URL = f"{VENDOR_URL}/{BASEMAP_FILE}"
# Natural Earth 1:50m: borders read well from zoom 3 to 8 (Ukraine and its neighbours), ~0.004° resolution.
BASEMAP_SOURCE = "world-atlas/countries-50m.json"
BASEMAP_DECIMALS = 3  # the 50m quantisation step is ~0.0036°: more decimals would only add bytes

# What to copy from node_modules (files or whole folders): each script or stylesheet folium loads, with the
# images, fonts and source maps they refer to by relative URL.
VENDOR_FILES: tuple[str, ...] = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.js.map",
    "leaflet/dist/leaflet.css",
    "leaflet/dist/images",
    "jquery/dist/jquery.min.js",
    "jquery/dist/jquery.min.map",
    "bootstrap/dist/js/bootstrap.bundle.min.js",
    "bootstrap/dist/js/bootstrap.bundle.min.js.map",
    "bootstrap/dist/css/bootstrap.min.css",
    "bootstrap/dist/css/bootstrap.min.css.map",
    "@fortawesome/fontawesome-free/css/all.min.css",
    "@fortawesome/fontawesome-free/webfonts",
    "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "leaflet.awesome-markers/dist/images",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/leaflet.markercluster.js.map",
    "leaflet.markercluster/dist/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css",
)


def _folium_dir() -> Path:
    spec = importlib.util.find_spec("folium")
    if spec is None or spec.origin is None:
        raise AssetError("folium: expected the pinned pip package (requirements.txt), got nothing importable")
    return Path(spec.origin).resolve().parent


# Files that come with a pinned pip package rather than npm (vendored path → where in the package): folium ships
# its own patched Leaflet.heat (the weights fix of Leaflet.heat PR 78), which its HeatMap template is written for.
# npm's leaflet.heat 0.2.0 predates the fix and divides every weight by 2^(maxZoom - zoom): a country-wide view
# stays blank.
PIP_FILES: dict[str, str] = {"folium/leaflet_heat.min.js": "templates/leaflet_heat.min.js"}


# Every script and stylesheet folium 0.20 (Map, MarkerCluster, HeatMap) asks for, by the path of its https URL
# (the host does not matter: nothing is ever fetched from it) → the vendored file that replaces it, or None for a
# file the map does not need and npm does not carry: the Bootstrap 3 glyphicons stylesheet (the map uses Font
# Awesome icons only) and folium's icon-rotation stylesheet (no marker here is rotated).
FOLIUM_ASSETS: dict[str, str | None] = {
    "/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    "/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "@fortawesome/fontawesome-free/css/all.min.css",
    "/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": None,
    "/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js":
        "leaflet.markercluster/dist/leaflet.markercluster.js",
    "/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css":
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js": "folium/leaflet_heat.min.js",
}


class AssetError(ValueError):
    """A script or stylesheet the map needs is not vendored, or the vendored files are missing or stale.

    The message names the URL or file, what was expected and what was found.
    """


def local_url(vendored: str) -> str:
    """The URL the app serves a vendored file at (`vendored` is its path under node_modules).

    Examples
    --------
    >>> local_url("leaflet.heat/dist/leaflet-heat.js")
    '/app/static/vendor/leaflet.heat/dist/leaflet-heat.js'
    """
    return f"{VENDOR_URL}/{vendored.lstrip('/')}"


def _is_local(url: str) -> bool:
    # Already ours: served by the app (an absolute path with no scheme and no host).
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith(f"{STATIC_URL}/")


def localise_url(url: str, owner: str = "element") -> str | None:
    """The local URL that replaces the CDN `url`, None if the file is not needed; AssetError if unknown.

    Examples
    --------
    >>> import folium
    >>> urls = dict(folium.Map.default_js + folium.Map.default_css)
    >>> localise_url(urls["jquery"])
    '/app/static/vendor/jquery/dist/jquery.min.js'
    >>> localise_url(urls["glyphicons_css"]) is None
    True
    """
    if _is_local(url):
        return url
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.path in FOLIUM_ASSETS:
        vendored = FOLIUM_ASSETS[parts.path]
        return None if vendored is None else local_url(vendored)
    raise AssetError(
        f"{owner}: expected a script or stylesheet vendored in dashboard/vendor.py (FOLIUM_ASSETS), got {url!r}; "
        "add its npm package to dashboard/package.json and map the URL, so the page never loads it from a CDN"
    )


def _localised(links: Iterable[tuple[str, str]], owner: str) -> list[tuple[str, str]]:
    result = []
    for name, url in links:
        local = localise_url(url, owner)
        if local is not None:
            result.append((name, local))
    return result


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def localise(element: Any) -> Any:
    """Point every script and stylesheet of `element` and its children at the app's vendored copies.

    Sets `default_js` / `default_css` on each instance (folium's classes stay untouched, so another map built
    in the same process is not changed behind its back). streamlit-folium reads the same attributes, so
    `st_folium` loads the local files too. Returns `element`.

    Raises
    ------
    AssetError
        For a CDN URL that is not in `FOLIUM_ASSETS`.

    Examples
    --------
    >>> import folium
    >>> m = localise(folium.Map())
    >>> all(url.startswith("/app/static/vendor/") for _, url in m.default_js)
    True
    """
    for node in _walk(element):
        owner = f"{type(node).__name__} {getattr(node, '_name', '')}".strip()
        for attribute in ("default_js", "default_css"):
            links = getattr(node, attribute, None)
            if links:
                setattr(node, attribute, _localised(links, owner))
    return element


# --- copying and the offline basemap ---------------------------------------------------------------------


def _decode_arcs(topology: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform:
            # Quantised TopoJSON: delta-encoded integers, then scale + translate.
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def _ring(indices: Iterable[int], arcs: list[list[tuple[float, float]]], decimals: int) -> list[list[float]]:
    coordinates: list[list[float]] = []
    for index in indices:
        # A negative index ~i means arc i walked backwards (TopoJSON spec, "Arcs").
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        for point in points[1:] if coordinates else points:
            coordinates.append([round(point[0], decimals), round(point[1], decimals)])
    return coordinates


def topology_to_geojson(topology: Mapping[str, Any], object_name: str, decimals: int = 6) -> dict[str, Any]:
    """The object `object_name` of a TopoJSON `topology` as a GeoJSON FeatureCollection (polygons only).

    Examples
    --------
    >>> topo = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
    ...         "objects": {"x": {"type": "GeometryCollection",
    ...                           "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "A"}}]}}}
    >>> topology_to_geojson(topo, "x")["features"][0]["geometry"]["coordinates"]
    [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]
    """
    if topology.get("type") != "Topology" or not isinstance(topology.get("arcs"), list):
        raise AssetError(f"topology: expected a TopoJSON Topology with arcs, got type {topology.get('type')!r}")
    objects = topology.get("objects") or {}
    if object_name not in objects:
        raise AssetError(f"topology, object {object_name!r}: expected one of {sorted(objects)}, got nothing")
    arcs = _decode_arcs(topology)
    collection = objects[object_name]
    geometries = collection["geometries"] if collection.get("type") == "GeometryCollection" else [collection]
    features = []
    for geometry in geometries:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [_ring(ring, arcs, decimals) for ring in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(ring, arcs, decimals) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue  # null geometries (and points/lines, absent from world-atlas) draw nothing
        features.append({
            "type": "Feature",
            "id": geometry.get("id"),
            "properties": dict(geometry.get("properties") or {}),
            "geometry": {"type": kind, "coordinates": coordinates},
        })
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class VendorReport:
    """What `vendor` did: files copied and the bytes they hold."""

    files: int
    bytes: int


def check_pins(node_modules: Path = NODE_MODULES, package_json: Path = PACKAGE_JSON) -> None:
    """AssetError unless every dependency in package.json is installed at exactly the pinned version."""
    try:
        pins = json.loads(package_json.read_text(encoding="utf-8"))["dependencies"]
    except (OSError, ValueError, KeyError) as err:
        raise AssetError(f"{package_json}: expected a package.json with dependencies, got {err}") from err
    for name, pinned in pins.items():
        installed_file = node_modules / name / "package.json"
        try:
            installed = json.loads(installed_file.read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError) as err:
            raise AssetError(f"{installed_file}: expected {name} {pinned} installed (run `npm ci` in dashboard/), "
                             f"got {err}") from err
        if installed != pinned:
            raise AssetError(f"{installed_file}: expected {name} {pinned} (package.json), got {installed}")


def vendor(node_modules: Path = NODE_MODULES, destination: Path = VENDOR) -> VendorReport:
    """Copy the vendored files from `node_modules` into `destination` and write the offline basemap.

    The new tree is built next to `destination` and swapped in, so a failure leaves the old one serving.
    """
    check_pins(node_modules)
    staging = destination.with_name(destination.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for relative in VENDOR_FILES:
            source = node_modules / relative
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            elif source.is_file():
                shutil.copyfile(source, target)
            else:
                raise AssetError(f"{source}: expected a file from npm (see VENDOR_FILES), got nothing")
        for relative, inside in PIP_FILES.items():
            source = _folium_dir() / inside
            if not source.is_file():
                raise AssetError(f"{source}: expected a file of the pinned folium package, got nothing")
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        topology = json.loads((node_modules / BASEMAP_SOURCE).read_text(encoding="utf-8"))
        basemap = topology_to_geojson(topology, "countries", BASEMAP_DECIMALS)
        target = staging / BASEMAP_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(basemap, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        old = destination.with_name(destination.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if destination.exists():
            destination.rename(old)
        staging.rename(destination)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = [path for path in destination.rglob("*") if path.is_file()]
    return VendorReport(len(files), sum(path.stat().st_size for path in files))


def missing_files(destination: Path = VENDOR) -> list[str]:
    """The vendored files (and the basemap) not present under `destination`: empty when the app can serve all."""
    expected = [*(file for file in FOLIUM_ASSETS.values() if file), BASEMAP_FILE]
    return [relative for relative in dict.fromkeys(expected) if not (destination / relative).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.vendor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    parser.add_argument("--dest", type=Path, default=VENDOR)
    args = parser.parse_args(argv)
    try:
        report = vendor(args.node_modules, args.dest)
    except (AssetError, OSError) as err:
        print(f"dashboard.vendor: {err}", file=sys.stderr)
        return 1
    print(f"dashboard.vendor: {report.files} files, {report.bytes / 1e6:.1f} MB in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
