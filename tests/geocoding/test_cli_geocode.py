"""`python -m strikes geocode`: single name, --json, --file batch, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikes.cli import main


def test_single_name_prints_the_best_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Slovyensk"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sloviansk, Donetsk Oblast, UA  48.84974, 37.59739")
    assert "precision 1" in out


def test_unresolved_exits_1_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Zelancesi"]) == 1
    assert "Zelancesi: not resolved" in capsys.readouterr().out


def test_json_has_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Slavyansk", "--country", "RU", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["resolved"] is True
    assert payload["place"]["name"] == "Slavyansk-na-Kubani"
    assert payload["place"]["source_id"] == "geonames:492094"
    assert any(c["name"] == "Sloviansk" for c in payload["candidates"])


def test_region_hint_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Pokrovsk", "--region", "Sakha Republic", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["place"]["country"] == "RU"


def test_batch_file_one_json_line_per_name_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Sumi\n\nWitcoff\nКиев\nKrasnodar region\n", encoding="utf-8")
    assert main(["geocode", "--file", str(names)]) == 1  # one name did not resolve
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"] for line in lines] == ["Sumi", "Witcoff", "Киев", "Krasnodar region"]
    assert [line["resolved"] for line in lines] == [True, False, True, True]
    assert lines[1]["place"] is None and isinstance(lines[1]["suggestions"], list)
    assert lines[3]["place"]["geo_precision"] == 3


def test_batch_all_resolved_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Kharkov\n", encoding="utf-8")
    assert main(["geocode", "--file", str(names)]) == 0
    assert json.loads(capsys.readouterr().out)["place"]["name"] == "Kharkiv"


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--file", str(tmp_path / "absent.txt")]) == 2
    assert "absent.txt: cannot read the list of names" in capsys.readouterr().err


def test_name_or_file_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode"]) == 2
    assert "give either a NAME or --file" in capsys.readouterr().err
