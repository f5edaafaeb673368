"""XLSX of the list pages: every row the page shows the user, over all its pages."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from guanxi.access.services import add_user
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, ours
from guanxi.core.models import AuditEvent
from guanxi.people.models import Organisation, Person, Tie

pytestmark = pytest.mark.django_db


def sheet(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.fixture
def manager(client):
    import_source(DATA / "salesforce", format="salesforce")
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def test_the_accounts_list_as_xlsx_has_every_customer(manager):
    rows = sheet(manager.get("/xlsx/accounts/"))
    # then the header is the page's, and each customer is a row
    assert "Customer" in rows[0][0]
    names = {r[0].split(" ")[0] for r in rows[1:]}
    assert len(rows) == 4 and {"Harbin", "Northwind"} <= names
    assert AuditEvent.objects.filter(action="export", object_id="accounts").exists()


def test_the_deals_list_keeps_the_pages_filter(manager):
    every = sheet(manager.get("/xlsx/deals/"))
    assert len(every) == 4
    assert any("Fleet Telemetry" in str(c) for r in every for c in r)


def test_every_page_of_a_long_list_is_in_the_file(client):
    # given 60 stale relationships (the page shows 50 at a time)
    ours(("li", "Li Na", "li@us.example"))
    li = Person.objects.get(ext_id="li")
    org = Organisation.objects.create(ext_id="c", name="C", kind="customer")
    for n in range(60):
        other = Person.objects.create(ext_id=f"c{n:02}", organisation=org, name=f"Contact {n:02}")
        Tie.objects.create(source=li, target=other, kind="relationship", strength=50)
    client.force_login(add_user(username="meg", role="manager", actor=None))
    # when the list is downloaded
    rows = sheet(client.get("/xlsx/stale/"))
    # then all 60 are there, once each
    assert len(rows) == 61
    assert len({r[0] for r in rows[1:]}) == 60


def test_a_sales_user_gets_only_their_accounts_and_unknown_lists_are_404(client, manager):
    user = add_user(
        username="s",
        role="sales",
        actor=None,
        accounts=[Organisation.objects.get(name="Northwind Logistics")],
    )
    client.force_login(user)
    rows = sheet(client.get("/xlsx/accounts/"))
    assert [r[0].split(" ")[0] for r in rows[1:]] == ["Northwind"]
    assert client.get("/xlsx/nothing/").status_code == 404
