"""Competitor intelligence gathered in deals: what a competitor's person has with a role holder.

The competitor relationship graph is built mainly from what we learn on each deal (the
seed). One verb records it as a tie (a relationship, or the competitor's person influencing
the role holder) with its provenance: the deal, who of ours reported it, how sure we are and
when we learned it. It writes through `record_tie`, so it is checked, audited and moves the
scores like any other tie.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guanxi.deals.models import Deal, DealRole
from guanxi.people.choices import Certainty, OrgKind, PersonStatus, TieKind
from guanxi.people.models import Person, Tie
from guanxi.people.services import record_tie

#: The kinds of tie a piece of intelligence may be.
INTEL_KINDS = (TieKind.RELATIONSHIP, TieKind.INFLUENCE)


def check_intelligence(
    *,
    deal: Deal,
    competitor_person: Person,
    holder: Person,
    kind: str,
    strength: int | None,
    certainty: str,
    reported_by: Person | None,
    learned_on: dt.date | None,
) -> None:
    """Raise ValidationError naming each field that breaks a rule."""
    errors: dict[str, str] = {}
    if competitor_person.organisation.kind != OrgKind.COMPETITOR:
        errors["competitor_person"] = _("%(name)s is not a competitor's person.") % {
            "name": competitor_person.name
        }
    elif not deal.competitors.filter(pk=competitor_person.organisation_id).exists():
        errors["competitor_person"] = _(
            "%(org)s is not in play on this deal: add it to the deal's competitors first."
        ) % {"org": competitor_person.organisation.name}
    elif competitor_person.status != PersonStatus.ACTIVE:
        errors["competitor_person"] = _("%(name)s has left %(org)s.") % {
            "name": competitor_person.name,
            "org": competitor_person.organisation.name,
        }
    if not DealRole.objects.filter(deal=deal, person=holder).exists():
        errors["holder"] = _("%(name)s holds no role on this deal.") % {"name": holder.name}
    if kind not in INTEL_KINDS:
        errors["kind"] = _("Choose a relationship or an influence.")
    if strength is None or not 0 <= strength <= 100:
        errors["strength"] = _("Strength must be between 0 and 100.")
    if certainty not in Certainty.values:
        errors["certainty"] = _("Say how sure we are.")
    if reported_by is not None and reported_by.organisation.kind != OrgKind.OWN:
        errors["reported_by"] = _("Whoever reported it is one of our people.")
    if learned_on is not None and learned_on > dt.date.today():
        errors["learned_on"] = _("The date we learned it cannot be in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_intelligence(
    *,
    deal: Deal,
    competitor_person: Person,
    holder: Person,
    kind: str,
    strength: int | None,
    certainty: str,
    actor: Any,
    reported_by: Person | None = None,
    learned_on: dt.date | None = None,
    notes: str = "",
) -> Tie:
    """Record what a competitor's person has with a role holder of `deal`, with provenance."""
    check_intelligence(
        deal=deal,
        competitor_person=competitor_person,
        holder=holder,
        kind=kind,
        strength=strength,
        certainty=certainty,
        reported_by=reported_by,
        learned_on=learned_on,
    )
    return record_tie(
        source=competitor_person,
        target=holder,
        kind=kind,
        strength=strength,
        notes=notes,
        actor=actor,
        provenance={
            "learned_in": deal,
            "reported_by": reported_by,
            "certainty": certainty,
            "learned_on": learned_on or dt.date.today(),
        },
    )
