"""The analysis workspace built from the database, kept warm between requests.

Every write bumps the workspace's data version (guanxi.core.audit) and logs what it touched;
the warm workspace is brought up to a newer version by applying only those changes
(guanxi.scoring.delta), and rebuilt when that cannot be done or the date or the scoring
settings change. Pages and the API read
through `current_workspace()`; snapshots of past dates build their own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from typing import Any

from django.db import connection
from django.utils import timezone

from guanxi.analytics import ScoringSettings, Workspace
from guanxi.core.models import Workspace as WorkspaceRecord
from guanxi.scoring.delta import brought_up_to_date
from guanxi.scoring.loader import load_rows
from guanxi.scoring.rowcache import cached_rows, newest_copy, rows_for
from guanxi.scoring.rowformat import workspace_of

_lock = threading.Lock()
_warm: dict[str, tuple[tuple[Any, ...], Workspace]] = {}
_builds = itertools.count(1)  # every warm model gets a number of its own (memo_key)
_fresh_builds = [0]  # models this process built from every row (not updated in place)


def scoring_settings() -> ScoringSettings:
    """The workspace's scoring settings: MODEL.md's defaults with its stored overrides."""
    return _version_and_settings()[1]


def build_from_database(
    *,
    today: dt.date | None = None,
    until: dt.date | None = None,
    settings: ScoringSettings | None = None,
    version: int | None = None,
) -> Workspace:
    """A fresh workspace from the database; `until` limits it to what existed on that date.

    With the current data `version`, the rows come from the columnar copy kept in the
    database for that version (made on first use), not from a million-row read."""
    today = today or timezone.localdate()
    settings = settings or scoring_settings()
    if until is None and version is not None:
        rows = cached_rows(version)
        if rows is None:
            caught_up = _from_an_older_copy(version, today, settings)
            if caught_up is not None:
                return caught_up
            rows = rows_for(version, load_rows)
    else:
        rows = load_rows(until=until)
    return workspace_of(rows, today=today, settings=settings)


def _from_an_older_copy(
    version: int, today: dt.date, settings: ScoringSettings
) -> Workspace | None:
    """The newest stored copy, older than `version`, brought up to it through the change log
    (as a warm model is): the writers of a busy server store a copy only now and then, so a
    new worker or a cold command reads a few people's rows, not every row. None when there
    is no such copy or the log cannot bridge the gap."""
    newest = newest_copy()
    if newest is None or newest[0] >= version:
        return None
    start = workspace_of(newest[1], today=today, settings=settings)
    return brought_up_to_date(start, newest[0], version)


def _version_and_settings() -> tuple[int, ScoringSettings]:
    """The data version and the scoring settings, in one query."""
    row = WorkspaceRecord.objects.filter(pk=1).values_list("data_version", "scoring").first()
    version, overrides = row if row else (0, {})
    return int(version or 0), ScoringSettings.from_dict(overrides or {})


def current_workspace() -> Workspace:
    """The warm workspace for today's date and the current data (rebuilt when either moves)."""
    return _current(build=True)


def catch_up() -> bool:
    """Bring the warm model to the current data when the change log allows it, never by a
    build from every row; True when it is current afterwards (a writer calls this before
    it answers, so its own next read needs no update)."""
    return _current(build=False) is not None


def _current(*, build: bool) -> Workspace | None:
    version, settings = _version_and_settings()
    key = (version, timezone.localdate(), settings)
    alias = connection.settings_dict.get("NAME", "")
    with _lock:
        cached = _warm.get(alias)
        if cached is not None and cached[0][:3] == key:
            return cached[1]
        if cached is not None and cached[0][1:3] == key[1:] and cached[0][0] > version:
            # Another thread brought the model past the version this one read a moment
            # ago: it holds every write this request could have seen, and more.
            return cached[1]
        if cached is not None and cached[0][1:3] == key[1:] and cached[0][0] < version:
            # Same day and settings, newer data: apply what changed (a few people's rows).
            updated = brought_up_to_date(cached[1], cached[0][0], version)
            if updated is not None:
                number = cached[0][3] if updated is cached[1] else next(_builds)
                _warm[alias] = ((*key, number), updated)
                return updated
        if not build:
            return None
        # Let the replaced model go first: a worker holds one model at a time, not two.
        cached = None
        _warm.pop(alias, None)
        workspace = build_from_database(today=key[1], settings=settings, version=version)
        _fresh_builds[0] += 1
        workspace_number = next(_builds)
        _warm[alias] = ((*key, workspace_number), workspace)
        return workspace


def fresh_builds() -> int:
    """How many warm models this process has built from every row (the rest were brought
    up to date in place)."""
    return _fresh_builds[0]


def warm_version() -> int | None:
    """The data version of this process's warm model (None before the first build)."""
    alias = connection.settings_dict.get("NAME", "")
    cached = _warm.get(alias)
    return None if cached is None else int(cached[0][0])


def memo_key() -> str:
    """A name of this process's warm model (its data version and build number), for caching
    what is computed from it: a new model (new data, date or settings) has a new name."""
    alias = connection.settings_dict.get("NAME", "")
    cached = _warm.get(alias)
    if cached is None:
        return "cold"
    version, _today, _settings, number = cached[0]
    return f"{version}.{number}"


def settings_in_use() -> ScoringSettings:
    """The scoring settings of the warm workspace (no query once a page has asked for it)."""
    alias = connection.settings_dict.get("NAME", "")
    cached = _warm.get(alias)
    return cached[1].settings if cached is not None else scoring_settings()


def forget_warm_workspace() -> None:
    """Drop the warm workspaces (tests, or after restoring a database underneath)."""
    with _lock:
        _warm.clear()
