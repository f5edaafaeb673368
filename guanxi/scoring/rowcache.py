"""The columnar copy of the engine's input rows (guanxi.scoring.rowformat), stored in the
database and tagged with the data version it was read at, so any write (which bumps the
version) makes it stale, and the next reader rebuilds it.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, transaction

from guanxi.core.deferred import short_lock_wait
from guanxi.core.models import AnalysisCache
from guanxi.scoring.rowformat import WorkspaceRows, decode, encode


def cached_rows(version: int) -> WorkspaceRows | None:
    """The rows cached at `version`, or None when there is no (readable) copy."""
    blob = AnalysisCache.objects.filter(data_version=version).values_list("payload", flat=True)
    blob = blob.first()
    if blob is None:
        return None
    try:
        return decode(bytes(blob))
    except (ValueError, KeyError, OSError):
        return None


def newest_copy() -> tuple[int, WorkspaceRows] | None:
    """The newest stored copy and its version, or None when there is no readable one."""
    newest = copy_version()
    if newest is None:
        return None
    rows = cached_rows(newest)
    return None if rows is None else (newest, rows)


def copy_version() -> int | None:
    """The version of the newest stored copy (None: none stored)."""
    newest = AnalysisCache.objects.order_by("-data_version").values_list("data_version", flat=True)
    found = newest.first()
    return None if found is None else int(found)


def store_rows(version: int, rows: WorkspaceRows) -> None:
    """Keep `rows` as the copy for `version`, replacing older copies (best effort: a
    concurrent reader may have stored the same version first, or a writer may hold the
    lock — a reader never waits for it)."""
    payload = encode(rows)
    try:
        with short_lock_wait(), transaction.atomic():
            AnalysisCache.objects.exclude(data_version=version).delete()
            # Replace a copy of this version too: it may be one this code cannot read (an
            # older format), which would otherwise send every reader to a full read.
            AnalysisCache.objects.update_or_create(
                data_version=version, defaults={"payload": payload}
            )
    except DatabaseError:
        pass


def rows_for(version: int, load: Any) -> WorkspaceRows:
    """The rows at `version`: from the cached copy, or from `load()` (then cached)."""
    rows = cached_rows(version)
    if rows is None:
        rows = load()
        store_rows(version, rows)
    return rows
