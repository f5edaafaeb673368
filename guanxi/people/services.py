"""The only writers of organisations, people, ties and interactions.

Each verb checks the rules the database cannot hold, saves inside a transaction, writes the
audit record and bumps the data version (through guanxi.core.services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guanxi.core.services import delete_audited, record_related_change, save_audited
from guanxi.people.choices import OrgKind, PersonStatus, TieKind, TieOrigin
from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie
from guanxi.people.rules import reporting_cycle


def check_organisation(org: Organisation) -> None:
    """Raise ValidationError if `org` breaks a rule: one `own`, no parent loops."""
    errors: dict[str, str] = {}
    if org.kind == OrgKind.OWN:
        others = Organisation.objects.filter(kind=OrgKind.OWN).exclude(pk=org.pk)
        if others.exists():
            errors["kind"] = _("There is already an 'own' organisation: %(name)s.") % {
                "name": others.first()
            }
    if org.parent_id is not None:
        node, seen = org.parent, set()
        while node is not None:
            if node.pk == org.pk or node.pk in seen:
                errors["parent"] = _("This parent would make the group tree a loop.")
                break
            seen.add(node.pk)
            node = node.parent
    if errors:
        raise ValidationError(errors)


def save_organisation(org: Organisation, *, actor: Any) -> Organisation:
    """Create or update an organisation after checking its rules."""
    org.full_clean(validate_unique=True)
    check_organisation(org)
    return save_audited(org, actor=actor)


def check_person(person: Person) -> None:
    """A person who moves organisation cannot keep reporting lines into the old one."""
    if person.pk is None:
        return
    crossing = (
        Tie.objects.filter(kind=TieKind.REPORTS_TO)
        .filter(source=person)
        .exclude(target__organisation_id=person.organisation_id)
        .exists()
        or Tie.objects.filter(kind=TieKind.REPORTS_TO, target=person)
        .exclude(source__organisation_id=person.organisation_id)
        .exists()
    )
    if crossing:
        raise ValidationError(
            {
                "organisation": _(
                    "This person has reporting lines in their current organisation; "
                    "remove them before moving the person."
                )
            }
        )


@transaction.atomic
def save_person(person: Person, *, actor: Any) -> Person:
    """Create or update a person after checking their rules; one of ours who is set to left
    here (by a page, the API or the admin) gets their hand-over tasks at once."""
    person.full_clean(validate_unique=True)
    check_person(person)
    leaving = (
        person.status == PersonStatus.LEFT
        and not Person.objects.filter(pk=person.pk, status=PersonStatus.LEFT).exists()
    )
    saved = save_audited(person, actor=actor)
    if leaving and saved.organisation.kind == OrgKind.OWN:
        from guanxi.people.handover import mark_departed  # handover builds on these services

        mark_departed(saved, actor=actor)
    return saved


def check_tie(tie: Tie) -> None:
    """Raise ValidationError for a tie that breaks a rule (self, strength, reporting lines)."""
    if tie.source_id is None or tie.target_id is None:
        raise ValidationError(_("A tie needs two people."))
    if tie.source_id == tie.target_id:
        raise ValidationError({"target": _("A person cannot have a tie with themself.")})
    if tie.kind != TieKind.REPORTS_TO and tie.strength is None:
        raise ValidationError({"strength": _("Influence and relationship ties need a strength.")})
    if tie.kind == TieKind.REPORTS_TO:
        source, target = tie.source, tie.target
        if source.organisation_id != target.organisation_id:
            raise ValidationError(
                {"target": _("A person can only report to someone in the same organisation.")}
            )
        other = Tie.objects.filter(kind=TieKind.REPORTS_TO, source_id=tie.source_id)
        if other.exclude(pk=tie.pk).exists():
            raise ValidationError({"source": _("This person already reports to someone.")})
        managers = dict(
            Tie.objects.filter(
                kind=TieKind.REPORTS_TO, source__organisation_id=source.organisation_id
            )
            .exclude(pk=tie.pk)
            .values_list("source_id", "target_id")
        )
        managers[tie.source_id] = tie.target_id
        cycle = reporting_cycle(managers, tie.source_id)
        if cycle:
            names = dict(Person.objects.filter(pk__in=cycle).values_list("pk", "name"))
            raise ValidationError(
                {
                    "target": _("This would make a reporting cycle: %(cycle)s.")
                    % {"cycle": " → ".join(names[p] for p in cycle)}
                }
            )


def _canonical(tie: Tie) -> None:
    if tie.kind == TieKind.RELATIONSHIP and tie.source_id > tie.target_id:
        tie.source, tie.target = tie.target, tie.source


def save_tie(tie: Tie, *, actor: Any) -> Tie:
    """Create or update a tie after checking its rules (relationships stored once per pair)."""
    _canonical(tie)
    check_tie(tie)
    tie.full_clean(validate_unique=True)
    if tie.recorded_by_id is None and getattr(actor, "pk", None):
        tie.recorded_by = actor
    return save_audited(tie, actor=actor)


@transaction.atomic
def record_tie(
    *,
    source: Person,
    target: Person,
    kind: str,
    actor: Any,
    strength: int | None = None,
    since: dt.date | None = None,
    notes: str = "",
    origin: str = TieOrigin.ENTERED,
    provenance: dict[str, Any] | None = None,
) -> Tie:
    """Record (or update) the tie of `kind` between two people; the verb forms and the API use.

    `provenance` (learned_in, reported_by, certainty, learned_on) says where a piece of
    intelligence came from; it replaces the tie's previous provenance."""
    if kind == TieKind.RELATIONSHIP and source.pk > target.pk:
        source, target = target, source
    if kind == TieKind.REPORTS_TO:
        tie = Tie.objects.filter(kind=kind, source=source).first() or Tie(source=source, kind=kind)
        tie.target = target
    else:
        tie = Tie.objects.filter(kind=kind, source=source, target=target).first() or Tie(
            source=source, target=target, kind=kind
        )
    tie.strength = strength
    if since is not None:
        tie.since = since
    if notes:
        tie.notes = notes
    tie.origin = tie.origin if tie.pk else origin
    if provenance is not None:
        for field in ("learned_in", "reported_by", "certainty", "learned_on"):
            setattr(tie, field, provenance.get(field) or ("" if field == "certainty" else None))
    tie.last_confirmed = dt.date.today()
    return save_tie(tie, actor=actor)


def delete_record(obj: Any, *, actor: Any) -> None:
    """Delete an organisation, person, tie or interaction with its audit record."""
    delete_audited(obj, actor=actor)


@transaction.atomic
def save_interaction(
    interaction: Interaction, *, participants: Iterable[Person], actor: Any
) -> Interaction:
    """Create or update an interaction and set its participants (two or more people)."""
    people = list(dict.fromkeys(participants))
    if len(people) < 2:
        raise ValidationError({"participants": _("An interaction needs at least two people.")})
    interaction.full_clean(validate_unique=True)
    if interaction.recorded_by_id is None and getattr(actor, "pk", None):
        interaction.recorded_by = actor
    before = []
    if interaction.pk is not None:
        before = list(
            Participation.objects.filter(interaction_id=interaction.pk)
            .order_by("position")
            .values_list("person__ext_id", flat=True)
        )
    creating = interaction.pk is None
    save_audited(interaction, actor=actor)
    Participation.objects.filter(interaction=interaction).delete()
    Participation.objects.bulk_create(
        Participation(interaction=interaction, person=p, position=i) for i, p in enumerate(people)
    )
    after = [p.ext_id for p in people]
    if creating:
        before = []
    record_related_change(
        interaction, actor=actor, field="participant_ids", before=before, after=after
    )
    return interaction


@transaction.atomic
def mark_left(person: Person, *, actor: Any) -> Person:
    """Mark a person as having left: their ties stay for history but no score counts them."""
    person.status = PersonStatus.LEFT
    return save_audited(person, actor=actor, summary=f"{person} left")


@transaction.atomic
def save_person_and_manager(person: Person, *, manager: Person | None, actor: Any) -> Person:
    """Save a person and, in the same transaction, their reporting line (None removes it)."""
    saved = save_person(person, actor=actor)
    current = Tie.objects.filter(kind=TieKind.REPORTS_TO, source=saved).first()
    if manager is None:
        if current is not None:
            delete_record(current, actor=actor)
    elif current is None or current.target_id != manager.pk:
        try:
            record_tie(source=saved, target=manager, kind=TieKind.REPORTS_TO, actor=actor)
        except ValidationError as exc:
            raise ValidationError({"reports_to": exc.messages}) from None
    return saved
