"""Relationships that keep themselves current: the last contact of every declared
relationship the user may see, which have gone stale, and reconfirming one in a click."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from guanxi.access.permissions import restrict
from guanxi.analytics.staleness import is_stale, last_contacts
from guanxi.core.services import save_audited
from guanxi.people.choices import PersonStatus, TieKind
from guanxi.people.models import Participation, Tie


@dataclass(frozen=True)
class Freshness:
    """One declared relationship, its last contact and whether it is stale."""

    tie_id: int
    source_id: str
    source_name: str
    target_id: str
    target_name: str
    strength: int
    last_contact: dt.date | None
    stale: bool


def relationship_freshness(user: Any, *, today: dt.date | None = None) -> list[Freshness]:
    """Every declared relationship between active people that `user` may see (None: all),
    the stalest (never in contact, then the oldest contact) first."""
    from guanxi.scoring.engine import settings_in_use

    today = today or dt.date.today()
    limit = settings_in_use().stale_after_days
    declared = Tie.objects.filter(
        kind=TieKind.RELATIONSHIP,
        strength__gt=0,
        source__status=PersonStatus.ACTIVE,
        target__status=PersonStatus.ACTIVE,
    )
    # None is the command line's reader, who has the database; a login sees its scope
    ties = list(
        (declared if user is None else restrict(user, declared)).values_list(
            "pk",
            "source_id",
            "source__ext_id",
            "source__name",
            "target_id",
            "target__ext_id",
            "target__name",
            "strength",
            "last_confirmed",
        )
    )
    people = {t[1] for t in ties} | {t[4] for t in ties}
    meetings: dict[int, tuple[dt.date, list[int]]] = {}
    rows = Participation.objects.filter(person_id__in=people).values_list(
        "interaction_id", "interaction__date", "person_id"
    )
    grouped: dict[int, list[int]] = defaultdict(list)
    dates: dict[int, dt.date] = {}
    for interaction, date, person in rows.iterator(chunk_size=10_000):
        grouped[interaction].append(person)
        dates[interaction] = date
    meetings = {i: (dates[i], ps) for i, ps in grouped.items() if len(ps) > 1}
    last = last_contacts(
        ((str(t[1]), str(t[4]), t[8]) for t in ties),
        ((date, [str(p) for p in ps]) for date, ps in meetings.values()),
        today,
    )
    found = []
    for pk, s, s_ext, s_name, t, t_ext, t_name, strength, _ in ties:
        a, b = sorted((str(s), str(t)))
        contact = last[(a, b)]
        found.append(
            Freshness(pk, s_ext, s_name, t_ext, t_name, strength, contact,
                      is_stale(contact, today, limit))
        )  # fmt: skip
    found.sort(key=lambda f: (f.last_contact is not None, f.last_contact or today, f.tie_id))
    return found


@transaction.atomic
def reconfirm_relationship(*, tie: Tie, actor: Any) -> Tie:
    """Record that a relationship still holds today (its last confirmation), audited."""
    tie = Tie.objects.select_for_update().get(pk=tie.pk)
    tie.last_confirmed = dt.date.today()
    return save_audited(tie, actor=actor, summary=f"{tie} reconfirmed")
