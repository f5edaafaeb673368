"""Relationship resources of one side (us or a competitor), shaped for the employee and
competitor pages: per-employee reach, one employee's relationships, accounts and credit,
and the graph data graph.js draws.

Everything here reads the warm analysis workspace (guanxi.analytics) and repeats none of its
formulas: resources R(e) = sum s(e,p)·W(p), key people (centres with s(e,p) >= the key-people
threshold), concentration and credit on won deals are MODEL.md's, computed by the same
analytics functions the company view uses.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from guanxi.analytics._arrays import order_desc, tie_round
from guanxi.analytics.company import concentration, credit_table
from guanxi.analytics.data import COMPETITOR, CUSTOMER, OWN
from guanxi.analytics.graph import Workspace
from guanxi.analytics.scores import SideScores, account_scores, side_scores
from guanxi.web.graphs import person_facts

#: The most customer people one drawing shows (the most important first): a side's graph,
#: and one employee's (a ring around the employee stays readable up to about 30).
GRAPH_LIMIT = 50
EMPLOYEE_GRAPH_LIMIT = 30


def _customer_links(ws: Workspace, side: SideScores) -> np.ndarray:
    """Mask of the side's links that reach a customer's person."""
    return ws.org_kind[ws.person_org[side.link_p]] == CUSTOMER


def resources_of(ws: Workspace, side: SideScores) -> np.ndarray:
    """R(e) of every person (0 outside the side), as the company view computes it."""
    customer = _customer_links(ws, side)
    p, e, s = side.link_p[customer], side.link_e[customer], side.link_s[customer]
    return np.bincount(e, weights=s * ws.importance[p], minlength=len(ws.person_ids))


def reach_counts(ws: Workspace, side_org: int) -> dict[str, int]:
    """Number of customer accounts each person of the side has a relationship in."""
    side = side_scores(ws, side_org)
    customer = _customer_links(ws, side)
    e = side.link_e[customer]
    org = ws.person_org[side.link_p[customer]]
    pairs = np.unique(e * len(ws.org_ids) + org)
    counts = np.bincount(pairs // len(ws.org_ids), minlength=len(ws.person_ids))
    return {ws.person_ids[m]: int(counts[m]) for m in ws.members(side_org).tolist()}


def employee_rows(ws: Workspace, view: dict[str, Any]) -> list[dict[str, Any]]:
    """The company view's employees (resources order) with rank, accounts reached, the
    number of key people, title and department."""
    from guanxi.people.models import Person

    side_org = ws.org_of_id(view["side"])
    reach = reach_counts(ws, side_org)
    ids = [e["id"] for e in view["employees"]]
    facts = dict(
        (r[0], (r[1], r[2]))
        for r in Person.objects.filter(ext_id__in=ids).values_list("ext_id", "title", "department")
    )
    top = max((e["resources"] for e in view["employees"]), default=0.0) or 1.0
    rows = []
    for rank, e in enumerate(view["employees"], start=1):
        title, department = facts.get(e["id"], ("", ""))
        rows.append(
            {
                **e,
                "rank": rank,
                "title": title,
                "department": department,
                "accounts": reach.get(e["id"], 0),
                "key_count": len(e["key_people"]),
                "bar": round(100 * e["resources"] / top, 1),
            }
        )
    return rows


def iceberg(employees: list[dict[str, Any]]) -> dict[str, Any]:
    """What non-sales staff hold: their share of all resources, how many of them have
    resources, and the key people only they can influence."""
    total = sum(e["resources"] for e in employees)
    hidden = [e for e in employees if not e["is_sales"]]
    held = sum(e["resources"] for e in hidden)
    by_sales = {p for e in employees if e["is_sales"] for p in e["key_people"]}
    by_others = {p for e in hidden for p in e["key_people"]}
    return {
        "share": held / total if total > 0 else 0.0,
        "people": len(hidden),
        "with_resources": sum(1 for e in hidden if e["resources"] > 0),
        "only_non_sales": sorted(by_others - by_sales),
        "key_people": len(by_sales | by_others),
    }


def _credit_by_deal(ws: Workspace, side: SideScores, m: int) -> list[dict[str, Any]]:
    """Person m's credit on every won deal they are credited on: share and amount (the
    shares recorded at the win, from the analytics' credit table)."""
    if ws.org_kind[side.org] != OWN:
        return []
    deals = ws.deals
    deal, person, share = credit_table(ws)
    out = []
    for d, s in zip(deal[person == m].tolist(), share[person == m].tolist(), strict=True):
        amount = 0.0 if np.isnan(deals.amount[d]) else float(deals.amount[d])
        out.append({"deal": deals.ids[d], "share": s, "amount": s * amount, "deal_amount": amount})
    out.sort(key=lambda c: (-c["amount"], c["deal"]))
    return out


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
    threshold = ws.settings.key_people_threshold
    centre = ws.power_centre | ws.influence_centre
    ours = side_scores(ws, ws.own) if ws.own >= 0 else side
    plan = ws.settings.plan_target_threshold

    sel = np.flatnonzero((side.link_e == m) & _customer_links(ws, side))
    people, strengths = side.link_p[sel], side.link_s[sel]
    order = np.lexsort((people, -tie_round(strengths), -tie_round(ws.importance[people])))
    relationships = []
    for p, s in zip(people[order].tolist(), strengths[order].tolist(), strict=True):
        relationships.append(
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
    key_people = [r for r in relationships if r["key"]]
    to_strengthen = [
        r for r in relationships if (r["power_centre"] or r["influence_centre"]) and not r["key"]
    ]

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
    account_list = sorted(accounts.values(), key=lambda a: (-round(a["share"], 9), a["id"]))

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
        "key_people": key_people,
        "to_strengthen": to_strengthen,
        "accounts": account_list,
        "credit": _credit_by_deal(ws, side, m),
        "key_threshold": threshold,
    }


def _node(ws: Workspace, p: int, *, closeness: float | None = None) -> dict[str, Any]:
    """A customer person's node: importance, centre flags and a closeness label."""
    return {
        "id": ws.person_ids[p],
        "name": ws.person_names[p],
        "title": "",
        "side": "customer",
        "org": ws.org_ids[ws.person_org[p]],
        "importance": round(float(ws.importance[p]), 4),
        "closeness": None if closeness is None else round(closeness, 1),
        "power_centre": bool(ws.power_centre[p]),
        "influence_centre": bool(ws.influence_centre[p]),
        "plan_target": False,
        "key": bool(ws.is_key[p]),
    }


def _influence_edges(ws: Workspace, shown: np.ndarray) -> list[dict[str, Any]]:
    """Influence lines among the shown customer people (who sways whom inside)."""
    inside = np.zeros(len(ws.person_ids), dtype=bool)
    inside[shown] = True
    keep = inside[ws.inf_src] & inside[ws.inf_dst]
    return [
        {
            "source": ws.person_ids[a],
            "target": ws.person_ids[b],
            "kind": "influence",
            "strength": round(s, 1),
        }
        for a, b, s in zip(
            ws.inf_src[keep].tolist(),
            ws.inf_dst[keep].tolist(),
            ws.inf_s[keep].tolist(),
            strict=True,
        )
    ]


def _titled(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes with their titles filled in (one query)."""
    facts = person_facts(n["id"] for n in nodes)
    for n in nodes:
        n["title"] = facts.get(n["id"], {}).get("title", "")
    return nodes


def employee_graph(
    ws: Workspace, profile: dict[str, Any], *, limit: int = EMPLOYEE_GRAPH_LIMIT
) -> dict[str, Any]:
    """The key people an employee can influence: the employee at the centre, the customer
    people they know (closeness label = their tie's strength), centres marked, plus the
    influence lines among those people."""
    rel = profile["relationships"][:limit]
    index = ws.person_index
    centre = profile["id"]
    nodes = [
        {
            "id": centre,
            "name": profile["name"],
            "title": "",
            "side": profile["side"],
            "org": profile["org"],
            "centre": True,
            "importance": None,
            "closeness": None,
            "power_centre": False,
            "influence_centre": False,
            "plan_target": False,
            "key": False,
        }
    ]
    edges = []
    for r in rel:
        node = _node(ws, index[r["id"]], closeness=r["strength"])
        node["plan_target"] = r["plan_target"] and profile["side"] == "ours"
        nodes.append(node)
        edges.append(
            {
                "source": centre,
                "target": r["id"],
                "kind": "relationship",
                "strength": round(r["strength"], 1),
            }
        )
    shown = np.array([index[r["id"]] for r in rel], dtype=np.int64)
    edges.extend(_influence_edges(ws, shown))
    return {
        "nodes": _titled(nodes),
        "edges": edges,
        "layout": "concentric",
        "centre": centre,
        "truncated": len(profile["relationships"]) > len(rel),
    }


def side_graph(ws: Workspace, side_org: int) -> dict[str, Any]:
    """A competitor's (or our) people and the customer people they know: the side's people
    on the outside ring, customer people (closeness label = the side's closeness to them,
    the most important first, at most GRAPH_LIMIT) inside."""
    side = side_scores(ws, side_org)
    customer = _customer_links(ws, side)
    p, e, s = side.link_p[customer], side.link_e[customer], side.link_s[customer]
    people = np.unique(p)
    people = people[order_desc(ws.importance[people], people)][:GRAPH_LIMIT]
    shown = np.zeros(len(ws.person_ids), dtype=bool)
    shown[people] = True
    keep = shown[p]
    own_side = "ours" if int(ws.org_kind[side_org]) == OWN else "competitor"
    # The side's people are the hubs: drawn as centres, they form the inner ring and the
    # customer people they know the ring around them.
    nodes = [_node(ws, q, closeness=float(side.closeness[q])) for q in people.tolist()]
    for m in np.unique(e[keep]).tolist():
        nodes.append(
            {
                "id": ws.person_ids[m],
                "name": ws.person_names[m],
                "title": "",
                "side": own_side,
                "org": ws.org_ids[side_org],
                "importance": None,
                "centre": True,
                "closeness": None,
                "power_centre": False,
                "influence_centre": False,
                "plan_target": False,
                "key": False,
            }
        )
    edges = [
        {
            "source": ws.person_ids[a],
            "target": ws.person_ids[b],
            "kind": "relationship",
            "strength": round(float(w), 1),
        }
        for a, b, w in zip(e[keep].tolist(), p[keep].tolist(), s[keep].tolist(), strict=True)
    ]
    return {
        "nodes": _titled(nodes),
        "edges": edges,
        "layout": "concentric",
        "truncated": len(np.unique(p)) > len(people),
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
