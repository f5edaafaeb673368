"""The demo's operations: plans in progress, a week of alerts and introductions, so the
inbox, the plans page and the quarter's evaluation have something to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from guanxi.core.models import Snapshot
from guanxi.operations import introductions
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.models import Alert, DailyRun, Digest, Objective
from guanxi.operations.services import create_objective
from guanxi.people.models import Interaction, Person
from guanxi.people.services import save_interaction
from guanxi.scoring.snapshots import record_snapshot

#: (username, account, how many of its plan targets, days since the start, days to the due date)
PLANS = (
    ("lina", "dfb", 2, 60, 30),
    ("lina", "jng", 1, 75, 10),
    ("liangwenbo", "tyt", 2, 40, 50),
)


@transaction.atomic
def add_operations(*, today: dt.date, actor: Any = "demo") -> dict[str, int]:
    """Objectives started weeks ago (progress from the snapshots since), two introductions
    (one logged as an interaction), and the alerts of the last week."""
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
            if made % 2 == 0 and o.colleague is not None:
                # Every other plan has had a meeting along its route since it started.
                save_interaction(
                    Interaction(
                        ext_id=f"demo-plan-{o.pk}",
                        date=today - dt.timedelta(days=min(started, 25)),
                        kind="meal",
                    ),
                    participants=[o.colleague, o.person],
                    actor=actor,
                )
            made += 1
    record_snapshot(date=today, actor=actor)
    evaluate_alerts(date=today - dt.timedelta(days=3), actor=actor)
    lina = users["lina"]
    colleague = Person.objects.get(ext_id="ht-hr")
    targets = [p for p in account_report("dfb")["plan_targets"] if p != "ht-hr"]
    done = introductions.request_introduction(
        target=Person.objects.get(ext_id=targets[0]),
        introducer=colleague,
        actor=lina,
        message="Could you introduce me at the next industry event?",
    )
    # ht-hr is the demo contributor chenjing's person: she answers.
    chen = get_user_model().objects.filter(person__ext_id="ht-hr").first() or lina
    introductions.answer_introduction(introduction=done, accept=True, actor=chen)
    introductions.complete_introduction(
        introduction=done, actor=lina, date=today - dt.timedelta(days=20), kind="event"
    )
    if len(targets) > 1:
        introductions.request_introduction(
            target=Person.objects.get(ext_id=targets[1]), introducer=colleague, actor=lina
        )
    counts = evaluate_alerts(date=today, actor=actor)
    return {"objectives": made, "alerts": counts["open"]}
