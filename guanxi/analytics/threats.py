"""Competitor threat: the key people a competitor is closer to than we are (v2).

Key people are the power and influence centres of every customer and the role holders of
open deals; a competitor threatens where its closeness C_k(p) is above ours C_us(p) (equal to
9 decimals is not above). Listed by importance descending, then id.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None), (3, "lx", "competitor", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (11, "cto", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True),
...             (30, "wu", 3, "active", None, False, True)],
...     ties=[(11, 10, "reports_to", None), (30, 10, "relationship", 80),
...           (20, 10, "relationship", 30), (30, 11, "relationship", 85)],
...     today=dt.date(2025, 1, 1))
>>> [(t["person"], t["closeness"], t["ours"]) for t in competitor_threats(ws, "lx")]
[('ceo', 80.0, 30.0), ('cto', 85.0, 0.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import order_desc, tie_round
from .data import COMPETITOR, CUSTOMER
from .scores import side_scores

if TYPE_CHECKING:
    from .graph import Workspace

DECIDERS = ("approver", "decision_maker")


def key_people(ws: Workspace) -> np.ndarray:
    """Mask of the people who matter to a deal or an account: power and influence centres
    of the customers, and the role holders of open deals."""

    def make() -> np.ndarray:
        deals = ws.deals
        key = (ws.power_centre | ws.influence_centre).copy()
        is_open = np.array([s == "open" for s in deals.status], dtype=bool)
        if len(deals.role_deal):
            key[deals.role_person[is_open[deals.role_deal]]] = True
        customer = ws.org_kind[np.maximum(ws.person_org, 0)] == CUSTOMER
        return key & ws.active & customer & (ws.person_org >= 0)

    return ws.cached("key_people", make)


def competitor_threats(
    ws: Workspace, competitor_id: str, *, account_id: str | None = None
) -> list[dict[str, Any]]:
    """Key people the competitor is closer to than we are (optionally at one account), by
    importance descending, then id: person, account, the competitor's closeness and ours,
    importance, the open deals the person holds a role on and those roles, and whether they
    decide one (approver or decision maker: "Lanxin is ahead with 2 deciders at Tianyu")."""
    k = ws.org_of_id(competitor_id)
    if ws.org_kind[k] != COMPETITOR:
        raise ValueError(f"{competitor_id!r} is not a competitor")
    if account_id is None:
        people = np.flatnonzero(key_people(ws))
    else:
        members = ws.members(ws.org_of_id(account_id))
        people = members[key_people(ws)[members]]
    theirs = side_scores(ws, k).closeness[people]
    ours = side_scores(ws, ws.own).closeness[people] if ws.own >= 0 else theirs * 0
    ahead = tie_round(theirs) > tie_round(ours)
    people, theirs, ours = people[ahead], theirs[ahead], ours[ahead]
    order = order_desc(ws.importance[people], people)
    roles = _open_roles(ws)
    return [
        {
            "person": ws.person_ids[p],
            "name": ws.person_names[p],
            "account": ws.org_ids[ws.person_org[p]],
            "account_name": ws.org_names[ws.person_org[p]],
            "closeness": float(theirs[i]),
            "ours": float(ours[i]),
            "importance": float(ws.importance[p]),
            "centre": bool(ws.power_centre[p] or ws.influence_centre[p]),
            "deals": sorted({d for d, _ in roles.get(p, [])}),
            "roles": sorted({r for _, r in roles.get(p, [])}),
            "decider": any(r in DECIDERS for _, r in roles.get(p, [])),
        }
        for i, p in zip(order.tolist(), people[order].tolist(), strict=True)
    ]


def _open_roles(ws: Workspace) -> dict[int, list[tuple[str, str]]]:
    """(deal id, role) of every role each person holds on an open deal."""

    def make() -> dict[int, list[tuple[str, str]]]:
        deals = ws.deals
        out: dict[int, list[tuple[str, str]]] = {}
        for r, (d, p) in enumerate(
            zip(deals.role_deal.tolist(), deals.role_person.tolist(), strict=True)
        ):
            if deals.status[d] == "open":
                out.setdefault(p, []).append((deals.ids[d], deals.role_name[r]))
        return out

    return ws.cached("open_roles", make)


def account_threats(ws: Workspace, org_id: str) -> list[dict[str, Any]]:
    """Every competitor's threats at one account, by importance, then person id, then
    competitor id: competitor, person, closeness, ours, importance."""
    out = []
    for c in np.flatnonzero(ws.org_kind == COMPETITOR).tolist():
        for t in competitor_threats(ws, ws.org_ids[c], account_id=org_id):
            out.append({"competitor": ws.org_ids[c], **t})
    out.sort(key=lambda t: (-round(t["importance"], 9), t["person"], t["competitor"]))
    return out
