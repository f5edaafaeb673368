"""The demo's operations: plans in progress, introductions and a week of the worker's days —
a snapshot, the alerts and the digests of each of the last seven days, each day scored on the
data as it stood that day — so the inbox, the plans page and the quarter's evaluation have
something to show.

The week (days before today), each event with the alert it raises that day:
- 6: the worker's first day; Zhou Peng's hand-overs are still open (a colleague leaving);
- 5: Lanxin's account director met Qilin's manufacturing VP, a decider of its open deal, at
  a trade fair (the demo's story; a competitor overtaking us);
- 4: Lina's and Liang Wenbo's plans are written down, started weeks ago (objectives off track);
- 3: Renhe's VP of operations, a key person, leaves the hospital (a key person left);
- 2: Lina's relationship with Dongfang's CRO, last confirmed a year ago, goes stale;
- 1: so does our CFO's with Dongfang's CFO; Lina asks two introductions (one accepted);
- 0: and our R&D director's with Dongfang's CIO, his former colleague.
Alerts raised three days ago or earlier have been read, the later ones not; each user with
something new got a digest on its day (recorded, not sent: the demo e-mails nobody).
No demo account rests on one colleague, so the at-risk alert does not occur in the week.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q

from guanxi.core.models import AnalysisCache, Snapshot
from guanxi.deals.models import Deal, DealCredit
from guanxi.operations import introductions
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.choices import DailyJob
from guanxi.operations.digests import send_digests
from guanxi.operations.models import Alert, DailyRun, Digest, Objective
from guanxi.operations.services import create_objective
from guanxi.people.models import Person, Tie
from guanxi.people.services import mark_left
from guanxi.scoring.engine import build_from_database, forget_warm_workspace
from guanxi.scoring.snapshots import record_snapshot

#: (username, account, how many of its plan targets, days since the start, days to the due date)
PLANS = (
    ("lina", "dfb", 2, 60, 30),
    ("lina", "jng", 1, 75, 10),
    ("liangwenbo", "tyt", 2, 40, 50),
)
#: the key person who leaves a customer during the week
LEAVER = "rhg-vp-sales"
#: key relationships whose last confirmation passes the workspace's year during the week,
#: and when they were last confirmed (days ago)
STALE = (
    (("ht-kam1", "dfb-cro"), 368),
    (("ht-fin", "dfb-cfo"), 367),
    (("ht-rd", "dfb-cio"), 366),
)
WEEK = 7
READ_UNTIL = 3  # alerts raised this many days ago or earlier have been read


def _history(today: dt.date) -> None:
    """Dates as a year of use would have left them: a relationship recorded when it began
    (where known), a won deal's credit recorded at its close, three relationships last
    confirmed a year ago; none of them moves a score."""
    Tie.objects.filter(kind="relationship", since__isnull=False).update(recorded_at=F("since"))
    for deal in Deal.objects.filter(status="won", close_date__isnull=False):
        at = dt.datetime.combine(deal.close_date, dt.time(18, 0), tzinfo=dt.UTC)
        DealCredit.objects.filter(deal=deal).update(recorded_at=at)
        Deal.objects.filter(pk=deal.pk, credit_recorded_at__isnull=False).update(
            credit_recorded_at=at
        )
    keys = dict(
        Person.objects.filter(ext_id__in={p for pair, _ago in STALE for p in pair}).values_list(
            "ext_id", "pk"
        )
    )
    for (a, b), ago in STALE:
        # by the people's keys: a join in an UPDATE's subquery is planned badly on a fresh
        # PostgreSQL database (tens of seconds), the keys' own indexes are not
        Tie.objects.filter(
            Q(source_id=keys[a], target_id=keys[b]) | Q(source_id=keys[b], target_id=keys[a]),
            kind="relationship",
        ).update(last_confirmed=today - dt.timedelta(days=ago))


def _plans(today: dt.date, users: dict[str, Any]) -> int:
    """Objectives started weeks ago, half of them with ground gained; returns how many."""
    from guanxi.scoring.reports import account_report

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
    return made


def _introductions(users: dict[str, Any]) -> None:
    """One introduction accepted (to be logged when it happens), one waiting for an answer;
    none logged yet, so the demo's scores stay as built."""
    from guanxi.scoring.reports import account_report

    lina = users["lina"]
    colleague = Person.objects.get(ext_id="ht-hr")
    targets = [p for p in account_report("dfb")["plan_targets"] if p != "ht-hr"]
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


def _day(day: dt.date, actor: Any, mailbox: Any) -> None:
    """The worker's day: the snapshot, the alerts on the data as it stood, the digests
    (recorded as sent at six in the morning), each claimed for the day as the worker does."""
    DailyRun.objects.bulk_create(DailyRun(job=job, date=day) for job in DailyJob.values)
    workspace = build_from_database(today=day, until=day)
    record_snapshot(date=day, actor=actor, workspace=workspace)
    evaluate_alerts(date=day, actor=actor, workspace=workspace)
    send_digests(date=day, actor=actor, connection=mailbox)
    sent = dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC)
    Digest.objects.filter(date=day).update(sent_at=sent)


@transaction.atomic
def add_operations(*, today: dt.date, actor: Any = "demo") -> dict[str, int]:
    """Plans, introductions and the worker's last week (snapshots, alerts, digests)."""
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
    _history(today)
    mailbox = get_connection("django.core.mail.backends.dummy.EmailBackend")
    made = 0
    for ago in range(WEEK - 1, -1, -1):
        day = today - dt.timedelta(days=ago)
        if ago == 4:
            made = _plans(today, users)
        elif ago == 3:
            mark_left(Person.objects.get(ext_id=LEAVER), actor=actor)
        elif ago == 1:
            _introductions(users)
        _day(day, actor, mailbox)
        if ago >= READ_UNTIL:
            read = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
            Alert.objects.filter(raised_on=day).update(read_at=read)
    # The analysis above built a warm workspace and its stored copy; drop both, so the demo
    # leaves the database as the load alone would (the first read makes them again).
    AnalysisCache.objects.all().delete()
    forget_warm_workspace()
    return {"objectives": made, "alerts": Alert.objects.filter(cleared_on__isnull=True).count()}
