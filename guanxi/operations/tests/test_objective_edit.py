"""Editing an objective: its planned actions, target, due date and route (the colleague on
one of the best paths), audited; bad input named field by field with nothing written; only
for those who may plan the account."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from guanxi.core.models import AuditEvent
from guanxi.operations.models import Objective
from guanxi.operations.services import create_objective
from guanxi.people.models import Person
from guanxi.scoring.reports import paths_report

TODAY = timezone.localdate()


@pytest.fixture
def users(demo_db, db):
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def objective(users):
    """Lina's objective on Dongfang's President, along the best path."""
    return create_objective(person=Person.objects.get(ext_id="dfb-ceo"), actor=users["lina"])


def test_the_owner_writes_planned_actions_and_chooses_another_best_path(users, objective, client):
    # given lina on her objective's edit page, and the second-best path to the President
    client.force_login(users["lina"])
    second = paths_report("dfb-ceo", k=3)[1]["people"]
    page = client.get(f"/ops/plans/{objective.pk}/edit/").content.decode()
    assert f'value="{second[0]}"' in page
    # when she plans actions, a target of 60 by a date, and the route through that colleague
    due = TODAY + dt.timedelta(days=45)
    response = client.post(
        f"/ops/plans/{objective.pk}/edit/",
        {
            "actions": "Lunch with the office director; invite the President to our summit",
            "target": "60",
            "due": due.isoformat(),
            "colleague": second[0],
            "next": "/accounts/dfb/",
        },
    )
    # then the objective has them, the route is that path, and the change is audited
    assert response.status_code == 302 and response["Location"] == "/accounts/dfb/"
    o = Objective.objects.get(pk=objective.pk)
    assert o.actions.startswith("Lunch with the office director")
    assert (o.target, o.due) == (60.0, due)
    assert o.colleague.ext_id == second[0] and o.route == second
    event = AuditEvent.objects.get(object_type="objective", object_id=str(o.pk), action="update")
    assert "colleague" in str(event.changes) and "actions" in str(event.changes)
    # and the plans page shows the planned actions
    assert "Lunch with the office director" in client.get("/ops/plans/").content.decode()


def test_bad_input_is_named_and_nothing_is_written(users, objective, client):
    # given lina on her objective
    client.force_login(users["lina"])
    before = Objective.objects.filter(pk=objective.pk).values().get()
    # when she sends a target out of range, a due date that is not one, and a colleague who
    # is on none of the best paths
    response = client.post(
        f"/ops/plans/{objective.pk}/edit/",
        {"actions": "x", "target": "140", "due": "next week", "colleague": "ht-zp"},
    )
    # then each field is named, the form is shown again, and nothing changed
    html = response.content.decode()
    assert response.status_code == 422
    assert "Target: a closeness between 0 and 100." in html
    assert "Due: a date (YYYY-MM-DD)." in html
    assert "Colleague: choose one of the best paths." in html
    assert Objective.objects.filter(pk=objective.pk).values().get() == before


def test_only_those_who_may_plan_the_account_edit(users, objective, client):
    # given the contributor and the viewer, who may not plan
    for username, status in (("chenjing", 404), ("guest", 403)):
        client.force_login(users[username])
        # when they open or post the edit page
        got = client.get(f"/ops/plans/{objective.pk}/edit/")
        posted = client.post(f"/ops/plans/{objective.pk}/edit/", {"target": "99"})
        # then they are refused and the target stays
        assert got.status_code in (status, 404) and posted.status_code in (status, 404)
    assert Objective.objects.get(pk=objective.pk).target == objective.target
