"""The benchmarks' generated workspace stays importable as the interchange format grows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from guanxi.interchange import import_path
from guanxi.people.models import Person, Tie

pytestmark = pytest.mark.django_db

# bench/import/ is not importable by name ("import" is a keyword): load the script by path
_SPEC = importlib.util.spec_from_file_location(
    "bench_generate", Path(__file__).parents[2] / "bench" / "import" / "generate.py"
)
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)
generate = _MODULE.generate


def test_a_small_generated_workspace_imports_without_a_problem(tmp_path):
    counts = generate(
        tmp_path,
        customers=12,
        per_customer=8,
        ours=20,
        influence_per_customer=5,
        relationships_per_employee=4,
        seed=7,
    )
    report = import_path(tmp_path)
    assert report.problems == []
    assert Person.objects.count() == counts["people.csv"]
    reporting_lines = 12 * (8 - 1)  # everyone but each customer's head reports to someone
    assert Tie.objects.count() == counts["ties.csv"] + reporting_lines
