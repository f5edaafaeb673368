"""Saving and deleting any record with its audit event and data-version bump.

Business apps call these from their own verb-named services after checking their rules;
views, admin, API and CLI never save models directly.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from guanxi.core import audit
from guanxi.core.changes import change_of
from guanxi.core.choices import AuditAction
from guanxi.core.limits import long_texts


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return getattr(value, "ext_id", value.pk)
    return value


def field_values(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of a record as JSON-friendly plain values (FKs by ext id)."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(obj, field.name, None) if getattr(obj, field.attname) else None
            values[field.name] = _plain(related)
        else:
            values[field.name] = _plain(getattr(obj, field.attname))
    return values


def audit_label(obj: models.Model) -> str:
    """The id to show in the audit log: the interchange id where the record has one."""
    return str(getattr(obj, "ext_id", None) or obj.pk)


@transaction.atomic
def save_audited(obj: models.Model, *, actor: Any, summary: str = "") -> models.Model:
    """Save `obj`, recording what changed (old and new values) and bumping the data version;
    free texts longer than guanxi.core.limits allows are refused, naming the field."""
    too_long = long_texts(obj)
    if too_long:
        raise ValidationError(too_long)
    creating = obj.pk is None or not type(obj).objects.filter(pk=obj.pk).exists()
    stored = None if creating else type(obj).objects.get(pk=obj.pk)
    before = {} if stored is None else field_values(stored)
    obj.save()
    after = field_values(obj)
    changes = audit.diff(before, after)
    if creating or changes:
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            object_type=obj._meta.model_name or "",
            object_id=audit_label(obj),
            summary=summary or str(obj),
            changes=changes,
        )
        audit.bump_data_version(change_of(obj, stored=stored))
    return obj


@transaction.atomic
def delete_audited(obj: models.Model, *, actor: Any, summary: str = "") -> None:
    """Delete `obj`, recording its last stored values, and bump the data version."""
    stored = type(obj).objects.filter(pk=obj.pk).first()
    before = field_values(stored or obj)
    label = audit_label(obj)
    text = summary or str(obj)
    change = change_of(obj, stored=stored or obj, deleting=True)
    obj.delete()
    audit.record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=obj._meta.model_name or "",
        object_id=label,
        summary=text,
        changes={k: [v, None] for k, v in before.items()},
    )
    audit.bump_data_version(change)


def record_related_change(
    obj: models.Model, *, actor: Any, field: str, before: list[str], after: list[str]
) -> None:
    """Audit a change of a many-to-many list (participants, competitors in play) and bump the
    data version — a save of the record alone does not see it."""
    if sorted(before) == sorted(after):
        return
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=obj._meta.model_name or "",
        object_id=audit_label(obj),
        summary=f"{obj}: {field} changed",
        changes={field: [before, after]},
    )
    audit.bump_data_version(change_of(obj, stored=obj, related=[*before, *after]))
