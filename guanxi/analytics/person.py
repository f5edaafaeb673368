"""Key-person view of p: who inside, of ours and of competitors' influences p, best paths, deals.

- inside: p's colleagues with an edge into p in G (influence, relationship or the implied
  reporting edges), with the edge's strength;
- ours: our people with a relationship to p, and indirect entries (e, via q, s(e,q) * s(q->p)
  / 100) for each inside influencer q that our e knows with s(e,q) >= 40;
- competitors: per competitor (only those with someone there), their people with an edge into
  p in G;
- paths: the k best paths from our people; deals: every deal role p holds.

Lists are by strength descending, then id (indirect: then employee id, then via id). A person
who has left gets the view with empty lists: none of their ties count any more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least, order_desc
from .data import COMPETITOR
from .paths import best_paths, path_dicts, path_index
from .scores import side_scores
from .settings import ROLES

if TYPE_CHECKING:
    from .graph import Workspace


def _entries(ws: Workspace, people: np.ndarray, strength: np.ndarray) -> list[dict[str, Any]]:
    ids, names = ws.person_ids, ws.person_names
    return [
        {"id": ids[people[i]], "name": names[people[i]], "strength": float(strength[i])}
        for i in order_desc(strength, people).tolist()
    ]


def person_roles(ws: Workspace, p: int) -> list[dict[str, Any]]:
    """Every deal role p holds, by deal id then role order: deal, role, attitude."""
    deals = ws.deals
    rows = np.flatnonzero(deals.role_person == p).tolist()
    rank = {r: i for i, r in enumerate(ROLES)}
    rows.sort(key=lambda r: (deals.role_deal[r], rank.get(deals.role_name[r], len(ROLES))))
    return [
        {
            "deal_id": deals.ids[deals.role_deal[r]],
            "role": deals.role_name[r],
            "attitude": int(deals.role_attitude[r]),
            "contact_level": deals.role_contact[r],
            "status": deals.status[deals.role_deal[r]],
        }
        for r in rows
    ]


def person_view(ws: Workspace, person_id: str, *, k: int | None = None) -> dict[str, Any]:
    """`guanxi person ID`: the key-person view."""
    p = ws.person_of_id(person_id)
    org = int(ws.person_org[p])
    index = path_index(ws)
    src, val = index.in_edges(p)
    src_org = ws.person_org[src]
    inside = src_org == org
    nbr, rel = index.relationships(p)
    ours = ws.person_org[nbr] == ws.own if ws.own >= 0 else np.zeros(len(nbr), dtype=bool)

    threshold = ws.settings.indirect_threshold
    indirect: list[tuple[int, int, float]] = []
    for q, s_qp in zip(src[inside].tolist(), val[inside].tolist(), strict=True):
        e_nbr, e_rel = index.relationships(q)
        mine = at_least(e_rel, threshold) & (ws.person_org[e_nbr] == ws.own)
        for e, s_eq in zip(e_nbr[mine].tolist(), e_rel[mine].tolist(), strict=True):
            if e != p:
                indirect.append((e, q, s_eq * s_qp / 100.0))
    ids = ws.person_ids
    indirect.sort(key=lambda t: (-round(t[2], 9), ids[t[0]], ids[t[1]]))

    competitors: dict[str, list[dict[str, Any]]] = {}
    theirs = ws.org_kind[np.maximum(src_org, 0)] == COMPETITOR
    for c in sorted(set(src_org[theirs].tolist())):
        mask = src_org == c
        competitors[ws.org_ids[c]] = _entries(ws, src[mask], val[mask])

    view: dict[str, Any] = {
        "id": person_id,
        "name": ws.person_names[p],
        "organization_id": ws.org_ids[org] if org >= 0 else None,
        "active": bool(ws.active[p]),
        "closeness": float(side_scores(ws, ws.own).closeness[p]),
        "power": float(ws.power[p]),
        "influence": float(ws.influence[p]),
        "importance": float(ws.importance[p]),
        "inside": _entries(ws, src[inside], val[inside]),
        "ours": {
            "direct": _entries(ws, nbr[ours], rel[ours]),
            "indirect": [
                {
                    "id": ids[e],
                    "name": ws.person_names[e],
                    "via": ids[q],
                    "via_name": ws.person_names[q],
                    "strength": s,
                }
                for e, q, s in indirect
            ],
        },
        "competitors": competitors,
        "paths": path_dicts(ws, best_paths(ws, p, k=k)),
        "deals": person_roles(ws, p),
    }
    return view
