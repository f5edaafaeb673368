"""After a write: the stored row copy brought up to the new data version by the writer.

Every write bumps the data version (guanxi.core.audit); once it has committed, the writing
process brings the columnar copy of the rows (guanxi.scoring.rowcache) up to that version,
so the next cold command (`guanxi company`) and the other server workers load one blob
instead of reading every row. A server process does it in one background thread after the
response: it first brings its own warm model up to date (a few people's rows), then stores
the copy once the writes pause for COPY_AFTER_QUIET seconds, so a burst of writes costs one
full read, not one each; the command line (an import) does it before it exits.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connection

logger = logging.getLogger("guanxi.refresh")

#: seconds without a write before the writer stores the row copy of the latest version
COPY_AFTER_QUIET = 2.0

_wanted = threading.Event()
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


def refresh_after_write(*, in_request: bool) -> None:
    """Bring the copy (and, in a server, the warm model) up to the version just written."""
    if not in_request:
        refresh_copy_now()
        return
    global _thread
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_refresh_forever, name="guanxi-refresh", daemon=True)
            _thread.start()
    _wanted.set()


def _refresh_forever() -> None:
    from guanxi.scoring.engine import current_workspace

    while True:
        _wanted.wait()
        _wanted.clear()
        try:
            current_workspace()  # applies what changed to this worker's warm model
            # The copy costs a read of every row: store it once the writes pause.
            if not _wanted.wait(COPY_AFTER_QUIET):
                refresh_copy_now()
        except Exception:  # noqa: BLE001 - a reader builds it instead; never kill the thread
            logger.exception("the model was not refreshed after a write")
        finally:
            connection.close()
