"""AppTest fixtures: the page run in-process on a temporary store (STRIKES_DATA), never the real one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
# The first run imports geopandas, altair and the map builder: generous on a busy 2-core machine.
RUN_TIMEOUT_S = 60


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """`run_app(store, **query)` → an AppTest of the page on `store`, opened with that query, after one run."""

    def run(store: Path, **query: str | list[str]) -> AppTest:
        monkeypatch.setenv("STRIKES_DATA", str(store))
        at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def shown(element) -> str:
    """The text an alert or markdown element shows: the page escapes markdown in messages quoting input."""
    return re.sub(r"\\(.)", r"\1", element.value)
