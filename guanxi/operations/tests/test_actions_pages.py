"""The next-best-action partials of the account and deal pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.operations import reports


@pytest.fixture
def login(demo_db, db, client):
    def as_(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_


def test_account_page_loads_its_next_best_actions(login):
    # given the admin on the dfb account page
    client = login("demo")
    page = client.get("/accounts/dfb/")
    # then the page asks for the actions partial, which lists the report's actions in order
    assert page.status_code == 200
    assert 'hx-get="/ops/accounts/dfb/actions/"' in page.content.decode()
    partial = client.get("/ops/accounts/dfb/actions/").content.decode()
    expected = reports.account_actions_report("dfb")
    assert expected
    positions = [
        partial.index(f'data-person="{a["person"]}" data-employee="{a["employee"]}"')
        for a in expected
    ]
    assert positions == sorted(positions)


def test_deal_actions_partial_is_refused_to_a_contributor(login):
    # given chenjing (a contributor, who does not see deals)
    client = login("chenjing")
    # when she asks for a deal's actions
    response = client.get("/ops/deals/tyt-d1/actions/")
    # then it is refused
    assert response.status_code == 403


def test_hidden_account_actions_answer_as_unknown(login):
    # given lina, who may not see tyt
    client = login("lina")
    # then tyt's actions answer like an unknown account's
    assert client.get("/ops/accounts/tyt/actions/").status_code == 404
    assert client.get("/ops/accounts/nope/actions/").status_code == 404
