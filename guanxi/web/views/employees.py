"""`/employees/` — our relationship resource graph, employee view (我司关系资源图谱 · 员工视图).

Everyone of ours ranked by relationship resources, sales and non-sales alike (the hidden part
of the iceberg), and one employee's resources: the key people they can influence, their
relationships, accounts and credit on won deals. A person of a competitor opens the same
page as that competitor's employee view.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guanxi.access import facade
from guanxi.analytics.employees import iceberg
from guanxi.people.handover import mark_departed
from guanxi.people.models import Person
from guanxi.scoring.engine import current_workspace
from guanxi.web.resources import employee_graph
from guanxi.web.views.common import answer, require, scope

PAGE_SIZE = 50
FUNCTIONS = ("sales", "non_sales")


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    """Everyone of ours by resources, with key people, accounts reached and credit; sales
    and contributors are taken to their own employee view."""
    s = scope(request)
    if not s.company_numbers:
        own = facade.own_employee_id(request.user)
        require(own is not None)
        return redirect("web:employee", own)
    ws = current_workspace()
    if ws.own < 0:
        return render(request, "web/empty.html", {})
    listed = answer(facade.employee_list, request.user, ws=ws)
    view, everyone = listed["view"], listed["rows"]
    function = request.GET.get("function", "")
    query = request.GET.get("q", "").strip()
    rows = everyone
    if function in FUNCTIONS:
        rows = [e for e in rows if e["is_sales"] == (function == "sales")]
    if query:
        needle = query.casefold()
        rows = [
            e
            for e in rows
            if needle in e["name"].casefold()
            or needle in (e["title"] or "").casefold()
            or needle in e["id"].casefold()
        ]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    contact = facade.last_contact_of(request.user, [e["id"] for e in page.object_list])
    for e in page.object_list:
        e["last_contact"] = contact.get(e["id"])
    context = {
        "view": view,
        "page": page,
        "shown": len(rows),
        "total": len(everyone),
        "function": function if function in FUNCTIONS else "",
        "query": query,
        "iceberg": iceberg(everyone),
        "credit_total": sum(e["credit"] for e in everyone),
        "currency": facade.won_currency(request.user),
        "departed": facade.departed(request.user),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "employee-rows":
        return render(request, "web/partials/employee_rows.html", context)
    return render(request, "web/employee_list.html", context)


def _credit_rows(credit: list[dict[str, Any]], deals: dict[str, Any]) -> list[dict[str, Any]]:
    """Credit entries with the deal's name, customer and currency."""
    return [{**c, "info": deals.get(c["deal"])} for c in credit]


def _mark_left(request: HttpRequest, person: Person) -> HttpResponse:
    """POST `action=leave` (managers and admins, after the confirmation step): mark one of
    our people as left, open a hand-over task per customer relationship, go to the tasks."""
    require(scope(request).everything and person.organisation.kind == "own")
    if request.POST.get("action") != "leave":
        return HttpResponseBadRequest(_("Unknown action."))
    if person.status != "left":
        made = mark_departed(person, actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(name)s is marked as left; %(n)d hand-over task is open.",
                "%(name)s is marked as left; %(n)d hand-over tasks are open.",
                len(made),
            )
            % {"name": person.name, "n": len(made)},
        )
    return redirect("web:handover", person.ext_id)


@login_required
def employee_detail(request: HttpRequest, person_id: str) -> HttpResponse:
    """One employee's relationship resources: score and rank, the key people they can
    influence (graph), relationships by importance, accounts and credit on won deals."""
    person, has_view = answer(facade.employee_person, request.user, person_id)
    if not has_view:
        return redirect("web:person", person_id)
    kind = person.organisation.kind
    s = scope(request)
    if request.method == "POST":
        return _mark_left(request, person)
    ws = current_workspace()
    page = answer(facade.employee, request.user, person, ws=ws)
    if page["left"] is not None:
        return render(request, "web/employee_detail.html", {"left": page["left"]})
    profile = page["profile"]
    facts = facade.person_facts(request.user, (r["id"] for r in profile["relationships"]))
    known = [r["id"] for r in profile["relationships"]]
    marks = facade.marks_with(request.user, person.ext_id, known) if s.people_level else {}
    for r in profile["relationships"]:
        r["title"] = facts.get(r["id"], {}).get("title", "")
        r["mark"] = facade.mark_for(marks, r["id"], person.ext_id)
    for r in profile["key_people"] + profile["to_strengthen"]:
        r["mark"] = facade.mark_for(marks, r["id"], person.ext_id)
    context = {
        "p": profile,
        "person": person,
        "graph": employee_graph(request.user, ws, profile),
        "credit": _credit_rows(profile["credit"], page["deals"]),
        "credit_total": sum(c["amount"] for c in profile["credit"]),
        # What the choke point left out is said to be hidden, not dropped from a total.
        "credit_hidden": page["credit_hidden"],
        "more": page["more"],
        "currency": facade.won_currency(request.user) if profile["credit"] else "",
        "can_write": s.writes and kind == "own",
        "can_leave": s.everything and kind == "own",
        "people_level": s.people_level,
        "centres": sum(
            1 for r in profile["relationships"] if r["power_centre"] or r["influence_centre"]
        ),
    }
    return render(request, "web/employee_detail.html", context)
