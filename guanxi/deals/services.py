"""The only writers of deals and decision roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guanxi.core.services import delete_audited, record_related_change, save_audited
from guanxi.deals.credit import after_status_change
from guanxi.deals.models import Deal, DealRole
from guanxi.people.choices import OrgKind
from guanxi.people.models import Organisation


def check_deal(deal: Deal, competitors: Iterable[Organisation] = ()) -> None:
    """Deals are only on customers; the competitors in play are competitor organisations."""
    errors: dict[str, str] = {}
    if deal.organisation_id and deal.organisation.kind != OrgKind.CUSTOMER:
        errors["organisation"] = _("A deal must be on a customer, not on %(name)s (%(kind)s).") % {
            "name": deal.organisation,
            "kind": deal.organisation.get_kind_display(),
        }
    if deal.owner_id and deal.owner.organisation.kind != OrgKind.OWN:
        errors["owner"] = _("The owner of a deal is one of our people, not %(name)s.") % {
            "name": deal.owner
        }
    wrong = [c.name for c in competitors if c.kind != OrgKind.COMPETITOR]
    if wrong:
        errors["competitors"] = _("Not competitors: %(names)s.") % {"names": ", ".join(wrong)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_deal(deal: Deal, *, actor: Any, competitors: Iterable[Organisation] | None = None) -> Deal:
    """Create or update a deal (and, when given, the competitors in play)."""
    chosen = list(competitors) if competitors is not None else None
    check_deal(deal, chosen or ())
    deal.full_clean(validate_unique=True, exclude=["competitors"])
    before = list(deal.competitors.values_list("ext_id", flat=True)) if deal.pk is not None else []
    status = Deal.objects.filter(pk=deal.pk).values_list("status", flat=True).first()
    save_audited(deal, actor=actor)
    if chosen is not None:
        deal.competitors.set(chosen)
        after = [c.ext_id for c in chosen]
        record_related_change(deal, actor=actor, field="competitor_ids", before=before, after=after)
    # v2: the credit is recorded when the deal becomes won, the odds when it closes
    after_status_change(deal, status, actor=actor)
    return deal


def check_deal_role(role: DealRole) -> None:
    """A role holder is someone at a customer (the deal's, or another in its group)."""
    if role.person_id and role.person.organisation.kind != OrgKind.CUSTOMER:
        raise ValidationError(
            {
                "person": _("%(person)s is not at a customer, so cannot hold a decision role.")
                % {"person": role.person}
            }
        )


def save_deal_role(role: DealRole, *, actor: Any) -> DealRole:
    """Create or update a decision role on a deal."""
    role.full_clean(validate_unique=True)
    check_deal_role(role)
    return save_audited(role, actor=actor)


def delete_deal_record(obj: Deal | DealRole, *, actor: Any) -> None:
    """Delete a deal (with its roles) or one role, with its audit record."""
    delete_audited(obj, actor=actor)
