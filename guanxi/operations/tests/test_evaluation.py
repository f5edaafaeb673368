"""Evaluation by period counts only what falls in the period; managers see their team;
others themselves; exported as CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from guanxi.core.models import Snapshot
from guanxi.deals.models import Deal, DealRole
from guanxi.operations.evaluation import evaluate_period
from guanxi.operations.models import Introduction
from guanxi.people.models import Interaction, Organisation, Person, Tie
from guanxi.people.services import record_tie, save_interaction, save_person


@pytest.fixture
def users(demo_db, db):
    return {u.username: u for u in get_user_model().objects.all()}


def row_of(user, period, employee="ht-ps1", who="all"):
    return next(r for r in evaluate_period(user, period, who) if r["employee"] == employee)


def test_a_period_counts_only_what_falls_in_it(users):
    # given ht-ps1's numbers for 2026-Q2, and three new people at dfb
    admin = users["demo"]
    before = row_of(admin, "2026-Q2")
    dfb = Organisation.objects.get(ext_id="dfb")
    x, y, z = (
        save_person(Person(ext_id=f"t-{c}", name=c, organisation=dfb), actor="test") for c in "xyz"
    )
    me, hr = Person.objects.get(ext_id="ht-ps1"), Person.objects.get(ext_id="ht-hr")
    # when ht-ps1 meets x in May (in) and y in July (out)
    for ext, day, who in (("t-in", dt.date(2026, 5, 10), x), ("t-out", dt.date(2026, 7, 10), y)):
        save_interaction(
            Interaction(ext_id=ext, date=day, kind="meeting"), participants=[me, who], actor="test"
        )
    # and a relationship with z is recorded in June (in), another with y today (out)
    tie = record_tie(source=me, target=z, kind="relationship", strength=50, actor="test")
    Tie.objects.filter(pk=tie.pk).update(recorded_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    record_tie(source=me, target=y, kind="relationship", strength=50, actor="test")
    # and ht-ps1 introduces hr to x in June (in) and to y in August (out)
    for target, day in ((x, dt.date(2026, 6, 1)), (y, dt.date(2026, 8, 1))):
        Introduction.objects.create(
            introducer=me, target=target, requester_person=hr, status="done", done_on=day
        )
    # and a deal with x as approver is won on 2026-06-15 for 1000 (in), another in September
    for ext, day in (("t-d-in", dt.date(2026, 6, 15)), ("t-d-out", dt.date(2026, 9, 1))):
        deal = Deal.objects.create(
            ext_id=ext, name=ext, organisation=dfb, status="won", amount=1000, close_date=day
        )
        DealRole.objects.create(deal=deal, person=x, role="approver")
    # and resources were 100 at March's end, 130 at June's, 170 at September's
    Snapshot.objects.filter(subject_id="ht-ps1", metric="resources").delete()
    for day, value in (("2026-03-31", 100.0), ("2026-06-30", 130.0), ("2026-09-30", 170.0)):
        Snapshot.objects.create(date=day, subject_id="ht-ps1", metric="resources", value=value)
    after = row_of(admin, "2026-Q2")
    # then Q2 counts one more of each, 30 resources gained and x's deal's 1000 (ht-ps1 is the
    # only one of ours who knows x)
    assert after["relationships_strengthened"] == before["relationships_strengthened"] + 1
    assert after["relationships_created"] == before["relationships_created"] + 1
    assert after["introductions"] == before["introductions"] + 1
    assert after["credit"] == pytest.approx(before["credit"] + 1000)
    assert after["resources_gained"] == 30.0


def test_people_see_themselves_and_managers_their_team(users):
    # given the period of this quarter
    lina = {r["employee"] for r in evaluate_period(users["lina"], "2026-Q4", "all")}
    team = {r["employee"] for r in evaluate_period(users["liangwenbo"], "2026-Q4", "team")}
    # then lina sees only herself; the sales director sees himself and lina among his team
    assert lina == {"ht-kam1"}
    assert {"ht-sd", "ht-kam1"} <= team


def test_csv_export_and_a_bad_period(users, client):
    # given the admin
    client.force_login(users["demo"])
    # when the quarter is exported, and a period that is not one is asked
    response = client.get("/ops/evaluation/export.csv?period=2026-Q4&who=all")
    bad = client.get("/ops/evaluation/?period=2026-Q5")
    # then the CSV has the columns and one row per colleague; the bad period is named
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["period", "employee", "name"]
    assert len(rows) - 1 == Person.objects.filter(organisation__kind="own").count()
    assert bad.status_code == 422
    assert "2026-Q5" in bad.content.decode()


def test_xlsx_export_has_the_csv_columns_in_the_readers_language_as_numbers(users, client):
    # given a constructed 2026-Q2: ht-ps1's resources 100 at March's end and 142.5 at June's,
    # and a May meeting with a new dfb person
    me = Person.objects.get(ext_id="ht-ps1")
    dfb = Organisation.objects.get(ext_id="dfb")
    x = save_person(Person(ext_id="t-x", name="x", organisation=dfb), actor="test")
    save_interaction(
        Interaction(ext_id="t-may", date=dt.date(2026, 5, 10), kind="meeting"),
        participants=[me, x],
        actor="test",
    )
    Snapshot.objects.filter(subject_id="ht-ps1", metric="resources").delete()
    for day, value in (("2026-03-31", 100.0), ("2026-06-30", 142.5)):
        Snapshot.objects.create(date=day, subject_id="ht-ps1", metric="resources", value=value)
    client.force_login(users["demo"])
    # when a Chinese reader exports the quarter as XLSX, and as CSV
    response = client.get(
        "/ops/evaluation/export.xlsx?period=2026-Q2&who=all", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    page = client.get("/ops/evaluation/?period=2026-Q2", HTTP_ACCEPT_LANGUAGE="zh-hans")
    csv_rows = list(
        csv.reader(
            io.StringIO(client.get("/ops/evaluation/export.csv?period=2026-Q2&who=all").text)
        )
    )
    # then the page links to it; the workbook has the CSV's columns, headed in Chinese
    assert "/ops/evaluation/export.xlsx?period=2026-Q2" in page.content.decode()
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = [list(r) for r in load_workbook(io.BytesIO(response.content)).active.values]
    assert sheet[0][:3] == ["期间", "员工编号", "姓名"]
    assert "新增关系资源" in sheet[0] and "赢单功劳" in sheet[0]
    assert len(sheet[0]) == len(csv_rows[0])
    # and one row per colleague, as the CSV's, with the numbers as numbers
    assert [r[1] for r in sheet[1:]] == [r[1] for r in csv_rows[1:]]
    mine = dict(zip(csv_rows[0], next(r for r in sheet[1:] if r[1] == "ht-ps1"), strict=True))
    assert mine["period"] == "2026-Q2" and mine["name"] == me.name
    assert mine["resources_gained"] == 42.5
    assert isinstance(mine["relationships_strengthened"], int)
    assert mine["relationships_strengthened"] >= 1
    expected = row_of(users["demo"], "2026-Q2")
    assert mine["relationships_strengthened"] == expected["relationships_strengthened"]
    assert mine["credit"] == pytest.approx(expected["credit"])
