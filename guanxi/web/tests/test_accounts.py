"""The customer pages (客户关系图谱): the list of customers with scores, and the
whole-customer view with its graph, centres and permissions, on the demo workspace."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model

from guanxi.demo.load import load_demo
from guanxi.scoring.engine import current_workspace, forget_warm_workspace
from guanxi.scoring.reports import account_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    forget_warm_workspace()
    load_demo(actor="test")
    yield
    forget_warm_workspace()


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def graph_json(html: str, script_id: str) -> dict:
    match = re.search(
        rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, f"no graph data {script_id}"
    return json.loads(match.group(1))


def test_list_shows_every_customer_with_its_score_and_level(demo, client):
    login(client, "demo")

    response = client.get("/accounts/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="account-table"' in html
    for account in ("dfb", "jng", "qlp", "qln", "rhg", "stl", "tyt"):
        assert f'data-account="{account}"' in html
    dfb = account_report("dfb")
    assert f">{round(dfb['score'])}</td>" in html
    assert "Dongfang Bank" in html and "banking" in html


def test_list_sorts_by_score_and_filters_by_level_and_tier(demo, client):
    login(client, "demo")

    ascending = client.get("/accounts/?sort=score").content.decode()
    weak = client.get("/accounts/?level=weak").content.decode()
    strategic = client.get("/accounts/?tier=strategic").content.decode()

    order = re.findall(r'data-account="(\w+)"', ascending)
    assert order[0] == "tyt" and order[-1] == "jng"
    assert set(re.findall(r'data-account="(\w+)"', weak)) == {"rhg", "stl", "tyt"}
    assert set(re.findall(r'data-account="(\w+)"', strategic)) == {"dfb", "jng"}


def test_list_costs_a_bounded_number_of_queries(demo, client, django_assert_max_num_queries):
    login(client, "demo")
    current_workspace()  # warm, as it is between requests
    client.get("/accounts/")

    with django_assert_max_num_queries(12):
        response = client.get("/accounts/?sort=-people")

    assert response.status_code == 200


def test_sales_see_only_their_accounts_in_the_list(demo, client):
    login(client, "lina")

    html = client.get("/accounts/").content.decode()

    assert set(re.findall(r'data-account="(\w+)"', html)) == {"dfb", "jng"}


def test_account_page_shows_score_graph_centres_and_targets(demo, client):
    login(client, "demo")
    view = account_report("dfb")

    response = client.get("/accounts/dfb/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="relationship-graph"' in html and 'data-graph="account-graph"' in html
    assert f'<span class="big">{round(view["score"])}</span>' in html
    data = graph_json(html, "account-graph")
    ids = {n["id"] for n in data["nodes"]}
    assert {p["id"] for p in view["people"]} <= ids  # all 200 of the bank and more
    assert len(data["nodes"]) > len(view["people"]) >= 199
    assert data["layout"] == "hierarchy"
    assert {n["id"] for n in data["nodes"] if n["power_centre"]} == set(view["power_centres"])
    power = html.split('data-testid="power-centres"')[1].split("</section>")[0]
    for pid in view["power_centres"]:
        assert f'href="/people/{pid}/"' in power
    targets = html.split('data-testid="plan-targets"')[1].split("</section>")[0]
    for pid in view["plan_targets"]:
        assert f"/people/{pid}/#paths" in targets
    assert 'data-testid="what-weighs-most"' in html
    assert 'data-graph-toggle="influence"' in html and 'data-graph-toggle="competitor"' in html


def test_account_page_404_for_unknown_ids_and_non_customers(demo, client):
    login(client, "demo")

    assert client.get("/accounts/nobody/").status_code == 404
    assert client.get("/accounts/lx/").status_code == 404  # a competitor


def test_sales_user_may_not_open_another_account(demo, client):
    login(client, "lina")

    assert client.get("/accounts/dfb/").status_code == 200
    # an account she may not see answers as an unknown one would: nothing confirms it exists
    assert client.get("/accounts/tyt/").status_code == 404


def test_account_page_lists_competitors_against_our_closeness(demo, client):
    login(client, "demo")

    html = client.get("/accounts/dfb/").content.decode()

    rivals = html.split('data-testid="competitors"')[1].split("</section>")[0]
    assert "Lanxin Technology" in rivals
    assert "weighted closeness" in rivals
