"""Whole-customer view: people by importance, centres, plan targets, brokers, drawing edges.

Interpretations:
- `competitor_closeness` lists the competitors present at the account (any of their people
  has a relationship with any of its active people), the same keys for every person.
- `plan_targets` are listed by importance, then id.
- `power`, `influence` and `importance` are fractions 0-1 as MODEL.md defines them; closeness
  and the score are 0-100.
- `edges` are the ties among the account's active people plus the relationships of our and
  competitors' people with them; reporting lines carry no strength (null).
- `contributions` explains the score: each person's points (W * C / sum W, they add up to the
  score) with our ties to them, and each employee's share of the score (concentration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least, order_desc, tie_round
from .data import COMPETITOR, CUSTOMER
from .scores import side_scores
from .threats import account_threats

if TYPE_CHECKING:
    from .graph import Workspace


def brokers(m: int, pairs: np.ndarray) -> np.ndarray:
    """Normalised betweenness of an undirected unweighted graph of m nodes and (i, j) pairs."""
    import rustworkx as rx  # only the account view needs it

    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(m))
    graph.add_edges_from_no_data([(int(i), int(j)) for i, j in pairs])
    # One account is small: threads would cost more than they save.
    result = rx.graph_betweenness_centrality(graph, normalized=True, parallel_threshold=5000)
    return np.array([result[i] for i in range(m)]) if m else np.zeros(0)


def account_view(ws: Workspace, org_id: str) -> dict[str, Any]:
    """`guanxi account ID`: the customer's people, score, centres, targets and graph."""
    settings = ws.settings
    o = ws.org_of_id(org_id)
    if ws.org_kind[o] != CUSTOMER:
        raise ValueError(f"{org_id!r} is not a customer")
    members = ws.members(o)
    m = len(members)
    local = {int(p): i for i, p in enumerate(members.tolist())}
    us = side_scores(ws, ws.own)
    power, influence, importance = (
        ws.power[members],
        ws.influence[members],
        ws.importance[members],
    )
    closeness = us.closeness[members]
    total = importance.sum()
    score = float(importance @ closeness / total) if total > 0 else 0.0
    competitors = [
        c
        for c in np.flatnonzero(ws.org_kind == COMPETITOR).tolist()
        if side_scores(ws, c).linked[members].any()
    ]
    comp_close = {ws.org_ids[c]: side_scores(ws, c).closeness[members] for c in competitors}

    found, pairs = ws.cached(
        ("account_edges", o), lambda: _edges(ws, o, members, local, competitors)
    )
    ids = ws.person_ids
    edges = [
        {"source": ids[u], "target": ids[v], "kind": kind, "strength": s, **extra}
        for u, v, kind, s, extra in found
    ]
    broker = ws.cached(("brokers", o), lambda: brokers(m, pairs))
    ids = ws.person_ids
    people = []
    for i in order_desc(importance, members).tolist():
        p = int(members[i])
        people.append(
            {
                "id": ids[p],
                "name": ws.person_names[p],
                "power": float(power[i]),
                "influence": float(influence[i]),
                "importance": float(importance[i]),
                "closeness": float(closeness[i]),
                "competitor_closeness": {c: float(v[i]) for c, v in comp_close.items()},
                "broker": float(broker[i]),
                "key": bool(ws.is_key[p]),
            }
        )
    pc = ws.power_centre[members]
    ic = ws.influence_centre[members]
    power_centres = [ids[members[i]] for i in order_desc(power, members) if pc[i]]
    influence_centres = [ids[members[i]] for i in order_desc(influence, members) if ic[i]]
    target = (pc | ic) & ~at_least(closeness, settings.plan_target_threshold)
    plan_targets = [ids[members[i]] for i in order_desc(importance, members) if target[i]]
    return {
        "id": org_id,
        "name": ws.org_names[o],
        "score": score,
        "level": settings.level(score),
        "people": people,
        "power_centres": power_centres,
        "influence_centres": influence_centres,
        "plan_targets": plan_targets,
        "edges": edges,
        "contributions": _contributions(ws, o, members, score),
        "threats": account_threats(ws, org_id),
    }


def _edges(
    ws: Workspace, o: int, members: np.ndarray, local: dict[int, int], competitors: list[int]
) -> tuple[list[tuple[int, int, str, float | None, dict[str, Any]]], np.ndarray]:
    """Drawing edges (as tuples) and the undirected in-account pairs (local indices) for
    brokers; the workspace never changes, so an account's edges are kept after first use."""
    ids = ws.person_ids
    found: list[tuple[int, int, str, float | None, dict[str, Any]]] = []
    pairs: list[tuple[int, int]] = []
    for p in members.tolist():
        boss = int(ws.manager[p])
        if boss in local:
            found.append((p, boss, "reports_to", None, {}))
            pairs.append((local[p], local[boss]))
    inside = ws.inf_orgs == o
    for u, v, s in zip(
        ws.inf_src[inside].tolist(),
        ws.inf_dst[inside].tolist(),
        ws.inf_s[inside].tolist(),
        strict=True,
    ):
        found.append((u, v, "influence", s, {}))
        pairs.append((local[u], local[v]))
    org_a, org_b = ws.rel_orgs
    sides = {ws.own, *competitors}
    touch = np.flatnonzero((org_a == o) | (org_b == o))
    scale = ws.settings.evidence_scale
    evidence = (-100.0 * np.expm1(-ws.rel_points[touch] / scale)).tolist()
    for a, b, oa, ob, s, declared, ev in zip(
        ws.rel_a[touch].tolist(),
        ws.rel_b[touch].tolist(),
        org_a[touch].tolist(),
        org_b[touch].tolist(),
        ws.rel_s[touch].tolist(),
        ws.rel_declared[touch].tolist(),
        evidence,
        strict=True,
    ):
        if oa == o and ob == o:
            pairs.append((local[a], local[b]))
        elif ob in sides:
            a, b = b, a
        elif oa not in sides:
            continue
        found.append((a, b, "relationship", s, {"declared": declared, "evidence": ev}))
    found.sort(key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    if len(arr):
        lo, hi = np.minimum(arr[:, 0], arr[:, 1]), np.maximum(arr[:, 0], arr[:, 1])
        # each pair once, in (lo, hi) order: as one key (hi < m), not rows (twice as fast)
        key = np.unique(lo * len(members) + hi)
        arr = np.stack([key // len(members), key % len(members)], axis=1)
    return found, arr


def _contributions(ws: Workspace, o: int, members: np.ndarray, score: float) -> dict[str, Any]:
    """Which people and which of our ties the score rests on."""
    us = side_scores(ws, ws.own)
    ids = ws.person_ids
    importance = ws.importance[members]
    total = importance.sum()
    points = importance * us.closeness[members] / total if total > 0 else np.zeros(len(members))
    mark = np.zeros(len(ids), dtype=bool)
    mark[members] = True
    mask = mark[us.link_p]
    lp, le, ls = us.link_p[mask], us.link_e[mask], us.link_s[mask]
    without = us.closeness_without(mask)
    drop = ws.importance[lp] * (us.closeness[lp] - without) / total if total > 0 else ls * 0
    # Our ties into the account, grouped by person, strongest first (then employee id).
    order = np.lexsort((le, -tie_round(ls), lp))
    lp, le, ls = lp[order], le[order], ls[order]
    starts = np.searchsorted(lp, members)
    ends = np.searchsorted(lp, members, side="right")
    le_ids = [ids[e] for e in le.tolist()]
    ls_list = ls.tolist()
    people = []
    for i in order_desc(points, members).tolist():
        if points[i] <= 0:
            break
        p = int(members[i])
        people.append(
            {
                "id": ids[p],
                "points": float(points[i]),
                "importance": float(importance[i]),
                "closeness": float(us.closeness[p]),
                "ties": [
                    {"employee": le_ids[j], "strength": ls_list[j]}
                    for j in range(starts[i], ends[i])
                ],
            }
        )
    drop = drop[order]
    emp_order = np.argsort(le, kind="stable")
    se, sd = le[emp_order], drop[emp_order]
    first = np.flatnonzero(np.r_[True, se[1:] != se[:-1]]) if len(se) else np.zeros(0, int)
    emp = se[first]
    share = np.add.reduceat(sd, first) if len(se) else np.zeros(0)
    share = share / score if score > 0 else share * 0
    employees = [
        {"id": ids[emp[j]], "share": float(share[j])} for j in order_desc(share, emp).tolist()
    ]
    return {"people": people, "employees": employees}
