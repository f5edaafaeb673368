"""Deals are only on customers; role holders are customer people."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from guanxi.deals import services
from guanxi.deals.models import Deal, DealRole
from guanxi.people.tests.factories import org, person

pytestmark = pytest.mark.django_db


def test_a_deal_on_a_non_customer_is_refused():
    rival = org(kind="competitor", name="Rival")
    with pytest.raises(ValidationError, match="must be on a customer"):
        services.save_deal(Deal(ext_id="d1", organisation=rival, name="X"), actor=None)
    assert not Deal.objects.exists()


def test_competitors_in_play_must_be_competitors():
    customer, partner = org(), org(kind="partner", name="Friendly")
    with pytest.raises(ValidationError, match="Not competitors: Friendly"):
        services.save_deal(
            Deal(ext_id="d1", organisation=customer, name="X"), competitors=[partner], actor=None
        )


def test_a_deal_with_roles_is_saved_and_our_person_cannot_hold_a_role():
    customer, us, rival = org(), org(kind="own"), org(kind="competitor")
    cio, me = person(customer), person(us)
    deal = services.save_deal(
        Deal(ext_id="d1", organisation=customer, name="Core banking", amount=1000),
        competitors=[rival],
        actor=None,
    )
    services.save_deal_role(
        DealRole(deal=deal, person=cio, role="decision_maker", attitude=1), actor=None
    )
    with pytest.raises(ValidationError, match="not at a customer"):
        services.save_deal_role(DealRole(deal=deal, person=me, role="user"), actor=None)
    assert list(deal.competitors.all()) == [rival]
    assert deal.roles.count() == 1


def test_attitude_outside_minus_2_to_2_is_refused():
    customer = org()
    deal = services.save_deal(Deal(ext_id="d1", organisation=customer, name="X"), actor=None)
    with pytest.raises(ValidationError):
        services.save_deal_role(
            DealRole(deal=deal, person=person(customer), role="user", attitude=3), actor=None
        )


def test_changing_the_competitors_in_play_is_audited():
    from guanxi.core.models import AuditEvent

    customer, rival, other = org(), org(kind="competitor"), org(kind="competitor")
    deal = services.save_deal(
        Deal(ext_id="d1", organisation=customer, name="X"), competitors=[rival], actor=None
    )
    services.save_deal(deal, competitors=[other], actor="bob")
    last = AuditEvent.objects.filter(object_id="d1").order_by("id").last()
    assert last.changes["competitor_ids"] == [[rival.ext_id], [other.ext_id]]
