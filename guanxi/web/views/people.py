"""`/people/<id>/` — the key-person view (关键人, the article's figure 3).

The person at the centre: who inside the customer influences them, which of our people know
them (directly, or through an inside influencer), competitors' people, the best paths
(最佳路径) to them — from anyone of ours or from one chosen colleague — and their deals.
Contributors who may not see the account still get the paths to the person, and nothing else.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guanxi.access import visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict
from guanxi.analytics.graph import Workspace
from guanxi.core import audit, deferred
from guanxi.core.choices import AuditAction
from guanxi.deals.choices import Attitude, ContactLevel, Role
from guanxi.deals.models import Deal
from guanxi.people.models import Person
from guanxi.scoring.engine import current_workspace
from guanxi.scoring.reports import ReportError, paths_report, person_report
from guanxi.web.graphs import person_elements
from guanxi.web.views.common import level_of, refuse, report, require, scope, shows


def _may_see(request: HttpRequest, person: Person) -> bool:
    """The whole key-person view: the person's account for a customer's person, else the
    person through the choke point."""
    s = scope(request)
    if not s.people_level:
        return False
    if person.organisation.kind == "customer":
        return s.sees_account(person.organisation_id)
    return restrict(request.user, Person.objects.filter(pk=person.pk)).exists()


def _label(node: dict[str, Any]) -> str:
    """A person in a chain: the name, with the department or title in brackets."""
    extra = node.get("department") or node.get("title")
    return f"{node['name']} ({extra})" if extra else node["name"]


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


def _colleagues(ws: Workspace, request: HttpRequest) -> list[tuple[str, str]]:
    """Our active people for the "from a colleague" selector, by name (contributors: only
    themselves, as they see no one else's network)."""
    if ws.own < 0:
        return []
    ids, names = ws.person_ids, ws.person_names
    s = scope(request)
    members = ws.members(ws.own).tolist()
    if s.role == UserRole.CONTRIBUTOR:
        mine = set(Person.objects.filter(pk=s.person_id).values_list("ext_id", flat=True))
        members = [m for m in members if ids[m] in mine]
    return sorted(((ids[m], names[m]) for m in members), key=lambda t: (t[1].casefold(), t[0]))


def _paths(
    ws: Workspace, person_id: str, from_id: str, colleagues: list[tuple[str, str]]
) -> tuple[list[dict[str, Any]] | None, str]:
    """Paths from one colleague the user may choose (None when none is chosen) and an error
    to show."""
    if not from_id:
        return None, ""
    if from_id not in {pid for pid, _name in colleagues}:
        return [], _("'%(id)s' is not one of our people you can start from.") % {"id": from_id}
    try:
        return paths_report(person_id, from_id=from_id, workspace=ws), ""
    except ReportError as exc:
        return [], str(exc)


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


def _deals(request: HttpRequest, roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The person's deal roles the user may see, with the deal's name, role and attitude."""
    ids = {r["deal_id"] for r in roles}
    deals = {d.ext_id: d for d in restrict(request.user, Deal.objects.filter(ext_id__in=ids))}
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
    person = Person.objects.select_related("organisation").filter(ext_id=person_id).first()
    s = scope(request)
    if person is not None and person.organisation.kind == "own":
        if not (s.sees_employee(person.pk) or shows(request.user, person)):
            raise Http404(_("No such person."))  # as for an unknown id: no redirect
        return redirect("web:employee", person_id)
    require(s.people_level)  # viewers see no person at all, known or not
    if person is None:
        raise Http404(_("No such person."))
    full = _may_see(request, person)
    if not (full or s.role == UserRole.CONTRIBUTOR):
        refuse(request.user, Person.objects.filter(pk=person.pk), _("No such person."))
    ws = current_workspace()
    from_id = request.GET.get("from", "").strip()
    colleagues = _colleagues(ws, request)
    chosen, from_error = _paths(ws, person_id, from_id, colleagues)
    if full:
        view = report(person_report, person_id, workspace=ws)
    else:
        paths = report(paths_report, person_id, workspace=ws) if chosen is None else chosen
        view = {
            "id": person_id,
            "name": person.name,
            "closeness": None,
            "inside": [],
            "ours": {"direct": [], "indirect": []},
            "competitors": {},
            "paths": paths,
            "deals": [],
        }
    if chosen is not None:
        view["paths"] = chosen
    # Nobody sees a person through the page that they may not see elsewhere (the same
    # filtering as the API; admins and managers see all, contributors their paths whole).
    if full:
        view = visibility.filter_person(request.user, view)
    else:
        view["paths"] = visibility.filter_paths(request.user, view["paths"])
    elements = person_elements(view)
    nodes = {n["id"]: n for n in elements["nodes"]}
    context: dict[str, Any] = {
        "person": person,
        "org": person.organisation,
        "full": full,
        "view": view,
        "graph": elements,
        "chains": _chains(view["paths"], nodes),
        "colleagues": colleagues,
        "from_id": from_id,
        "from_error": from_error,
        "writes": s.writes,
        "left": person.status != "active",
    }
    if full:
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
                "inside": _people_rows(view["inside"], nodes),
                "direct": _people_rows(view["ours"]["direct"], nodes),
                "indirect": [
                    {**row, "via_name": nodes.get(row["via"], {}).get("name", row["via"])}
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
    # Who looked at a key person is accountable: one insert, only for a page actually shown.
    # (after the response: a read never waits for, or fails on, a busy write lock)
    deferred.later(
        audit.record,
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.ext_id,
        summary=f"viewed {person.name}" + ("" if full else " (paths only)"),
    )
    return render(request, "web/person_detail.html", context)
