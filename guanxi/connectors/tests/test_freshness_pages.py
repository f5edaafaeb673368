"""Staleness wherever a relationship is shown: the stale mark with its one-click reconfirm on
the person, employee and account pages, and "last contact" on the lists and their XLSX."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook

from guanxi.access import facade
from guanxi.access.services import add_user
from guanxi.connectors.tests.helpers import ours
from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def people():
    """Li Na of ours knows three people of Customer: met last week (confirmed long ago),
    confirmed 400 days ago only, and never confirmed nor met; a meeting next month too."""
    ours(("li", "Li Na", "li@us.example"))
    li = Person.objects.get(ext_id="li")
    org = Organisation.objects.create(ext_id="c", name="Customer", kind="customer")
    met, old, never = (
        Person.objects.create(ext_id=x, organisation=org, name=f"{x.title()} Person")
        for x in ("met", "old", "never")
    )
    for other, confirmed in ((met, days_ago(400)), (old, days_ago(400)), (never, None)):
        Tie.objects.create(
            source=li, target=other, kind="relationship", strength=60, last_confirmed=confirmed
        )
    for ext, date, person in (("i1", days_ago(7), met), ("i2", days_ago(-30), old)):
        meeting = Interaction.objects.create(ext_id=ext, date=date, kind="meeting")
        Participation.objects.create(interaction=meeting, person=li, position=0)
        Participation.objects.create(interaction=meeting, person=person, position=1)
    return li


@pytest.fixture
def manager(client, people):
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</section>")[0]


def test_the_person_page_marks_a_stale_relationship_and_reconfirms_it_in_one_click(manager):
    # when the key-person page of Old is opened
    html = manager.get("/people/old/").content.decode()
    ours_part = section(html, "our-people")
    # then Li Na's relationship is marked stale, the tooltip gives the date and the rule
    assert 'data-testid="stale-mark"' in ours_part
    assert f"Last contact {days_ago(400)}" in ours_part and "365 days" in ours_part
    # when the reconfirm button is clicked
    tie = Tie.objects.get(target__ext_id="old")
    answer = manager.post("/relationships/stale/", {"tie": tie.pk, "next": "/people/old/"})
    # then the user is back on the page, where the mark is gone
    assert answer.status_code == 302 and answer["Location"] == "/people/old/"
    again = section(manager.get("/people/old/").content.decode(), "our-people")
    assert "stale-mark" not in again and "Li Na" in again


def test_a_fresh_relationship_has_no_mark(manager):
    html = manager.get("/people/met/").content.decode()
    assert "stale-mark" not in section(html, "our-people")


def test_reconfirm_goes_back_only_to_this_site(manager):
    tie = Tie.objects.get(target__ext_id="never")
    answer = manager.post("/relationships/stale/", {"tie": tie.pk, "next": "https://evil.example/"})
    assert answer["Location"] == "/relationships/stale/"


def test_the_employee_page_lists_last_contact_with_stale_marks(manager):
    html = manager.get("/employees/li/").content.decode()
    table = html.split('data-testid="employee-relationships"')[1].split("</table>")[0]
    cells = table.split('data-testid="relationship-last-contact"')[1:]
    shown = sorted(
        (c.split("</td>")[0].count('data-testid="stale-mark"'), days_ago(7) in c, ">never<" in c)
        for c in (cell.split("</td>")[0] for cell in cells)
    )
    # then one row per relationship: met fresh, old and never stale (never shown plainly)
    assert shown == [(0, True, False), (1, False, False), (1, False, True)]
    assert table.count('data-testid="reconfirm"') == 2


def test_the_account_page_lists_its_relationships_stalest_first(manager):
    html = manager.get("/accounts/c/").content.decode()
    part = section(html, "account-relationships")
    rows = part.split("<tr")[2:]
    # then never first, then 400 days ago, then last week; two stale, each with its button
    assert "Never Person" in rows[0] and ">never<" in rows[0]
    assert "Old Person" in rows[1] and days_ago(400) in rows[1]
    assert "Met Person" in rows[2] and days_ago(7) in rows[2]
    assert part.count('data-testid="stale-mark"') == 2 and part.count("reconfirm") >= 2
    # and the graph's ties carry the same marks, for its side panel
    graph = json.loads(html.split('id="account-graph" type="application/json">')[1].split("</")[0])
    stale = {(e["target"], e["last_contact"]) for e in graph["edges"] if e.get("stale")}
    assert stale == {("never", ""), ("old", days_ago(400))}
    # and the account's lists of people say when we were last in contact with each
    shown = set(re.findall(r'person-last-contact">Last contact: ([^<]*)<', html))
    assert shown == {days_ago(7), days_ago(400), "never"}


def test_last_contact_of_people_counts_the_other_side_only(people, admin_user):
    # given a meeting of two customer people only, yesterday (not a contact with us)
    inside = Interaction.objects.create(ext_id="i3", date=days_ago(1), kind="meeting")
    for n, ext in enumerate(("old", "never")):
        person = Person.objects.get(ext_id=ext)
        Participation.objects.create(interaction=inside, person=person, position=n)
    # when the last contacts are read
    found = facade.last_contact_of(admin_user, ["li", "met", "old", "never"])
    # then ours' is last week's meeting; old's the confirmation; the plan and the inside
    # meeting are no contact
    assert {k: v and v.isoformat() for k, v in found.items()} == {
        "li": days_ago(7),
        "met": days_ago(7),
        "old": days_ago(400),
        "never": None,
    }


def test_the_employee_list_and_its_xlsx_have_last_contact(manager):
    html = manager.get("/employees/").content.decode()
    assert "Last contact" in html and days_ago(7) in html.split('data-testid="employee-table"')[1]
    book = load_workbook(io.BytesIO(manager.get("/xlsx/employees/").content))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    column = rows[0].index("Last contact")
    assert [r[column] for r in rows[1:]] == [days_ago(7)]


def test_a_user_who_may_not_change_the_tie_gets_no_button(rf):
    # given a stale mark the user may not reconfirm
    mark = facade.freshness.Mark(1, None, True, False, 365)
    html = render_to_string(
        "connectors/partials/freshness.html", {"mark": mark}, request=rf.get("/")
    )
    # then the mark and its reason show, the button does not
    assert "stale-mark" in html and "No contact recorded" in html
    assert "reconfirm" not in html.split("title=")[0] and "<button" not in html


def test_a_sales_user_cannot_reconfirm_a_tie_outside_their_accounts(people, client):
    other = Organisation.objects.create(ext_id="o", name="Other", kind="customer")
    client.force_login(add_user(username="s", role="sales", actor=None, accounts=[other]))
    tie = Tie.objects.get(target__ext_id="old")
    assert client.post("/relationships/stale/", {"tie": tie.pk}).status_code == 404
    tie.refresh_from_db()
    assert tie.last_confirmed.isoformat() == days_ago(400)


def test_a_tie_known_from_interactions_only_shows_its_last_contact_and_is_never_stale(
    people, admin_user
):
    # given a customer person Li Na met 10 days ago, with no declared relationship
    customer = Organisation.objects.get(ext_id="c")
    ev = Person.objects.create(ext_id="ev", organisation=customer, name="Ev")
    lunch = Interaction.objects.create(ext_id="i4", date=days_ago(10), kind="meal")
    Participation.objects.create(interaction=lunch, person=people, position=0)
    Participation.objects.create(interaction=lunch, person=ev, position=1)
    # when the marks of Li Na's ties are read
    marks = facade.marks_with(admin_user, "li", ["met", "old", "ev"])
    # then the undeclared tie has its last contact, nothing to reconfirm, and is not stale
    ev_mark = facade.mark_for(marks, "li", "ev")
    assert (ev_mark.last_contact.isoformat(), ev_mark.stale, ev_mark.may_reconfirm) == (
        days_ago(10),
        False,
        False,
    )
    old = facade.mark_for(marks, "old", "li")
    assert (old.last_contact.isoformat(), old.stale, old.may_reconfirm) == (
        days_ago(400),
        True,
        True,
    )


def test_a_way_in_through_a_go_between_marks_our_stale_tie_with_them(manager):
    # given Old, whom Li Na has not been in contact with for 400 days, influences Met
    Tie.objects.create(
        source=Person.objects.get(ext_id="old"),
        target=Person.objects.get(ext_id="met"),
        kind="influence",
        strength=70,
    )
    # when Met's page is opened
    html = manager.get("/people/met/").content.decode()
    ours_part = section(html, "our-people").split("Through an influencer")[1]
    # then the way in through Old carries the stale mark of Li Na's tie with Old
    assert "via" in ours_part and ours_part.count('data-testid="stale-mark"') == 1


def test_the_stale_list_offers_reconfirm_on_each_tie_the_user_may_change(manager):
    html = manager.get("/relationships/stale/").content.decode()
    table = html.split('data-testid="stale-list"')[1]
    assert table.count('name="tie"') == 2 and "Old Person" in table


def test_last_contact_is_told_only_of_people_the_user_may_see(people, client):
    # given a viewer (company-wide numbers, no customer person) and a sales user elsewhere
    viewer = add_user(username="v", role="viewer", actor=None)
    other = Organisation.objects.create(ext_id="o", name="Other", kind="customer")
    sales = add_user(username="s", role="sales", actor=None, accounts=[other])
    # then the viewer's employee list has Li Na's last contact, and neither hears of Old's
    client.force_login(viewer)
    assert days_ago(7) in client.get("/employees/").content.decode()
    assert facade.last_contact_of(viewer, ["old", "li"]).keys() == {"li"}
    assert facade.last_contact_of(sales, ["old"]) == {}
