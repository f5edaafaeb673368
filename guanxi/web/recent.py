"""The dashboard's recent changes: business records only, each said in the reader's language.

The audit log keeps everything (failed logins, snapshots, views, tokens); a colleague glancing
at the dashboard wants to know what changed in the business: who added or changed a person,
a relationship, an interaction, a deal, a role or a hand-over, and imports. Sentences are made
when the page is read, from the event's action and record, so they follow the language.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

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
        successor = obj.successor.name if obj.successor else "?"
        return f"{obj.contact.name}: {obj.departed.name} → {successor}"
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
        else:
            model = BUSINESS[ev.object_type]
            what = str(model._meta.verbose_name)
            name = names.get((ev.object_type, ev.object_id)) or ev.object_id
            verbs = {
                AuditAction.CREATE: _("Added %(what)s: %(name)s"),
                AuditAction.UPDATE: _("Changed %(what)s: %(name)s"),
                AuditAction.DELETE: _("Deleted %(what)s: %(name)s"),
            }
            text = verbs[ev.action] % {"what": what, "name": name}
        lines.append({"text": text, "actor": ev.actor_name, "at": ev.at})
    return lines
