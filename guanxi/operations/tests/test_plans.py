"""Account plans: one-click objectives from plan targets, progress from snapshots, the plans
page (mine, team, all), the dashboard summary, and who may see and plan what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from guanxi.core.audit import current_data_version
from guanxi.core.models import AuditEvent, Snapshot
from guanxi.operations.models import Objective
from guanxi.scoring.reports import account_report, paths_report


@pytest.fixture
def login(demo_db, db, client):
    def as_(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_


def closeness_of(account: str, person: str) -> float:
    return next(p["closeness"] for p in account_report(account)["people"] if p["id"] == person)


def test_one_click_makes_an_objective_from_a_plan_target(login):
    # given lina (sales on dfb) and a plan target of dfb
    client = login("lina")
    target = account_report("dfb")["plan_targets"][0]
    version = current_data_version()
    # when she clicks the target's button
    response = client.post("/ops/plans/new/", {"person": target, "next": "/accounts/dfb/"})
    # then an objective is owned by her, starts at today's closeness, follows the best path,
    # is due in 90 days, is audited, and no score was touched
    assert response.status_code == 302
    o = Objective.objects.get(person__ext_id=target)
    assert o.owner.username == "lina"
    assert o.baseline == pytest.approx(closeness_of("dfb", target))
    assert o.target > o.baseline
    assert o.route == paths_report(target, k=1)[0]["people"]
    assert o.colleague.ext_id == o.route[0]
    assert o.due == timezone.localdate() + dt.timedelta(days=90)
    assert AuditEvent.objects.filter(object_type="objective", object_id=str(o.pk)).exists()
    assert current_data_version() == version


def test_progress_comes_from_the_persons_closeness_snapshots(login):
    # given an objective from 20 to 60 started 30 days ago, due in 30 days
    client = login("demo")
    client.post("/ops/plans/new/", {"person": "dfb-ceo", "target": "99"})
    o = Objective.objects.get(person__ext_id="dfb-ceo")
    today = timezone.localdate()
    Objective.objects.filter(pk=o.pk).update(
        baseline=20.0,
        target=60.0,
        start=today - dt.timedelta(days=30),
        due=today + dt.timedelta(days=30),
    )
    Snapshot.objects.filter(subject_id="dfb-ceo", metric="closeness").delete()
    Snapshot.objects.create(
        date=today - dt.timedelta(days=40), subject_id="dfb-ceo", metric="closeness", value=55.0
    )
    Snapshot.objects.create(
        date=today - dt.timedelta(days=10), subject_id="dfb-ceo", metric="closeness", value=30.0
    )
    # when the plans page is opened
    html = client.get("/ops/plans/?who=all").content.decode()
    # then the objective's progress is the snapshot since the start: (30-20)/40 = 25 % of the
    # way at half the time, so it is off track
    row = html[html.index(f'data-objective="{o.pk}"') :]
    assert 'data-state="off_track"' in row[:60]
    assert 'title="25%"' in row[: row.index("</tr>")]


def test_plans_page_mine_team_and_all(login):
    # given an objective of lina's and one of the admin's
    login("lina").post("/ops/plans/new/", {"person": "dfb-ceo", "target": "99"})
    client = login("demo")
    client.post("/ops/plans/new/", {"person": "tyt-cto", "target": "99"})
    # when the admin lists mine and all, and lina lists all
    mine = client.get("/ops/plans/?who=mine").content.decode()
    everything = client.get("/ops/plans/?who=all").content.decode()
    lina_all = login("lina").get("/ops/plans/?who=all").content.decode()
    # then mine is only the admin's, all is both, and lina sees none of tyt (not her account)
    assert "/people/tyt-cto/" in mine and "/people/dfb-ceo/" not in mine
    assert "/people/tyt-cto/" in everything and "/people/dfb-ceo/" in everything
    assert "/people/dfb-ceo/" in lina_all and "tyt-cto" not in lina_all


def test_team_view_shows_the_reports_objectives(login):
    # given lina's objective; the manager liangwenbo heads the sales team lina reports into
    login("lina").post("/ops/plans/new/", {"person": "dfb-ceo", "target": "99"})
    # when the manager opens his team's plans
    team = login("liangwenbo").get("/ops/plans/?who=team").content.decode()
    # then lina's objective is there
    assert "/people/dfb-ceo/" in team


def test_nobody_plans_for_a_person_they_may_not_see(login):
    # given lina, who may not see tyt's people
    response = login("lina").post("/ops/plans/new/", {"person": "tyt-cto"})
    # then it answers as for an unknown person and nothing is created
    assert response.status_code == 404
    assert not Objective.objects.exists()


def test_bad_targets_are_refused_with_a_reason(login):
    # given the admin
    client = login("demo")
    # when the target is below today's closeness or not a number
    low = client.post("/ops/plans/new/", {"person": "dfb-ceo", "target": "1"})
    word = client.post("/ops/plans/new/", {"person": "dfb-ceo", "target": "lots"})
    # then both are refused with a plain reason and nothing is created
    assert low.status_code == word.status_code == 422
    assert "already at" in low.content.decode()
    assert not Objective.objects.exists()


def test_dashboard_summary_counts_objectives_on_track(login):
    # given two objectives of the admin, one achieved by hand
    client = login("demo")
    client.post("/ops/plans/new/", {"person": "dfb-ceo", "target": "99"})
    client.post("/ops/plans/new/", {"person": "tyt-cto", "target": "99"})
    done = Objective.objects.get(person__ext_id="tyt-cto")
    Objective.objects.filter(pk=done.pk).update(start=timezone.localdate() - dt.timedelta(days=80))
    client.post(f"/ops/plans/{done.pk}/status/", {"status": "achieved"})
    # when the dashboard's summary is loaded
    html = client.get("/ops/plans/summary/").content.decode()
    # then: the achieved one and the fresh one (no time gone) are on track
    assert "2 of 2" in html
