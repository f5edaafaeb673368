"""The competitor relationship resource graph: `/competitors/` and `/competitors/<id>/` on the
demo workspace (two competitors, monthly snapshots), and who may open them."""

from __future__ import annotations

import json

import pytest

from guanxi.people.models import Organisation


def test_the_list_shows_every_competitor_with_capability_levels_and_people(as_user):
    client = as_user("demo")

    response = client.get("/competitors/")

    assert response.status_code == 200
    listed = {c["id"]: c for c in response.context["competitors"]}
    expected = set(Organisation.objects.filter(kind="competitor").values_list("ext_id", flat=True))
    assert set(listed) == expected
    for c in listed.values():
        assert sum(c["view"]["levels"].values()) == 7
        assert c["people"] == 9
        assert c["deals"] > 0
    html = response.content.decode()
    assert html.count('data-testid="competitor-card"') == len(expected)
    assert 'data-testid="versus-chart"' in html


def test_stronger_than_us_means_their_account_score_is_above_ours(as_user):
    client = as_user("demo")

    response = client.get("/competitors/")

    ours = {a["id"]: a["score"] for a in response.context["ours"]["accounts"]}
    for c in response.context["competitors"]:
        theirs = {a["id"]: a["score"] for a in c["view"]["accounts"]}
        expected = {a for a, score in theirs.items() if score > ours[a] + 1e-9}
        assert {a["id"] for a in c["stronger"]} == expected
    assert any(c["stronger"] for c in response.context["competitors"])


def test_the_list_takes_a_bounded_number_of_queries(as_user, django_assert_max_num_queries):
    client = as_user("demo")
    client.get("/competitors/")  # warm the analysis workspace

    with django_assert_max_num_queries(10):
        response = client.get("/competitors/")

    assert response.status_code == 200


def test_a_competitor_page_has_its_company_view_trend_accounts_people_and_deals(as_user):
    client = as_user("demo")

    response = client.get("/competitors/hr/")

    assert response.status_code == 200
    html = response.content.decode()
    view = response.context["view"]
    # a year of month ends and today, and the worker's daily snapshots of the demo's week
    assert view["side"] == "hr" and len({t["date"][:7] for t in view["trend"]}) == 13
    assert 'data-testid="trend-chart"' in html
    accounts = response.context["accounts"]
    assert len(accounts) == 7 and all(
        a["gap"] == pytest.approx(a["score"] - a["ours"]) for a in accounts
    )
    people = response.context["people"]
    resources = [p["resources"] for p in people]
    assert resources == sorted(resources, reverse=True) and resources[0] > 0
    assert any(p["key_people"] for p in people)
    deals = response.context["deals"]
    assert deals and all(f"/deals/{d['ext_id']}/" in html for d in deals)


def test_the_competitor_graph_joins_their_people_to_the_customer_people_they_know(as_user):
    client = as_user("demo")

    html = client.get("/competitors/lx/").content.decode()

    data = json.loads(
        html.split('id="competitor-graph" type="application/json">')[1].split("</script>")[0]
    )
    sides = {n["id"]: n["side"] for n in data["nodes"]}
    assert {s for s in sides.values()} == {"competitor", "customer"}
    assert data["edges"]
    for edge in data["edges"]:
        assert sides[edge["source"]] == "competitor" and sides[edge["target"]] == "customer"


def test_sales_and_contributors_may_not_open_competitor_pages(as_user):
    for username in ("lina", "chenjing"):
        client = as_user(username)

        assert client.get("/competitors/").status_code == 403
        assert client.get("/competitors/lx/").status_code == 403


def test_a_viewer_sees_the_numbers_but_no_people(as_user):
    client = as_user("guest")

    response = client.get("/competitors/lx/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="capability-score"' in html
    assert 'data-testid="competitor-people"' not in html
    assert 'data-testid="relationship-graph"' not in html


def test_unknown_and_wrong_kinds_of_ids(as_user):
    client = as_user("demo")

    assert client.get("/competitors/nope/").status_code == 404
    assert client.get("/competitors/dfb/").status_code == 404
    assert client.get("/competitors/ht/")["Location"] == "/"
