"""The audit log page (/audit/): admins only, filters, pages, old → new values readably."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from guanxi.access.services import add_user
from guanxi.core import audit
from guanxi.core.models import AuditEvent
from guanxi.core.services import save_audited
from guanxi.people.models import Organisation
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(fast_hashing):
    return add_user(username="root", role="admin", actor=None)


def rows(response) -> int:
    return response.content.decode().count("<tr data-event=")


def test_an_admin_reads_who_changed_what_from_old_to_new(admin):
    # given a customer created and then renamed by the admin
    org = save_audited(Organisation(ext_id="acme", name="Acme", kind="customer"), actor=admin)
    org.name = "Acme Holdings"
    save_audited(org, actor=admin)
    # when the admin opens the audit log
    response = client_for("root").get("/audit/")
    # then the rename reads as name: old → new, with who and what
    html = response.content.decode()
    assert response.status_code == 200
    rename = html.split('<tr data-event="')[1].split("</tr>")[0]
    assert "root" in rename and "updated" in rename and "organisation" in rename
    assert 'class="old" title="Acme">Acme</span><span class="arrow">→</span>' in rename
    assert 'class="new" title="Acme Holdings">Acme Holdings</span>' in rename


@pytest.mark.parametrize("role", ["manager", "sales", "contributor", "viewer"])
def test_everyone_but_admins_is_refused(fast_hashing, role):
    add_user(username="someone", role=role, actor=None)
    assert client_for("someone").get("/audit/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get("/audit/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_filters_by_user_action_object_type_and_text(admin):
    audit.record(actor="ann", action="view", object_type="person", object_id="p1", summary="a")
    audit.record(actor="bob", action="view", object_type="person", object_id="p2", summary="b")
    audit.record(actor="ann", action="update", object_type="deal", object_id="d1", summary="big")
    client = client_for("root")

    assert rows(client.get("/audit/?user=ann")) == 2
    assert rows(client.get("/audit/?user=ANN&action=view")) == 1
    assert rows(client.get("/audit/?object_type=deal")) == 1
    assert rows(client.get("/audit/?q=p2")) == 1
    assert rows(client.get("/audit/?q=big&user=bob")) == 0


def test_filters_by_a_date_range_of_whole_days(admin):
    old = audit.record(actor="ann", action="view", object_type="person", object_id="old")
    audit.record(actor="ann", action="view", object_type="person", object_id="new")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=10))
    today = timezone.localdate()
    client = client_for("root")

    since = client.get(f"/audit/?since={today - dt.timedelta(days=1)}&user=ann")
    until = client.get(f"/audit/?until={today - dt.timedelta(days=5)}&user=ann")
    day = client.get(f"/audit/?since={today}&until={today}&user=ann")

    assert rows(since) == 1 and "new" in since.content.decode()
    assert rows(until) == 1 and ">old<" in until.content.decode()
    assert rows(day) == 1


def test_a_bad_date_is_said_and_shows_nothing(admin):
    audit.record(actor="ann", action="view", object_type="person", object_id="p1")
    response = client_for("root").get("/audit/?since=yesterday")
    assert response.status_code == 200
    assert rows(response) == 0
    assert "Enter a valid date" in response.content.decode()


def test_pages_of_fifty_newest_first_in_a_bounded_number_of_queries(
    admin, django_assert_max_num_queries
):
    for i in range(60):
        audit.record(actor="ann", action="view", object_type="person", object_id=f"p{i:02d}")
    client = client_for("root")
    with django_assert_max_num_queries(12):
        first = client.get("/audit/?user=ann")
    second = client.get("/audit/?user=ann&page=2")
    assert rows(first) == 50 and rows(second) == 10
    assert first.content.decode().index("p59") < first.content.decode().index("p58")
    assert "Page 2 of 2" in second.content.decode()
