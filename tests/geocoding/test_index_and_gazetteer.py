"""Index build/save/load, staleness fingerprint, and the gazetteer's naming rules."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from geocoding import GazetteerError, Geocoder
from geocoding.build import INDEX_PATH, fingerprint
from geocoding.gazetteer import russian_canonical_name, ukrainian_canonical_name, usable_alternate
from geocoding.index import BARE, CANONICAL, DERIVED, build_index, load_index, name_keys, postings_of, save_index
from tests.geocoding.conftest import SMALL_GAZETTEER


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    save_index(build_index(SMALL_GAZETTEER, fingerprint="abc"), path)
    loaded = load_index(path)
    assert loaded.fingerprint == "abc"
    assert Geocoder.from_index(path).geocode("Kiev").place.name == "Kyiv"
    assert not list(tmp_path.glob("*.tmp"))  # the temporary file was renamed, not left behind


def test_missing_index_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read the gazetteer index"):
        load_index(tmp_path / "absent.pickle")


def test_garbage_index_is_a_gazetteer_error(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    path.write_bytes(b"not a pickle")
    with pytest.raises(GazetteerError, match="cannot read the gazetteer index"):
        load_index(path)


def test_old_index_version_is_refused(tmp_path: Path) -> None:
    index = build_index(SMALL_GAZETTEER)
    index.version = -1
    path = tmp_path / "index.pickle"
    path.write_bytes(pickle.dumps(index))
    with pytest.raises(GazetteerError, match="version: expected"):
        load_index(path)


def test_fingerprint_is_stable_and_short() -> None:
    assert fingerprint() == fingerprint()
    assert len(fingerprint()) == 16


def test_default_index_lives_in_the_project_cache() -> None:
    assert INDEX_PATH.parts[-3:] == (".cache", "geocoding", "index.pickle")
    assert "site-packages" not in str(INDEX_PATH)


def test_default_index_is_current(real: Geocoder) -> None:
    assert load_index(INDEX_PATH).fingerprint == fingerprint()


@pytest.mark.parametrize(("value", "expected"), [(5, (5,)), ((5, 9), (5, 9)), (None, ())])
def test_postings_of(value: int | tuple[int, ...] | None, expected: tuple[int, ...]) -> None:
    assert postings_of(value) == expected


def test_name_keys_flags() -> None:
    keys = dict(name_keys("Sumy Oblast", CANONICAL))
    assert keys["sumy"] & BARE and keys["sumy oblast"] == CANONICAL
    cyrillic = dict(name_keys("Київ"))
    assert cyrillic["київ"] == 0 and cyrillic["kyiv"] & DERIVED


def test_index_holds_head_of_compound_names() -> None:
    index = build_index(SMALL_GAZETTEER)
    heads = [p >> 3 for p in postings_of(index.exact["slavyansk"])]
    assert [SMALL_GAZETTEER[h].name for h in heads] == ["Sloviansk", "Slavyansk-na-Kubani"]


@pytest.mark.parametrize(("geonames", "alternates", "canonical"), [
    ("Slovyansk", ("Slavyansk", "Славянск", "Слов'янськ"), "Sloviansk"),
    ("Kryvyy Rih", ("Кривой Рог", "Кривий Ріг"), "Kryvyi Rih"),
    ("Zaporizhzhya", ("Запорожье", "Запоріжжя"), "Zaporizhzhia"),
    ("Mykolayiv", ("Николаев", "Миколаїв"), "Mykolaiv"),
    ("Kremenchuk", ("Кременчуг", "Кременчук", "Кремінчук"), "Kremenchuk"),
    ("Horlivka", ("Горловка", "Горлівка"), "Horlivka"),
    ("Pokrovsk", ("Красноармійськ", "Покровськ"), "Pokrovsk"),
    ("Dnipro", ("Днепропетровск", "Дніпропетровськ", "Дніпро"), "Dnipro"),
    ("Sumy", ("Sumi",), "Sumy"),                       # no Cyrillic: GeoNames' name stays
    ("Novyy Svit", ("Крым",), "Novyy Svit"),          # nothing alike: GeoNames' name stays
])
def test_ukrainian_canonical_name(geonames: str, alternates: tuple[str, ...], canonical: str) -> None:
    assert ukrainian_canonical_name(geonames, alternates) == canonical


@pytest.mark.parametrize(("geonames", "canonical"), [
    ("Orël", "Oryol"), ("Ryazan’", "Ryazan"), ("Ust’-Luga", "Ust-Luga"), ("Belgorod", "Belgorod"),
    ("Vyshniy Volochëk", "Vyshniy Volochyok"),
])
def test_russian_canonical_name(geonames: str, canonical: str) -> None:
    assert russian_canonical_name(geonames) == canonical


@pytest.mark.parametrize(("name", "usable"), [
    ("Kiev", True), ("Киев", True), ("Kyjiw", True), ("Zaporižžja", True),
    ("IEV", False), ("KBP", False), ("Ko", False), ("キーウ", False), ("كييف", False), ("", False),
])
def test_usable_alternate(name: str, usable: bool) -> None:
    assert usable_alternate(name) is usable


@pytest.mark.parametrize(("geonames", "alternates", "canonical"), [
    ("Dniprovskyi", ("Дніпровський район", "Дніпровський"), "Dniprovskyi"),   # the district name is not used
    ("Skhidni Kvartaly", ("Східні квартали",), "Skhidni Kvartaly"),           # capitals only: GeoNames' kept
    ("Golovanovka", ("Голованова",), "Golovanovka"),                          # unmarked, Russian fits better
    ("Lukovytsya", ("Луковица",), "Lukovytsya"),                              # unmarked, not GeoNames' source
    ("Berdyansk", ("Бердянськ", "Бердянск"), "Berdiansk"),                    # unmarked but GeoNames' source
    ("Hulyaypole", ("Гуляйполе",), "Huliaipole"),
    ("Kalinovka", ("Калиновка", "Калинівка"), "Kalynivka"),                  # the marked Ukrainian name wins
])
def test_ukrainian_canonical_name_guards(geonames: str, alternates: tuple[str, ...], canonical: str) -> None:
    assert ukrainian_canonical_name(geonames, alternates) == canonical
