"""The audit record every service writes, and the data version it bumps."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import transaction
from django.db.models import F

from guanxi.core import deferred
from guanxi.core.changes import FULL, Change
from guanxi.core.models import AuditEvent, DataChange, Workspace

#: run once a write has committed: brings the stored row copy up to the new version
#: (named, not imported: core imports nothing above it)
AFTER_WRITE = "guanxi.scoring.refresh.refresh_after_write"


#: how many versions the change log keeps: a model further behind builds afresh
KEEP_CHANGES = 2000


def bump_data_version(change: Change = FULL) -> None:
    """Mark the workspace data as changed, logging what changed (by default: everything,
    so warm models build afresh), and have the row copy of the new version stored once the
    write has committed."""
    updated = Workspace.objects.filter(pk=1).update(data_version=F("data_version") + 1)
    if not updated:
        Workspace.objects.get_or_create(pk=1, defaults={"data_version": 1})
    version = current_data_version()
    DataChange.objects.create(
        version=version,
        people=sorted(change.people),
        deals=change.deals,
        full=change.full,
    )
    if version % 100 == 0:
        DataChange.objects.filter(version__lte=version - KEEP_CHANGES).delete()
    transaction.on_commit(_after_write)


def _after_write() -> None:
    module, name = AFTER_WRITE.rsplit(".", 1)
    getattr(importlib.import_module(module), name)(in_request=deferred.in_request())


def current_data_version() -> int:
    """The workspace's data version (0 before the first write)."""
    row = Workspace.objects.filter(pk=1).values_list("data_version", flat=True).first()
    return int(row or 0)


def record(
    *,
    actor: Any,
    action: str,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event; `actor` is a user, None (system) or a plain name string."""
    user = actor if getattr(actor, "pk", None) is not None else None
    if isinstance(actor, str):
        name = actor
    elif user is not None:
        name = user.get_username()
    else:
        name = "system"
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:200],
        summary=summary[:500],
        changes=changes or {},
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Field-by-field changes as {field: [old, new]}, only where they differ."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
