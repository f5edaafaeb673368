"""The runnable examples in the docstrings of how names are spelled and searched stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["guanxi.people.names", "guanxi.people.pinyin", "guanxi.people.derived"]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
