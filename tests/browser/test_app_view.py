"""The page in real Chromium on the seed store: markers per URL filter, counts, a clean offline page."""

from __future__ import annotations

import pytest

from tests.browser_harness import count_markers, open_app


@pytest.mark.parametrize(
    ("query", "markers", "summary"),
    [
        ("", 3, "3 events · 2 energy · 1 civilian"),
        ("category=energy", 2, "2 events of 3 · 2 energy"),
        ("category=civilian", 1, "1 event of 3 · 1 civilian"),
        ("category=energy&category=civilian", 3, "3 events · 2 energy · 1 civilian"),
        ("country=RU", 1, "1 event of 3 · 1 energy"),
    ],
)
def test_url_filter_shows_its_markers(app_server, page, page_log, query, markers, summary) -> None:
    open_app(page, app_server, query)
    assert count_markers(page, expected=markers) == markers
    assert page.get_by_text(summary).first.is_visible()
    page_log.assert_clean()


def test_url_keeps_the_view_and_widgets_show_it(app_server, page, page_log) -> None:
    open_app(page, app_server, "category=energy&since=2025-03-01&until=2025-03-31&country=UA")
    assert count_markers(page, expected=1) == 1  # Sloviansk power supply
    assert "category=energy" in page.url and "country=UA" in page.url and "since=2025-03-01" in page.url
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Energy").first.is_visible()
    page_log.assert_clean()


def test_invalid_url_parameter_is_named(app_server, page, page_log) -> None:
    open_app(page, app_server, "category=weapons")
    assert page.get_by_text("URL parameter 'category' ignored").first.is_visible()
    assert count_markers(page, expected=3) == 3
    page_log.assert_clean()


def test_offline_basemap_needs_no_tiles(app_server, page, page_log) -> None:
    open_app(page, app_server, "basemap=offline")
    assert count_markers(page, expected=3) == 3
    page.wait_for_timeout(1000)
    assert page_log.tile_requests == []
    page_log.assert_clean()


def test_ceasefire_metric_beside_the_map(app_server, page, page_log) -> None:
    open_app(page, app_server)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Energy strikes inside")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "2"
    page_log.assert_clean()


def _basemap_loaded(response) -> bool:
    return response.url.endswith("/basemap/countries.geojson")


def test_choosing_a_filter_writes_a_shareable_url(app_server, page, page_log) -> None:
    # Each map loads the outlines; a map replaced mid-load would abort that request, so wait for it each time.
    with page.expect_response(_basemap_loaded) as loaded:
        open_app(page, app_server)
    loaded.value.finished()
    assert count_markers(page, expected=3) == 3
    sidebar = page.locator('[data-testid="stSidebar"]')
    with page.expect_response(_basemap_loaded) as loaded:
        sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Category").click()
        page.get_by_role("option", name="Civilian").click()
        page.keyboard.press("Escape")
        page.wait_for_url("**/?category=civilian")
    loaded.value.finished()
    assert count_markers(page, expected=1) == 1
    # The URL opens the same view in a new session.
    shared = page.url
    open_app(page, app_server, shared.split("?", 1)[1])
    assert count_markers(page, expected=1) == 1
    page_log.assert_clean()
