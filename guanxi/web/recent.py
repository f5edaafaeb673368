"""The dashboard's recent changes: business records only, each said in the reader's language.

The audit log keeps everything (failed logins, snapshots, views, tokens); a colleague glancing
at the dashboard wants to know what changed in the business: who added or changed a person,
a relationship, an interaction, a deal, a role or a hand-over, and imports. Sentences are made
when the page is read, from the event's action and record, so they follow the language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from guanxi.access.choices import UserRole
from guanxi.core.choices import AuditAction
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Handover, Interaction, Organisation, Person, Tie

#: audited record types that are business data, with their model
BUSINESS = {
    "organisation": Organisation,
    "person": Person,
    "tie": Tie,
    "interaction": Interaction,
    "deal": Deal,
    "dealrole": DealRole,
    "handover": Handover,
}
ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


def business_events(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """Creates, changes and deletes of business records, and imports."""
    return events.filter(object_type__in=list(BUSINESS), action__in=ACTIONS) | events.filter(
        action=AuditAction.IMPORT
    )


def _label(obj: Any) -> str:
    """A record named in the reader's language (kinds and roles through their choices)."""
    if isinstance(obj, Tie):
        return f"{obj.source.name} — {obj.target.name} · {obj.get_kind_display()}"
    if isinstance(obj, Interaction):
        return f"{obj.get_kind_display()} · {obj.date:%Y-%m-%d}"
    if isinstance(obj, DealRole):
        return f"{obj.person.name} · {obj.get_role_display()} · {obj.deal.name}"
    if isinstance(obj, Handover):
        successor = obj.successor.name if obj.successor else _("nobody yet")
        return _("%(contact)s: %(departed)s → %(successor)s") % {
            "contact": obj.contact.name,
            "departed": obj.departed.name,
            "successor": successor,
        }
    return str(obj)


def _records(events: list[AuditEvent]) -> dict[tuple[str, str], str]:
    """The current name of each event's record that still exists, looked up per type."""
    wanted: dict[str, set[str]] = {}
    for ev in events:
        if ev.object_type in BUSINESS and ev.object_id:
            wanted.setdefault(ev.object_type, set()).add(ev.object_id)
    related = {
        "tie": ("source", "target"),
        "dealrole": ("person", "deal"),
        "handover": ("departed", "contact", "successor"),
    }
    names: dict[tuple[str, str], str] = {}
    for kind, ids in wanted.items():
        model = BUSINESS[kind]
        qs = model.objects.select_related(*related.get(kind, ()))
        if hasattr(model, "ext_id"):
            found = {o.ext_id: o for o in qs.filter(ext_id__in=ids)}
        else:
            found = {str(o.pk): o for o in qs.filter(pk__in=[i for i in ids if i.isdigit()])}
        for key, obj in found.items():
            names[(kind, key)] = _label(obj)
    return names


def describe(events: list[AuditEvent]) -> list[dict[str, Any]]:
    """One line per event: who, when, and what changed, in the active language."""
    names = _records(events)
    lines = []
    for ev in events:
        if ev.action == AuditAction.IMPORT:
            counts = ev.changes if isinstance(ev.changes, dict) else {}
            created = sum(c.get("created", 0) for c in counts.values() if isinstance(c, dict))
            updated = sum(c.get("updated", 0) for c in counts.values() if isinstance(c, dict))
            text = _("Imported data: %(created)s added, %(updated)s changed") % {
                "created": created,
                "updated": updated,
            }
        elif ev.object_type not in BUSINESS:
            text = _("%(action)s %(what)s: %(name)s") % {
                "action": ev.get_action_display(),
                "what": type_label(ev.object_type),
                "name": ev.object_id,
            }
        else:
            model = BUSINESS[ev.object_type]
            what = str(model._meta.verbose_name)
            name = names.get((ev.object_type, ev.object_id)) or ev.object_id
            verbs = {
                AuditAction.CREATE: _("Added %(what)s: %(name)s"),
                AuditAction.UPDATE: _("Changed %(what)s: %(name)s"),
                AuditAction.DELETE: _("Deleted %(what)s: %(name)s"),
            }
            # Views of a business record are in the audit log, said the general way.
            verb = verbs.get(ev.action) or _("%(action)s %(what)s: %(name)s")
            text = verb % {"what": what, "name": name, "action": ev.get_action_display()}
        lines.append({"text": text, "actor": ev.actor_name, "at": ev.at})
    return lines


#: audited record types that are not business models, named for people
OTHER_TYPES = {
    "workspace": _lazy("workspace"),
    # a login, not a deal role's "user" (使用者)
    "user": pgettext_lazy("audited record", "user"),
    "alerts": pgettext_lazy("audited record", "alerts"),
    "alert_preferences": pgettext_lazy("audited record", "alert choices"),
    "digests": pgettext_lazy("audited record", "digests"),
    "introduction": pgettext_lazy("audited record", "introduction"),
    "objective": pgettext_lazy("audited record", "objective"),
    "exclusion": pgettext_lazy("audited record", "exclusion"),
    "reviewitem": pgettext_lazy("audited record", "match to review"),
    "graph": pgettext_lazy("audited record", "graph"),
    "list": pgettext_lazy("audited record", "list"),
    "snapshot": _lazy("snapshot"),
    "api_token": _lazy("API token"),
}
#: fields recorded under a name that is not a model field (lists changed together)
OTHER_FIELDS = {
    "participant_ids": _lazy("participants"),
    "competitor_ids": _lazy("competitors in play"),
    "ext_id": _lazy("id"),
    "role": _lazy("role"),
    "person": _lazy("person"),
    "accounts": _lazy("account team"),
    "active": pgettext_lazy("audited field", "may log in"),
}


def type_label(object_type: str) -> str:
    """An audited record type in the reader's language ("deal" → 商机)."""
    model = BUSINESS.get(object_type)
    if model is not None:
        return str(model._meta.verbose_name)
    other = OTHER_TYPES.get(object_type)
    return str(other) if other is not None else object_type.replace("_", " ")


def value_label(object_type: str, field: str, value: Any) -> Any:
    """A recorded choice value in the reader's language (a role, a status, a kind)."""
    model = BUSINESS.get(object_type)
    choices: Any = None
    if model is not None:
        try:
            choices = model._meta.get_field(field).choices
        except FieldDoesNotExist:
            choices = None
    elif object_type == "user" and field == "role":
        choices = UserRole.choices
    if not choices or isinstance(value, list | dict):
        return value
    label = dict(choices).get(value)
    return value if label is None else str(label)


def field_label(object_type: str, field: str) -> str:
    """A recorded field's name in the reader's language (the model's own label first)."""
    model = BUSINESS.get(object_type)
    if model is not None:
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            pass
    other = OTHER_FIELDS.get(field)
    return str(other) if other is not None else field.replace("_", " ")
