"""A store whose text fields hold script payloads renders them as text: nothing executes anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser_harness import count_markers, map_frame, open_app

# Each payload would set window.top.__pwned if it ran (in the page or in the map's iframe).
SCRIPT = "<script>window.top.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.top.__pwned='img'\">"
SVG = "<svg onload=\"window.top.__pwned='svg'\"></svg>"
JS_LINK = "javascript:window.top.__pwned='link'"
CLOSE_SCRIPT = "</script><script>window.top.__pwned='close'</script>"


def _feature(index: int, **props: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": f"hostile-{index}", "event_date": "2025-03-18", "time_precision": 1, "place": "Sumy",
        "location": "Sumy", "admin1": "Sumy Oblast", "country": "UA", "geo_precision": 1,
        "target": "hospital", "category": "civilian", "subtype": "medical", "attacker": "RU",
        "weapon": "drone", "source_title": "t", "source_url": "https://example.org/r", "publisher": "",
        "published": "2025-03-19", "excerpt": "", "notes": "", "confidence": 0.5, "status": "verified",
    }
    base.update(props)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [34.8 + index * 0.3, 50.9]},
            "properties": base}


@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    features = [
        _feature(0, target=SCRIPT, location=IMG, source_title=SVG, source_url=JS_LINK, excerpt=CLOSE_SCRIPT,
                 notes=IMG),
        _feature(1, target=IMG, place=SCRIPT, source_title=SCRIPT, source_url="JaVaScRiPt:window.top.__pwned=1",
                 category="energy", subtype="power_grid", admin1=SVG),
        _feature(2, target=CLOSE_SCRIPT, location="Krasnodar Krai", admin1=IMG, geo_precision=3,
                 category="energy", subtype="oil", country="RU", publisher=SCRIPT),
    ]
    path = tmp_path / "hostile.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _pwned(page) -> object:
    return page.evaluate("() => window.__pwned ?? null")


def test_script_payloads_render_as_text(start_app, hostile_store, page, page_log) -> None:
    server = start_app(hostile_store)
    open_app(page, server)
    assert count_markers(page, expected=3) == 3
    frame = map_frame(page)
    # Open every popup: the payloads must show as text and run nowhere.
    markers = frame.locator(".strike-marker")
    for index in range(markers.count()):
        markers.nth(index).click(force=True)
        page.wait_for_timeout(300)
    popup_text = frame.locator(".leaflet-popup-content").first.inner_text()
    assert "<" in popup_text  # the markup is visible as characters
    # The timeline and the table show the same texts.
    page.get_by_role("tab", name="Timeline").click()
    page.get_by_role("tab", name="Events table").click()
    page.wait_for_timeout(500)
    assert _pwned(page) is None
    assert page.locator("script", has_text="__pwned").count() == 0
    # No link in the map goes anywhere but http(s).
    hrefs = frame.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [href for href in hrefs if href.strip().lower().startswith("javascript")]
    page_log.assert_clean()


def test_url_parameter_in_a_warning_is_text(app_server, page, page_log) -> None:
    open_app(page, app_server, "category=%5Bverify%20here%5D(https%3A%2F%2Fevil.example)&q=%3Cimg%20src%3Dx%20"
                               "onerror%3D%22window.__pwned%3D1%22%3E")
    warning = page.get_by_text("URL parameter 'category' ignored").first
    warning.wait_for()
    assert "[verify here](https://evil.example)" in warning.inner_text().replace("\u2060", "")
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert _pwned(page) is None
    page_log.assert_clean()
