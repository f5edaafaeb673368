"""Writes that a read asks for, done after its response so a busy database never fails it.

Reading a key person's page writes an audit row; using an API token notes when it was last
used. On SQLite a long write (an import) holds the one write lock; if a read wrote in its
request, it would wait for the lock and then fail. So, during a request, such writes are
queued (`later`) and done once the response has been sent, in one short transaction that
waits for the lock only briefly. When the database is still busy they stay queued in this
process and go with the next request's writes: none is dropped while the process lives
(at most MAX_QUEUED are kept). Outside a request (the command line) they are done at once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("guanxi.deferred")

#: Seconds a deferred write (or a cache refresh) waits for SQLite's write lock.
SHORT_LOCK_WAIT = 0.2
MAX_QUEUED = 10_000
RETRY_SECONDS = 2.0

_queue: deque[tuple[Callable[..., Any], dict[str, Any]]] = deque(maxlen=MAX_QUEUED)
_queue_lock = threading.Lock()
_in_request = threading.local()
_retrying: threading.Thread | None = None


def in_request() -> bool:
    """True while this thread serves a request (through DeferredWritesMiddleware)."""
    return bool(getattr(_in_request, "active", False))


def later(write: Callable[..., Any], **kwargs: Any) -> None:
    """Do `write(**kwargs)` after the current response (at once outside a request)."""
    if not getattr(_in_request, "active", False):
        write(**kwargs)
        return
    with _queue_lock:
        _queue.append((write, kwargs))
    _ensure_retrying()


def _ensure_retrying() -> None:
    """One background thread per process that flushes what a busy database left queued."""
    global _retrying
    with _queue_lock:
        if _retrying is not None and _retrying.is_alive():
            return
        _retrying = threading.Thread(target=_retry_forever, name="guanxi-deferred", daemon=True)
        _retrying.start()


def _retry_forever() -> None:
    import time

    while True:
        time.sleep(RETRY_SECONDS)
        if not pending():
            continue
        try:
            _flush_quietly()
        finally:
            connection.close()  # this thread's own connection, not a request's


@contextlib.contextmanager
def short_lock_wait() -> Iterator[None]:
    """Within this block a SQLite write waits SHORT_LOCK_WAIT for the lock, not the usual
    bound (nothing changes on PostgreSQL, whose writers do not lock each other out)."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    cursor.execute("PRAGMA busy_timeout")
    before = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA busy_timeout = {int(SHORT_LOCK_WAIT * 1000)}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {int(before)}")
        cursor.close()


def flush() -> int:
    """Do the queued writes in one short transaction; returns how many were done (0 when
    the database was busy: they stay queued)."""
    with _queue_lock:
        batch = list(_queue)
        _queue.clear()
    if not batch:
        return 0
    try:
        with short_lock_wait(), transaction.atomic():
            for write, kwargs in batch:
                write(**kwargs)
    except DatabaseError as exc:
        with _queue_lock:
            room = MAX_QUEUED - len(_queue)
            _queue.extendleft(reversed(batch[:room]))
        logger.info("deferred %d writes: %s", len(batch), exc)
        return 0
    return len(batch)


def forget_pending() -> None:
    """Drop the queued writes (tests: a test's database is rolled back with its writes)."""
    with _queue_lock:
        _queue.clear()


def pending() -> int:
    """How many writes wait in this process."""
    with _queue_lock:
        return len(_queue)


class DeferredWritesMiddleware:
    """Marks the request so `later` queues, and flushes the queue once the response has
    been sent (when the server closes it), before the connection is closed."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _in_request.active = True
        try:
            response = self.get_response(request)
        finally:
            _in_request.active = False
        response._resource_closers.insert(0, _flush_quietly)
        return response


def _flush_quietly() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001 - the response is gone; never fail closing it
        logger.exception("deferred writes failed")
