"""`guanxi worker`: schedule the daily jobs and run the queued tasks, until stopped."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import time
from collections.abc import Callable
from types import FrameType

from django.db import close_old_connections
from django.utils import timezone

from guanxi.operations.scheduler import schedule_due


class _Stop:
    """Set by SIGINT/SIGTERM: the worker finishes the task in hand and leaves."""

    requested = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True


def run_queued() -> int:
    """Run every task that is ready, one after the other; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
        excluded_queue_names=[],
    ).run()
    return DBTaskResult.objects.exclude(status="READY").count() - before


def work(
    *,
    once: bool = False,
    interval: float = 10.0,
    clock: Callable[[], dt.datetime] = timezone.localtime,
) -> int:
    """Tick: enqueue the due daily jobs, run what is queued; then sleep `interval` seconds."""
    stop = _Stop()
    if not once:
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
    while True:
        close_old_connections()
        schedule_due(now=clock())
        run_queued()
        if once:
            return 0
        deadline = time.monotonic() + interval
        while time.monotonic() < deadline and not stop.requested:
            time.sleep(min(0.5, interval))
        if stop.requested:
            return 0
