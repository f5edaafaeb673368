"""The background tasks (django-tasks, run by `guanxi worker`): each takes an ISO date."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task(priority=30)
def daily_snapshot(date: str) -> int:
    """Record the scores of `date` (accounts, sides, centres' and role holders' closeness,
    employees' resources) for the trend lines."""
    from guanxi.scoring.snapshots import record_snapshot

    return record_snapshot(date=dt.date.fromisoformat(date), actor="worker")


@task(priority=20)
def evaluate_alerts(date: str) -> dict[str, int]:
    """Open the alerts whose conditions hold on `date` and clear the others."""
    from guanxi.operations.alerts import evaluate_alerts as evaluate

    return evaluate(date=dt.date.fromisoformat(date))


@task(priority=10)
def send_digests(date: str) -> int:
    """Send the daily digests of `date`."""
    from guanxi.operations.digests import send_digests as send

    return send(date=dt.date.fromisoformat(date))
