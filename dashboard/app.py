"""Strike Map: the page. Reads widgets, calls pure functions, shows the results.

Run with `make run` (the bundled store) or `STRIKES_DATA=/path/store.geojson make run`. The sidebar holds the
filters, the map options and the ceasefire window; all of it is mirrored in the URL query string so a view
can be shared (`?category=energy&since=2025-03-01&until=2025-03-31&country=UA`).

The only state kept between runs: the widgets' own values (by key), the warnings about the URL the session
opened with, and the add-report / import reviews in progress (one object each).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` puts only dashboard/ on the path

import dashboard.map as strike_map  # noqa: E402
from dashboard import cache, workflows  # noqa: E402
from dashboard.state import (  # noqa: E402
    BASEMAP_LABELS,
    BASEMAPS,
    CEASEFIRE_END,
    CEASEFIRE_START,
    ViewState,
    state_from_query,
    state_to_query,
)
from dashboard.summary import PRECISION_LABELS, count_summary, plain, table_frame  # noqa: E402
from geocoding.model import GeocodingError  # noqa: E402
from strikes.errors import StrikesError  # noqa: E402
from strikes.export import export_bytes  # noqa: E402
from strikes.filters import EventFilter  # noqa: E402
from strikes.store import store_path  # noqa: E402
from strikes.taxonomy import ATTACKERS, CATEGORIES, CATEGORY_LABELS, STATUSES, SUBTYPE_LABELS, SUBTYPES  # noqa: E402

MAP_HEIGHT = 620
TABLE_MAX_ROWS = 5_000  # a grid of 100k rows costs seconds on every rerun; the downloads carry everything
_TABLE_LABELS = {
    "target": "Target", "category": "Category", "subtype": "Subtype", "location": "Location", "place": "As written",
    "admin1": "Region", "country": "Country", "attacker": "Attacker", "weapon": "Weapon", "status": "Status",
    "source_title": "Source", "notes": "Notes", "id": "Id",
}
_URL_WARNINGS = "url_warnings"  # set once per session, when the widgets are seeded from the URL
_EARLIEST = date(2014, 1, 1)


def _seed_widgets_from_url() -> None:
    """On a session's first run, set every sidebar widget from the URL (invalid parameters → warnings)."""
    if _URL_WARNINGS in st.session_state:
        return
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    parsed = state_from_query(params)
    view, chosen = parsed.state, parsed.state.filter
    st.session_state.update({
        "category": list(chosen.categories),
        "subtype": list(chosen.subtypes),
        "since": chosen.since,
        "until": chosen.until,
        "country": list(chosen.countries),
        "attacker": list(chosen.attackers),
        "precision": list(chosen.geo_precisions),
        "status": list(chosen.statuses),
        "q": chosen.text,
        "basemap": view.basemap,
        "heatmap": view.heatmap,
        "facilities": view.facilities,
        "window_start": view.window_start,
        "window_end": view.window_end,
        _URL_WARNINGS: parsed.warnings,
    })


def _country_label(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return f"{code} · {country.name}" if country else code


def _labelled(labels: Mapping[Any, str]) -> Callable[[Any], str]:
    """A widget's `format_func`: the option's label, or the option itself when it has none."""
    return lambda option: labels.get(option, str(option))


def _sidebar(countries: list[str]) -> ViewState:
    """The sidebar widgets, read into one ViewState (a contradictory date range is reported, not applied)."""
    side = st.sidebar
    side.header("Filters")
    since = side.date_input("Since (first day)", value=None, min_value=_EARLIEST, key="since", format="YYYY-MM-DD")
    until = side.date_input("Until (last day)", value=None, min_value=_EARLIEST, key="until", format="YYYY-MM-DD")
    categories = side.multiselect("Category", CATEGORIES, key="category", format_func=_labelled(CATEGORY_LABELS),
                                  placeholder="all categories")
    subtype_options = [sub for cat in (categories or CATEGORIES) for sub in SUBTYPES[cat]]
    # A subtype of a category just deselected would make the widget fail: drop it first.
    st.session_state["subtype"] = [sub for sub in st.session_state.get("subtype", []) if sub in subtype_options]
    subtypes = side.multiselect("Subtype", subtype_options, key="subtype", format_func=_labelled(SUBTYPE_LABELS),
                                placeholder="all subtypes")
    chosen_countries = st.session_state.get("country", [])
    country_options = sorted({*countries, *chosen_countries})
    picked_countries = side.multiselect("Country", country_options, key="country", format_func=_country_label,
                                        placeholder="all countries")
    attackers = side.multiselect("Attacker", ATTACKERS, key="attacker", placeholder="any attacker")
    precisions = side.multiselect("Geo precision", (1, 2, 3), key="precision", format_func=_labelled(PRECISION_LABELS),
                                  placeholder="any precision")
    statuses = side.multiselect("Status", STATUSES, key="status", placeholder="verified and candidate")
    text = side.text_input("Search target, location, notes", key="q")
    if since and until and since > until:
        side.error(f"'Since' {since} is after 'Until' {until}: the date range is not applied.")
        since = until = None
    event_filter = EventFilter(
        categories=tuple(categories), subtypes=tuple(subtypes), since=since, until=until,
        countries=tuple(picked_countries), attackers=tuple(attackers), geo_precisions=tuple(precisions),
        statuses=tuple(statuses), text=text,
    )
    side.header("Map")
    basemap = side.radio("Basemap", BASEMAPS, key="basemap", format_func=BASEMAP_LABELS.get)
    heatmap = side.checkbox("Heatmap layer", key="heatmap")
    facilities = side.checkbox(
        "Energy facilities (power plants)", key="facilities", disabled=not strike_map.facilities_available(),
        help="The power plants of the facility gazetteer, as a layer: which plants lie near reported strikes.",
    )
    side.header("Ceasefire window")
    start = side.date_input("From", min_value=_EARLIEST, key="window_start", format="YYYY-MM-DD")
    end = side.date_input("To", min_value=_EARLIEST, key="window_end", format="YYYY-MM-DD")
    side.caption(f"Preset: the energy-strike moratorium announced on {CEASEFIRE_START}, 30 days.")
    if not start or not end or start > end:
        side.error(f"The ceasefire window needs 'From' on or before 'To'; using the preset {CEASEFIRE_START} – "
                   f"{CEASEFIRE_END}.")
        start, end = CEASEFIRE_START, CEASEFIRE_END
    return ViewState(filter=event_filter, basemap=basemap, heatmap=heatmap, facilities=facilities,
                     window_start=start, window_end=end)


def _sync_url(view: ViewState) -> None:
    """Write the view into the URL, only when it changed (a shared link opens this same view)."""
    wanted = state_to_query(view)
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def _show_map(path: Path, version: cache.StoreVersion, key: str, view: ViewState) -> None:
    html = cache.map_html(str(path), version, key, view)
    # The HTML is built by dashboard.map, which escapes every text field of the store (hostile input).
    st.iframe(html, height=MAP_HEIGHT)


def _downloads(filtered, key: str) -> None:
    """GeoJSON (the very bytes `python -m strikes export` prints for the same filters) and CSV."""
    # Built on click only: exporting a large store on every rerun would cost more than the page itself.
    st.download_button("Download GeoJSON", data=lambda: export_bytes(filtered, "geojson"),
                                file_name="strikes.geojson", mime="application/geo+json", key="download_geojson",
                                on_click="ignore", icon=":material/download:", width="stretch")
    st.download_button("Download CSV", data=lambda: export_bytes(filtered, "csv"),
                            file_name="strikes.csv", mime="text/csv", key="download_csv", on_click="ignore",
                            icon=":material/download:", width="stretch")


def _table(filtered) -> None:
    table = table_frame(filtered, limit=TABLE_MAX_ROWS)
    if len(filtered) > TABLE_MAX_ROWS:
        st.caption(f"The first {TABLE_MAX_ROWS:,} of {len(filtered):,} events (store order); narrow the filters, "
                   "or download them all.")
    st.dataframe(
        table, hide_index=True, key="events_table",
        column_config={
            **{name: st.column_config.TextColumn(label) for name, label in _TABLE_LABELS.items()},
            "event_date": st.column_config.DatetimeColumn("Date", format="YYYY-MM-DD"),
            "geo_precision": st.column_config.NumberColumn("Geo precision"),
            "lat": st.column_config.NumberColumn("Lat", format="%.5f"),
            "lon": st.column_config.NumberColumn("Lon", format="%.5f"),
            "source_link": st.column_config.LinkColumn("Source link"),
            "source_url": st.column_config.TextColumn("Source URL (as given)"),
            "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
        },
    )


def main() -> None:
    st.set_page_config(page_title="Strike Map", layout="wide")
    st.title("Strike Map")
    path = store_path()
    version = cache.store_version(path)
    try:
        events = cache.load_frame(str(path), version)
    except StrikesError as err:
        st.error(f"The store cannot be read: {plain(err)}")
        st.stop()

    _seed_widgets_from_url()
    for warning in st.session_state[_URL_WARNINGS]:
        st.warning(plain(warning))  # quotes the URL as given: hostile
    view = _sidebar(cache.store_countries(str(path), version))
    _sync_url(view)
    key = cache.state_key(view)
    filtered = cache.filtered_frame(str(path), version, cache.filter_key(view), view)

    st.markdown(f"**{count_summary(filtered, total=len(events))}** · store {plain(path.name)}")
    map_col, side_col = st.columns([7, 2])
    with map_col:
        _show_map(path, version, key, view)
    with side_col:
        st.markdown(f"**Ceasefire window**  \n{view.window_start} – {view.window_end}")
        st.metric("Energy strikes inside", cache.energy_in_window(str(path), version, key, view),
                  help="Energy events shown on the map, dated inside the window (both days included). "
                       "Set the window in the sidebar.")
        st.metric("Events shown", len(filtered))
        _downloads(filtered, key)

    tab_table, tab_timeline, tab_report, tab_import = st.tabs(
        ["Events table", "Timeline", "Add a report", "Import a file"]
    )
    with tab_table:
        _table(filtered)
    with tab_timeline:
        st.altair_chart(cache.timeline(str(path), version, key, view), key="timeline")
    with tab_report:
        try:
            workflows.add_report(path, cache.geocoder)
        except (StrikesError, GeocodingError) as err:
            st.error(plain(err))
    with tab_import:
        try:
            workflows.import_file(path, cache.geocoder)
        except (StrikesError, GeocodingError) as err:
            st.error(plain(err))


main()
