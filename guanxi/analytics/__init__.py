"""Guanxi analytics: pure scoring of relationships over plain data (no Django imports).

Build one `Workspace` from rows with `build_workspace`, keep it, and ask it for views shaped as
the CLI/API JSON (see docs and MODEL.md for every formula):

>>> import datetime as dt
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 80)], today=dt.date(2025, 1, 1))
>>> account_view(ws, "acme")["score"], company_view(ws)["levels"]
(80.0, {'strong': 1, 'medium': 0, 'weak': 0})
>>> paths_view(ws, "ceo")
[{'people': ['ann', 'ceo'], 'strength': 0.8}]
"""

from .account import account_view
from .company import company_view
from .data import TieArrays
from .deals import deal_view, win_odds
from .graph import Workspace, build_workspace
from .paths import best_paths, paths_view
from .person import person_view
from .relationships import effective_strength, evidence, interaction_points
from .scores import closeness
from .settings import ScoringSettings

__all__ = [
    "ScoringSettings",
    "TieArrays",
    "Workspace",
    "account_view",
    "best_paths",
    "build_workspace",
    "closeness",
    "company_view",
    "deal_view",
    "effective_strength",
    "evidence",
    "interaction_points",
    "paths_view",
    "person_view",
    "win_odds",
]
