"""Next best actions: the relationships whose strengthening would move an account or a deal most.

Candidates are the account's plan targets and the role holders of its open deals (for a deal:
its role holders), each paired with every one of our people who starts one of the best paths
to them. Each candidate's gain is a what-if (guanxi.analytics.whatif) of raising that pair to
`strength` (default: the strong level, 70), so it is the engine's number, not an estimate.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 30)], today=dt.date(2025, 1, 1))
>>> [(a["person"], a["employee"], round(a["gain"], 1)) for a in account_actions(ws, "acme")]
[('ceo', 'ann', 40.0)]

Interpretations: a pair already at or above `strength` is no candidate; the route is the best
path from that employee (their direct tie when it is the best); actions with no gain are left
out; one action per person (the colleague with the largest gain, then the strongest route,
then id; the other colleagues who could act are listed in `also`), by gain descending, then
person id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least
from .data import CUSTOMER
from .paths import best_paths, path_dicts
from .scores import side_scores
from .whatif import account_score_after, current_strength, deal_odds

if TYPE_CHECKING:
    from .graph import Workspace

STRENGTHEN_TO = 70.0


def _plan_targets(ws: Workspace, o: int) -> list[int]:
    members = ws.members(o)
    if ws.own < 0 or not len(members):
        return []
    closeness = side_scores(ws, ws.own).closeness[members]
    centre = ws.power_centre[members] | ws.influence_centre[members]
    target = centre & ~at_least(closeness, ws.settings.plan_target_threshold)
    return members[target].tolist()


def _role_holders(ws: Workspace, deals: list[int]) -> list[int]:
    mask = np.isin(ws.deals.role_deal, deals)
    return sorted(set(ws.deals.role_person[mask].tolist()))


def _candidates(ws: Workspace, people: list[int], strength: float) -> list[dict[str, Any]]:
    """(person, employee, current strength, route) for every pair worth trying."""
    out = []
    for p in sorted(set(people)):
        seen: set[int] = set()
        for nodes, w in best_paths(ws, p):
            e = nodes[0]
            if e in seen:
                continue
            seen.add(e)
            current, _ = current_strength(ws, e, p)
            if current >= strength:
                continue
            out.append({"p": p, "e": e, "current": current, "route": (nodes, w)})
    return out


def _action(ws: Workspace, c: dict[str, Any], strength: float, gain: float) -> dict[str, Any]:
    ids, names = ws.person_ids, ws.person_names
    route = path_dicts(ws, [c["route"]])[0]
    nodes = c["route"][0]
    return {
        "person": ids[c["p"]],
        "person_name": names[c["p"]],
        "employee": ids[c["e"]],
        "employee_name": names[c["e"]],
        "strength": c["current"],
        "to": strength,
        "gain": gain,
        "route": {**route, "names": [names[p] for p in nodes]},
        # Whoever stands between our employee and the person introduces them.
        "introducer": ids[nodes[1]] if len(nodes) > 2 else None,
    }


def _ranked(actions: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The best action per person (one colleague to act), by gain; the others as `also`."""
    actions = [a for a in actions if round(a["gain"], 9) > 0]
    actions.sort(
        key=lambda a: (-round(a["gain"], 9), -round(a["route"]["strength"], 9), a["employee"])
    )
    best: dict[str, dict[str, Any]] = {}
    for a in actions:
        if a["person"] in best:
            best[a["person"]]["also"].append(a["employee"])
        else:
            best[a["person"]] = {**a, "also": []}
    ranked = sorted(best.values(), key=lambda a: (-round(a["gain"], 9), a["person"]))
    return ranked[:limit]


def account_actions(
    ws: Workspace, org_id: str, *, strength: float = STRENGTHEN_TO, limit: int = 5
) -> list[dict[str, Any]]:
    """The account's next best actions: gain in its closeness score S(O) per relationship."""
    o = ws.org_of_id(org_id)
    if ws.org_kind[o] != CUSTOMER:
        raise ValueError(f"{org_id!r} is not a customer")
    open_deals = [
        d for d in range(len(ws.deals.ids)) if ws.deals.org[d] == o and ws.deals.status[d] == "open"
    ]
    people = _plan_targets(ws, o) + _role_holders(ws, open_deals)
    actions = []
    for c in _candidates(ws, people, strength):
        change = [(min(c["p"], c["e"]), max(c["p"], c["e"]), c["current"], strength)]
        before, after = account_score_after(ws, o, change)
        actions.append({**_action(ws, c, strength, after - before), "score_after": after})
    return _ranked(actions, limit)


def deal_actions(
    ws: Workspace, deal_id: str, *, strength: float = STRENGTHEN_TO, limit: int = 5
) -> list[dict[str, Any]]:
    """The deal's next best actions: gain in its relationship win odds per relationship."""
    d = ws.deals.index[deal_id]
    before = deal_odds(ws, d)
    actions = []
    for c in _candidates(ws, _role_holders(ws, [d]), strength):
        change = [(min(c["p"], c["e"]), max(c["p"], c["e"]), c["current"], strength)]
        after = deal_odds(ws, d, change)
        actions.append({**_action(ws, c, strength, after - before), "odds_after": after})
    return _ranked(actions, limit)
