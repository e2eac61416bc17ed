"""The Examples sections of the importer modules are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ("base", "coords", "dates", "dedup", "places", "pipeline", "reading", "sniff", "ucdp", "cir",
           "acled")


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = importlib.import_module(f"strikes.importers.{name}")
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0
