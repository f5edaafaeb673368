"""The only writers of plan objectives and introductions: each checks its rules, saves in a
transaction and writes the audit record. None of them bumps the data version: objectives,
introductions and alerts change no score (an introduction's interaction does, through
guanxi.people.services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.access.permissions import restrict, scope_of
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.operations.choices import ObjectiveStatus
from guanxi.operations.models import Objective
from guanxi.people.models import Organisation, Person

DEFAULT_DAYS = 90


def _current_closeness(person: Person) -> tuple[float, list[str]]:
    """Our closeness to the person today and the best path to them (ids), from the engine."""
    from guanxi.analytics.scores import side_scores
    from guanxi.scoring.engine import current_workspace
    from guanxi.scoring.reports import paths_report

    ws = current_workspace()
    if ws.own < 0 or person.ext_id not in ws.person_index:
        return 0.0, []
    closeness = float(side_scores(ws, ws.own).closeness[ws.person_of_id(person.ext_id)])
    paths = paths_report(person.ext_id, k=1, workspace=ws)
    return closeness, paths[0]["people"] if paths else []


def best_routes(person: Person, k: int = 3) -> list[list[str]]:
    """The k best paths to the person (ids, our colleague first), from the engine."""
    from guanxi.scoring.engine import current_workspace
    from guanxi.scoring.reports import paths_report

    ws = current_workspace()
    if ws.own < 0 or person.ext_id not in ws.person_index:
        return []
    return [p["people"] for p in paths_report(person.ext_id, k=k, workspace=ws)]


def _may_plan(actor: Any, account: Organisation) -> None:
    scope = scope_of(actor)
    if not scope.writes or not scope.sees_account(account.pk):
        raise ValidationError({"account": _("You may not plan for this account.")})


@transaction.atomic
def create_objective(
    *,
    person: Person,
    actor: Any,
    target: float | None = None,
    due: dt.date | None = None,
    owner: Any = None,
    colleague: Person | None = None,
    actions: str = "",
) -> Objective:
    """Create an objective to raise our closeness with a customer person; by default (one
    click from a plan target): to the plan-target level by 90 days from today, owned by the
    actor, along the best path."""
    from guanxi.scoring.engine import settings_in_use

    account = person.organisation
    if account.kind != "customer":
        raise ValidationError({"person": _("Objectives are for people of customers.")})
    _may_plan(actor, account)
    if restrict(actor, Person.objects.filter(pk=person.pk)).first() is None:
        raise ValidationError({"person": _("You may not plan for this person.")})
    today = timezone.localdate()
    current, route = _current_closeness(person)
    if target is None:
        target = max(settings_in_use().plan_target_threshold, round(current) + 10.0)
    if not 0 <= target <= 100:
        raise ValidationError({"target": _("The target closeness must be between 0 and 100.")})
    if target <= current:
        raise ValidationError(
            {"target": _("We are already at %(now).0f: set a higher target.") % {"now": current}}
        )
    due = due or today + dt.timedelta(days=DEFAULT_DAYS)
    if due <= today:
        raise ValidationError({"due": _("The due date must be in the future.")})
    if colleague is None and route:
        colleague = Person.objects.filter(ext_id=route[0]).first()
    if colleague is not None and colleague.organisation.kind != "own":
        raise ValidationError({"colleague": _("The colleague must be one of our people.")})
    objective = Objective(
        account=account,
        person=person,
        target=float(target),
        due=due,
        owner=owner if owner is not None else (actor if getattr(actor, "pk", None) else None),
        colleague=colleague,
        route=route if colleague is None or (route and route[0] == colleague.ext_id) else [],
        actions=actions,
        baseline=current,
        start=today,
    )
    objective.full_clean()
    objective.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="objective",
        object_id=str(objective.pk),
        summary=f"objective: closeness with {person.ext_id} to {target:.0f} by {due}",
    )
    return objective


@transaction.atomic
def update_objective(
    *,
    objective: Objective,
    actor: Any,
    status: str | None = None,
    actions: str | None = None,
    due: dt.date | None = None,
    target: float | None = None,
    colleague: Person | None = None,
) -> Objective:
    """Change an objective's status, planned actions, due date, target or route: the
    colleague who works it, along the best path that starts with them (audited)."""
    _may_plan(actor, objective.account)

    def state() -> dict[str, Any]:
        return {
            "status": objective.status,
            "actions": objective.actions,
            "due": str(objective.due),
            "target": objective.target,
            "colleague": objective.colleague.ext_id if objective.colleague else None,
        }

    before = state()
    if status is not None:
        if status not in ObjectiveStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        objective.status = status
    if actions is not None:
        objective.actions = actions
    if due is not None:
        objective.due = due
    if target is not None:
        objective.target = target
    if colleague is not None and colleague.pk != objective.colleague_id:
        if colleague.organisation.kind != "own":
            raise ValidationError({"colleague": _("The colleague must be one of our people.")})
        objective.colleague = colleague
        routes = [r for r in best_routes(objective.person) if r[0] == colleague.ext_id]
        objective.route = routes[0] if routes else []
    objective.full_clean()
    objective.save()
    after = state()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="objective",
        object_id=str(objective.pk),
        summary=f"objective {objective.pk} updated",
        changes=audit.diff(before, after),
    )
    return objective


@transaction.atomic
def save_alert_preferences(*, user: Any, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store which alerts `user` gets ({kind: (in the inbox, in the digest)}; the digest
    only with the inbox), in one transaction with its audit record."""
    from guanxi.operations.models import AlertPreference

    stored = {p.kind: p for p in AlertPreference.objects.filter(user=user)}
    before = {k: [p.enabled, p.digest] for k, p in stored.items()}
    after = {}
    for kind, (enabled, digest) in choices.items():
        AlertPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": enabled, "digest": enabled and digest}
        )
        after[kind] = [enabled, enabled and digest]
    audit.record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="alert_preferences",
        object_id=user.get_username(),
        summary="alert preferences",
        changes=audit.diff(before, after),
    )


def mark_alerts_read(*, user: Any) -> int:
    """Mark the user's open, unread alerts read; returns how many."""
    from guanxi.operations.models import Alert

    return Alert.objects.filter(user=user, cleared_on__isnull=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )
