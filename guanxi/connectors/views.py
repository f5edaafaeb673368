"""`/review/` — the queue of uncertain matches of people and organisations (merge, create,
ignore) and merging two people or two organisations;
`/exclusions/` — what an employee keeps out of capture; `/relationships/stale/` — declared
relationships by last contact, stale ones marked, reconfirmed in one click. Managers and
admins for the queue; every employee with a login for their own exclusions; the relationships
the choke point shows for the stale list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from guanxi.access.permissions import restrict
from guanxi.connectors.choices import ExclusionKind, ReviewStatus
from guanxi.connectors.merge import merge_organisations, merge_people
from guanxi.connectors.models import Exclusion, ReviewItem
from guanxi.connectors.review import resolve_review
from guanxi.connectors.services import add_exclusion, remove_exclusion
from guanxi.people.models import Organisation, Person
from guanxi.web.views.common import require, scope


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """The open matches with their candidates, the last decisions, and a merge form."""
    s = scope(request)
    require(s.everything and s.writes)
    if request.method == "POST":
        return _decide(request)
    open_items = (
        ReviewItem.objects.filter(status=ReviewStatus.OPEN)
        .select_related("organisation")
        .prefetch_related("candidates__organisation", "org_candidates")
        .order_by("-created_at", "id")
    )
    decided = (
        ReviewItem.objects.exclude(status=ReviewStatus.OPEN)
        .select_related("person", "organisation")
        .order_by("-resolved_at", "-id")[:20]
    )
    return render(
        request,
        "connectors/review.html",
        {
            "open_items": open_items,
            "decided": decided,
            "organisations": restrict(
                request.user, Organisation.objects.exclude(kind="own").order_by("name")
            ).only("name"),
        },
    )


def _decide(request: HttpRequest) -> HttpResponse:
    """One decision: merge/create/ignore a queued item, or merge two people."""
    action = request.POST.get("action", "")
    try:
        if action == "merge-people":
            keep = Person.objects.filter(ext_id=request.POST.get("keep", "").strip()).first()
            drop = Person.objects.filter(ext_id=request.POST.get("drop", "").strip()).first()
            if keep is None or drop is None:
                raise ValidationError(_("Give the ids of two existing people."))
            merge_people(keep=keep, drop=drop, actor=request.user)
            messages.success(request, _("%(name)s now holds both records.") % {"name": keep.name})
            return redirect("web:review")
        if action == "merge-organisations":
            keep_org = Organisation.objects.filter(ext_id=request.POST.get("keep", "").strip())
            drop_org = Organisation.objects.filter(ext_id=request.POST.get("drop", "").strip())
            if not keep_org.exists() or not drop_org.exists():
                raise ValidationError(_("Give the ids of two existing organisations."))
            kept = merge_organisations(keep=keep_org.get(), drop=drop_org.get(), actor=request.user)
            messages.success(request, _("%(name)s now holds both records.") % {"name": kept.name})
            return redirect("web:review")
        item = get_object_or_404(ReviewItem, pk=request.POST.get("item") or 0)
        candidate = candidate_org = None
        chosen = request.POST.get("candidate", "")
        if action == "merge":
            candidate = item.candidates.filter(ext_id=chosen).first()
            candidate_org = item.org_candidates.filter(ext_id=chosen).first()
        resolve_review(
            item,
            action=action,
            actor=request.user,
            candidate=candidate,
            organisation_name=request.POST.get("organisation", ""),
            candidate_org=candidate_org,
        )
        messages.success(request, _("Decided: %(name)s.") % {"name": item.name})
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("web:review")


@login_required
def exclusions(request: HttpRequest) -> HttpResponse:
    """The signed-in employee's exclusions: contacts and domains kept out of capture."""
    person = Person.objects.filter(user=request.user, organisation__kind="own").first()
    if person is None:
        return render(request, "connectors/exclusions.html", {"person": None})
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                remove_exclusion(
                    employee=person, pk=int(request.POST["remove"]), actor=request.user
                )
            else:
                add_exclusion(
                    employee=person,
                    kind=request.POST.get("kind", ""),
                    value=request.POST.get("value", ""),
                    actor=request.user,
                )
        except (ValidationError, ValueError) as exc:
            _errors(request, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        return redirect("web:exclusions")
    rows = Exclusion.objects.filter(employee=person).order_by("kind", "value")
    return render(
        request,
        "connectors/exclusions.html",
        {"person": person, "rows": rows, "kinds": ExclusionKind.choices},
    )


@login_required
def stale_relationships(request: HttpRequest) -> HttpResponse:
    """Declared relationships with their last contact, the stalest first (stale ones only,
    unless ?all=1); a POST of `tie` reconfirms that one."""
    from guanxi.access.permissions import CHANGE, restrict
    from guanxi.connectors.staleness import reconfirm_relationship, relationship_freshness
    from guanxi.people.models import Tie
    from guanxi.scoring.engine import settings_in_use

    s = scope(request)
    require(s.people_level)
    if request.method == "POST":
        require(s.writes)
        tie = restrict(request.user, Tie.objects.filter(pk=request.POST.get("tie") or 0), CHANGE)
        found = tie.first()
        if found is None:
            raise Http404("no such relationship")
        reconfirm_relationship(tie=found, actor=request.user)
        messages.success(
            request, _("Reconfirmed: %(tie)s.") % {"tie": f"{found.source} – {found.target}"}
        )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = request.get_full_path()  # the page the button was on, or this list
        return redirect(back)
    account = request.GET.get("account", "").strip() or None
    rows = relationship_freshness(request.user, account=account)
    everything = request.GET.get("all") == "1"
    stale = [r for r in rows if r.stale]
    page = Paginator(rows if everything else stale, 50).get_page(request.GET.get("page"))
    shown = Tie.objects.filter(pk__in=[r.tie_id for r in page.object_list])
    writable = set(restrict(request.user, shown, CHANGE).values_list("pk", flat=True))
    return render(
        request,
        "connectors/stale.html",
        {
            "page": page,
            "everything": everything,
            "stale_count": len(stale),
            "total": len(rows),
            "days": int(settings_in_use().stale_after_days),
            "account": account or "",
            "writable": writable,
        },
    )


@login_required
def graph_download(request: HttpRequest) -> HttpResponse:
    """POST: GraphML or GEXF of one account (`account`) or the whole workspace, as the user
    may see it (a POST, as the export is audited)."""
    from django.http import HttpResponseNotAllowed

    from guanxi.connectors.graphs import GraphExportError, export_graph

    require(scope(request).people_level)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    fmt = request.POST.get("format", "graphml")
    account = request.POST.get("account", "").strip() or None
    try:
        data = export_graph(request.user, format=fmt, account=account)
    except GraphExportError as exc:
        raise Http404(str(exc)) from None
    name = f"guanxi-{account or 'workspace'}.{fmt}".replace("/", "-").replace(" ", "-")
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def timeline(request: HttpRequest) -> HttpResponse:
    """`/timeline/?person=ID` or `?account=ID` (and `kind=`, `period=`): interactions, newest
    first; `embed=1` answers the part a person or account page shows in place."""
    from guanxi.connectors.timeline import (
        PERIODS,
        activities,
        interactions_of,
        period_choices,
        timeline_subject,
    )
    from guanxi.people.choices import InteractionKind

    require(scope(request).people_level)
    subject = timeline_subject(
        request.user,
        person=request.GET.get("person", "").strip(),
        account=request.GET.get("account", "").strip(),
    )
    if subject is None:
        raise Http404("no such person or account")
    kind = request.GET.get("kind", "")
    if kind not in InteractionKind.values:
        kind = ""
    period = request.GET.get("period", "")
    if period not in PERIODS:
        period = ""
    embed = request.GET.get("embed") == "1"
    found = interactions_of(request.user, subject, kind, period=period)
    page = Paginator(found, 20 if embed else 50).get_page(request.GET.get("page"))
    return render(
        request,
        "connectors/partials/timeline_body.html" if embed else "connectors/timeline.html",
        {
            "embed": embed,
            "period": period,
            "periods": period_choices(),
            "subject": subject,
            "is_person": isinstance(subject, Person),
            "page": page,
            "rows": activities(request.user, list(page.object_list)),
            "kinds": InteractionKind.choices,
            "kind": kind,
        },
    )


#: list page → (its view, the data-testid of its table); imported when asked for
XLSX_LISTS = {
    "accounts": ("guanxi.web.views.accounts", "account_list", "account-table"),
    "employees": ("guanxi.web.views.employees", "employee_list", "employee-table"),
    "deals": ("guanxi.web.views.deals", "deal_list", "deal-table"),
    "competitors": ("guanxi.web.views.competitors", "competitor_list", "competitor-table"),
    "handovers": ("guanxi.web.views.handover", "handover_list", "handover-list"),
    "stale": ("guanxi.connectors.views", "stale_relationships", "stale-list"),
}


@login_required
def list_xlsx(request: HttpRequest, name: str) -> HttpResponse:
    """`/xlsx/<list>/?<the page's filters>`: the list page's rows, every page, as XLSX (the
    page's own view answers, so the same permissions and filters apply)."""
    import importlib

    from django.utils import timezone

    from guanxi.connectors.xlsx import table_of, workbook
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction

    if name not in XLSX_LISTS:
        raise Http404("no such list")
    module, function, testid = XLSX_LISTS[name]
    view = getattr(importlib.import_module(module), function)
    request.META.pop("HTTP_HX_REQUEST", None)
    query = request.GET.copy()
    header: list[str] = []
    rows: list[list[str]] = []
    previous: list[list[str]] | None = None
    for number in range(1, 2001):
        query["page"] = str(number)
        request.GET = query
        response = view(request)
        if response.status_code != 200:
            return response
        header, page_rows = table_of(response.content.decode(), testid)
        if not page_rows or page_rows == previous:
            break  # past the last page, the pager answers the last page again
        rows.extend(page_rows)
        previous = page_rows
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="list",
        object_id=name,
        summary=f"XLSX of the {name} list: {len(rows)} rows",
    )
    filename = f"guanxi-{name}-{timezone.localdate():%Y-%m-%d}.xlsx"
    answer = HttpResponse(
        workbook(name, header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer["Cache-Control"] = "no-store"
    return answer
