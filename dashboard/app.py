"""Strike Map: the page. Reads widgets, calls pure functions from `strikes`, shows the results."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` puts only dashboard/ on the path

from strikes.store import load_events, store_path  # noqa: E402

st.set_page_config(page_title="Strike Map", layout="wide")
st.title("Strike Map")
path = store_path()
events = load_events(path)
st.caption(f"{len(events)} events from {path.name}")
st.dataframe(events.drop(columns="geometry"), hide_index=True)
