"""The person-level values a snapshot keeps for trend lines (MODEL.md's Snapshot).

- our closeness C_us(p) of every power or influence centre and every deal role holder;
- the relationship resources R(e) of each of our employees (from the company view).

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (11, "clerk", 1, "active", 10, False, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 60), (20, 11, "relationship", 50)],
...     today=dt.date(2025, 1, 1))
>>> closeness_values(ws)
[('ceo', 'closeness', 60.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .scores import side_scores

if TYPE_CHECKING:
    from .graph import Workspace

CLOSENESS, RESOURCES = "closeness", "resources"


def tracked_people(ws: Workspace) -> np.ndarray:
    """Active power or influence centres and deal role holders, in id order."""
    tracked = ws.power_centre | ws.influence_centre
    tracked[ws.deals.role_person] = True
    return np.flatnonzero(tracked & ws.active)


def closeness_values(ws: Workspace) -> list[tuple[str, str, float]]:
    """(person id, "closeness", C_us) of every tracked person (none without our company)."""
    if ws.own < 0:
        return []
    close = side_scores(ws, ws.own).closeness
    ids = ws.person_ids
    people = tracked_people(ws)
    return [
        (ids[p], CLOSENESS, round(float(v), 4))
        for p, v in zip(people.tolist(), close[people].tolist(), strict=True)
    ]


def resource_values(employees: list[dict[str, Any]]) -> list[tuple[str, str, float]]:
    """(employee id, "resources", R(e)) from the company view's employees."""
    return [(e["id"], RESOURCES, round(float(e["resources"]), 4)) for e in employees]
