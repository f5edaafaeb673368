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
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guanxi.access import visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict
from guanxi.deals.models import Deal
from guanxi.people.handover import mark_departed
from guanxi.people.models import Organisation, Person, Tie
from guanxi.scoring.engine import current_workspace
from guanxi.scoring.reports import company_report
from guanxi.web.graphs import person_facts
from guanxi.web.resources import employee_graph, employee_profile, employee_rows, iceberg
from guanxi.web.views.common import report, require, scope, shows

PAGE_SIZE = 50
FUNCTIONS = ("sales", "non_sales")


def _departed(request: HttpRequest) -> list[dict[str, Any]]:
    """Our people who left with relationships still on record (to hand over)."""
    rows = (
        restrict(request.user, Person.objects.filter(organisation__kind="own", status="left"))
        .filter(Q(ties_out__kind="relationship") | Q(ties_in__kind="relationship"))
        .values_list("ext_id", "name")
        .distinct()
        .order_by("name", "ext_id")
    )
    return [{"id": r[0], "name": r[1]} for r in rows]


def _won_currency() -> str:
    """The currency of the won deals when they share one ('' when mixed or none)."""
    codes = set(Deal.objects.filter(status="won").values_list("currency", flat=True).distinct())
    return codes.pop() if len(codes) == 1 else ""


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    """Everyone of ours by resources, with key people, accounts reached and credit; sales
    and contributors are taken to their own employee view."""
    s = scope(request)
    if not s.company_numbers:
        require(s.person_id is not None)
        own = Person.objects.filter(pk=s.person_id).values_list("ext_id", flat=True).get()
        return redirect("web:employee", own)
    ws = current_workspace()
    if ws.own < 0:
        return render(request, "web/empty.html", {})
    view = report(company_report, workspace=ws)
    everyone = employee_rows(ws, view)
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
    context = {
        "view": view,
        "page": page,
        "shown": len(rows),
        "total": len(everyone),
        "function": function if function in FUNCTIONS else "",
        "query": query,
        "iceberg": iceberg(everyone),
        "credit_total": sum(e["credit"] for e in everyone),
        "currency": _won_currency(),
        "departed": _departed(request),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "employee-rows":
        return render(request, "web/partials/employee_rows.html", context)
    return render(request, "web/employee_list.html", context)


def _credit_rows(request: HttpRequest, credit: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Credit entries with the deal's name, customer and currency (deals the user may see)."""
    deals = {
        d["ext_id"]: d
        for d in restrict(
            request.user, Deal.objects.filter(ext_id__in=[c["deal"] for c in credit])
        ).values("ext_id", "name", "currency", "organisation__name")
    }
    return [{**c, "info": deals.get(c["deal"])} for c in credit]


def _handover(request: HttpRequest, person: Person) -> dict[str, Any]:
    """A departed person's recorded relationships, to hand over to colleagues: the other
    person, their account, the recorded strength, their importance and our closeness now."""
    ws = current_workspace()
    ties = (
        restrict(request.user, Tie.objects.filter(kind="relationship"))
        .filter(Q(source=person) | Q(target=person))
        .select_related("source__organisation", "target__organisation")
    )
    ours = None
    if ws.own >= 0:
        from guanxi.analytics.scores import side_scores

        ours = side_scores(ws, ws.own)
    rows = []
    for tie in ties:
        other = tie.target if tie.source_id == person.pk else tie.source
        idx = ws.person_index.get(other.ext_id)
        rows.append(
            {
                "id": other.ext_id,
                "name": other.name,
                "title": other.title,
                "account": other.organisation.ext_id,
                "account_name": other.organisation.name,
                "customer": other.organisation.kind == "customer",
                "strength": tie.strength or 0,
                "importance": float(ws.importance[idx]) if idx is not None else 0.0,
                "closeness": float(ours.closeness[idx]) if ours and idx is not None else 0.0,
            }
        )
    rows.sort(key=lambda r: (-r["importance"], -r["strength"], r["id"]))
    return {"person": person, "ties": rows}


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


def _visible_profile(request: HttpRequest, profile: dict[str, Any]) -> dict[str, Any]:
    """The profile without the people and accounts the user may not see (a sales user's own
    page lists only the relationships inside their accounts; managers see everything)."""
    user = request.user
    if visibility.unfiltered(user):
        return profile
    s = scope(request)
    seen = visibility.visible_ids(user, (r["id"] for r in profile["relationships"]))
    accounts = dict(Organisation.objects.values_list("ext_id", "pk"))
    profile = {**profile}
    profile["relationships"] = [r for r in profile["relationships"] if r["id"] in seen]
    for key in ("key_people", "to_strengthen"):
        if isinstance(profile.get(key), list):
            profile[key] = [
                r for r in profile[key] if (r["id"] if isinstance(r, dict) else r) in seen
            ]
    if isinstance(profile.get("accounts"), list):
        profile["accounts"] = [
            a for a in profile["accounts"] if s.sees_account(accounts.get(a["id"], -1))
        ]
    if isinstance(profile.get("credit"), list):
        deals = set(restrict(user, Deal.objects.all()).values_list("ext_id", flat=True))
        profile["credit"] = [c for c in profile["credit"] if c.get("deal") in deals]
    return profile


@login_required
def employee_detail(request: HttpRequest, person_id: str) -> HttpResponse:
    """One employee's relationship resources: score and rank, the key people they can
    influence (graph), relationships by importance, accounts and credit on won deals."""
    person = get_object_or_404(Person.objects.select_related("organisation"), ext_id=person_id)
    kind = person.organisation.kind
    s = scope(request)
    known = shows(request.user, person)
    # Someone the user may not see answers as an unknown id would: no redirect, no 403.
    if kind not in ("own", "competitor"):
        if not (known or s.role == UserRole.CONTRIBUTOR):  # contributors: paths to anyone
            raise Http404(_("No such person."))
        return redirect("web:person", person_id)
    if not (known or s.sees_employee(person.pk)):
        raise Http404(_("No such person."))
    if request.method == "POST":
        return _mark_left(request, person)
    require(s.sees_employee(person.pk))
    if kind == "competitor":
        require(s.company_numbers)
    if person.status == "left":
        return render(request, "web/employee_detail.html", {"left": _handover(request, person)})
    ws = current_workspace()
    whole = report(employee_profile, ws, person_id)
    profile = _visible_profile(request, whole)
    facts = person_facts(r["id"] for r in profile["relationships"])
    for r in profile["relationships"]:
        r["title"] = facts.get(r["id"], {}).get("title", "")
    context = {
        "p": profile,
        "person": person,
        "graph": employee_graph(ws, profile),
        "credit": _credit_rows(request, profile["credit"]),
        "credit_total": sum(c["amount"] for c in profile["credit"]),
        # Credit on deals the user may not open is said to be hidden, not left out of a total.
        "credit_hidden": len(profile["credit"]) < len(whole.get("credit") or []),
        # What the choke point left out of the user's lists is counted as hidden, not dropped.
        "more": {
            key: len(whole.get(key) or []) - len(profile.get(key) or [])
            for key in ("key_people", "relationships", "accounts")
        },
        "currency": _won_currency() if profile["credit"] else "",
        "can_write": s.writes and kind == "own",
        "can_leave": s.everything and kind == "own",
        "people_level": s.people_level,
        "centres": sum(
            1 for r in profile["relationships"] if r["power_centre"] or r["influence_centre"]
        ),
    }
    return render(request, "web/employee_detail.html", context)
