"""The graph data graph.js draws for the employee and competitor pages: one employee's key
people, and a side's people with the customer people they know.

Every number here is read from the analytics (guanxi.analytics.employees and the workspace's
scores); nothing is computed. Titles come through the read façade for the user.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from guanxi.access import facade
from guanxi.analytics._arrays import order_desc
from guanxi.analytics.data import OWN
from guanxi.analytics.employees import customer_links
from guanxi.analytics.graph import Workspace
from guanxi.analytics.scores import side_scores

#: The most customer people one drawing shows (the most important first): a side's graph,
#: and one employee's (a ring around the employee stays readable up to about 30).
GRAPH_LIMIT = 50
EMPLOYEE_GRAPH_LIMIT = 30


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


def _titled(user: Any, nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes with the titles the user may see filled in (one query)."""
    facts = facade.person_facts(user, (n["id"] for n in nodes))
    for n in nodes:
        n["title"] = facts.get(n["id"], {}).get("title", "")
    return nodes


def employee_graph(
    user: Any, ws: Workspace, profile: dict[str, Any], *, limit: int = EMPLOYEE_GRAPH_LIMIT
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
        "nodes": _titled(user, nodes),
        "edges": edges,
        "layout": "concentric",
        "centre": centre,
        "truncated": len(profile["relationships"]) > len(rel),
    }


def side_graph(user: Any, ws: Workspace, side_org: int) -> dict[str, Any]:
    """A competitor's (or our) people and the customer people they know: the side's people
    on the outside ring, customer people (closeness label = the side's closeness to them,
    the most important first, at most GRAPH_LIMIT) inside."""
    side = side_scores(ws, side_org)
    customer = customer_links(ws, side)
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
        "nodes": _titled(user, nodes),
        "edges": edges,
        "layout": "concentric",
        "truncated": len(np.unique(p)) > len(people),
    }
