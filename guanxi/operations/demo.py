"""The demo's operations: plans in progress, a week of alerts and introductions, so the
inbox, the plans page and the quarter's evaluation have something to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from guanxi.core.models import AnalysisCache, Snapshot
from guanxi.operations import introductions
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.models import Alert, DailyRun, Digest, Objective
from guanxi.operations.services import create_objective
from guanxi.people.models import Person
from guanxi.scoring.engine import forget_warm_workspace

#: (username, account, how many of its plan targets, days since the start, days to the due date)
PLANS = (
    ("lina", "dfb", 2, 60, 30),
    ("lina", "jng", 1, 75, 10),
    ("liangwenbo", "tyt", 2, 40, 50),
)


@transaction.atomic
def add_operations(*, today: dt.date, actor: Any = "demo") -> dict[str, int]:
    """Objectives started weeks ago (half of them with ground gained), two introductions
    (one accepted), and the alerts of the last week; the demo's scores are not touched."""
    from guanxi.scoring.reports import account_report

    Alert.objects.all().delete()
    Digest.objects.all().delete()
    DailyRun.objects.all().delete()
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["lina", "liangwenbo"])
    }
    if len(users) < 2:
        return {}
    for name, user in users.items():
        if not user.email:
            user.email = f"{name}@example.com"
            user.save(update_fields=["email"])
    evaluate_alerts(date=today - dt.timedelta(days=6), actor=actor)
    made = 0
    for username, account, count, started, due in PLANS:
        for pid in account_report(account)["plan_targets"][:count]:
            o = create_objective(person=Person.objects.get(ext_id=pid), actor=users[username])
            # A plan made weeks ago: its baseline is the closeness then, from the snapshots.
            start = today - dt.timedelta(days=started)
            then = (
                Snapshot.objects.filter(subject_id=pid, metric="closeness", date__lte=start)
                .order_by("-date")
                .values_list("value", flat=True)
                .first()
            )
            baseline = then if then is not None else o.baseline
            Objective.objects.filter(pk=o.pk).update(
                start=start,
                due=today + dt.timedelta(days=due),
                baseline=baseline,
                target=min(100.0, max(o.target, baseline + 20.0)),
            )
            if made % 2 == 0:
                # Every other plan has kept pace with the time gone (the demo's story: its
                # scores themselves are left as the demo builds them): a baseline from
                # which today's closeness is as far along as the calendar.
                target = min(100.0, max(o.target, baseline + 20.0))
                gone = started / (started + due)
                Objective.objects.filter(pk=o.pk).update(
                    baseline=max(0.0, (baseline - gone * target) / (1 - gone))
                )
            made += 1
    evaluate_alerts(date=today - dt.timedelta(days=3), actor=actor)
    lina = users["lina"]
    colleague = Person.objects.get(ext_id="ht-hr")
    targets = [p for p in account_report("dfb")["plan_targets"] if p != "ht-hr"]
    # One introduction accepted (to be logged when it happens), one waiting for an answer;
    # none logged yet, so the demo's scores stay as built.
    chen = get_user_model().objects.filter(person__ext_id="ht-hr").first() or lina
    for n, pid in enumerate(targets[:2]):
        asked = introductions.request_introduction(
            target=Person.objects.get(ext_id=pid),
            introducer=colleague,
            actor=lina,
            message="Could you introduce me at the next industry event?" if n == 0 else "",
        )
        if n == 0:
            introductions.answer_introduction(introduction=asked, accept=True, actor=chen)
    counts = evaluate_alerts(date=today, actor=actor)
    # The analysis above built a warm workspace and its stored copy; drop both, so the demo
    # leaves the database as the load alone would (the first read makes them again).
    AnalysisCache.objects.all().delete()
    forget_warm_workspace()
    return {"objectives": made, "alerts": counts["open"]}
