"""The key-person page (关键人): influencers, our people, competitors, best paths (from anyone
or from one colleague), deals, and who may see what, on the demo workspace."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model

from guanxi.demo.load import load_demo
from guanxi.people.models import Person
from guanxi.scoring.engine import forget_warm_workspace
from guanxi.scoring.reports import paths_report, person_report

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


def graph_json(html: str) -> dict:
    match = re.search(
        r'<script id="person-graph" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "no graph data"
    return json.loads(match.group(1))


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</section>")[0]


def test_key_person_page_shows_influencers_our_people_paths_and_deals(demo, client):
    login(client, "demo")
    view = person_report("dfb-ceo")

    response = client.get("/people/dfb-ceo/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="relationship-graph"' in html
    data = graph_json(html)
    assert data["centre"] == "dfb-ceo"
    ids = {n["id"] for n in data["nodes"]}
    assert {i["id"] for i in view["inside"]} <= ids
    assert {i["id"] for i in view["ours"]["direct"]} <= ids
    assert any(e["on_path"] for e in data["edges"])
    inside = section(html, "inside-influencers")
    for entry in view["inside"]:
        assert f'href="/people/{entry["id"]}/"' in inside
    paths = section(html, "best-paths")
    assert len(re.findall(r"data-graph-path=", paths)) == len(view["paths"]) > 0
    assert f"{view['paths'][0]['strength']:.2f}" in paths
    assert "→" in paths
    deals = section(html, "person-deals")
    for role in view["deals"]:
        assert f'href="/deals/{role["deal_id"]}/"' in deals


def test_paths_read_as_chains_of_names(demo, client):
    login(client, "demo")
    best = paths_report("dfb-ceo")[0]

    html = client.get("/people/dfb-ceo/").content.decode()

    chain = section(html, "best-paths").split("data-graph-path=")[1]
    names = re.findall(r'class="side-\w+">([^<(]+)', chain.split("</li>")[0])
    assert len(names) == len(best["people"])
    assert chain.startswith(f'"{" ".join(best["people"])}"')


def test_paths_from_a_chosen_colleague_start_at_that_colleague(demo, client):
    login(client, "demo")
    expected = paths_report("dfb-ceo", from_id="ht-hr")

    html = client.get("/people/dfb-ceo/?from=ht-hr").content.decode()

    listed = re.findall(r'data-graph-path="([^"]+)"', html)
    assert listed == [" ".join(p["people"]) for p in expected]
    assert all(p.startswith("ht-hr ") for p in listed)
    assert '<option value="ht-hr" selected>' in html


def test_with_many_colleagues_the_start_is_searched_by_name_not_listed(demo, client, monkeypatch):
    # given more colleagues than a list shows (a sales team of thousands)
    from guanxi.access.facade import people as facade_people

    monkeypatch.setattr(facade_people, "LISTED", 2)
    login(client, "demo")
    html = client.get("/people/dfb-ceo/").content.decode()
    # then the page offers a search field, suggesting the colleagues who know the person,
    # not a list of everyone
    paths = section(html, "best-paths")
    assert 'type="search" id="from" name="from"' in paths
    assert "<select" not in paths
    direct = person_report("dfb-ceo")["ours"]["direct"]
    assert f'<option value="{direct[0]["id"]}">{direct[0]["name"]}</option>' in paths
    # and a colleague typed by name is found, the paths starting there, the name kept
    name = Person.objects.get(ext_id="ht-hr").name
    html = client.get("/people/dfb-ceo/", {"from": name}).content.decode()
    listed = re.findall(r'data-graph-path="([^"]+)"', html)
    assert listed == [" ".join(p["people"]) for p in paths_report("dfb-ceo", from_id="ht-hr")]
    assert f'value="{name}"' in section(html, "best-paths")
    # and the suggestions answer what is typed, our people only
    typed = client.get("/people/dfb-ceo/", {"suggest": "from", "from": name[:2]})
    assert typed.status_code == 200
    assert '<option value="ht-hr">' in typed.content.decode()
    assert "dfb-" not in typed.content.decode()
    # and a NUL byte in what is typed (no name holds one) is left out, not an error
    garbled = client.get("/people/dfb-ceo/", {"suggest": "from", "from": name[:2] + "\x00"})
    assert garbled.status_code == 200
    assert '<option value="ht-hr">' in garbled.content.decode()


def test_an_unknown_colleague_is_said_plainly(demo, client):
    login(client, "demo")

    response = client.get("/people/dfb-ceo/?from=dfb-cfo")
    garbled = client.get("/people/dfb-ceo/", {"from": "ht-\x00kam1"})

    assert response.status_code == 200
    assert "not one of our people" in response.content.decode()
    assert garbled.status_code == 200
    assert "not one of our people" in garbled.content.decode()


def test_unknown_person_is_404_and_our_own_people_open_the_employee_view(demo, client):
    login(client, "demo")

    assert client.get("/people/nobody/").status_code == 404
    response = client.get("/people/ht-hr/")
    assert response.status_code == 302
    assert response["Location"] == "/employees/ht-hr/"


def test_sales_user_may_not_open_a_person_of_another_account(demo, client):
    login(client, "lina")

    assert client.get("/people/dfb-ceo/").status_code == 200
    assert client.get("/people/tyt-ceo/").status_code == 404  # as for an unknown id


def test_contributors_see_the_paths_to_a_person_and_nothing_else(demo, client):
    login(client, "chenjing")
    view = person_report("dfb-ceo")

    response = client.get("/people/dfb-ceo/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="best-paths"' in html
    assert 'data-testid="inside-influencers"' not in html
    assert 'data-testid="person-deals"' not in html
    data = graph_json(html)
    on_paths = {pid for p in view["paths"] for pid in p["people"]}
    assert {n["id"] for n in data["nodes"]} == on_paths
    assert all(n["closeness"] is None for n in data["nodes"])


def test_viewers_may_not_open_a_key_person(demo, client):
    login(client, "guest")

    assert client.get("/people/dfb-ceo/").status_code == 403
