"""The runnable examples in the analytics docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "__init__",
    "settings",
    "graph",
    "relationships",
    "scores",
    "deals",
    "company",
    "threats",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(
        "guanxi.analytics" if name == "__init__" else f"guanxi.analytics.{name}"
    )
    result = doctest.testmod(module)
    assert result.failed == 0
