"""The table importer with the real offline geocoder (`geocoding.default_geocoder`) and its gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikes.importers import ImportOptions, import_file


@pytest.fixture(scope="module")
def real_geocoder():  # type: ignore[no-untyped-def]
    geocoding = pytest.importorskip("geocoding")
    try:
        return geocoding.default_geocoder()
    except geocoding.GeocodingError as err:  # no index on this machine: the unit tests with the fake still run
        pytest.skip(f"gazetteer index not available: {err}")


def test_messy_table_with_the_real_geocoder(data_dir: Path, real_geocoder) -> None:
    result = import_file(data_dir / "table_places.csv", options=ImportOptions(country="UA"), geocoder=real_geocoder)
    assert {e.location for e in result.events} == {"Kharkiv", "Ryazan", "Tuapse", "Novoshakhtinsk", "Odesa", "Sumy"}
    by_location = {e.location: e for e in result.events}
    assert by_location["Ryazan"].admin1 == "Ryazan Oblast"
    assert by_location["Novoshakhtinsk"].admin1 == "Rostov Oblast"
    assert abs(by_location["Kharkiv"].lat - 49.99) < 0.1 and abs(by_location["Kharkiv"].lon - 36.23) < 0.1
    reasons = {reject.row: reject.reason for reject in result.rejects}
    assert "unknown place 'Atlantis'" in reasons[11]
    assert "ambiguous place 'Pokrovske'" in reasons[15]
    assert "names different places" in reasons[16]
    assert set(reasons) == {9, 10, 11, 12, 13, 14, 15, 16, 17, 18}


def test_cyrillic_table_with_the_real_geocoder(data_dir: Path, real_geocoder) -> None:
    result = import_file(data_dir / "table_cp1251.csv", geocoder=real_geocoder)
    assert [(e.location, e.subtype) for e in result.events] == [
        ("Kharkiv", "power_grid"), ("Odesa", "port"), ("Zaporizhzhia", "power_generation")]


def test_default_geocoder_is_used_when_none_is_given(real_geocoder) -> None:
    data = b"date,place,target\n2024-03-22,Kharkiv,substation\n"
    result = import_file(data, filename="t.csv", options=ImportOptions(country="UA"))
    assert result.accepted == 1 and result.events[0].admin1 == "Kharkiv Oblast"
