"""Hand-over services: marking one of ours as left opens a task per customer relationship,
a successor is assigned under the rules, and completing keeps the relationship in the company."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guanxi.access.services import add_user
from guanxi.analytics import account_view
from guanxi.core.models import AuditEvent
from guanxi.people import handover as ho
from guanxi.people import services
from guanxi.people.models import Handover, Interaction, Tie
from guanxi.people.tests.factories import org, person, tie
from guanxi.scoring.engine import current_workspace, forget_warm_workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Acme (CEO ← VP ← engineer); our Ann knows all three, Bob knows the VP; Ann also knows a
    competitor's person and a customer person who left (neither is handed over)."""
    forget_warm_workspace()
    acme, us, rival = org(ext_id="acme"), org("own", ext_id="us"), org("competitor")
    ceo, vp, eng = person(acme, "Ceo"), person(acme, "Vp"), person(acme, "Eng")
    gone = person(acme, "Gone", status="left")
    tie(vp, ceo, "reports_to", None)
    tie(eng, vp, "reports_to", None)
    ann, bob, cat = person(us, "Ann"), person(us, "Bob"), person(us, "Cat", status="left")
    for contact, strength in ((eng, 60), (ceo, 80), (vp, 40), (gone, 70)):
        tie(ann, contact, "relationship", strength)
    tie(ann, person(rival, "Rex"), "relationship", 50)
    tie(bob, vp, "relationship", 50)
    boss = add_user(username="boss", role="manager", actor="test")
    seller = add_user(username="seller", role="sales", actor="test")
    return {
        "ceo": ceo, "vp": vp, "eng": eng, "ann": ann, "bob": bob, "cat": cat,
        "rival": rival, "boss": boss, "seller": seller,
    }  # fmt: skip


def acme_score() -> float:
    return account_view(current_workspace(), "acme")["score"]


def test_marking_left_keeps_the_ties_and_takes_them_out_of_the_scores(world):
    ties_before = Tie.objects.count()

    ho.mark_departed(world["ann"], actor=world["boss"])

    world["ann"].refresh_from_db()
    assert world["ann"].status == "left"
    assert Tie.objects.count() == ties_before
    ws = current_workspace()
    w = {k: float(ws.importance[ws.person_of_id(world[k].ext_id)]) for k in ("ceo", "vp", "eng")}
    only_bob = w["vp"] * 50 / sum(w.values())
    assert acme_score() == pytest.approx(only_bob)


def test_marking_left_opens_one_task_per_customer_relationship_most_important_first(world):
    tasks = ho.mark_departed(world["ann"], actor=world["boss"])

    assert [t.contact.name for t in tasks] == ["Ceo", "Vp", "Eng"]
    assert Handover.objects.filter(departed=world["ann"]).count() == 3
    assert {(t.status, t.owner, t.successor) for t in tasks} == {("open", world["boss"], None)}


def test_marking_left_again_only_opens_tasks_for_relationships_that_have_none(world):
    ho.mark_departed(world["ann"], actor=world["boss"])
    newcomer = person(world["ceo"].organisation, "Newcomer")
    tie(world["ann"], newcomer, "relationship", 30)

    again = ho.mark_departed(world["ann"], actor=world["boss"])

    assert [t.contact for t in again] == [newcomer]
    assert Handover.objects.filter(departed=world["ann"]).count() == 4


def test_only_our_own_people_can_be_marked_departed(world):
    with pytest.raises(ValidationError) as exc:
        ho.mark_departed(world["ceo"], actor=world["boss"])

    assert "not one of our people" in str(exc.value.message_dict["person"])
    assert not Handover.objects.exists()


@pytest.mark.parametrize("who, message", [("ceo", "not one of our people"), ("cat", "has left")])
def test_a_successor_who_is_not_ours_or_has_left_is_refused_on_the_field(world, who, message):
    task = ho.mark_departed(world["ann"], actor=world["boss"])[0]

    with pytest.raises(ValidationError) as exc:
        ho.assign_successor(task, successor=world[who], owner=world["boss"], actor=world["boss"])

    assert message in " ".join(exc.value.message_dict["successor"])
    task.refresh_from_db()
    assert task.successor is None


def test_the_owner_must_be_a_manager_or_an_admin(world):
    task = ho.mark_departed(world["ann"], actor=world["boss"])[0]

    with pytest.raises(ValidationError) as exc:
        ho.assign_successor(
            task, successor=world["bob"], owner=world["seller"], actor=world["boss"]
        )

    assert "manager or an admin" in " ".join(exc.value.message_dict["owner"])


def test_completing_records_the_successor_relationship_and_the_account_recovers(world):
    task = ho.mark_departed(world["ann"], actor=world["boss"])[0]  # the CEO
    without_ann = acme_score()
    ho.assign_successor(task, successor=world["bob"], owner=world["boss"], actor=world["boss"])

    ho.complete(task, actor=world["boss"], strength=50)

    task.refresh_from_db()
    assert task.status == "done" and task.done_at is not None
    low, high = sorted((world["bob"], world["ceo"]), key=lambda p: p.pk)
    assert Tie.objects.get(kind="relationship", source=low, target=high).strength == 50
    assert acme_score() > without_ann
    with pytest.raises(ValidationError, match="already done"):
        ho.complete(task, actor=world["boss"])


def test_completing_keeps_a_stronger_existing_relationship(world):
    tasks = {t.contact.name: t for t in ho.mark_departed(world["ann"], actor=world["boss"])}
    task = tasks["Vp"]  # Bob already knows the VP at 50
    ho.assign_successor(task, successor=world["bob"], owner=world["boss"], actor=world["boss"])

    ho.complete(task, actor=world["boss"])  # default: weak (20)

    low, high = sorted((world["bob"], world["vp"]), key=lambda p: p.pk)
    assert Tie.objects.get(kind="relationship", source=low, target=high).strength == 50


def test_completing_without_a_successor_is_refused(world):
    task = ho.mark_departed(world["ann"], actor=world["boss"])[0]

    with pytest.raises(ValidationError) as exc:
        ho.complete(task, actor=world["boss"])

    assert "successor" in exc.value.message_dict


def test_mark_left_assign_and_complete_each_leave_an_audit_event(world):
    start = AuditEvent.objects.count()
    task = ho.mark_departed(world["ann"], actor=world["boss"])[0]
    ho.assign_successor(task, successor=world["bob"], owner=world["boss"], actor=world["boss"])
    ho.complete(task, actor=world["boss"])

    events = list(AuditEvent.objects.order_by("pk")[start:].values_list("object_type", "summary"))
    summaries = [s for _, s in events]
    assert ("person", "Ann left") in events
    assert sum(s.startswith("hand-over opened") for s in summaries) == 3
    assert any(s.startswith("hand-over assigned: Ann → Bob: Ceo") for s in summaries)
    assert any(s.startswith("hand-over done: Ann → Bob: Ceo") for s in summaries)
    assert any(kind == "tie" for kind, _ in events)
    assert {e.actor_name for e in AuditEvent.objects.order_by("pk")[start:]} == {"boss"}


def test_a_relationship_from_interactions_alone_gets_a_task_once_it_is_at_least_weak(world):
    acme = world["ceo"].organisation
    dan, eve = person(acme, "Dan"), person(acme, "Eve")
    today = timezone.localdate()
    meal = Interaction(ext_id="meal", date=today, kind="meal")  # 4 points: evidence 33
    services.save_interaction(meal, participants=[world["ann"], dan], actor="test")
    old = Interaction(ext_id="msg", date=today - dt.timedelta(days=720), kind="message")
    services.save_interaction(old, participants=[world["ann"], eve], actor="test")

    tasks = ho.mark_departed(world["ann"], actor=world["boss"])

    names = [t.contact.name for t in tasks]
    assert "Dan" in names and "Eve" not in names
    held = ho.relationships_of(world["ann"])
    assert held[dan.pk].strength == pytest.approx(100 * (1 - math.exp(-0.4)))
    assert held[dan.pk].declared is None
