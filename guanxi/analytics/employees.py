"""Employee views of a side (us or a competitor): one person's relationship resources, the
accounts they reach, their credit per won deal, and the side's "iceberg" of non-sales staff.

The formulas are MODEL.md's and are the company view's: resources R(e) = 100 · Σ s(e,p)/100 ·
W(p) over customer people p, key people (power or influence centres with s(e,p) ≥ the key-people
threshold), concentration (`company.concentration`) and credit on won deals
(`company.credit_table`: the shares recorded at the win, ours only).

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 80)], today=dt.date(2025, 1, 1))
>>> p = employee_profile(ws, "ann")
>>> p["resources"], [r["id"] for r in p["key_people"]], p["accounts"][0]["share"]
(80.0, ['ceo'], 1.0)
>>> reach_counts(ws, ws.own)
{'ann': 1}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import tie_round
from .company import concentration, credit_table
from .data import COMPETITOR, CUSTOMER, OWN
from .scores import SideScores, account_scores, side_scores

if TYPE_CHECKING:
    from .graph import Workspace


def customer_links(ws: Workspace, side: SideScores) -> np.ndarray:
    """Mask of the side's links that reach a customer's person."""
    return ws.org_kind[ws.person_org[side.link_p]] == CUSTOMER


def resources_of(ws: Workspace, side: SideScores) -> np.ndarray:
    """R(e) of every person (0 outside the side), as the company view computes it."""
    customer = customer_links(ws, side)
    p, e, s = side.link_p[customer], side.link_e[customer], side.link_s[customer]
    return np.bincount(e, weights=s * ws.importance[p], minlength=len(ws.person_ids))


def reach_counts(ws: Workspace, side_org: int) -> dict[str, int]:
    """Number of customer accounts each active person of the side has a relationship in."""
    side = side_scores(ws, side_org)
    customer = customer_links(ws, side)
    e = side.link_e[customer]
    org = ws.person_org[side.link_p[customer]]
    pairs = np.unique(e * len(ws.org_ids) + org)
    counts = np.bincount(pairs // len(ws.org_ids), minlength=len(ws.person_ids))
    return {ws.person_ids[m]: int(counts[m]) for m in ws.members(side_org).tolist()}


def employee_rows(ws: Workspace, view: dict[str, Any]) -> list[dict[str, Any]]:
    """The company view's employees (resources order) with rank, accounts reached, the number
    of key people and a bar length (percent of the largest resources)."""
    reach = reach_counts(ws, ws.org_of_id(view["side"]))
    top = max((e["resources"] for e in view["employees"]), default=0.0) or 1.0
    return [
        {
            **e,
            "rank": rank,
            "accounts": reach.get(e["id"], 0),
            "key_count": len(e["key_people"]),
            "bar": round(100 * e["resources"] / top, 1),
        }
        for rank, e in enumerate(view["employees"], start=1)
    ]


def iceberg(employees: list[dict[str, Any]]) -> dict[str, Any]:
    """What non-sales staff hold: their share of all resources, how many of them have
    resources, and the key people only they can influence."""
    total = sum(e["resources"] for e in employees)
    hidden = [e for e in employees if not e["is_sales"]]
    held = sum(e["resources"] for e in hidden)
    by_sales = {p for e in employees if e["is_sales"] for p in e["key_people"]}
    by_others = {p for e in hidden for p in e["key_people"]}
    return {
        # resources of 0 to 9 decimals are none: their "share" would be floating noise
        "share": held / total if tie_round(total) > 0 else 0.0,
        "people": len(hidden),
        "with_resources": sum(1 for e in hidden if e["resources"] > 0),
        "only_non_sales": sorted(by_others - by_sales),
        "key_people": len(by_sales | by_others),
    }


def credit_by_deal(ws: Workspace, side: SideScores, m: int) -> list[dict[str, Any]]:
    """Person m's credit on every won deal they are credited on (ours only): share, credited
    amount and the deal's amount, the largest amount first (the shares recorded at the win,
    from `company.credit_table`, as the company view's credit)."""
    if ws.org_kind[side.org] != OWN:
        return []
    deal, person, share = credit_table(ws)
    mine = (person == m) & (share > 0)
    out = []
    for d, sh in zip(deal[mine].tolist(), share[mine].tolist(), strict=True):
        whole = 0.0 if np.isnan(ws.deals.amount[d]) else float(ws.deals.amount[d])
        out.append(
            {"deal": ws.deals.ids[d], "share": sh, "amount": sh * whole, "deal_amount": whole}
        )
    out.sort(key=lambda c: (-c["amount"], c["deal"]))
    return out


def _relationships(ws: Workspace, side: SideScores, m: int) -> list[dict[str, Any]]:
    """Person m's relationships with customer people, the most important first."""
    threshold = ws.settings.key_people_threshold
    centre = ws.power_centre | ws.influence_centre
    ours = side_scores(ws, ws.own) if ws.own >= 0 else side
    plan = ws.settings.plan_target_threshold
    sel = np.flatnonzero((side.link_e == m) & customer_links(ws, side))
    people, strengths = side.link_p[sel], side.link_s[sel]
    order = np.lexsort((people, -tie_round(strengths), -tie_round(ws.importance[people])))
    rows = []
    for p, s in zip(people[order].tolist(), strengths[order].tolist(), strict=True):
        rows.append(
            {
                "id": ws.person_ids[p],
                "name": ws.person_names[p],
                "account": ws.org_ids[ws.person_org[p]],
                "account_name": ws.org_names[ws.person_org[p]],
                "strength": float(s),
                "importance": float(ws.importance[p]),
                "power_centre": bool(ws.power_centre[p]),
                "influence_centre": bool(ws.influence_centre[p]),
                "key": bool(centre[p]) and s >= threshold,
                "plan_target": bool(centre[p]) and float(ours.closeness[p]) < plan,
                "closeness": float(side.closeness[p]),
            }
        )
    return rows


def _accounts(
    ws: Workspace, side: SideScores, m: int, relationships: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The accounts person m reaches: people and key people known there, the side's score and
    level there, and the share of that score resting on m (largest share first)."""
    scores = account_scores(ws, side)
    rows, emp, share = concentration(ws, side, scores)
    hit = emp == m
    shares = dict(zip(rows[hit].tolist(), share[hit].tolist(), strict=True))
    accounts: dict[str, dict[str, Any]] = {}
    for r in relationships:
        a = accounts.setdefault(
            r["account"],
            {"id": r["account"], "name": r["account_name"], "people": 0, "key_people": 0},
        )
        a["people"] += 1
        a["key_people"] += int(r["key"])
    for a in accounts.values():
        o = ws.org_of_id(a["id"])
        a["score"] = float(scores[o])
        a["level"] = ws.settings.level(float(scores[o]))
        a["share"] = shares.get(o, 0.0)
    return sorted(accounts.values(), key=lambda a: (-round(a["share"], 9), a["id"]))


def employee_profile(ws: Workspace, person_id: str) -> dict[str, Any]:
    """One active person of our side or a competitor's: resources and rank, key people,
    relationships with customer people (most important first), accounts reached with the
    side's score there and the share resting on them, and credit on won deals (ours only)."""
    m = ws.person_of_id(person_id)
    org = int(ws.person_org[m])
    side = side_scores(ws, org)
    resources = resources_of(ws, side)
    members = ws.members(org)
    mine = tie_round(resources[m])
    rank = 1 + int(np.sum(tie_round(resources[members]) > mine))
    relationships = _relationships(ws, side, m)
    kind = int(ws.org_kind[org])
    return {
        "id": person_id,
        "name": ws.person_names[m],
        "side": "ours" if kind == OWN else "competitor" if kind == COMPETITOR else "other",
        "org": ws.org_ids[org],
        "org_name": ws.org_names[org],
        "is_sales": bool(ws.is_sales[m]),
        "resources": float(resources[m]),
        "rank": rank,
        "of": len(members),
        "relationships": relationships,
        "key_people": [r for r in relationships if r["key"]],
        "to_strengthen": [
            r
            for r in relationships
            if (r["power_centre"] or r["influence_centre"]) and not r["key"]
        ],
        "accounts": _accounts(ws, side, m, relationships),
        "credit": credit_by_deal(ws, side, m),
        "key_threshold": ws.settings.key_people_threshold,
    }


def compare_accounts(ours: dict[str, Any], theirs: dict[str, Any]) -> list[dict[str, Any]]:
    """Every customer with the competitor's score beside ours, the largest lead of theirs
    first; `stronger` when their score is above ours."""
    our_score = {a["id"]: a["score"] for a in ours["accounts"]}
    rows = []
    for a in theirs["accounts"]:
        mine = our_score.get(a["id"], 0.0)
        rows.append(
            {
                **a,
                "ours": mine,
                "gap": a["score"] - mine,
                "stronger": round(a["score"], 9) > round(mine, 9),
            }
        )
    rows.sort(key=lambda r: (-round(r["gap"], 9), r["id"]))
    return rows


def deals_in_play(ws: Workspace, side_org: int) -> list[str]:
    """Ids of the deals the competitor is recorded as competing in (deal intelligence)."""
    return [d for d, c in zip(ws.deals.ids, ws.deals.competitors, strict=True) if side_org in c]


def competitor_orgs(ws: Workspace) -> list[int]:
    """Every competitor's organisation index, in id order."""
    return np.flatnonzero(ws.org_kind == COMPETITOR).tolist()
