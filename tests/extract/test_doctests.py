"""The Examples sections of strikes/extract stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["sentences", "dates", "actors", "targets", "places", "pipeline"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = importlib.import_module(f"strikes.extract.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
