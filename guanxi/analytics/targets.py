"""Plan targets across every account: power or influence centres our side is not close to.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 30)], today=dt.date(2025, 1, 1))
>>> [(t["id"], t["account"], t["closeness"]) for t in plan_targets(ws)]
[('ceo', 'acme', 30.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least, order_desc
from .data import CUSTOMER
from .scores import side_scores

if TYPE_CHECKING:
    from .graph import Workspace


def plan_targets(
    ws: Workspace, *, limit: int | None = None, accounts: set[str] | None = None
) -> list[dict[str, Any]]:
    """Power or influence centres at customers with our closeness below the plan-target
    threshold, by importance descending (then id); optionally only in `accounts`."""
    if ws.own < 0:
        return []
    closeness = side_scores(ws, ws.own).closeness
    centre = ws.power_centre | ws.influence_centre
    customer = ws.org_kind[ws.person_org] == CUSTOMER
    mask = ws.active & customer & centre & ~at_least(closeness, ws.settings.plan_target_threshold)
    if accounts is not None:
        allowed = np.array([ws.org_ids[o] in accounts for o in range(len(ws.org_ids))], dtype=bool)
        mask &= allowed[ws.person_org]
    people = np.flatnonzero(mask)
    people = people[order_desc(ws.importance[people], people)]
    if limit is not None:
        people = people[:limit]
    return [
        {
            "id": ws.person_ids[p],
            "name": ws.person_names[p],
            "account": ws.org_ids[ws.person_org[p]],
            "account_name": ws.org_names[ws.person_org[p]],
            "importance": float(ws.importance[p]),
            "closeness": float(closeness[p]),
            "power_centre": bool(ws.power_centre[p]),
        }
        for p in people.tolist()
    ]
