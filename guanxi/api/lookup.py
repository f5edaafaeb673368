"""Finding records for a request, always through the permission choke point.

- An id in the URL the user cannot see is a 404, the same as an unknown id, so the API does
  not tell which ids exist.
- A record the user can see but may not change or delete is a 403; so is any write by a
  role that never writes (viewer).
- An id inside a request body that names nothing the user can see is a 422 on that field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from guanxi.access.permissions import CHANGE, VIEW, restrict, scope_of
from guanxi.access.visibility import visible_records
from guanxi.access.writes import changed_fixed
from guanxi.api.errors import FIELD_NAMES, ApiError, conflict, forbidden, invalid, not_found
from guanxi.people.models import Organisation, Person

M = TypeVar("M", bound=Model)


def _clean(value: str) -> str | None:
    """An id from a URL, or None when it cannot be one (NUL is refused by PostgreSQL)."""
    return None if not value or "\x00" in value or len(value) > 200 else value


def visible(user: Any, queryset: QuerySet[M], what: str, field: str, **lookup: Any) -> M:
    """The one record matching `lookup` that the user may see, else a 404 naming `field`."""
    values = [v for v in lookup.values() if isinstance(v, str)]
    if any(_clean(v) is None for v in values):
        raise not_found(field, f"No {what} with this id.")
    found = restrict(user, queryset, VIEW).filter(**lookup).first()
    if found is None:
        shown = "/".join(values)
        raise not_found(field, f"No {what} with id '{shown}' that you can see.")
    return found


def require_writer(user: Any) -> None:
    """403 for roles that only read."""
    if not scope_of(user).writes:
        raise forbidden("Your role is read-only.")


def changeable(
    user: Any, queryset: QuerySet[M], what: str, field: str, action: str = CHANGE, **lookup: Any
) -> M:
    """The record to change or delete: 404 if the user cannot see it, 403 if they may not
    `action` it."""
    require_writer(user)
    found = visible(user, queryset, what, field, **lookup)
    if not restrict(user, type(found).objects.filter(pk=found.pk), action).exists():
        verb = "delete" if action != CHANGE else "change"
        raise forbidden(f"You may not {verb} this {what}.")
    return found


def keep_fixed(user: Any, record: Model) -> None:
    """403 naming the field when `record` (changed in memory) changes a field the user's role
    may not change (guanxi.access.writes)."""
    changed = changed_fixed(user, record)
    if changed:
        field = FIELD_NAMES.get(changed[0]) or changed[0]
        raise forbidden(f"Your role may not change {field}.", field)


def reference(user: Any, queryset: QuerySet[M], value: str, what: str, field: str) -> M:
    """A record named by id in a request body: 422 on `field` if the user cannot see it."""
    found = None
    if _clean(value) is not None:
        found = restrict(user, queryset, VIEW).filter(ext_id=value).first()
    if found is None:
        raise invalid(field, f"No {what} with id '{value}' that you can see.")
    return found


def references(
    user: Any, queryset: QuerySet[M], values: Iterable[str], what: str, field: str
) -> list[M]:
    """Several records by id, in the order given (duplicates dropped); 422 names the unknown."""
    wanted = list(dict.fromkeys(values))
    usable = [v for v in wanted if _clean(v) is not None]
    found = {o.ext_id: o for o in restrict(user, queryset, VIEW).filter(ext_id__in=usable)}
    missing = [v for v in wanted if v not in found]
    if missing:
        ids = ", ".join(f"'{m}'" for m in missing[:10])
        raise invalid(field, f"No {what} with id {ids} that you can see.")
    return [found[v] for v in wanted]


def may_write_in(user: Any, org: Organisation, field: str = "organization_id") -> None:
    """403 unless the user may add records to this organisation (their accounts, or all)."""
    require_writer(user)
    if not restrict(user, Organisation.objects.filter(pk=org.pk), CHANGE).exists():
        raise forbidden(f"You may not add or move records into {org.ext_id}.", field)


def responsible_for_one(user: Any, people: Iterable[Person], field: str) -> None:
    """403 unless one of `people` is in the user's care (a contributor: themselves)."""
    require_writer(user)
    pks = [p.pk for p in people]
    if not restrict(user, Person.objects.filter(pk__in=pks), CHANGE).exists():
        raise forbidden(
            "Include at least one person you are responsible for (a contributor: yourself).",
            field,
        )


def confirm_deletion(user: Any, plan: Any, label: str, confirm: bool) -> None:
    """409 while something blocks the deletion, or while it would remove or change other
    records and `confirm` is not set: one problem per record the user may see, then how many
    more they may not (guanxi.people.deletion)."""
    if plan.blockers:
        raise conflict(None, f"{label} still has {', '.join(plan.blockers)}; remove those first.")
    if confirm or not plan.consequences:
        return
    shown = visible_records(user, [c.record for c in plan.consequences])
    count = len(plan.consequences)
    problems: list[tuple[str | None, str]] = [
        (
            None,
            f"Deleting {label} also removes or changes {count} record(s), listed here; "
            "send confirm=true to delete it with them.",
        )
    ]
    problems += [(None, c.text) for c, ok in zip(plan.consequences, shown, strict=True) if ok]
    hidden = shown.count(False)
    if hidden:
        problems.append((None, f"and {hidden} more you may not see"))
    raise ApiError(409, problems)


def ensure_new(model: type[Model], ext_id: str, what: str) -> None:
    """409 on `id` when a record of `model` already has this interchange id (`what`: "A deal").
    Every record counts, seen or not: an id is unique across the workspace."""
    if model.objects.filter(ext_id=ext_id).exists():
        raise conflict("id", f"{what} with id '{ext_id}' already exists.")


def assign(
    record: Any, data: dict[str, Any], names: Iterable[str], nullable: Iterable[str] = ()
) -> None:
    """Set the fields of `names` that `data` (a request body) holds; 422 on a null where the
    field takes none."""
    optional = set(nullable)
    for name in names:
        if name in data:
            if data[name] is None and name not in optional:
                raise invalid(name, "This field cannot be null.")
            setattr(record, name, data[name])
