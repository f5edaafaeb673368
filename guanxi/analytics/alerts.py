"""The alert conditions the engine can see (the rest need dates and tasks: operations.alerts).

- `overtaken`: on an open deal, a competitor in play closer than us to an approver or
  decision maker, C_k(p) > C_us(p), and whether it overtook us since the previous snapshot
  (`crossed`: C_k(p) ≤ C_us(p) there, both recorded);
- `at_risk`: accounts whose top dependency holds at least the at-risk share (MODEL.md's
  concentration);
- `key_pairs`: (our employee, person) pairs worth keeping warm — a relationship of at least
  `min_strength` with a power or influence centre or a role holder of an open deal — for the
  staleness check.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None),
...           (3, "rival", "competitor", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (20, "ann", 2, "active", None, False, True),
...             (30, "rex", 3, "active", None, False, False)],
...     ties=[(20, 10, "relationship", 40), (30, 10, "relationship", 70)],
...     deals=[(1, "d1", 1, "open", None, (3,))], roles=[(1, 10, "approver", 0, None)],
...     today=dt.date(2025, 1, 1))
>>> [(o["deal"], o["person"], o["competitor"], o["crossed"]) for o in overtaken(ws)]
[('d1', 'ceo', 'rival', False)]
>>> before = {("ceo", "closeness"): 40.0, ("ceo", "closeness@rival"): 40.0}
>>> [o["crossed"] for o in overtaken(ws, before)]
[True]
>>> before[("ceo", "closeness@rival")] = 55.0
>>> [o["crossed"] for o in overtaken(ws, before)]
[False]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least
from .history import CLOSENESS, rival_metric
from .scores import side_scores

if TYPE_CHECKING:
    from .graph import Workspace

DECIDERS = ("approver", "decision_maker")


def overtaken(
    ws: Workspace, before: Mapping[tuple[str, str], float] | None = None
) -> list[dict[str, Any]]:
    """Competitors closer than us to a decider of an open deal, by deal, person, competitor;
    `crossed` when the previous snapshot (`before`: {(person id, metric): value}) had them at
    or below us."""
    before = before or {}
    deals = ws.deals
    if ws.own < 0:
        return []
    us = side_scores(ws, ws.own).closeness
    ids = ws.person_ids
    out = []
    seen = set()
    for r in range(len(deals.role_deal)):
        d = int(deals.role_deal[r])
        if deals.status[d] != "open" or deals.role_name[r] not in DECIDERS:
            continue
        p = int(deals.role_person[r])
        for c in deals.competitors[d]:
            theirs = float(side_scores(ws, c).closeness[p])
            key = (d, p, c)
            if theirs > float(us[p]) + 1e-9 and key not in seen:
                seen.add(key)
                then_us = before.get((ids[p], CLOSENESS))
                then_them = before.get((ids[p], rival_metric(ws.org_ids[c])))
                crossed = None not in (then_us, then_them) and then_them <= then_us + 1e-9
                out.append(
                    {
                        "deal": deals.ids[d],
                        "account": ws.org_ids[deals.org[d]],
                        "person": ids[p],
                        "competitor": ws.org_ids[c],
                        "ours": float(us[p]),
                        "theirs": theirs,
                        "crossed": crossed,
                    }
                )
    out.sort(key=lambda o: (o["deal"], o["person"], o["competitor"]))
    return out


def at_risk(accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Accounts at risk of one departure, from the company view's accounts."""
    return [
        {
            "account": a["id"],
            "employee": a["top_dependency"]["employee"],
            "share": a["top_dependency"]["share"],
        }
        for a in accounts
        if a["at_risk"]
    ]


def key_pairs(ws: Workspace, min_strength: float = 40.0) -> list[tuple[str, str, float]]:
    """(employee id, person id, strength) of our relationships worth keeping warm."""
    if ws.own < 0:
        return []
    side = side_scores(ws, ws.own)
    key = ws.power_centre | ws.influence_centre
    deals = ws.deals
    open_rows = np.array([deals.status[d] == "open" for d in deals.role_deal.tolist()], dtype=bool)
    key[deals.role_person[open_rows]] = True
    keep = key[side.link_p] & at_least(side.link_s, min_strength)
    ids = ws.person_ids
    return sorted(
        (ids[e], ids[p], float(s))
        for e, p, s in zip(
            side.link_e[keep].tolist(),
            side.link_p[keep].tolist(),
            side.link_s[keep].tolist(),
            strict=True,
        )
    )
