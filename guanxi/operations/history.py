"""Trend lines from snapshots: a customer person's closeness, an employee's resources, an
account's score — each read through the choke point (`restrict(user, Snapshot)`), after the
page's own rule for the subject."""

from __future__ import annotations

import datetime as dt
from typing import Any

from guanxi.access.guarded import Refused, Unseen
from guanxi.access.permissions import restrict, scope_of
from guanxi.core.models import Snapshot
from guanxi.people.models import Organisation, Person

#: subject kind → snapshot metric
METRICS = {"person": "closeness", "employee": "resources", "account": "score"}


def _subject(user: Any, kind: str, subject_id: str) -> None:
    """Refuse (Unseen / Refused) unless the user may see this subject's page."""
    if kind == "account":
        org = restrict(user, Organisation.objects.filter(ext_id=subject_id, kind="customer"))
        found = org.first()
        if found is None:
            raise Unseen(f"No account with id '{subject_id}' that you can see.")
        if not scope_of(user).sees_account(found.pk):
            raise Refused(f"You may not open the account {subject_id}.")
        return
    person = restrict(user, Person.objects.filter(ext_id=subject_id)).first()
    if person is None:
        raise Unseen(f"No person with id '{subject_id}' that you can see.")
    if kind == "employee" and not scope_of(user).sees_employee(person.pk):
        raise Refused("You may open your own employee view only.")


def trend_for(user: Any, kind: str, subject_id: str) -> list[tuple[dt.date, float]]:
    """(date, value) of the subject's metric per snapshot, oldest first."""
    if kind not in METRICS:
        raise Unseen(f"No trend of '{kind}'.")
    _subject(user, kind, subject_id)
    rows = Snapshot.objects.filter(subject_id=subject_id, metric=METRICS[kind])
    return list(restrict(user, rows).order_by("date").values_list("date", "value"))


def trend_progress(points: list[tuple[dt.date, float]], on: dt.date) -> float | None:
    """The last recorded value on or before a date (None before the first snapshot)."""
    value = None
    for date, v in points:
        if date > on:
            break
        value = v
    return value
