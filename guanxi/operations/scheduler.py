"""Daily jobs without cron: each job is claimed once per date by a unique row (DailyRun) and
enqueued on the task queue in the same transaction, so a restart, a second worker or a
second tick on the same day finds the claim and enqueues nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import IntegrityError, transaction

from guanxi.operations.choices import DailyJob
from guanxi.operations.models import DailyRun


def _jobs() -> list[tuple[str, dt.time, Callable[..., object]]]:
    """(job, local time of day from which it is due, task), in the order they must run."""
    from guanxi.operations import tasks

    return [
        (DailyJob.SNAPSHOT, dt.time(1, 0), tasks.daily_snapshot),
        (DailyJob.ALERTS, dt.time(5, 0), tasks.evaluate_alerts),
        (DailyJob.DIGESTS, dt.time(6, 0), tasks.send_digests),
    ]


def schedule_due(*, now: dt.datetime) -> list[str]:
    """Enqueue every daily job due at `now` (local time) and not yet claimed for its date;
    returns the jobs enqueued."""
    today = now.date()
    enqueued = []
    for job, at, task in _jobs():
        if now.time() < at:
            continue
        try:
            with transaction.atomic():
                run = DailyRun.objects.create(job=job, date=today)
                result = task.enqueue(today.isoformat())
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # claimed already: by an earlier tick, a previous process or another worker
        enqueued.append(str(job))
    return enqueued
