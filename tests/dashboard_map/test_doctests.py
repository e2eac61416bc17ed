"""The Examples sections of the map modules run as tests, so the documentation cannot drift from the code."""

from __future__ import annotations

import doctest

import pytest

import dashboard.map
import dashboard.vendor


@pytest.mark.parametrize("module", [dashboard.map, dashboard.vendor], ids=lambda module: module.__name__)
def test_examples(module):
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 5
    assert failures == 0
