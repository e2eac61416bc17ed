"""Importers: analysts' tables, ACLED, UCDP GED, CIR and GeoJSON files → events, rejects and a merged store.

`import_file` reads one file (sniffing its format) into accepted events and rejected rows with reasons;
`merge_into_store` adds them to the store, de-duplicated (see `strikes.importers.dedup`). The command
`python -m strikes import` and the dashboard's upload both call these.
"""

from strikes.importers.base import FORMATS, ImportOptions, ImportResult, MergeSummary, Reject
from strikes.importers.dedup import deduplicate, is_duplicate
from strikes.importers.pipeline import (
    GeocoderUnavailable,
    default_rejects_path,
    import_file,
    merge_into_store,
    plan_merge,
    rejects_csv,
    store_events,
    write_events,
    write_rejects,
)

__all__ = [
    "FORMATS",
    "GeocoderUnavailable",
    "ImportOptions",
    "ImportResult",
    "MergeSummary",
    "Reject",
    "deduplicate",
    "default_rejects_path",
    "import_file",
    "is_duplicate",
    "merge_into_store",
    "plan_merge",
    "rejects_csv",
    "store_events",
    "write_events",
    "write_rejects",
]
