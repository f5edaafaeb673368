"""v2: credit is recorded when a deal becomes won and stays; recomputing it is an explicit,
audited act of a manager or admin."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.core.exceptions import PermissionDenied

from guanxi.access.services import add_user
from guanxi.core.models import AuditEvent
from guanxi.deals import services
from guanxi.deals.credit import recompute_credit
from guanxi.deals.models import Deal, DealCredit, DealRole
from guanxi.people import services as people
from guanxi.people.models import Interaction
from guanxi.people.tests.factories import org, person
from guanxi.scoring.engine import forget_warm_workspace
from guanxi.scoring.reports import company_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def won():
    """A deal at a customer whose approver Ann knows at 80 and Bo at 20, then won."""
    customer, us = org(), org(kind="own")
    ceo = person(customer, ext_id="ceo")
    ann, bo, cy = (person(us, ext_id=x) for x in ("ann", "bo", "cy"))
    people.record_tie(source=ann, target=ceo, kind="relationship", strength=80, actor=None)
    people.record_tie(source=bo, target=ceo, kind="relationship", strength=20, actor=None)
    deal = services.save_deal(
        Deal(ext_id="d1", organisation=customer, name="Core", amount=1000), actor=None
    )
    services.save_deal_role(DealRole(deal=deal, person=ceo, role="approver"), actor=None)
    deal.status = "won"
    services.save_deal(deal, actor="sam")
    return {"deal": deal, "ceo": ceo, "ann": ann, "bo": bo, "cy": cy}


def credit() -> dict[str, float]:
    forget_warm_workspace()
    return {e["id"]: e["credit"] for e in company_report(trend=lambda side: [])["employees"]}


def shares() -> dict[str, float]:
    return dict(DealCredit.objects.values_list("person__ext_id", "share"))


def test_winning_a_deal_records_its_credit_and_the_odds_at_close(won):
    assert shares() == {"ann": pytest.approx(0.8), "bo": pytest.approx(0.2)}
    deal = Deal.objects.get(ext_id="d1")
    assert deal.credit_recorded_at is not None
    # a neutral approver we are at 100 (1 - 0.2 x 0.8) = 84 with, no competitor
    assert deal.odds_at_close == pytest.approx(100 / (1 + math.exp(-2 * 0.84)))
    event = AuditEvent.objects.filter(summary__contains="credit recorded at the win").get()
    assert event.actor_name == "sam"


def test_credit_is_unchanged_by_a_later_tie(won):
    # when Cy meets the approver after the win, and Bo's tie grows
    people.record_tie(
        source=won["cy"], target=won["ceo"], kind="relationship", strength=90, actor=None
    )
    people.record_tie(
        source=won["bo"], target=won["ceo"], kind="relationship", strength=80, actor=None
    )
    # then the credit is the one recorded at the win
    assert credit() == {"ann": pytest.approx(800.0), "bo": pytest.approx(200.0), "cy": 0.0}


def test_credit_is_unchanged_when_a_colleague_leaves(won):
    people.mark_left(won["bo"], actor=None)
    # Ann keeps her 800; Bo's 200 is not handed to her
    assert credit() == {"ann": pytest.approx(800.0), "cy": 0.0}


def test_a_manager_recomputes_credit_from_today_with_an_audit_record(won):
    people.record_tie(
        source=won["cy"], target=won["ceo"], kind="relationship", strength=100, actor=None
    )
    manager = add_user(username="mia", role="manager", actor=None, check_password=False)
    new = recompute_credit(deal=won["deal"], actor=manager)
    assert new == {"ann": pytest.approx(0.4), "bo": pytest.approx(0.1), "cy": pytest.approx(0.5)}
    assert credit() == {
        "ann": pytest.approx(400.0),
        "bo": pytest.approx(100.0),
        "cy": pytest.approx(500.0),
    }
    event = AuditEvent.objects.filter(summary__contains="credit recomputed").get()
    assert event.actor_name == "mia"
    assert event.changes["credit"][0] == {"ann": pytest.approx(0.8), "bo": pytest.approx(0.2)}


def test_a_sales_user_may_not_recompute_credit(won):
    seller = add_user(username="sal", role="sales", actor=None, check_password=False)
    with pytest.raises(PermissionDenied):
        recompute_credit(deal=won["deal"], actor=seller)
    assert shares() == {"ann": pytest.approx(0.8), "bo": pytest.approx(0.2)}


def test_reopening_a_won_deal_forgets_its_credit_and_winning_again_records_it_anew(won):
    deal = won["deal"]
    deal.status = "open"
    services.save_deal(deal, actor=None)
    assert shares() == {}
    assert Deal.objects.get(ext_id="d1").odds_at_close is None
    people.record_tie(
        source=won["cy"], target=won["ceo"], kind="relationship", strength=100, actor=None
    )
    deal.status = "won"
    services.save_deal(deal, actor=None)
    assert shares()["cy"] == pytest.approx(0.5)


def test_credit_is_unchanged_by_later_interactions(won):
    # when Cy has meals with the approver after the win
    for n in range(3):
        people.save_interaction(
            Interaction(ext_id=f"meal-{n}", date=dt.date.today(), kind="meal"),
            participants=[won["cy"], won["ceo"]],
            actor=None,
        )
    # then Cy is credited nothing: the credit was recorded at the win
    assert credit() == {"ann": pytest.approx(800.0), "bo": pytest.approx(200.0), "cy": 0.0}
