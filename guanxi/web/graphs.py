"""Graph data for the pages' Cytoscape drawings, from the analysis views.

Elements are plain dicts: nodes {id, name, title, department, side, org, importance,
closeness, power_centre, influence_centre, plan_target, key, role_holder (account graph)},
edges {source, target, kind, strength} (an account's declared relationships also stale and
last_contact); graph.js draws them. `side` is customer, ours or competitor. Names and titles
come from the read façade, for the user the view was made for.
"""

from __future__ import annotations

from typing import Any

from guanxi.access import facade


def account_elements(user: Any, view: dict[str, Any], ties: Any = None) -> dict[str, Any]:
    """The customer relationship graph of an account view: its people (power map and
    influence map) and the people of ours and of competitors tied to them (`ties`: the
    account's relationships with their marks, when already read)."""
    power = set(view["power_centres"])
    influence = set(view["influence_centres"])
    targets = set(view["plan_targets"])
    inside = {p["id"]: p for p in view["people"]}
    ids = set(inside)
    for e in view["edges"]:
        ids.update((e["source"], e["target"]))
    facts = facade.person_facts(user, ids)
    nodes = []
    for pid in sorted(ids):
        f = facts.get(pid, {"name": pid, "title": "", "org": "", "side": "customer", "key": False})
        p = inside.get(pid)
        nodes.append(
            {
                "id": pid,
                "name": f["name"],
                "title": f["title"],
                "department": f.get("department", "") if f["side"] == "customer" else "",
                "side": f["side"],
                "org": f["org"],
                "importance": round(p["importance"], 4) if p else None,
                "closeness": round(p["closeness"], 1) if p else None,
                "broker": round(p["broker"], 4) if p else None,
                "power_centre": pid in power,
                "influence_centre": pid in influence,
                "plan_target": pid in targets,
                "key": bool(f.get("key")),
            }
        )
    edges = [
        {
            "source": e["source"],
            "target": e["target"],
            "kind": e["kind"],
            "strength": round(e["strength"], 1) if e.get("strength") is not None else None,
        }
        for e in view["edges"]
    ]
    marks = facade.account_marks(user, view["id"], ties)
    for edge in edges:
        mark = facade.mark_for(marks, edge["source"], edge["target"])
        if edge["kind"] == "relationship" and mark is not None:
            # the side panel marks a stale tie with its last contact (the rule's own result)
            edge["stale"] = mark.stale
            edge["last_contact"] = mark.last_contact.isoformat() if mark.last_contact else ""
    return {"nodes": nodes, "edges": edges, "layout": "hierarchy"}


def person_elements(user: Any, view: dict[str, Any]) -> dict[str, Any]:
    """The key-person graph: the person at the centre with inside influencers, our people
    (direct and via someone), competitors' people and the best paths."""
    centre = view["id"]
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(source: str, target: str, kind: str, strength: float | None) -> None:
        key = (source, target, kind)
        if key not in edges:
            edges[key] = {
                "source": source,
                "target": target,
                "kind": kind,
                "strength": None if strength is None else round(strength, 1),
            }

    for i in view["inside"]:
        add(i["id"], centre, "influence", i["strength"])
    for i in view["ours"]["direct"]:
        add(i["id"], centre, "relationship", i["strength"])
    for i in view["ours"]["indirect"]:
        add(i["id"], i["via"], "relationship", None)
    for entries in view["competitors"].values():
        for i in entries:
            add(i["id"], centre, "competitor", i["strength"])
    on_path: set[tuple[str, str]] = set()
    linked = {(k[0], k[1]) for k in edges}
    for path in view["paths"]:
        for a, b in zip(path["people"], path["people"][1:], strict=False):
            on_path.add((a, b))
            if (a, b) not in linked:
                add(a, b, "path", None)
                linked.add((a, b))
    ids = {centre} | {k[0] for k in edges} | {k[1] for k in edges}
    facts = facade.person_facts(user, ids, paths=view["paths"])
    nodes = [
        {
            "id": pid,
            "name": facts.get(pid, {}).get("name", pid),
            "title": facts.get(pid, {}).get("title", ""),
            "side": facts.get(pid, {}).get("side", "customer"),
            "org": facts.get(pid, {}).get("org", ""),
            "centre": pid == centre,
            "closeness": (
                round(view["closeness"], 1)
                if pid == centre and view.get("closeness") is not None
                else None
            ),
            "importance": view.get("importance") if pid == centre else None,
            "key": bool(facts.get(pid, {}).get("key")),
        }
        for pid in sorted(ids)
    ]
    out = []
    for e in edges.values():
        e["on_path"] = (e["source"], e["target"]) in on_path
        out.append(e)
    return {"nodes": nodes, "edges": out, "layout": "concentric", "centre": centre}


def mark_role_holders(user: Any, ws: Any, org_id: str, elements: dict[str, Any]) -> None:
    """Flag the nodes of people holding a role in an open deal of the account that the user
    may see (`role_holder`), so the graph labels them as key people."""
    deals = ws.deals
    org = ws.org_index.get(org_id)
    open_ids = [
        deals.ids[i]
        for i in range(len(deals.ids))
        if int(deals.org[i]) == org and deals.status[i] == "open"
    ]
    shown = facade.deal_records(user, open_ids)
    holders = {
        ws.person_ids[p]
        for p, d in zip(deals.role_person.tolist(), deals.role_deal.tolist(), strict=True)
        if deals.ids[d] in shown
    }
    for node in elements["nodes"]:
        node["role_holder"] = node["id"] in holders
