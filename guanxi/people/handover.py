"""Hand-over of a departed colleague's relationships: the only writers of hand-over tasks.

When one of our people leaves, every relationship they hold with a customer person becomes an
open task: choose a successor among our active people and an owner (a manager or an admin),
then complete it, which records the successor's own relationship with the contact so the
company keeps it. The departed person's ties stay stored for history but no score counts them.

Interpretations (where MODEL.md is silent):
- A relationship is MODEL.md's: a declared `relationship` tie, or interactions alone. A task is
  made for every declared tie with an active customer person, and for an interactions-only one
  whose evidence today reaches "weak" (20 by default): a lower one is a passing contact.
  Customer people who left themselves get none. Its strength is today's `max(declared,
  evidence)`, worked out here because the workspace no longer counts the person who left.
- Completing never weakens an existing tie: the successor's declared strength becomes the larger
  of what is recorded and what the user gives (the tie is confirmed either way).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.access.choices import UserRole
from guanxi.analytics.relationships import effective_strength, evidence, interaction_points
from guanxi.core.services import save_audited
from guanxi.people.choices import (
    STRENGTH_WORDS,
    HandoverStatus,
    OrgKind,
    PersonStatus,
    TieKind,
)
from guanxi.people.models import Handover, Participation, Person, Tie
from guanxi.people.services import mark_left, record_tie
from guanxi.scoring.engine import current_workspace, settings_in_use

#: The strength a successor's relationship is recorded with unless the user says otherwise.
DEFAULT_STRENGTH = STRENGTH_WORDS["weak"]
#: Roles that may own (and so open) hand-over tasks.
OWNER_ROLES = (UserRole.ADMIN, UserRole.MANAGER)
#: interactions read per query (SQLite allows a bounded number of parameters in one query)
CHUNK = 900


class Held(NamedTuple):
    """One relationship a colleague holds with a customer person, and its strength today."""

    contact: Person
    strength: float
    declared: int | None


def declared_relationships(person: Person) -> list[tuple[Person, int | None]]:
    """The person's declared relationships with active customer people: (contact, declared
    strength). Plain queries joined here (see `relationships_of`)."""
    ties = Tie.objects.filter(Q(source=person) | Q(target=person), kind=TieKind.RELATIONSHIP)
    declared = {
        (target if source == person.pk else source): strength
        for source, target, strength in ties.order_by().values_list(
            "source_id", "target_id", "strength"
        )
    }
    return [(contact, declared[contact.pk]) for contact in _active_customers(list(declared))]


def _active_customers(keys: list[int]) -> list[Person]:
    """The active customer people among `keys` (database keys), with their organisation."""
    found: list[Person] = []
    for start in range(0, len(keys), CHUNK):  # (bounded: SQLite limits bound parameters)
        found += Person.objects.filter(
            pk__in=keys[start : start + CHUNK],
            organisation__kind=OrgKind.CUSTOMER,
            status=PersonStatus.ACTIVE,
        ).select_related("organisation")
    return found


def relationships_of(person: Person) -> dict[int, Held]:
    """Every relationship `person` holds with an active customer person, by the contact's key:
    declared ties, and interactions-only ones at least "weak" today (see the module notes)."""
    settings = settings_in_use()
    today = timezone.localdate()
    # Plain queries joined here rather than in the database: on fresh statistics PostgreSQL
    # planned the one-query form (participation × person × organisation) as nested loops over
    # every row — seconds to minutes for one page.
    mine = list(
        Participation.objects.filter(person=person)
        .order_by()
        .values_list("interaction_id", flat=True)
    )
    shared: list[tuple[int, str, Any]] = []
    for start in range(0, len(mine), CHUNK):  # (bounded: SQLite limits bound parameters)
        shared += (
            Participation.objects.filter(interaction_id__in=mine[start : start + CHUNK])
            .exclude(person=person)
            .order_by()
            .values_list("person_id", "interaction__kind", "interaction__date")
        )
    customers = {p.pk for p in _active_customers(sorted({row[0] for row in shared}))}
    points: dict[int, float] = defaultdict(float)
    for contact_id, kind, date in shared:
        if contact_id in customers:
            points[contact_id] += interaction_points(kind, date, today, settings)
    held = {}
    for other, declared in declared_relationships(person):
        strength = effective_strength(declared, points.pop(other.pk, 0.0), settings)
        held[other.pk] = Held(other, strength, declared)
    floor = settings.strength_value("weak") or 0.0
    evidenced = {k: evidence(v, settings) for k, v in points.items()}
    evidenced = {k: v for k, v in evidenced.items() if round(v, 9) >= floor}
    for other in _active_customers(list(evidenced)):
        held[other.pk] = Held(other, evidenced[other.pk], None)
    return held


def contact_importance(contacts: list[Person]) -> dict[int, float]:
    """Importance W(p) of customer people from the warm workspace, by primary key (0 if
    unknown). A customer person's importance rests on their own organisation's reporting and
    influence lines only, so it is the same before and after one of our people leaves."""
    ws = current_workspace()
    index = ws.person_index
    out: dict[int, float] = {}
    for c in contacts:
        i = index.get(c.ext_id)
        out[c.pk] = float(ws.importance[i]) if i is not None else 0.0
    return out


def task_owners() -> QuerySet[Any]:
    """Login users who may own hand-over tasks: active admins and managers."""
    roles = Q(is_superuser=True) | Q(profile__role__in=OWNER_ROLES)
    return get_user_model().objects.filter(roles, is_active=True).order_by("username")


def _check_successor(successor: Person | None, errors: dict[str, str]) -> None:
    if successor is None:
        errors["successor"] = _("Choose the colleague who takes this relationship over.")
    elif successor.organisation.kind != OrgKind.OWN:
        errors["successor"] = _("%(name)s is not one of our people.") % {"name": successor}
    elif successor.status != PersonStatus.ACTIVE:
        errors["successor"] = _("%(name)s has left; choose an active colleague.") % {
            "name": successor
        }


def _check_open(handover: Handover) -> None:
    if handover.status != HandoverStatus.OPEN:
        raise ValidationError(_("This hand-over is already done."))


@transaction.atomic
def mark_departed(person: Person, *, actor: Any) -> list[Handover]:
    """Mark one of our people as left (if not yet) and open a hand-over task for each of their
    customer relationships that has none; returns the new tasks, most important contact first.

    Idempotent: calling it again creates tasks only for relationships recorded since.
    """
    if person.organisation.kind != OrgKind.OWN:
        raise ValidationError(
            {"person": _("%(name)s is not one of our people.") % {"name": person}}
        )
    taken = set(Handover.objects.filter(departed=person).values_list("contact_id", flat=True))
    contacts = {k: h.contact for k, h in relationships_of(person).items() if k not in taken}
    # Importance first, from the still-warm workspace (marking left does not change it).
    weight = contact_importance(list(contacts.values()))
    order = sorted(contacts.values(), key=lambda c: (-round(weight[c.pk], 9), c.ext_id))
    if person.status != PersonStatus.LEFT:
        mark_left(person, actor=actor)
    owner = actor if getattr(actor, "pk", None) is not None else None
    created = []
    for contact in order:
        task = Handover(departed=person, contact=contact, owner=owner)
        save_audited(task, actor=actor, summary=f"hand-over opened: {person} → ?: {contact}")
        created.append(task)
    return created


@transaction.atomic
def assign_successor(
    handover: Handover, *, successor: Person | None, owner: Any, actor: Any, note: str | None = None
) -> Handover:
    """Record who takes an open task's relationship over (one of our active people) and who
    owns the task (an active manager or admin); refused with a message on the field at fault."""
    _check_open(handover)
    errors: dict[str, str] = {}
    _check_successor(successor, errors)
    if owner is None:
        errors["owner"] = _("Choose who owns this task.")
    elif not task_owners().filter(pk=owner.pk).exists():
        errors["owner"] = _(
            "%(name)s cannot open hand-over tasks; choose a manager or an admin."
        ) % {"name": owner.get_username()}
    if errors:
        raise ValidationError(errors)
    handover.successor = successor
    handover.owner = owner
    if note is not None:
        handover.note = note
    save_audited(handover, actor=actor, summary=f"hand-over assigned: {handover}")
    return handover


@transaction.atomic
def complete(
    handover: Handover,
    *,
    actor: Any,
    strength: int = DEFAULT_STRENGTH,
    note: str | None = None,
) -> Handover:
    """Mark an open task done and record (or confirm) the successor's relationship with the
    contact, so the relationship stays in the company; an existing stronger tie is kept."""
    _check_open(handover)
    errors: dict[str, str] = {}
    _check_successor(handover.successor, errors)
    if not 0 <= strength <= 100:
        errors["strength"] = _("Strength must be between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    successor, contact = handover.successor, handover.contact
    low, high = sorted((successor, contact), key=lambda p: p.pk)
    existing = Tie.objects.filter(kind=TieKind.RELATIONSHIP, source=low, target=high).first()
    declared = max(strength, existing.strength or 0) if existing else strength
    record_tie(
        source=successor,
        target=contact,
        kind=TieKind.RELATIONSHIP,
        strength=declared,
        since=None if existing else timezone.localdate(),
        actor=actor,
    )
    handover.status = HandoverStatus.DONE
    handover.done_at = timezone.now()
    if note is not None:
        handover.note = note
    save_audited(handover, actor=actor, summary=f"hand-over done: {handover}")
    return handover


@transaction.atomic
def assign_all(
    departed: Person,
    *,
    successor: Person | None,
    owner: Any,
    actor: Any,
    account: Any = None,
) -> list[Handover]:
    """Give every open task of a departed colleague (or only those at one account) the same
    successor and owner, all or none; returns the tasks assigned."""
    tasks = Handover.objects.filter(departed=departed, status=HandoverStatus.OPEN)
    if account is not None:
        tasks = tasks.filter(contact__organisation=account)
    tasks = list(tasks.select_related("contact__organisation").order_by("pk"))
    if not tasks:
        raise ValidationError({"account": _("No open hand-over task to assign here.")})
    return [assign_successor(task, successor=successor, owner=owner, actor=actor) for task in tasks]
