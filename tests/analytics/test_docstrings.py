"""The runnable examples in the analytics docstrings stay true, in every module that has them."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import guanxi.analytics


def _modules() -> list[str]:
    """Every module of guanxi.analytics, the package itself first."""
    names = [m.name for m in pkgutil.walk_packages(guanxi.analytics.__path__, "guanxi.analytics.")]
    return ["guanxi.analytics", *sorted(names)]


def _example_count(name: str) -> int:
    module = importlib.import_module(name)
    return sum(len(t.examples) for t in doctest.DocTestFinder().find(module))


WITH_EXAMPLES = [name for name in _modules() if _example_count(name)]


def test_the_modules_with_examples_are_found():
    # the discovery finds the modules known to carry examples (so an empty list cannot pass)
    known = {
        "guanxi.analytics",
        "guanxi.analytics.graph",
        "guanxi.analytics.deals",
        "guanxi.analytics.company",  # v2: credit_shares
        "guanxi.analytics.threats",  # v2: competitor threats
    }
    assert known <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name):
    # when a module's examples are run
    result = doctest.testmod(importlib.import_module(name))
    # then every example ran and none failed
    assert result.attempted == _example_count(name)
    assert result.failed == 0
