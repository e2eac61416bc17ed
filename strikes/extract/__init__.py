"""Report text → candidate strike events (issue 4): sentences, dates, actors, places, targets, pipeline.

The public entry point is `extract_events(text, ReportMeta(published, title, url, publisher), geocoder=…)`.
"""

from strikes.extract.pipeline import ExtractionError, ExtractionResult, ReportMeta, Unresolved, extract_events

__all__ = ["ExtractionError", "ExtractionResult", "ReportMeta", "Unresolved", "extract_events"]
