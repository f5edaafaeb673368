"""Trend lines on the person, employee and account pages, and who may read them."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model

from guanxi.core.models import Snapshot


@pytest.fixture
def login(demo_db, db, client):
    def as_(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_


def chart_of(html: str) -> dict:
    return json.loads(
        re.search(
            r'<script id="trend-\w+-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )


@pytest.mark.parametrize(
    ("kind", "subject", "metric"),
    [
        ("person", "dfb-ceo", "closeness"),
        ("employee", "ht-kam1", "resources"),
        ("account", "dfb", "score"),
    ],
)
def test_trend_partial_draws_the_recorded_values_oldest_first(login, kind, subject, metric):
    # given the demo's monthly snapshots
    rows = Snapshot.objects.filter(subject_id=subject, metric=metric).order_by("date")
    # when the admin opens the trend partial
    chart = chart_of(login("demo").get(f"/ops/trend/{kind}/{subject}/").content.decode())
    # then it draws one point per snapshot, oldest first
    assert len(rows) >= 12
    assert chart["labels"] == [r.date.isoformat() for r in rows]
    assert chart["series"][0]["values"] == [round(r.value, 1) for r in rows]


def test_person_page_asks_for_its_trend(login):
    # given the admin on a key person's page
    html = login("demo").get("/people/dfb-ceo/").content.decode()
    # then the page loads the trend partial
    assert 'hx-get="/ops/trend/person/dfb-ceo/"' in html


def test_a_hidden_persons_trend_answers_as_unknown(login):
    # given lina, who may not see tyt's people, and a colleague's employee view
    client = login("lina")
    # then a hidden person's trend is the 404 of an unknown id; a colleague's resources a 403
    assert client.get("/ops/trend/person/tyt-cto/").status_code == 404
    assert client.get("/ops/trend/person/nobody/").status_code == 404
    assert client.get("/ops/trend/employee/ht-ps1/").status_code == 403
    assert client.get("/ops/trend/employee/ht-kam1/").status_code == 200


def test_snapshot_rows_name_only_people_the_user_may_see(login):
    # given the snapshots through the choke point for lina (sales) and guest (viewer)
    from guanxi.access.permissions import restrict
    from guanxi.access.visibility import visible_ids

    User = get_user_model()
    lina, guest = User.objects.get(username="lina"), User.objects.get(username="guest")
    lina_rows = restrict(lina, Snapshot.objects.filter(metric="closeness"))
    people = set(lina_rows.values_list("subject_id", flat=True))
    # then lina's closeness rows are of people she may see, and her resources only hers
    assert people
    assert visible_ids(lina, people) == people
    assert set(
        restrict(lina, Snapshot.objects.filter(metric="resources")).values_list(
            "subject_id", flat=True
        )
    ) == {"ht-kam1"}
    # and a viewer (dashboards only) gets no customer person's closeness
    assert not restrict(guest, Snapshot.objects.filter(metric="closeness")).exists()
