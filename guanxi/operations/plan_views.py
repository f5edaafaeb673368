"""Account plan pages: the plans page (mine, my team's, all), the account's objectives, the
dashboard's summary, the one-click objective from a plan target, and editing an objective's
planned actions, target, due date and route."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from guanxi.access.permissions import restrict, scope_of
from guanxi.operations import plans, services
from guanxi.operations.choices import ObjectiveStatus
from guanxi.people.models import Organisation, Person

STATE_LABELS = {
    "achieved": _("achieved"),
    "on_track": _("on track"),
    "off_track": _("off track"),
    "overdue": _("overdue"),
    "dropped": _("dropped"),
}
WHO_LABELS = {"mine": _("mine"), "team": _("my team's"), "all": _("all")}
MAX_ACTIONS = 2000


def _labelled(rows: list[dict]) -> list[dict]:
    for r in rows:
        r["state_label"] = STATE_LABELS[r["state"]]
    return rows


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Every objective the user may see: mine, my team's or all, with progress."""
    if not scope_of(request.user).people_level:
        raise PermissionDenied
    who = request.GET.get("who", "mine")
    if who not in plans.WHO:
        who = "mine"
    objectives = plans.objectives_for(request.user, who).order_by("due", "id")
    rows = _labelled(plans.progress_rows(request.user, objectives))
    context = {
        "rows": rows,
        "summary": plans.summary(rows),
        "who": who,
        "choices": list(WHO_LABELS.items()),
        "writes": scope_of(request.user).writes,
    }
    return render(request, "operations/plan_list.html", context)


@login_required
def account_plans(request: HttpRequest, org_id: str) -> HttpResponse:
    """The account's objectives (a partial of the account page)."""
    org = restrict(request.user, Organisation.objects.filter(ext_id=org_id)).first()
    if org is None or not scope_of(request.user).sees_account(org.pk):
        raise Http404(f"No account with id '{org_id}' that you can see.")
    objectives = plans.visible_objectives(request.user).filter(account=org)
    rows = _labelled(plans.progress_rows(request.user, objectives))
    return render(
        request,
        "operations/partials/objectives.html",
        {"rows": rows, "summary": plans.summary(rows), "writes": scope_of(request.user).writes},
    )


@login_required
def plan_summary(request: HttpRequest) -> HttpResponse:
    """ "3 of 8 objectives on track" for the dashboard (the user's own, else all they see)."""
    mine = plans.progress_rows(request.user, plans.objectives_for(request.user, "mine"))
    rows = mine or plans.progress_rows(request.user, plans.objectives_for(request.user, "all"))
    return render(
        request,
        "operations/partials/plan_summary.html",
        {"summary": plans.summary(rows), "mine": bool(mine), "rows": _labelled(rows)},
    )


@login_required
@require_POST
def objective_new(request: HttpRequest) -> HttpResponse:
    """Create an objective for a person (one click from a plan target; optional target/due)."""
    person_id = request.POST.get("person", "")
    person = restrict(request.user, Person.objects.filter(ext_id=person_id)).first()
    if person is None:
        raise Http404(f"No person with id '{person_id}' that you can see.")
    try:
        target = float(request.POST["target"]) if request.POST.get("target") else None
        due = dt.date.fromisoformat(request.POST["due"]) if request.POST.get("due") else None
    except ValueError:
        return HttpResponse(_("Target must be a number and due a date (YYYY-MM-DD)."), status=422)
    try:
        services.create_objective(person=person, actor=request.user, target=target, due=due)
    except ValidationError as exc:
        return HttpResponse(" ".join(m for ms in exc.message_dict.values() for m in ms), status=422)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.POST.get("next") or "/ops/plans/"
        return response
    return redirect(request.POST.get("next") or "operations:plans")


@login_required
@require_POST
def objective_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an objective achieved, dropped or open again."""
    objective = plans.visible_objectives(request.user).filter(pk=pk).first()
    if objective is None:
        raise Http404("No such objective that you can see.")
    status = request.POST.get("status", "")
    if status not in ObjectiveStatus.values:
        return HttpResponse(_("Unknown status."), status=422)
    try:
        services.update_objective(objective=objective, actor=request.user, status=status)
    except ValidationError:
        raise PermissionDenied from None
    return redirect(request.POST.get("next") or "operations:plans")


def _edit_form(request: HttpRequest, objective: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The edit form's values, parsed, and the message of each field that is wrong."""
    post = request.POST
    values: dict[str, Any] = {"actions": post.get("actions", "").strip()}
    errors: dict[str, str] = {}
    if len(values["actions"]) > MAX_ACTIONS:
        errors["actions"] = str(
            _("Planned actions: at most %(n)d characters.") % {"n": MAX_ACTIONS}
        )
    try:
        values["target"] = float(post.get("target", ""))
        if not 0 <= values["target"] <= 100:
            raise ValueError
    except ValueError:
        errors["target"] = str(_("Target: a closeness between 0 and 100."))
    try:
        values["due"] = dt.date.fromisoformat(post.get("due", ""))
    except ValueError:
        errors["due"] = str(_("Due: a date (YYYY-MM-DD)."))
    routes = {r[0]: r for r in services.best_routes(objective.person)}
    chosen = post.get("colleague", "")
    if chosen and chosen not in routes and chosen != getattr(objective.colleague, "ext_id", ""):
        errors["colleague"] = str(_("Colleague: choose one of the best paths."))
    colleague = restrict(request.user, Person.objects.filter(ext_id=chosen)) if chosen else None
    values["colleague"] = colleague.first() if colleague is not None else None
    return values, errors


@login_required
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an objective's planned actions, target, due date and route (the colleague on one
    of the best paths to the person)."""
    objective = plans.visible_objectives(request.user).filter(pk=pk).first()
    if objective is None:
        raise Http404("No such objective that you can see.")
    if not scope_of(request.user).writes:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        values, errors = _edit_form(request, objective)
        if not errors:
            try:
                services.update_objective(objective=objective, actor=request.user, **values)
            except ValidationError as exc:
                errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
            else:
                back = request.POST.get("next", "")
                safe = back.startswith("/") and not back.startswith("//")
                return redirect(back if safe else "operations:plans")
    ours = restrict(request.user, Person.objects.filter(organisation__kind="own"))
    names = dict(ours.values_list("ext_id", "name"))
    routes = [
        {"id": r[0], "name": names.get(r[0], r[0]), "steps": len(r) - 1}
        for r in services.best_routes(objective.person)
    ]
    shown = {
        "target": f"{objective.target:.0f}",
        "due": objective.due.isoformat(),
        "actions": objective.actions,
        "colleague": objective.colleague.ext_id if objective.colleague else "",
    }
    if request.method == "POST":
        shown.update({k: request.POST.get(k, "") for k in shown})
    back = request.POST.get("next") or request.GET.get("next") or ""
    context = {"o": objective, "routes": routes, "errors": errors, "form": shown, "next": back}
    return render(request, "operations/objective_edit.html", context, status=422 if errors else 200)
