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


def test_the_period_filter_keeps_the_interactions_of_that_period(manager):
    # given Harbin's interactions of September 2024
    # when the last three years, then the last 30 days, are asked for
    recent = manager.get(f"/timeline/?account={HARBIN}&period=1095").content.decode()
    month = manager.get(f"/timeline/?account={HARBIN}&period=30").content.decode()
    # then the interactions fall in the first and not in the second (dates are fixed in 2024)
    assert dates(recent) == ["2024-09-20", "2024-09-12"]
    assert dates(month) == [] and "No interaction recorded." in month


def test_the_account_and_person_pages_embed_the_timeline(manager):
    # when Harbin's account page and Fang Wang's person page are opened
    from guanxi.people.models import Person

    fang = Person.objects.get(name="Fang Wang").ext_id
    account = manager.get(f"/accounts/{HARBIN}/").content.decode()
    person = manager.get(f"/people/{fang}/").content.decode()
    # then each loads its own timeline in place
    for html, query in ((account, f"account={HARBIN}"), (person, f"person={fang}")):
        card = html.split('data-testid="activity-card"')[1].split("</section>")[0]
        assert f"/timeline/?{query.replace(':', '%3A')}&amp;embed=1" in card
    # and the embedded part is the filters and rows alone, filtering in place
    part = manager.get(f"/timeline/?account={HARBIN}&embed=1&kind=call").content.decode()
    assert "<html" not in part and 'hx-target="#timeline-body"' in part
    assert dates(part) == ["2024-09-20"] and 'name="embed" value="1"' in part


def test_the_embedded_timeline_pages_by_twenty_with_links_to_the_timeline(manager):
    # given a person with 25 calls
    from guanxi.people.models import Interaction, Participation, Person

    person = Person.objects.get(ext_id="sf:0055g00000UsR02")
    for n in range(25):
        call = Interaction.objects.create(ext_id=f"c{n}", date=f"2023-01-{n + 1:02d}", kind="call")
        Participation.objects.create(interaction=call, person=person, position=0)
    # when the embedded timeline is read, then its second page
    first = manager.get(f"/timeline/?person={person.ext_id}&embed=1").content.decode()
    older = first.split('data-testid="timeline-older"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = manager.get(older.replace("&amp;", "&")).content.decode()
    # then 20 newest first, the link stays on the embedded timeline, and the rest follows
    assert len(dates(first)) == 20 and dates(first)[0] == "2024-10-10"
    assert older.startswith("/timeline/?") and "embed=1" in older and "page=2" in older
    assert dates(second)[-1] == "2023-01-01" and len(dates(second)) == 8
