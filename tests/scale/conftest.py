"""The browser fixtures of tests/browser (a real `streamlit run`, headless Debian Chromium), reused here."""

from __future__ import annotations

from tests.browser.conftest import _page_and_log, browser, page, page_log, start_app  # noqa: F401
