"""The Examples sections of the geocoding modules are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["geocoding.normalise", "geocoding.translit", "geocoding.inflect", "geocoding.facilities",
           "geocoding.gazetteer", "geocoding.index", "geocoding.build_regions", "geocoding.build_facilities",
           "geocoding.geocoder", "geocoding.sources", "geocoding.build", "strikes.cli_geocode"]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
