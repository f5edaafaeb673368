"""A competitor overtaking us with a decider of an open deal: judged against the previous
snapshot, it fires once on the crossing, not while nothing changes, not when the competitor
was already ahead, and never names a person the recipient may not see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from guanxi.access.permissions import restrict
from guanxi.access.visibility import visible_ids
from guanxi.core.models import Snapshot
from guanxi.deals.models import Deal, DealRole
from guanxi.deals.services import save_deal, save_deal_role
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.models import Alert
from guanxi.people.models import Organisation, Person
from guanxi.people.services import record_tie, save_organisation, save_person
from guanxi.scoring.snapshots import record_snapshot

TODAY = timezone.localdate()
KEY = "new-d1:new-ceo:lx"


@pytest.fixture
def users(demo_db, db):
    return {u.username: u for u in get_user_model().objects.all()}


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def told(user) -> bool:
    return Alert.objects.filter(
        user=user, kind="overtaken", key=KEY, cleared_on__isnull=True
    ).exists()


def rival_tie(strength: int) -> None:
    """lx's account manager's relationship with New Co's approver."""
    rival = Person.objects.filter(organisation__ext_id="lx").order_by("ext_id").first()
    record_tie(
        source=rival, target=Person.objects.get(ext_id="new-ceo"), kind="relationship",
        strength=strength, actor="test",
    )  # fmt: skip


def our_tie(strength: int) -> None:
    """Lina's relationship with New Co's approver."""
    record_tie(
        source=Person.objects.get(ext_id="ht-kam1"), target=Person.objects.get(ext_id="new-ceo"),
        kind="relationship", strength=strength, actor="test",
    )  # fmt: skip


def new_deal(*, ours: int, theirs: int) -> Organisation:
    """New Co's open deal, lx in play, its approver known by lina (`ours`) and by lx
    (`theirs`), recorded in today's snapshot (the previous one for tomorrow's alerts)."""
    org = save_organisation(
        Organisation(ext_id="new", name="New Co", kind="customer"), actor="test"
    )
    boss = save_person(Person(ext_id="new-ceo", name="Boss", organisation=org), actor="test")
    deal = save_deal(
        Deal(ext_id="new-d1", name="New deal", organisation=org, status="open"),
        actor="test",
        competitors=[Organisation.objects.get(ext_id="lx")],
    )
    save_deal_role(DealRole(deal=deal, person=boss, role="approver"), actor="test")
    our_tie(ours)
    rival_tie(theirs)
    record_snapshot(date=TODAY, actor="test")
    return org


def test_a_snapshot_keeps_the_competitors_closeness_with_the_decider(users):
    # given New Co's approver, known by lina at 50 and by lx at 30
    new_deal(ours=50, theirs=30)
    # then today's snapshot keeps our closeness and lx's: lx below us
    then = dict(
        Snapshot.objects.filter(date=TODAY, subject_id="new-ceo").values_list("metric", "value")
    )
    assert then["closeness@lx"] < then["closeness"]
    assert then["closeness@lx"] > 0


def test_fires_once_on_the_crossing_and_not_while_nothing_changes(users):
    # given lx behind us with New Co's approver in today's snapshot and tomorrow
    new_deal(ours=50, theirs=30)
    evaluate_alerts(date=day(1))
    assert not told(users["liangwenbo"])
    # when lx's relationship grows to 90 (closer than our 50)
    rival_tie(90)
    evaluate_alerts(date=day(2))
    # then the manager is told, once
    assert told(users["liangwenbo"])
    rows = Alert.objects.filter(kind="overtaken", key=KEY).count()
    # when the days go by with nothing changed (a snapshot of the new state taken between)
    record_snapshot(date=day(2), actor="test")
    evaluate_alerts(date=day(3))
    evaluate_alerts(date=day(4))
    # then the alert stays open and is not raised again
    assert told(users["liangwenbo"])
    assert Alert.objects.filter(kind="overtaken", key=KEY).count() == rows
    # when we are closer again, it clears
    our_tie(95)
    evaluate_alerts(date=day(5))
    assert not told(users["liangwenbo"])


def test_not_when_the_competitor_was_already_ahead(users):
    # given lx already ahead of us with New Co's approver in today's snapshot
    new_deal(ours=30, theirs=90)
    # when alerts are evaluated tomorrow and the day after
    evaluate_alerts(date=day(1))
    evaluate_alerts(date=day(2))
    # then nobody is told: a standing state is no overtaking
    assert not Alert.objects.filter(kind="overtaken", key=KEY).exists()


def test_never_names_a_person_the_recipient_may_not_see(users):
    # given lx overtaking us with New Co's approver, New Co not on lina's team
    new_deal(ours=50, theirs=30)
    rival_tie(90)
    # when alerts are evaluated
    evaluate_alerts(date=day(1))
    # then the manager is told; lina and the contributor, who may not see the approver, not
    assert told(users["liangwenbo"])
    for user in (users["lina"], users["chenjing"]):
        assert not visible_ids(user, {"new-ceo"})
        assert not told(user)
    # when lina joins New Co's team and it happens again, she is told
    Alert.objects.all().delete()
    users["lina"].profile.accounts.add(Organisation.objects.get(ext_id="new"))
    evaluate_alerts(date=day(2))
    assert told(users["lina"])


def test_a_competitors_closeness_is_kept_from_viewers_and_sales(users):
    # given a snapshot with lx's closeness to New Co's approver, lina on New Co's team
    new_deal(ours=50, theirs=30)
    users["lina"].profile.accounts.add(Organisation.objects.get(ext_id="new"))
    rows = Snapshot.objects.filter(metric="closeness@lx")
    # then the manager may read it; the viewer and lina may not (it is for the alert only)
    assert restrict(users["liangwenbo"], rows).exists()
    assert not restrict(users["guest"], rows).exists()
    assert not restrict(users["lina"], rows).exists()
