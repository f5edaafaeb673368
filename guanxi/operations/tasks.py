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
