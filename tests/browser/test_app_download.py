"""The GeoJSON download is byte for byte what `python -m strikes export` prints for the same filters."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser_harness import PROJECT_ROOT, open_app


def _download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return info.value.path().read_bytes()


def _cli_export(store, *args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "strikes", "export", "--data", str(store), *args],
        cwd=PROJECT_ROOT, capture_output=True, check=True, timeout=120,
    )
    return done.stdout


@pytest.mark.parametrize(
    ("query", "cli_args"),
    [
        ("", ()),
        ("category=energy", ("--category", "energy")),
        ("category=civilian&country=UA", ("--category", "civilian", "--country", "UA")),
    ],
)
def test_geojson_download_equals_cli_export(app_server, page, page_log, query, cli_args) -> None:
    open_app(page, app_server, query)
    downloaded = _download(page, "Download GeoJSON")
    assert downloaded == _cli_export(app_server.store, *cli_args)
    page_log.assert_clean()


def test_csv_download_equals_cli_export(app_server, page, page_log) -> None:
    open_app(page, app_server, "category=energy")
    downloaded = _download(page, "Download CSV")
    assert downloaded == _cli_export(app_server.store, "--category", "energy", "--format", "csv")
    assert downloaded.count(b"\n") == 3  # header + 2 energy events
    page_log.assert_clean()
