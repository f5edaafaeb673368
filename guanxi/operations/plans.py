"""Account plans as one user may see them: objectives with their progress from the target
person's closeness history (snapshots read through the choke point)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics.plans import objective_progress
from guanxi.core.models import Snapshot
from guanxi.operations.choices import ObjectiveStatus
from guanxi.operations.models import Objective
from guanxi.people.models import Organisation, Person, Tie

WHO = ("mine", "team", "all")


def visible_objectives(user: Any) -> QuerySet[Objective]:
    """Objectives of accounts the user may open, about people they may see."""
    scope = scope_of(user)
    objectives = Objective.objects.select_related("account", "person", "owner", "colleague")
    if scope.everything:
        return objectives
    accounts = restrict(user, Organisation.objects.filter(kind="customer")).values_list(
        "pk", flat=True
    )
    opened = [pk for pk in accounts if scope.sees_account(pk)]
    people = restrict(user, Person.objects.all()).values("pk")
    return objectives.filter(account_id__in=opened, person_id__in=people)


def team_people(user: Any) -> set[int]:
    """The user's person and everyone of ours reporting to them, at any depth (person keys)."""
    me = scope_of(user).person_id
    if me is None:
        return set()
    below: dict[int, list[int]] = defaultdict(list)
    lines = Tie.objects.filter(kind="reports_to", source__organisation__kind="own")
    for child, boss in lines.values_list("source_id", "target_id"):
        below[boss].append(child)
    people, todo = {me}, [me]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in people:
                people.add(child)
                todo.append(child)
    return people


def team_of(user: Any) -> set[int]:
    """The user and every login user whose person reports to the user's person, at any depth."""
    people = team_people(user)
    ids = {user.pk}
    ids.update(
        Person.objects.filter(pk__in=people, user__isnull=False).values_list("user_id", flat=True)
    )
    return ids


def objectives_for(user: Any, who: str = "all") -> QuerySet[Objective]:
    """Mine (owned by the user), my team's, or all the user may see."""
    objectives = visible_objectives(user)
    if who == "mine":
        return objectives.filter(owner=user)
    if who == "team":
        return objectives.filter(owner_id__in=team_of(user))
    return objectives


def progress_rows(
    user: Any, objectives: QuerySet[Objective] | list[Objective], today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Each objective with its progress (analytics.plans) from its person's closeness history,
    read as the user may (None: the system's alert evaluation, which tells each recipient only
    of people they may see)."""
    today = today or timezone.localdate()
    objectives = list(objectives)
    ids = {o.person.ext_id for o in objectives}
    history: dict[str, list[tuple[dt.date, float]]] = defaultdict(list)
    rows = Snapshot.objects.filter(metric="closeness", subject_id__in=ids)
    if user is not None:
        rows = restrict(user, rows)
    for subject, date, value in rows.values_list("subject_id", "date", "value"):
        history[subject].append((date, value))
    out = []
    for o in objectives:
        progress = objective_progress(
            baseline=o.baseline,
            target=o.target,
            start=o.start,
            due=o.due,
            points=history.get(o.person.ext_id, []),
            today=today,
        )
        if o.status == ObjectiveStatus.ACHIEVED:
            progress["state"] = "achieved"
        elif o.status == ObjectiveStatus.DROPPED:
            progress["state"] = "dropped"
        out.append({"objective": o, **progress})
    return out


def summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many of the live objectives (not dropped) are achieved or on track."""
    live = [r for r in rows if r["state"] != "dropped"]
    good = sum(1 for r in live if r["state"] in ("achieved", "on_track"))
    return {"on_track": good, "total": len(live)}
