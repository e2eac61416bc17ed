"""Popups, tooltips and the escaping helpers: every field shown, none as markup, links only for http(s)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.map import esc, popup_html, safe_link, tooltip_html, where_text
from tests.dashboard_map.conftest import PAYLOADS, make_event


@pytest.mark.parametrize("payload", PAYLOADS)
def test_esc_leaves_no_markup_or_template_syntax(payload):
    out = esc(payload)
    for forbidden in ("<", ">", "`", "${", '"', "\\"):
        assert forbidden not in out


@pytest.mark.parametrize("value, expected", [
    ("plain text", "plain text"), ("", ""), (None, ""), (42, "42"), ("a & b", "a &amp; b"),
    ("it's", "it&#x27;s"), ("$5", "&#36;5"), ("C:\\path", "C:&#92;path"),
])
def test_esc_values(value, expected):
    assert esc(value) == expected


@pytest.mark.parametrize("url", [
    "https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG/x?y=1#z", "  https://example.org/pad  ",
    "https://example.org/path?q=<b>",
])
def test_safe_link_accepts_http_and_https(url):
    assert safe_link(url) == url.strip()


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "//evil.example/x", "/relative/path",
    "ftp://example.org/file", "http://", "https:///nohost", "", "mailto:a@example.org", "https://exa mple.org",
    "https://[::1", "file:///etc/passwd",
])
def test_safe_link_rejects_everything_else(url):
    assert safe_link(url) is None


def test_popup_shows_every_field():
    event = make_event(excerpt="a missile hit the thermal power plant", notes="second wave at dawn")
    popup = popup_html(event)
    for expected in (
        "thermal power plant", "Kharkiv, Kharkiv Oblast, UA", "written &ldquo;Harkiv&rdquo;", "2025-03-18",
        "Energy", "Power generation", "RU", "missile", "Overnight attack report", "Example Desk",
        "published 2025-03-19", "a missile hit the thermal power plant", "75%", "verified", "second wave at dawn",
    ):
        assert expected in popup, expected


def test_popup_source_is_a_safe_link():
    popup = popup_html(make_event())
    assert ('<a href="https://example.org/reports/1" target="_blank" rel="noopener noreferrer">'
            "Overnight attack report</a>") in popup


def test_popup_link_with_quotes_cannot_break_the_attribute():
    popup = popup_html(make_event(source_url='https://example.org/"onmouseover="alert(1)'))
    assert 'href="https://example.org/&quot;onmouseover=&quot;alert(1)"' in popup
    assert '"onmouseover="' not in popup


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "", "not a url"])
def test_popup_without_safe_link_shows_the_title_as_text(url):
    popup = popup_html(make_event(source_url=url))
    assert "<a " not in popup and "href" not in popup
    assert "Overnight attack report" in popup
    if url:
        assert url not in popup  # an unsafe URL is not even shown as text


def test_popup_with_nothing_named():
    popup = popup_html(make_event(target="", source_title="", publisher="", source_url="", excerpt="", place=""))
    assert "target not named" in popup and "no source given" in popup
    assert "blockquote" not in popup and "written" not in popup


@pytest.mark.parametrize("precision, words", [(1, "2025-03-18"), (2, "2025-03-18 (within a week)"),
                                              (3, "2025-03-18 (within a month)")])
def test_popup_date_says_its_precision(precision, words):
    assert words in popup_html(make_event(time_precision=precision))


@pytest.mark.parametrize("field", ["target", "location", "place", "admin1", "source_title", "publisher", "excerpt",
                                   "notes"])
@pytest.mark.parametrize("payload", ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">'])
def test_popup_escapes_each_field(field, payload):
    popup = popup_html(make_event(**{field: payload}))
    assert payload not in popup
    assert "<script" not in popup and "<img" not in popup
    assert "&lt;" in popup


@pytest.mark.parametrize("field", ["target", "location", "admin1"])
def test_tooltip_escapes(field):
    tip = tooltip_html(make_event(**{field: "<b>`${x}`</b>"}))
    assert "<b>" not in tip and "`" not in tip and "${" not in tip


def test_tooltip_text():
    assert tooltip_html(make_event()) == "thermal power plant &middot; Kharkiv, Kharkiv Oblast, UA &middot; 2025-03-18"


@pytest.mark.parametrize("overrides, expected", [
    ({}, "Kharkiv, Kharkiv Oblast, UA"),
    ({"geo_precision": 2}, "near Kharkiv, Kharkiv Oblast, UA"),
    ({"geo_precision": 3}, "somewhere in Kharkiv Oblast, UA"),
    ({"geo_precision": 3, "admin1": "", "location": "Krasnodar Krai", "country": "RU"},
     "somewhere in Krasnodar Krai, RU"),
    ({"geo_precision": 3, "admin1": "", "location": "", "country": ""}, "somewhere in an unnamed region"),
    ({"location": "Kharkiv Oblast", "admin1": "Kharkiv Oblast"}, "Kharkiv Oblast, UA"),
    ({"location": "", "place": "Harkiv"}, "Harkiv, Kharkiv Oblast, UA"),
])
def test_where_text(overrides, expected):
    assert where_text(make_event(**overrides)) == expected


def test_popup_of_event_without_published_date():
    popup = popup_html(make_event(published=None, event_date=date(2024, 12, 31)))
    assert "published" not in popup and "2024-12-31" in popup
