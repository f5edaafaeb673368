"""Which fields of a record a user may not change, although they may change the record.

`restrict(user, queryset, CHANGE)` says which records a user may change; this says which of
their fields stay as they are, per role:

| record | fields | who may change them |
|---|---|---|
| organisation | kind, parent, tier | admins and managers (sales change only name, industry) |
| person | power, key, is_sales | anyone who may change the person, except a contributor |

The API answers 403 naming the field; the forms show these fields disabled.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from guanxi.access.choices import UserRole
from guanxi.access.permissions import scope_of

ORGANISATION_FIXED = frozenset({"kind", "parent", "tier"})
CONTRIBUTOR_FIXED = frozenset({"power", "key", "is_sales"})


def fixed_fields(user: Any, model: type[Model]) -> frozenset[str]:
    """The fields of `model` (model field names) that this user may not change."""
    from guanxi.people.models import Organisation, Person

    scope = scope_of(user)
    if scope.everything:
        return frozenset()
    if model is Organisation:
        return ORGANISATION_FIXED
    if model is Person and scope.role == UserRole.CONTRIBUTOR:
        return CONTRIBUTOR_FIXED
    return frozenset()


def _plain(value: Any) -> Any:
    return None if value == "" else value


def changed_fixed(user: Any, record: Model) -> list[str]:
    """The fixed fields (of `fixed_fields`) that `record`, as changed in memory, holds with
    another value than the stored one (a new record: than the field's default)."""
    fixed = sorted(fixed_fields(user, type(record)))
    if not fixed:
        return []
    meta = type(record)._meta
    attnames = [meta.get_field(name).attname for name in fixed]
    stored = None
    if record.pk is not None:
        stored = type(record).objects.filter(pk=record.pk).values(*attnames).first()
    if stored is None:
        stored = {a: meta.get_field(n).get_default() for n, a in zip(fixed, attnames, strict=True)}
    return [
        name
        for name, att in zip(fixed, attnames, strict=True)
        if _plain(getattr(record, att)) != _plain(stored[att])
    ]
