"""Evaluation by period: per employee, for a month or quarter, what their relationship work
brought — for sales and non-sales staff alike.

| column | counted |
|---|---|
| resources_gained | R(e) at the period's last snapshot minus at the last one before it |
| relationships_created | relationship ties with a customer person recorded in the period |
| relationships_strengthened | distinct customer people e shared an interaction with in it |
| introductions | introductions e made (as the colleague asked) that happened in it |
| credit | credit on deals won in the period (credit recorded in it; else the close date) |

Credit is the share recorded when each deal was won (scoring v2's DealCredit, through
analytics.company.credit_table), times the deal's amount.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import numpy as np
from django.db.models import Count

from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics.company import credit_table
from guanxi.analytics.evaluation import gained, period_bounds
from guanxi.core.models import Snapshot
from guanxi.deals.models import Deal
from guanxi.operations.models import Introduction
from guanxi.people.models import Participation, Person, Tie

COLUMNS = (
    "employee",
    "name",
    "sales",
    "resources_gained",
    "relationships_created",
    "relationships_strengthened",
    "introductions",
    "credit",
)


def employees_for(user: Any, who: str = "all") -> list[Person]:
    """Our people whose evaluation the user may see (their own; managers everyone)."""
    from guanxi.operations.plans import team_people

    scope = scope_of(user)
    people = restrict(user, Person.objects.filter(organisation__kind="own")).order_by("ext_id")
    if who == "mine" or not scope.everything:
        people = people.filter(pk=scope.person_id) if scope.person_id else people.none()
    elif who == "team":
        people = people.filter(pk__in=team_people(user))
    return [p for p in people.distinct() if scope.sees_employee(p.pk)]


def evaluate_period(user: Any, period: str, who: str = "all") -> list[dict[str, Any]]:
    """One row per employee the user may see, counting only what falls in the period."""
    start, end = period_bounds(period)
    people = employees_for(user, who)
    pks = [p.pk for p in people]
    ids = [p.ext_id for p in people]
    history: dict[str, list[tuple[dt.date, float]]] = defaultdict(list)
    rows = restrict(user, Snapshot.objects.filter(metric="resources", subject_id__in=ids))
    for subject, day, value in rows.values_list("subject_id", "date", "value"):
        history[subject].append((day, value))
    since = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    recorded = Tie.objects.filter(
        kind="relationship", recorded_at__gte=since, recorded_at__lt=until
    )
    created: dict[int, int] = defaultdict(int)
    for field, other in (("source_id", "target"), ("target_id", "source")):
        counts = (
            recorded.filter(**{f"{field}__in": pks, f"{other}__organisation__kind": "customer"})
            .values(field)
            .annotate(n=Count("id"))
        )
        for row in counts:
            created[row[field]] += row["n"]
    met: dict[int, set[int]] = defaultdict(set)
    mine = Participation.objects.filter(
        person_id__in=pks, interaction__date__gte=start, interaction__date__lte=end
    ).values_list("interaction_id", "person_id")
    by_interaction: dict[int, list[int]] = defaultdict(list)
    for interaction, person in mine:
        by_interaction[interaction].append(person)
    if by_interaction:
        others = Participation.objects.filter(
            interaction_id__in=list(by_interaction), person__organisation__kind="customer"
        ).values_list("interaction_id", "person_id")
        for interaction, person in others:
            for e in by_interaction[interaction]:
                met[e].add(person)
    intros = dict(
        Introduction.objects.filter(
            introducer_id__in=pks, status="done", done_on__gte=start, done_on__lte=end
        )
        .values("introducer_id")
        .annotate(n=Count("id"))
        .values_list("introducer_id", "n")
    )
    credit = _credit(start, end)
    out = []
    for p in people:
        out.append(
            {
                "employee": p.ext_id,
                "name": p.name,
                "sales": p.is_sales,
                "resources_gained": round(gained(history.get(p.ext_id, []), start, end), 2),
                "relationships_created": created.get(p.pk, 0),
                "relationships_strengthened": len(met.get(p.pk, ())),
                "introductions": intros.get(p.pk, 0),
                "credit": round(credit.get(p.ext_id, 0.0), 2),
            }
        )
    return out


def _credit(start: dt.date, end: dt.date) -> dict[str, float]:
    """Credit per employee id on the deals won in the period: won when their credit was
    recorded (at the win), or by their close date where no credit is recorded."""
    from guanxi.deals.models import DealCredit
    from guanxi.scoring.engine import current_workspace

    since = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    recorded = DealCredit.objects.values_list("deal_id", flat=True)
    won = set(
        DealCredit.objects.filter(recorded_at__gte=since, recorded_at__lt=until).values_list(
            "deal__ext_id", flat=True
        )
    ) | set(
        Deal.objects.filter(status="won", close_date__gte=start, close_date__lte=end)
        .exclude(pk__in=recorded)
        .values_list("ext_id", flat=True)
    )
    if not won:
        return {}
    ws = current_workspace()
    deal, person, share = credit_table(ws)
    amount = np.nan_to_num(ws.deals.amount, nan=0.0)
    out: dict[str, float] = defaultdict(float)
    for d, e, sh in zip(deal.tolist(), person.tolist(), share.tolist(), strict=True):
        if ws.deals.ids[d] in won:
            out[ws.person_ids[e]] += sh * float(amount[d])
    return out
