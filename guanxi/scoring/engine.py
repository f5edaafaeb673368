"""The analysis workspace built from the database, kept warm between requests.

Every write bumps the workspace's data version (guanxi.core.audit); the warm workspace is
rebuilt when the version, the date or the scoring settings change. Pages and the API read
through `current_workspace()`; snapshots of past dates build their own.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.db import connection
from django.utils import timezone

from guanxi.analytics import ScoringSettings, Workspace, build_workspace
from guanxi.core.audit import current_data_version
from guanxi.core.models import Workspace as WorkspaceRecord
from guanxi.scoring.loader import load_rows

_lock = threading.Lock()
_warm: dict[str, tuple[tuple[Any, ...], Workspace]] = {}


def scoring_settings() -> ScoringSettings:
    """The workspace's scoring settings: MODEL.md's defaults with its stored overrides."""
    overrides = WorkspaceRecord.objects.filter(pk=1).values_list("scoring", flat=True).first()
    return ScoringSettings.from_dict(overrides or {})


def build_from_database(
    *,
    today: dt.date | None = None,
    until: dt.date | None = None,
    settings: ScoringSettings | None = None,
) -> Workspace:
    """A fresh workspace from the database; `until` limits it to what existed on that date."""
    today = today or timezone.localdate()
    rows = load_rows(until=until)
    return build_workspace(
        rows.orgs,
        rows.people,
        rows.ties,
        rows.interactions,
        rows.participants,
        rows.deals,
        rows.roles,
        today=today,
        settings=settings or scoring_settings(),
    )


def current_workspace() -> Workspace:
    """The warm workspace for today's date and the current data (rebuilt when either moves)."""
    settings = scoring_settings()
    key = (current_data_version(), timezone.localdate(), settings)
    alias = connection.settings_dict.get("NAME", "")
    with _lock:
        cached = _warm.get(alias)
        if cached is not None and cached[0] == key:
            return cached[1]
        workspace = build_from_database(today=key[1], settings=settings)
        _warm[alias] = (key, workspace)
        return workspace


def forget_warm_workspace() -> None:
    """Drop the warm workspaces (tests, or after restoring a database underneath)."""
    with _lock:
        _warm.clear()
