"""The worker: a daily job runs once per day, across restarts, and again the next day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from guanxi.core.models import AuditEvent
from guanxi.operations.models import DailyRun
from guanxi.operations.scheduler import schedule_due
from guanxi.operations.worker import run_queued, work

# The worker closes stale connections between tasks, as Django does between requests: the
# tests run outside a wrapping transaction, as the worker does.
pytestmark = pytest.mark.django_db(transaction=True)


def at(day: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, 0))


def test_a_daily_job_runs_once_per_day_across_a_restart():
    # given a worker that ticks at 09:00 and runs what it enqueued
    work(once=True, clock=lambda: at(20, 9))
    runs = AuditEvent.objects.filter(actor_name="worker", object_type="snapshot")
    # when the worker restarts the same day and ticks twice more
    work(once=True, clock=lambda: at(20, 11))
    work(once=True, clock=lambda: at(20, 23))
    # then each daily job (snapshot, alerts, digests) was claimed and run once for that date
    assert list(runs.values_list("object_id", flat=True)) == ["2026-11-20"]
    day = dt.date(2026, 11, 20)
    assert sorted(DailyRun.objects.values_list("job", "date")) == [
        ("alerts", day),
        ("digests", day),
        ("snapshot", day),
    ]
    assert AuditEvent.objects.filter(actor_name="worker", object_type="alerts").count() == 1
    assert AuditEvent.objects.filter(actor_name="worker", object_type="digests").count() == 1
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


def test_a_daily_job_waits_for_its_hour_and_runs_again_the_next_day():
    # given no run yet
    # when the scheduler ticks before 01:00, after it, and the next day
    early = schedule_due(now=at(20, 0))
    later = schedule_due(now=at(20, 2))
    next_day = schedule_due(now=at(21, 2))
    # then nothing is due early, and the job is enqueued once on each day
    assert early == []
    assert later == ["snapshot"]  # alerts are due from 05:00, digests from 06:00
    assert next_day == ["snapshot"]
    assert run_queued() == 2
