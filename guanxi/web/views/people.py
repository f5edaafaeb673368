"""`/people/<id>/` — the key-person view (关键人, the article's figure 3).

The person at the centre: who inside the customer influences them, which of our people know
them (directly, or through an inside influencer), competitors' people, the best paths
(最佳路径) to them — from anyone of ours or from one chosen colleague — and their deals.
Contributors who may not see the account still get the paths to the person, and nothing else.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guanxi.access import facade
from guanxi.deals.choices import Attitude, ContactLevel, DealStatus, Role
from guanxi.scoring.engine import current_workspace
from guanxi.web.graphs import person_elements
from guanxi.web.views.common import answer, level_of, scope
from guanxi.web.views.entry import suggestions


def _label(node: dict[str, Any]) -> str:
    """A person in a chain: the name, with the department or title in brackets."""
    extra = node.get("department") or node.get("title")
    if not extra:
        return node["name"]
    return _("%(name)s (%(detail)s)") % {"name": node["name"], "detail": extra}


def _chains(paths: list[dict[str, Any]], nodes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Paths as readable chains: each step with its person and side, and the strength."""
    out = []
    for path in paths:
        steps = []
        for pid in path["people"]:
            node = nodes.get(pid, {"name": pid, "side": "customer"})
            steps.append({"id": pid, "label": _label(node), "side": node.get("side", "customer")})
        text = " → ".join(s["label"] for s in steps)
        out.append(
            {
                "people": path["people"],
                "steps": steps,
                "strength": path["strength"],
                "text": f"{text} · {_('strength')} {path['strength']:.2f}",
                "hops": len(path["people"]) - 1,
            }
        )
    return out


def _people_rows(
    entries: list[dict[str, Any]], nodes: dict[str, dict[str, Any]], key: str = "id"
) -> list[dict[str, Any]]:
    """Influencer rows with name, title and the strength's level."""
    rows = []
    for e in entries:
        node = nodes.get(e[key], {})
        rows.append(
            {
                **e,
                "name": node.get("name", e[key]),
                "title": node.get("title", ""),
                "level": level_of(e["strength"]),
            }
        )
    return rows


def _marked(rows: list[dict[str, Any]], marks: dict, person_id: str) -> list[dict[str, Any]]:
    """The rows with the mark (last contact, stale) of their relationship with the person."""
    for row in rows:
        row["mark"] = facade.mark_for(marks, row["id"], person_id)
    return rows


def _deals(request: HttpRequest, roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The person's deal roles the user may see, with the deal's name, role and attitude."""
    ids = {r["deal_id"] for r in roles}
    deals = facade.deal_records(request.user, ids)
    attitudes = dict(Attitude.choices)
    rows = []
    for r in roles:
        deal = deals.get(r["deal_id"])
        if deal is None:
            continue
        rows.append(
            {
                **r,
                "deal": deal,
                "role_label": Role(r["role"]).label if r["role"] in Role.values else r["role"],
                "attitude_label": attitudes.get(r["attitude"], r["attitude"]),
                "contact_label": (
                    ContactLevel(r["contact_level"]).label
                    if r.get("contact_level") in ContactLevel.values
                    else ""
                ),
            }
        )
    return rows


@login_required
def person_detail(request: HttpRequest, person_id: str) -> HttpResponse:
    """Key-person view; our own people open their employee view instead."""
    if request.GET.get("suggest") == "from":  # the colleague search field's suggestions
        return suggestions(request, facade.path_starts(request.user))
    ws = current_workspace()
    from_id = request.GET.get("from", "").strip()[:200]
    page = answer(facade.key_person, request.user, person_id, from_id=from_id, ws=ws)
    if page.employee:
        return redirect("web:employee", person_id)
    person, full, view = page.person, page.full, page.view
    s = scope(request)
    from_error = ""
    if page.from_error:
        from_error = _("'%(id)s' is not one of our people you can start from.") % {"id": from_id}
    elements = person_elements(request.user, view)
    nodes = {n["id"]: n for n in elements["nodes"]}
    context: dict[str, Any] = {
        "person": person,
        "org": person.organisation,
        "full": full,
        "view": view,
        "graph": elements,
        "chains": _chains(view["paths"], nodes),
        "colleagues": page.colleagues,
        "colleague_search": page.colleague_search,
        "start": page.start,
        "from_id": page.start.ext_id if page.start is not None else from_id,
        "from_error": from_error,
        "writes": s.writes,
        "left": person.status != "active",
    }
    if full:
        shown = [e["id"] for e in view["inside"] + view["ours"]["direct"]]
        marks = facade.marks_with(request.user, person_id, shown)
        # the indirect way in rests on our colleague's tie with the go-between
        vias = {row["via"] for row in view["ours"]["indirect"]}
        via_marks = facade.relationship_marks(request.user, vias) if vias else {}
        p = ws.person_index.get(person_id)
        for node in elements["nodes"]:
            if node["centre"] and p is not None:
                node["power_centre"] = bool(ws.power_centre[p])
                node["influence_centre"] = bool(ws.influence_centre[p])
        competitor_names = {
            c: ws.org_names[ws.org_index[c]] for c in view["competitors"] if c in ws.org_index
        }
        context.update(
            {
                "level": level_of(view["closeness"]),
                "power_centre": bool(ws.power_centre[p]) if p is not None else False,
                "influence_centre": bool(ws.influence_centre[p]) if p is not None else False,
                "plan_target": (
                    p is not None
                    and bool(ws.power_centre[p] or ws.influence_centre[p])
                    and view["closeness"] < ws.settings.plan_target_threshold
                ),
                "inside": _marked(_people_rows(view["inside"], nodes), marks, person_id),
                "direct": _marked(_people_rows(view["ours"]["direct"], nodes), marks, person_id),
                "indirect": [
                    {
                        **row,
                        "via_name": nodes.get(row["via"], {}).get("name", row["via"]),
                        "mark": facade.mark_for(via_marks, row["id"], row["via"]),
                    }
                    for row in _people_rows(view["ours"]["indirect"], nodes)
                ],
                "competitors": [
                    {
                        "id": c,
                        "name": competitor_names.get(c, c),
                        "people": _people_rows(entries, nodes),
                    }
                    for c, entries in view["competitors"].items()
                ],
                "deals": _deals(request, view["deals"]),
            }
        )
    return render(request, "web/person_detail.html", context)


@login_required
def _panel_marked(
    request: HttpRequest, person_id: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The panel's rows with their stale marks; reconfirming is on the pages themselves (a
    fragment has no page to come back to)."""
    marks = facade.marks_with(request.user, person_id, [r["id"] for r in rows])
    for row in _marked(rows, marks, person_id):
        if row["mark"] is not None:
            row["mark"] = dataclasses.replace(row["mark"], may_reconfirm=False)
    return rows


def person_panel(request: HttpRequest, person_id: str) -> HttpResponse:
    """The account graph's side panel of one person: closeness, who of us knows them, the
    best path and the open deals they hold a role in — the key-person page's own checks and
    filtering (a contributor gets the path only), as a fragment."""
    ws = current_workspace()
    page = answer(facade.key_person, request.user, person_id, from_id="", ws=ws)
    person, view = page.person, page.view
    context: dict[str, Any] = {"person": person, "employee": page.employee, "full": page.full}
    if page.employee:
        return render(request, "web/partials/person_panel.html", context)
    elements = person_elements(request.user, view)
    nodes = {n["id"]: n for n in elements["nodes"]}
    chains = _chains(view["paths"], nodes)
    context["path"] = chains[0] if chains else None
    if page.full:
        context.update(
            {
                "closeness": view["closeness"],
                "level": level_of(view["closeness"]),
                "direct": _panel_marked(
                    request, person_id, _people_rows(view["ours"]["direct"], nodes)
                ),
                "deals": [
                    d for d in _deals(request, view["deals"]) if d["deal"].status == DealStatus.OPEN
                ],
            }
        )
    return render(request, "web/partials/person_panel.html", context)
