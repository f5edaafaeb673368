"""After a write: the warm model and the stored row copy brought up to the new version.

Every write bumps the data version (guanxi.core.audit) and logs what it touched. The command
line (an import, a CLI write) stores the columnar copy of the rows (guanxi.scoring.rowcache)
of its version before it exits, so the next cold command loads one blob. In a server, the
writing request brings its worker's warm model up to date before it answers when a few
people's rows do it; a background thread in every worker follows the data version (so
other workers' writes reach it before its next request), builds afresh when it must, and
stores a copy, which costs a read of every row (seconds at a
million ties), only when the writes pause and the stored copy is far behind, or when they
stop for a minute. In between, a new worker or a cold command starts from the newest copy
and applies the change log since (guanxi.scoring.engine), so a busy team's writes never
cost a full read each.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import DatabaseError, connection

logger = logging.getLogger("guanxi.refresh")

#: seconds without a write after which a copy far behind is stored
COPY_AFTER_QUIET = 2.0
#: versions behind at which such a pause is enough to store the copy
COPY_BEHIND = 200
#: seconds without a write after which any newer version is stored
COPY_AFTER_LULL = 60.0

#: seconds between two looks at the data version in a server worker
FOLLOW_EVERY = 0.1
#: seconds to wait after a look failed (the database restarting, say) before the next
FAILED_PAUSE = 2.0

_wanted = threading.Event()
_following = threading.Event()
_thread: threading.Thread | None = None
_lock = threading.Lock()


def refresh_copy_now() -> None:
    """Store the copy of the current version unless it is there already (best effort)."""
    from guanxi.core.audit import current_data_version
    from guanxi.scoring.loader import load_rows
    from guanxi.scoring.rowcache import rows_for

    try:
        rows_for(current_data_version(), load_rows)
    except DatabaseError as exc:  # the next reader stores it instead
        logger.info("row copy not refreshed: %s", exc)


def _versions_behind() -> int:
    """How many versions the newest stored copy is behind the data."""
    from guanxi.core.audit import current_data_version
    from guanxi.scoring.rowcache import copy_version

    return current_data_version() - (copy_version() or 0)


def refresh_after_write(*, in_request: bool) -> None:
    """Bring the copy (and, in a server, the warm model) up to the version just written."""
    if not in_request:
        refresh_copy_now()
        return
    from guanxi.scoring.engine import catch_up

    # The writer's own model first, before the answer goes out, when a few people's rows
    # do it (a build from every row is left to the thread): the writer's next read, and
    # anyone's on this worker, finds it current.
    try:
        catch_up()
    except Exception:  # noqa: BLE001 - the thread or the next reader does it instead
        logger.exception("the model was not brought up to date after a write")
    _start()
    _wanted.set()


def follow_writes() -> None:
    """In a server worker: bring this worker's warm model up to date soon after any write,
    also another worker's or another machine's (the data version is polled every
    FOLLOW_EVERY seconds), so the next request finds it current."""
    _following.set()
    _start()


def _start() -> None:
    global _thread
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_refresh_forever, name="guanxi-refresh", daemon=True)
            _thread.start()


def _refresh_forever() -> None:
    from guanxi.scoring.engine import current_workspace, warm_version

    wrote = False  # this process wrote since it last settled the copy
    last_change = time.monotonic()  # when the data last moved, as far as this thread saw
    checked = False  # whether the copy's distance was looked at in this pause
    failing = False  # the last look failed (the database is away): say so once, then wait
    while True:
        following = _following.is_set()
        if following:
            wait: float | None = FOLLOW_EVERY
        elif wrote:  # until the next decision on the copy
            pause = COPY_AFTER_LULL if checked else COPY_AFTER_QUIET
            wait = max(0.0, pause - (time.monotonic() - last_change))
        else:
            wait = None
        if _wanted.wait(wait):
            _wanted.clear()
            wrote, checked, last_change = True, False, time.monotonic()
        try:
            before = warm_version()
            if before is not None or wrote:
                current_workspace()  # applies what changed (one query when nothing did)
                if warm_version() != before:  # someone's write: the pause starts again
                    last_change, checked = time.monotonic(), False
            failing = False
            if not wrote:
                continue
            # The copy costs a read of every row (seconds, and a model's worth of memory):
            # store it once nobody has written for a while and it is far behind, or once
            # the writes stop for a minute.
            quiet = time.monotonic() - last_change
            if quiet >= COPY_AFTER_QUIET and not checked:
                checked = True
                if _versions_behind() >= COPY_BEHIND:
                    refresh_copy_now()
                    wrote = False
            if wrote and quiet >= COPY_AFTER_LULL:
                refresh_copy_now()
                wrote = False
        except Exception:  # noqa: BLE001 - a reader builds it instead; never kill the thread
            if not failing:  # once per outage, not ten times a second
                logger.exception("the model was not brought up to date")
            failing = True
            time.sleep(FAILED_PAUSE)
        finally:
            connection.close()
