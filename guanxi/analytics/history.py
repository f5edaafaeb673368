"""The person-level values a snapshot keeps for trend lines (MODEL.md's Snapshot).

- our closeness C_us(p) of every power or influence centre and every deal role holder;
- the relationship resources R(e) of each of our employees (from the company view);
- each competitor's closeness C_k(p) of every role holder of an open deal it is in play on
  (`closeness@COMPETITOR_ID`), so an alert can tell a competitor overtaking us from one that
  was already ahead.

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
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None),
...           (3, "rival", "competitor", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (30, "rex", 3, "active", None, False, False)],
...     ties=[(30, 10, "relationship", 70)],
...     deals=[(1, "d1", 1, "open", None, (3,))], roles=[(1, 10, "approver", 0, None)],
...     today=dt.date(2025, 1, 1))
>>> rival_closeness_values(ws)
[('ceo', 'closeness@rival', 70.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .scores import side_scores

if TYPE_CHECKING:
    from .graph import Workspace

CLOSENESS, RESOURCES = "closeness", "resources"


def rival_metric(competitor_id: str) -> str:
    """The snapshot metric of a competitor's closeness to a person."""
    return f"{CLOSENESS}@{competitor_id}"


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


def rival_closeness_values(ws: Workspace) -> list[tuple[str, str, float]]:
    """(person id, "closeness@COMPETITOR", C_k) of each active role holder of an open deal,
    for each competitor in play on that deal."""
    deals = ws.deals
    wanted: dict[int, set[int]] = {}
    for r in range(len(deals.role_deal)):
        d = int(deals.role_deal[r])
        p = int(deals.role_person[r])
        if deals.status[d] == "open" and ws.active[p]:
            wanted.setdefault(p, set()).update(deals.competitors[d])
    closeness: dict[int, np.ndarray] = {}
    out = []
    for p in sorted(wanted):
        for c in sorted(wanted[p]):
            if c not in closeness:
                closeness[c] = side_scores(ws, c).closeness
            out.append(
                (ws.person_ids[p], rival_metric(ws.org_ids[c]), round(float(closeness[c][p]), 4))
            )
    return sorted(out)
