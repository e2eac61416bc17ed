"""The Examples sections of strikes.aggregate run as tests (they document behaviour, so they must hold)."""

from __future__ import annotations

import doctest

import strikes.aggregate


def test_aggregate_examples_hold():
    result = doctest.testmod(strikes.aggregate, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 15
    assert result.failed == 0
