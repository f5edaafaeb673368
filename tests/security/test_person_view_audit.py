"""Every key-person view is audited: one insert for a page shown, none for a 403 or 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guanxi.core.models import AuditEvent
from guanxi.scoring.engine import current_workspace
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db


def views() -> list[tuple[str, str, str]]:
    return list(
        AuditEvent.objects.filter(action="view").values_list(
            "actor_name", "object_type", "object_id"
        )
    )


def test_opening_a_key_person_records_one_view_with_one_insert(demo):
    client = client_for("lina")
    current_workspace()  # warm, as a running server is: the page's own writes are measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/people/dfb-ceo/")
    assert response.status_code == 200
    assert views() == [("lina", "person", "dfb-ceo")]
    event = AuditEvent.objects.get(action="view")
    assert event.actor.username == "lina"
    inserts = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1 and "core_auditevent" in inserts[0]


def test_a_contributors_paths_only_view_is_recorded_too(demo):
    assert client_for("chenjing").get("/people/tyt-ceo/").status_code == 200
    assert views() == [("chenjing", "person", "tyt-ceo")]


@pytest.mark.parametrize(
    ("user", "url", "status"),
    [
        ("lina", "/people/tyt-ceo/", 404),
        ("guest", "/people/dfb-ceo/", 403),
        ("demo", "/people/no-such-person/", 404),
    ],
)
def test_refused_and_missing_pages_record_nothing(demo, user, url, status):
    assert client_for(user).get(url).status_code == status
    assert views() == []
