"""The activity timeline of a person or an account: their interactions, newest first,
filterable by kind and period, as the user may see them (hidden participants counted, not named)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from guanxi.access.permissions import restrict
from guanxi.people.models import Interaction, Organisation, Participation, Person


@dataclass(frozen=True)
class Activity:
    """One interaction on a timeline."""

    id: str
    date: dt.date
    kind: str
    kind_label: str
    people: list[tuple[str, str]]  # (id, name) of the participants the user may see
    hidden: int
    notes: str


def timeline_subject(user: Any, *, person: str = "", account: str = "") -> Any:
    """The person or customer the timeline is about, if the user may see it, else None."""
    if person:
        return restrict(user, Person.objects.filter(ext_id=person)).first()
    if account:
        return restrict(user, Organisation.objects.filter(ext_id=account)).first()
    return None


#: ?period= value → the days back it covers (no value: all time)
PERIODS = {"30": 30, "90": 90, "365": 365, "1095": 1095}


def period_choices() -> list[tuple[str, str]]:
    """The period filter's options, as (value, label)."""
    from django.utils.translation import gettext as _

    labels = {
        "30": _("last 30 days"),
        "90": _("last 90 days"),
        "365": _("last 12 months"),
        "1095": _("last 3 years"),
    }
    return [(value, labels[value]) for value in PERIODS]


def interactions_of(
    user: Any, subject: Any, kind: str = "", *, period: str = "", today: dt.date | None = None
) -> QuerySet:
    """The subject's interactions the user may see, newest first (optionally one kind, and
    only those of the last `period` days, one of PERIODS)."""
    found = restrict(user, Interaction.objects.all())
    if period in PERIODS:
        since = (today or dt.date.today()) - dt.timedelta(days=PERIODS[period])
        found = found.filter(date__gte=since)
    if isinstance(subject, Person):
        found = found.filter(participation__person=subject)
    else:
        found = found.filter(participation__person__organisation=subject)
    if kind:
        found = found.filter(kind=kind)
    return found.distinct().order_by("-date", "-pk")


def activities(user: Any, interactions: list[Interaction]) -> list[Activity]:
    """The rows of one page of interactions, with the participants the user may see."""
    visible = set(
        restrict(user, Person.objects.filter(participations__interaction__in=interactions))
        .values_list("pk", flat=True)
    )  # fmt: skip
    people: dict[int, list[tuple[int, str, str]]] = {}
    rows = Participation.objects.filter(interaction__in=interactions).order_by("position")
    for interaction, pk, ext, name in rows.values_list(
        "interaction_id", "person_id", "person__ext_id", "person__name"
    ):
        people.setdefault(interaction, []).append((pk, ext, name))
    return [
        Activity(
            i.ext_id,
            i.date,
            i.kind,
            i.get_kind_display(),
            [(ext, name) for pk, ext, name in people.get(i.pk, []) if pk in visible],
            sum(1 for pk, _, _ in people.get(i.pk, []) if pk not in visible),
            i.notes,
        )
        for i in interactions
    ]
