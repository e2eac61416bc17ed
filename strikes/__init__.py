"""Strike Map's domain: the event model and taxonomy, the store, filters, exports, extraction and imports.

Never imports streamlit or folium: the dashboard is a client of this package.
"""

from strikes.errors import ImportFormatError, SchemaError, StoreError, StrikesError
from strikes.filters import EventFilter, FilterError, apply_filter, from_query_params, to_query_params
from strikes.model import Event, Source, event_from_feature, event_to_feature, make_event_id, validate_event
from strikes.store import add_events, events_to_frame, frame_to_events, load_events, save_events, store_path

__all__ = [
    "Event",
    "EventFilter",
    "FilterError",
    "ImportFormatError",
    "SchemaError",
    "Source",
    "StoreError",
    "StrikesError",
    "add_events",
    "apply_filter",
    "event_from_feature",
    "event_to_feature",
    "events_to_frame",
    "frame_to_events",
    "from_query_params",
    "load_events",
    "make_event_id",
    "save_events",
    "store_path",
    "to_query_params",
    "validate_event",
]
