"""The pages that show reports and records read them through the read façade only: none
of them queries the models or filters by visibility itself (ARCHITECTURE.md, layering 7)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import guanxi

WEB = Path(guanxi.__file__).parent / "web"
READERS = [
    "views/accounts.py",
    "views/people.py",
    "views/employees.py",
    "views/deals.py",
    "views/competitors.py",
    "views/dashboard.py",
    "views/search.py",
    "views/deal_parts.py",
    "intel.py",
    "graphs.py",
    "resources.py",
]
#: what deciding visibility or reading records by oneself looks like
FORBIDDEN_MODULES = {
    "guanxi.access.permissions",
    "guanxi.access.visibility",
    "guanxi.access.guarded",
}


def own_reads(tree: ast.AST) -> list[str]:
    """Imports of the rule modules, `restrict(...)` calls and `.objects` managers."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_MODULES:
            found.append(f"line {node.lineno}: from {node.module} import ...")
        if isinstance(node, ast.ImportFrom) and node.module == "guanxi.access":
            names = {a.name for a in node.names} - {"facade"}
            if names:
                found.append(f"line {node.lineno}: from guanxi.access import {names}")
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"line {node.lineno}: .objects")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "restrict":
            found.append(f"line {node.lineno}: restrict(...)")
    return found


@pytest.mark.parametrize("name", READERS)
def test_the_page_reads_through_the_facade_only(name):
    # given the source of a page module that shows reports and records
    tree = ast.parse((WEB / name).read_text(encoding="utf-8"))
    # then it neither queries models nor applies the visibility rules itself
    assert own_reads(tree) == []


def test_the_check_finds_a_page_that_reads_by_itself():
    # given a view that looks a person up and filters it itself / then the check says so
    source = (
        "from guanxi.access.permissions import restrict\n"
        "def view(request):\n"
        "    return restrict(request.user, Person.objects.all())\n"
    )
    assert len(own_reads(ast.parse(source))) == 3
