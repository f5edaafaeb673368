"""Each alert class fires on a constructed scenario and not otherwise, clears when its
condition does, respects each user's choice, and never names a person its recipient may
not see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from guanxi.access.visibility import visible_ids
from guanxi.core.models import Workspace
from guanxi.deals.models import Deal, DealRole
from guanxi.deals.services import save_deal, save_deal_role
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.models import Alert, AlertPreference, Objective
from guanxi.operations.services import create_objective
from guanxi.people.handover import mark_departed
from guanxi.people.models import Interaction, Organisation, Person, Tie
from guanxi.people.services import (
    mark_left,
    record_tie,
    save_interaction,
    save_organisation,
    save_person,
)

TODAY = timezone.localdate()


@pytest.fixture
def users(demo_db, db):
    User = get_user_model()
    return {u.username: u for u in User.objects.all()}


def keys(user, kind) -> set[str]:
    return set(
        Alert.objects.filter(user=user, kind=kind, cleared_on__isnull=True).values_list(
            "key", flat=True
        )
    )


def person(ext_id):
    return Person.objects.get(ext_id=ext_id)


def test_an_account_crossing_into_at_risk_concentration(users):
    # given a new customer whose one person only lina's colleague ht-ps1 knows
    org = save_organisation(
        Organisation(ext_id="new", name="New Co", kind="customer"), actor="test"
    )
    boss = save_person(Person(ext_id="new-ceo", name="Boss", organisation=org), actor="test")
    evaluate_alerts(date=TODAY)
    assert "new" not in keys(users["liangwenbo"], "at_risk")  # nobody knows anyone: score 0
    record_tie(source=person("ht-ps1"), target=boss, kind="relationship", strength=50, actor="test")
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then the manager is told it rests on ht-ps1 alone
    assert "new" in keys(users["liangwenbo"], "at_risk")
    # when a second colleague knows the boss as well (shares 1/3 each), it clears
    record_tie(source=person("ht-ps2"), target=boss, kind="relationship", strength=50, actor="test")
    evaluate_alerts(date=TODAY + dt.timedelta(days=2))
    assert "new" not in keys(users["liangwenbo"], "at_risk")


def test_a_key_person_leaving_the_customer(users):
    # given dfb's ceo marked key
    Person.objects.filter(ext_id="dfb-ceo").update(key=True)
    evaluate_alerts(date=TODAY)
    assert "dfb-ceo" not in keys(users["lina"], "key_person_left")
    # when the ceo leaves
    mark_left(person("dfb-ceo"), actor="test")
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then dfb's team and the manager are told; the contributor is not
    assert "dfb-ceo" in keys(users["lina"], "key_person_left")
    assert "dfb-ceo" in keys(users["liangwenbo"], "key_person_left")
    assert not keys(users["chenjing"], "key_person_left")


def test_a_colleague_leaving_with_open_handovers(users):
    # given ht-ps2 still with us
    evaluate_alerts(date=TODAY)
    assert "ht-ps2" not in keys(users["liangwenbo"], "colleague_leaving")
    # when ht-ps2 leaves and the hand-over tasks are opened by the admin
    tasks = mark_departed(person("ht-ps2"), actor=users["demo"])
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then the manager is told (the admin owns the tasks; admins see everything anyway)
    assert tasks
    assert "ht-ps2" in keys(users["liangwenbo"], "colleague_leaving")


def test_a_plan_objective_due_soon_or_off_track(users):
    # given an objective of lina's due in 60 days, just started: on track, not due soon
    o = create_objective(person=person("dfb-ceo"), actor=users["lina"], target=95)
    Objective.objects.filter(pk=o.pk).update(due=TODAY + dt.timedelta(days=60))
    evaluate_alerts(date=TODAY)
    assert not keys(users["lina"], "objective")
    # when it is due in 10 days
    Objective.objects.filter(pk=o.pk).update(due=TODAY + dt.timedelta(days=10))
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then its owner and the manager are told
    assert keys(users["lina"], "objective") == {str(o.pk)}
    assert str(o.pk) in keys(users["liangwenbo"], "objective")


def key_relationship(confirmed: dt.date, stale_after_days: int | None = None) -> Organisation:
    """New Co, whose approver on an open deal knows lina's own person (ht-kam1), last
    confirmed on `confirmed`, never met; and the workspace's staleness setting."""
    if stale_after_days is not None:
        Workspace.objects.update_or_create(
            pk=1, defaults={"scoring": {"stale_after_days": stale_after_days}}
        )
    org = save_organisation(
        Organisation(ext_id="new", name="New Co", kind="customer"), actor="test"
    )
    boss = save_person(Person(ext_id="new-ceo", name="Boss", organisation=org), actor="test")
    deal = save_deal(
        Deal(ext_id="new-d1", name="New deal", organisation=org, status="open"), actor="test"
    )
    save_deal_role(DealRole(deal=deal, person=boss, role="approver"), actor="test")
    tie = record_tie(
        source=person("ht-kam1"), target=boss, kind="relationship", strength=70, actor="test"
    )
    Tie.objects.filter(pk=tie.pk).update(last_confirmed=confirmed)
    return org


def test_a_key_relationship_going_stale_by_the_workspace_setting(users):
    # given lina on New Co's team, her relationship with its approver confirmed 40 days ago,
    # and a workspace that calls a relationship stale after 30 days
    org = key_relationship(TODAY - dt.timedelta(days=40), stale_after_days=30)
    users["lina"].profile.accounts.add(org)
    # when alerts are evaluated
    evaluate_alerts(date=TODAY)
    # then lina is told that it is going stale, after the workspace's 30 days
    assert "ht-kam1:new-ceo" in keys(users["lina"], "stale")
    alert = Alert.objects.get(user=users["lina"], kind="stale", key="ht-kam1:new-ceo")
    assert alert.params["days"] == 30
    # when they meet ten days ago (a meeting planned for next week is no contact)
    for ext, day in (("met", TODAY - dt.timedelta(days=10)), ("plan", TODAY + dt.timedelta(7))):
        save_interaction(
            Interaction(ext_id=ext, date=day, kind="meeting"),
            participants=[person("ht-kam1"), person("new-ceo")],
            actor="test",
        )
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then the alert clears
    assert "ht-kam1:new-ceo" not in keys(users["lina"], "stale")


def test_a_relationship_confirmed_within_the_default_year_is_not_stale(users):
    # given the same relationship confirmed 300 days ago and the default setting (365 days)
    org = key_relationship(TODAY - dt.timedelta(days=300))
    users["lina"].profile.accounts.add(org)
    # when alerts are evaluated
    evaluate_alerts(date=TODAY)
    # then nobody is told it is stale; 400 days ago it would be
    assert not Alert.objects.filter(kind="stale", key="ht-kam1:new-ceo").exists()
    Tie.objects.filter(target__ext_id="new-ceo").update(last_confirmed=TODAY - dt.timedelta(400))
    evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    assert "ht-kam1:new-ceo" in keys(users["lina"], "stale")


def test_a_stale_relationship_is_not_told_to_whom_may_not_see_the_person(users):
    # given lina's own relationship gone stale with New Co's approver, New Co not hers
    key_relationship(TODAY - dt.timedelta(days=40), stale_after_days=30)
    # when alerts are evaluated
    evaluate_alerts(date=TODAY)
    # then lina, who may not see New Co's people, is not told of it, nor is anyone else
    assert not visible_ids(users["lina"], {"new-ceo"})
    assert not Alert.objects.filter(kind="stale", key="ht-kam1:new-ceo").exists()


def test_nobody_is_told_of_a_person_they_may_not_see(users):
    # given an objective owned by lina about a tyt person, whom she may not see
    o = create_objective(
        person=person("tyt-cto"), actor=users["demo"], owner=users["lina"], target=95
    )
    Objective.objects.filter(pk=o.pk).update(due=TODAY + dt.timedelta(days=5))
    # when alerts are evaluated
    evaluate_alerts(date=TODAY)
    # then the manager is told of it, lina is not; and no alert of hers names a hidden person
    assert str(o.pk) in keys(users["liangwenbo"], "objective")
    assert str(o.pk) not in keys(users["lina"], "objective")
    for user in (users["lina"], users["chenjing"]):
        named = set()
        for params in Alert.objects.filter(user=user).values_list("params", flat=True):
            named.update(params[k] for k in ("person", "employee") if k in params)
        assert visible_ids(user, named) == named


def test_a_user_who_turns_a_kind_off_is_not_told(users):
    # given lina switching at-risk alerts off, and a new customer of hers resting on ht-ps1
    AlertPreference.objects.create(user=users["lina"], kind="at_risk", enabled=False)
    org = save_organisation(
        Organisation(ext_id="new", name="New Co", kind="customer"), actor="test"
    )
    users["lina"].profile.accounts.add(org)
    boss = save_person(Person(ext_id="new-ceo", name="Boss", organisation=org), actor="test")
    record_tie(source=person("ht-ps1"), target=boss, kind="relationship", strength=50, actor="test")
    # when alerts are evaluated
    evaluate_alerts(date=TODAY)
    # then she has none of them, the manager still has
    assert "new" not in keys(users["lina"], "at_risk")
    assert "new" in keys(users["liangwenbo"], "at_risk")


def test_an_open_alert_is_not_raised_twice(users):
    # given alerts evaluated on two days with nothing changed
    evaluate_alerts(date=TODAY)
    first = Alert.objects.count()
    counts = evaluate_alerts(date=TODAY + dt.timedelta(days=1))
    # then no new row was made
    assert counts["raised"] == 0
    assert Alert.objects.count() == first
