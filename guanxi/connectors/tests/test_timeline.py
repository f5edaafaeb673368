"""The activity timeline of an account or a person: newest first, by kind, within scope."""

from __future__ import annotations

import doctest

import pytest

import guanxi.connectors.identity
from guanxi.access.services import add_user
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA
from guanxi.people.models import Organisation

pytestmark = pytest.mark.django_db
HARBIN = "sf:0015g00000AbCdE"


@pytest.fixture
def manager(client):
    import_source(DATA / "salesforce", format="salesforce")
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def dates(html: str) -> list[str]:
    table = html.split('data-testid="timeline"')[1].split("</table>")[0]
    return [cell.split("</td>")[0] for cell in table.split('<td class="where">')[1:]]


def test_an_accounts_timeline_is_newest_first_and_filters_by_kind(manager):
    # when Harbin Power Group's timeline is opened, then filtered to calls
    every = manager.get(f"/timeline/?account={HARBIN}").content.decode()
    calls = manager.get(f"/timeline/?account={HARBIN}&kind=call").content.decode()
    # then its two interactions show newest first, and the filter keeps the call
    assert dates(every) == ["2024-09-20", "2024-09-12"]
    assert dates(calls) == ["2024-09-20"]
    assert "Fang Wang" in calls


def test_a_persons_timeline_lists_their_interactions(manager):
    html = manager.get("/timeline/?person=sf:0055g00000UsR02").content.decode()
    assert dates(html) == ["2024-10-10", "2024-10-02", "2024-09-12"]


def test_an_account_outside_the_users_scope_is_an_unknown_id(manager, client):
    # given a sales user of Northwind only
    user = add_user(
        username="s",
        role="sales",
        actor=None,
        accounts=[Organisation.objects.get(name="Northwind Logistics")],
    )
    client.force_login(user)
    # then Harbin's timeline answers as an unknown id would
    assert client.get(f"/timeline/?account={HARBIN}").status_code == 404
    assert client.get("/timeline/?account=nope").status_code == 404


def test_identity_examples_run():
    result = doctest.testmod(guanxi.connectors.identity)
    assert result.attempted == 4 and result.failed == 0
