"""Staleness: the last contact of declared relationships, stale ones listed and reconfirmed."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxi.access.services import add_user
from guanxi.connectors.staleness import relationship_freshness
from guanxi.connectors.tests.helpers import ours
from guanxi.core.models import AuditEvent, Workspace
from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def ties():
    """Li Na's three declared relationships: confirmed long ago but met last week; confirmed
    long ago only; never confirmed nor met. Plus a meeting planned for next month."""
    ours(("li", "Li Na", "li@us.example"))
    li = Person.objects.get(ext_id="li")
    org = Organisation.objects.create(ext_id="c", name="Customer", kind="customer")
    met, old, never = (
        Person.objects.create(ext_id=x, organisation=org, name=x.title())
        for x in ("met", "old", "never")
    )
    for other, confirmed in ((met, days_ago(400)), (old, days_ago(400)), (never, None)):
        Tie.objects.create(
            source=li, target=other, kind="relationship", strength=60, last_confirmed=confirmed
        )
    for ext, date, person in (("i1", days_ago(7), met), ("i2", TODAY + dt.timedelta(30), old)):
        meeting = Interaction.objects.create(ext_id=ext, date=date, kind="meeting")
        Participation.objects.create(interaction=meeting, person=li, position=0)
        Participation.objects.create(interaction=meeting, person=person, position=1)
    return li


def test_last_contact_is_the_latest_meeting_or_confirmation(ties):
    # when the freshness is read (as the system)
    rows = {r.target_id: (r.last_contact, r.stale) for r in relationship_freshness(None)}
    # then the meeting last week counts, a planned meeting does not, never is stale
    assert rows == {
        "never": (None, True),
        "old": (days_ago(400), True),
        "met": (days_ago(7), False),
    }


def test_the_workspace_setting_decides_how_old_is_stale(ties):
    # given a workspace that calls a relationship stale after 5 days
    Workspace.objects.update_or_create(pk=1, defaults={"scoring": {"stale_after_days": 5}})
    # then last week's meeting is stale too
    assert all(r.stale for r in relationship_freshness(None))


def test_the_page_lists_stale_relationships_and_one_click_reconfirms(ties, client, settings):
    # given a manager
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(add_user(username="meg", role="manager", actor=None))
    # when the page is opened
    html = client.get("/relationships/stale/").content.decode()
    # then the two stale ones are listed, the fresh one is not
    assert "Never" in html and "Old" in html and ">Met<" not in html
    # when "old" is reconfirmed
    tie = Tie.objects.get(target__ext_id="old")
    client.post("/relationships/stale/", {"tie": tie.pk})
    # then it is confirmed today, audited, and no longer stale
    tie.refresh_from_db()
    assert tie.last_confirmed == TODAY
    assert AuditEvent.objects.filter(summary__contains="reconfirmed").exists()
    table = client.get("/relationships/stale/").content.decode().split('data-testid="stale-list"')
    assert "Old" not in table[1] and "Never" in table[1]


def test_a_viewer_cannot_open_the_list(ties, client):
    client.force_login(add_user(username="v", role="viewer", actor=None))
    assert client.get("/relationships/stale/").status_code == 403
