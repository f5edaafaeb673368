"""Deleting a person or an organisation without losing anything silently.

First `person_deletion()` / `organisation_deletion()` say what goes with the record; then
`delete_person()` / `delete_organisation()` remove it all in one transaction, one audit
record per removed or changed row. No interaction is ever left with fewer than two
participants: an interaction that would be is deleted with the person (and listed first).

- a person: their ties, decision roles, credit shares and hand-over tasks go, and the
  interactions that would be left with one participant; they leave the other interactions,
  the successor field of hand-over tasks and their login's link. Nothing blocks it.
- an organisation: it leaves the account teams and the competitors in play of deals; its
  people, deals and subsidiaries block it (they must go first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Model, Q
from django.utils.translation import gettext as _

from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.core.services import delete_audited, record_related_change, save_audited
from guanxi.people.models import Handover, Interaction, Organisation, Participation, Person, Tie

DELETE, UPDATE = "delete", "update"


@dataclass(frozen=True)
class Consequence:
    """One row a deletion removes (DELETE) or changes (UPDATE), described for a person."""

    action: str
    record: Model
    text: str


@dataclass
class DeletionPlan:
    """What deleting `target` does: the rows that go or change with it, and what blocks it."""

    target: Model
    consequences: list[Consequence] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)

    def of(self, model: type[Model]) -> list[Model]:
        """The records of `model` among the consequences."""
        return [c.record for c in self.consequences if isinstance(c.record, model)]


def _tie_text(tie: Tie) -> str:
    return _("the %(kind)s tie %(source)s → %(target)s") % {
        "kind": tie.get_kind_display(),
        "source": tie.source.ext_id,
        "target": tie.target.ext_id,
    }


def person_deletion(person: Person) -> DeletionPlan:
    """What deleting `person` removes and changes (see the module's table)."""
    from guanxi.deals.models import DealCredit, DealRole

    plan = DeletionPlan(person)
    add = plan.consequences.append
    ties = Tie.objects.filter(Q(source=person) | Q(target=person)).select_related(
        "source", "target"
    )
    for tie in ties.order_by("kind", "source__ext_id", "target__ext_id"):
        add(Consequence(DELETE, tie, _tie_text(tie)))
    for role in DealRole.objects.filter(person=person).select_related("deal").order_by("pk"):
        text = _("the %(role)s role on the deal %(deal)s") % {
            "role": role.get_role_display(),
            "deal": role.deal.ext_id,
        }
        add(Consequence(DELETE, role, text))
    for credit in DealCredit.objects.filter(person=person).select_related("deal").order_by("pk"):
        text = _("the credit share of %(share)s in the won deal %(deal)s") % {
            "share": f"{credit.share:.0%}",
            "deal": credit.deal.ext_id,
        }
        add(Consequence(DELETE, credit, text))
    involved = Q(departed=person) | Q(contact=person) | Q(successor=person)
    handovers = Handover.objects.filter(involved)
    for task in handovers.select_related("departed", "contact").order_by("pk"):
        names = {"departed": task.departed.ext_id, "contact": task.contact.ext_id}
        if person.pk in (task.departed_id, task.contact_id):
            text = _("the hand-over task of %(departed)s's relationship with %(contact)s") % names
            add(Consequence(DELETE, task, text))
        else:
            text = _("the successor of the hand-over task %(departed)s → %(contact)s") % names
            add(Consequence(UPDATE, task, text))
    # (Counted over all participants: a count after filtering on the person would see one.)
    theirs = Participation.objects.filter(person=person).values("interaction_id")
    interactions = (
        Interaction.objects.filter(pk__in=theirs)
        .annotate(people=Count("participation"))
        .order_by("date", "ext_id")
    )
    for ix in interactions:
        if ix.people - 1 < 2:
            text = _("the interaction %(id)s, which would be left with one participant") % {
                "id": ix.ext_id
            }
            add(Consequence(DELETE, ix, text))
        else:
            text = _("%(person)s's place among the participants of %(id)s") % {
                "person": person.ext_id,
                "id": ix.ext_id,
            }
            add(Consequence(UPDATE, ix, text))
    if person.user_id is not None:
        text = _("the link of the login '%(user)s' to this person") % {
            "user": person.user.get_username()
        }
        add(Consequence(UPDATE, person.user, text))
    return plan


def organisation_deletion(org: Organisation) -> DeletionPlan:
    """What deleting `org` changes, and the records that must go first (blockers)."""
    from guanxi.access.models import Profile
    from guanxi.deals.models import Deal

    plan = DeletionPlan(org)
    for what, count in (
        (_("people"), org.people.count()),
        (_("deals"), Deal.objects.filter(organisation=org).count()),
        (_("subsidiaries"), org.subsidiaries.count()),
    ):
        if count:
            plan.blockers.append(_("%(count)d %(what)s") % {"count": count, "what": what})
    for profile in Profile.objects.filter(accounts=org).select_related("user").order_by("pk"):
        text = _("the place of %(org)s on the account team of '%(user)s'") % {
            "org": org.ext_id,
            "user": profile.user.get_username(),
        }
        plan.consequences.append(Consequence(UPDATE, profile, text))
    for deal in Deal.objects.filter(competitors=org).order_by("ext_id"):
        text = _("%(org)s among the competitors in play of the deal %(deal)s") % {
            "org": org.ext_id,
            "deal": deal.ext_id,
        }
        plan.consequences.append(Consequence(UPDATE, deal, text))
    return plan


def _participants(ix: Interaction) -> list[str]:
    return list(
        Participation.objects.filter(interaction=ix)
        .order_by("position")
        .values_list("person__ext_id", flat=True)
    )


@transaction.atomic
def delete_person(person: Person, *, actor: Any) -> DeletionPlan:
    """Delete a person with everything `person_deletion` lists, auditing every row."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    plan = person_deletion(person)
    for item in plan.consequences:
        record = item.record
        if isinstance(record, Interaction) and item.action == UPDATE:
            before = _participants(record)
            Participation.objects.filter(interaction=record, person=person).delete()
            after = [i for i in before if i != person.ext_id]
            record_related_change(
                record, actor=actor, field="participant_ids", before=before, after=after
            )
        elif isinstance(record, Handover) and item.action == UPDATE:
            record.successor = None
            save_audited(record, actor=actor, summary=item.text)
        elif item.action == DELETE:
            delete_audited(record, actor=actor, summary=f"{item.text} (with {person.ext_id})")
    if person.user_id is not None:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="user",
            object_id=person.user.get_username(),
            summary=f"login unlinked from {person.ext_id} (deleted)",
            changes={"person": [person.ext_id, None]},
        )
    delete_audited(person, actor=actor)
    return plan


@transaction.atomic
def delete_organisation(org: Organisation, *, actor: Any) -> DeletionPlan:
    """Delete an organisation (nothing may block it), auditing what it is taken out of."""
    from guanxi.access.models import Profile
    from guanxi.deals.models import Deal

    org = Organisation.objects.select_for_update().get(pk=org.pk)
    plan = organisation_deletion(org)
    for item in plan.consequences:
        record = item.record
        if isinstance(record, Profile):
            before = sorted(record.accounts.values_list("ext_id", flat=True))
            record.accounts.remove(org)
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="user",
                object_id=record.user.get_username(),
                summary=f"{org.ext_id} left the account team (deleted)",
                changes={"accounts": [before, [a for a in before if a != org.ext_id]]},
            )
        elif isinstance(record, Deal):
            before = sorted(record.competitors.values_list("ext_id", flat=True))
            record.competitors.remove(org)
            after = [c for c in before if c != org.ext_id]
            record_related_change(
                record, actor=actor, field="competitor_ids", before=before, after=after
            )
    delete_audited(org, actor=actor)
    return plan
