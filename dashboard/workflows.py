"""The two ways to add events from the page: paste a report, or upload an analyst's file.

Short wiring: the work is done by `strikes.extract` (report → candidates), `dashboard.review` (the
analyst's corrections), `strikes.importers` (file → accepted + rejected rows) and `strikes.store.add_events`
(atomic, idempotent save). Each workflow keeps one state object in the session while it is in progress.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.review import EDITABLE_COLUMNS, editor_frame, regeocode, review_edits
from dashboard.summary import plain, safe_link, table_frame
from strikes.model import Event
from strikes.store import add_events, events_to_frame, frame_to_events, load_events
from strikes.taxonomy import ALL_SUBTYPES, CATEGORIES

_REVIEW = "report_review"
_IMPORT = "import_review"


@dataclass(frozen=True)
class ReportReview:
    """A pasted report under review: its candidates, the table shown (with edits kept) and messages."""

    candidates: tuple[Event, ...]
    table: pd.DataFrame = field(compare=False)
    generation: int = 0  # bumped when the table is rebuilt (re-geocode), so the editor starts from it
    messages: tuple[str, ...] = ()
    unresolved: pd.DataFrame | None = field(default=None, compare=False)  # strikes with no place found


@dataclass(frozen=True)
class ImportReview:
    """An uploaded file under review: what the importer read, and what merging it would do."""

    file_id: str
    name: str
    result: Any  # strikes.importers.ImportResult: accepted events, rejects with reasons, counts
    plan: str  # MergeSummary.line() of merging into the store as it is now


class _LazyGeocoder:
    """The cached geocoder, loaded only when a row needs it (a file with coordinates never loads it)."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory

    def geocode(self, *args: Any, **kwargs: Any) -> Any:
        return self._factory().geocode(*args, **kwargs)


def _optional(module: str, attribute: str) -> Callable[..., Any] | None:
    """`module.attribute` if that module has landed, else None (the section then says it is not available)."""
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and module.startswith(err.name):
            return None
        raise
    # A package still being written may exist without its entry point yet: that is "not available" too.
    return getattr(loaded, attribute, None)


def _flash(key: str) -> None:
    message = st.session_state.pop(f"{key}_done", None)
    if message:
        st.success(plain(message))


# --- Add a report -------------------------------------------------------------------------------------------


def add_report(store: Path, geocoder: Callable[[], Any]) -> None:
    """Paste a report → candidates in an editable table → accept the right ones → saved as verified."""
    _flash(_REVIEW)
    extract_events = _optional("strikes.extract", "extract_events")
    if extract_events is None:
        st.info("Extraction is not available yet (strikes/extract has not landed): reports cannot be added here.")
        return
    with st.form("report_form"):
        text = st.text_area("Report text (machine translation is fine)", key="report_text", height=180)
        meta_cols = st.columns(3)
        published = meta_cols[0].date_input("Published", value=None, key="report_published",
                                            format="YYYY-MM-DD")
        title = meta_cols[1].text_input("Title", key="report_title")
        url = meta_cols[2].text_input("Link (http or https)", key="report_url")
        submitted = st.form_submit_button("Find strikes in the text")
    if submitted:
        if not text.strip():
            st.error("Paste the report's text first.")
        elif published is None:
            st.error("The published date is needed: relative dates in the text ('last night') count from it.")
        elif url.strip() and not safe_link(url.strip()):
            st.error(f"Link: expected an http(s) address such as https://example.org/report, got "
                     f"{plain(repr(url.strip()))}.")
        else:
            st.session_state[_REVIEW] = _extract(extract_events, text, published=published, title=title, url=url,
                                                 geocoder=geocoder())
    review: ReportReview | None = st.session_state.get(_REVIEW)
    if review is not None:
        _review_table(store, review, geocoder)


def _extract(extract_events: Callable[..., Any], text: str, *, published: Any, title: str, url: str,
             geocoder: Any) -> ReportReview:
    from strikes.extract import ReportMeta

    result = extract_events(text, ReportMeta(published=published, title=title.strip(), url=url.strip()),
                            geocoder=geocoder)
    candidates = tuple(result.events)
    return ReportReview(candidates, editor_frame(candidates), unresolved=unresolved_frame(result.unresolved))


def unresolved_frame(unresolved: Sequence[Any]) -> pd.DataFrame:
    """Strikes the extractor found but could not place, with the reason: shown, never put on the map.

    Examples
    --------
    >>> from strikes.extract import Unresolved
    >>> unresolved_frame([Unresolved("Zzyx", "substation", "energy", "power_grid", "…", 0, 1, "not found")]
    ...                  ).to_dict("records")[0]["reason"]
    'not found'
    """
    rows = [{"place": u.place, "target": u.target, "category": u.category, "subtype": u.subtype,
             "reason": u.reason, "excerpt": u.excerpt} for u in unresolved]
    return pd.DataFrame(rows, columns=["place", "target", "category", "subtype", "reason", "excerpt"])


def _review_table(store: Path, review: ReportReview, geocoder: Callable[[], Any]) -> None:
    if review.unresolved is not None and len(review.unresolved):
        st.warning(f"{len(review.unresolved)} strike(s) found but not placed (no point is guessed); "
                   "add them by hand if you know where they were:")
        st.dataframe(review.unresolved, hide_index=True, key="review_unresolved")
    if not review.candidates:
        st.info("No placeable strike found in this text. Nothing to review.")
        return
    st.caption(f"{len(review.candidates)} candidate(s). Correct what is wrong, tick 'accept' on the right ones, "
               "then save. A changed place must be re-geocoded first.")
    for message in review.messages:
        st.info(plain(message))
    edited = st.data_editor(
        review.table,
        key=f"review_editor_{review.generation}",
        hide_index=True,
        num_rows="fixed",
        disabled=[name for name in review.table.columns if name not in EDITABLE_COLUMNS],
        column_config={
            "accept": st.column_config.CheckboxColumn("Accept", default=False),
            "category": st.column_config.SelectboxColumn("Category", options=list(CATEGORIES), required=True),
            "subtype": st.column_config.SelectboxColumn("Subtype", options=list(ALL_SUBTYPES), required=True),
            "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
            "target": st.column_config.TextColumn("Target", required=True),
            "place": st.column_config.TextColumn("Place (as written)"),
            "location": st.column_config.TextColumn("Resolved place"),
            "admin1": st.column_config.TextColumn("Region"),
            "country": st.column_config.TextColumn("Country"),
            "geo_precision": st.column_config.NumberColumn("Geo precision"),
            "lat": st.column_config.NumberColumn("Lat", format="%.5f"),
            "lon": st.column_config.NumberColumn("Lon", format="%.5f"),
            "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
            "excerpt": st.column_config.TextColumn("Excerpt", width="large"),
        },
    )
    regeo_col, save_col, drop_col = st.columns(3)
    if regeo_col.button("Re-geocode changed places", key="review_regeocode"):
        candidates, messages = regeocode(review.candidates, edited, geocoder().geocode)
        table = _with_points(edited, candidates)
        st.session_state[_REVIEW] = replace(review, candidates=candidates, table=table,
                                            generation=review.generation + 1, messages=messages)
        st.rerun()
    if save_col.button("Save accepted", key="review_save", type="primary"):
        outcome = review_edits(review.candidates, edited)
        for problem in outcome.problems:
            st.error(f"Not saved: {plain(problem.reason)}")
        if not outcome.to_save:
            st.warning("Nothing to save: tick 'accept' on the candidates that are right.")
        elif not outcome.problems:
            result = add_events(outcome.to_save, store)
            del st.session_state[_REVIEW]
            st.session_state[f"{_REVIEW}_done"] = (
                f"Saved {len(result.added)} event(s) as verified"
                + (f"; {len(result.already_present)} already in the store" if result.already_present else "")
                + "."
            )
            st.rerun()
    if drop_col.button("Discard this report", key="review_discard"):
        del st.session_state[_REVIEW]
        st.rerun()


def _with_points(edited: pd.DataFrame, candidates: Sequence[Event]) -> pd.DataFrame:
    """The edited table with each row's resolved place and point taken from the (re-geocoded) candidates."""
    table = edited.copy()
    fresh = editor_frame(candidates)
    for name in ("place", "location", "admin1", "country", "geo_precision", "lat", "lon"):
        table[name] = fresh[name].to_numpy()
    return table


# --- Import a file ------------------------------------------------------------------------------------------


def import_file(store: Path, geocoder: Callable[[], Any]) -> None:
    """Upload a CSV / GeoJSON / spreadsheet → preview (rows to add, rows rejected and why) → accept."""
    _flash(_IMPORT)
    importer = _optional("strikes.importers", "import_file")
    if importer is None:
        st.info("Importers are not available yet (strikes/importers has not landed): files cannot be added here.")
        return
    from strikes.importers import merge_into_store, plan_merge

    upload = st.file_uploader("An analyst's table (CSV, XLSX), an ACLED / UCDP / CIR export, or GeoJSON",
                              type=["csv", "tsv", "txt", "xlsx", "geojson", "json"], key="import_upload")
    if upload is None:
        st.session_state.pop(_IMPORT, None)
        return
    review: ImportReview | None = st.session_state.get(_IMPORT)
    if review is None or review.file_id != upload.file_id:
        result = importer(upload.getvalue(), filename=upload.name, geocoder=_LazyGeocoder(geocoder))
        summary, _ = plan_merge(result, list(frame_to_events(load_events(store))))
        review = ImportReview(upload.file_id, upload.name, result, summary.line())
        st.session_state[_IMPORT] = review
    result = review.result
    st.markdown(f"{plain(review.name)} read as **{plain(result.format)}**: {plain(review.plan)}.")
    for message in result.messages:
        st.info(plain(message))
    if result.events:
        st.caption(f"{len(result.events)} row(s) accepted (duplicates of stored events add their source instead):")
        st.dataframe(table_frame(events_to_frame(result.events)), hide_index=True, key="import_accepted")
    if result.rejects:
        st.caption(f"{len(result.rejects)} row(s) rejected, with the reason (they are not added):")
        st.dataframe(rejected_frame(result.rejects), hide_index=True, key="import_rejected")
    if st.button(f"Add the {len(result.events)} accepted event(s) to the store", key="import_accept",
                 type="primary", disabled=not result.events):
        summary = merge_into_store(result, store)
        del st.session_state[_IMPORT]
        st.session_state[f"{_IMPORT}_done"] = f"{review.name}: {summary.line()}."
        st.rerun()


def rejected_frame(rejects: Sequence[Any]) -> pd.DataFrame:
    """The importer's rejects (row, reason, original cells) as a table: one row each, never dropped.

    The original cells are joined as `column=value` text; the page shows it in a data grid, never as HTML.

    Examples
    --------
    >>> from strikes.importers import Reject
    >>> rejected_frame([Reject(3, "row 3, field 'date': expected a date", {"date": "soon"})]).to_dict("records")[0]
    {'row': 3, 'reason': "row 3, field 'date': expected a date", 'content': 'date=soon'}
    """
    rows = [
        {
            "row": int(reject.row),
            "reason": str(reject.reason),
            "content": "; ".join(f"{name}={value}" for name, value in dict(reject.original).items()),
        }
        for reject in rejects
    ]
    return pd.DataFrame(rows, columns=["row", "reason", "content"])
