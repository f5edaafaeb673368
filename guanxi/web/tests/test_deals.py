"""The deal pages: the list with its numbers and filters, the decision chain with its lanes,
explained win odds, warnings, influence graph and paths, and who may open them."""

from __future__ import annotations

import json
import re

from guanxi.scoring.reports import deal_report


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_deal_list_shows_every_deal_with_its_win_odds_coverage_and_warnings(as_user):
    client = as_user("demo")

    html = page(client.get("/deals/"))

    assert html.count('data-deal="') == 15
    tyt = deal_report("tyt-d1")
    row = html.split('data-deal="tyt-d1"')[1].split("</tr>")[0]
    assert f"{tyt['win_odds']:.0f}%" in row
    assert f"{round(tyt['coverage'] * 100)}%" in row
    assert f">{len(tyt['warnings'])}<" in row
    assert "Add a deal" in html


def test_deal_list_filters_by_status_and_customer(as_user):
    client = as_user("demo")

    won = page(client.get("/deals/?status=won"))
    dfb_open = page(client.get("/deals/?status=open&customer=dfb"))

    assert set(re.findall(r'data-deal="([^"]+)"', won)) == {"stl-d1", "dfb-d3", "jng-d2", "qln-d2"}
    assert set(re.findall(r'data-deal="([^"]+)"', dfb_open)) == {"dfb-d1", "dfb-d2"}


def test_a_sales_user_lists_only_the_deals_of_their_accounts(as_user):
    client = as_user("lina")

    html = page(client.get("/deals/"))

    ids = set(re.findall(r'data-deal="([^"]+)"', html))
    assert ids and all(i.startswith(("dfb-", "jng-")) for i in ids)


def test_deal_list_runs_a_fixed_number_of_queries(as_user, django_assert_max_num_queries):
    client = as_user("demo")
    client.get("/deals/")  # warm the analysis workspace

    with django_assert_max_num_queries(12):
        page(client.get("/deals/"))


def test_decision_chain_shows_the_four_lanes_with_their_role_holders(as_user):
    client = as_user("demo")

    html = page(client.get("/deals/tyt-d1/"))

    for role in ("approver", "decision_maker", "evaluator", "user"):
        assert f'data-testid="lane-{role}"' in html
    lane = html.split('data-testid="lane-evaluator"')[1].split('data-testid="lane-user"')[0]
    assert 'data-person="tyt-cio"' in lane and 'data-person="tyt-cio-d0"' in lane
    assert 'href="/people/tyt-cto/"' in html
    assert "Champion" in lane  # tyt-cio's attitude, coloured by its class
    assert "att champion" in lane


def test_decision_chain_shows_the_win_odds_big_and_explains_them_holder_by_holder(as_user):
    client = as_user("demo")
    view = deal_report("tyt-d1")

    html = page(client.get("/deals/tyt-d1/"))

    odds = html.split('data-testid="win-odds"')[1]
    assert f"{view['win_odds']:.0f}<small>%</small>" in odds
    assert "Σ" not in html and "e<sup>" not in html  # formulas live in the scoring guide
    explanation = html.split('data-testid="odds-explanation"')[1].split("</table>")[0]
    for role in view["roles"]:
        assert f"/people/{role['person']}/" in explanation
    assert "Pulling them down:" in html


def test_decision_chain_lists_the_warnings_with_their_plain_reasons(as_user):
    client = as_user("demo")
    codes = [w["code"] for w in deal_report("tyt-d1")["warnings"]]

    html = page(client.get("/deals/tyt-d1/"))

    warnings = html.split('data-testid="warnings"')[1].split("</section>")[0]
    assert re.findall(r'data-code="([a-z_]+)"', warnings) == codes
    assert "is a non-supporter of ours" in warnings
    assert "but only 0 to us" in warnings


def test_decision_chain_names_a_missing_role(as_user):
    client = as_user("demo")

    html = page(client.get("/deals/dfb-d2/"))

    assert "Nobody on the deal is known as the approver." in html
    assert "Nobody known as approver." in html


def test_decision_chain_graph_holds_the_role_holders_and_the_paths_to_weak_ones(as_user):
    client = as_user("demo")
    view = deal_report("tyt-d1")

    html = page(client.get("/deals/tyt-d1/"))

    script = html.split('<script id="deal-graph" type="application/json">')[1]
    data = json.loads(script.split("</script>")[0])
    holders = {n["id"] for n in data["nodes"] if n["holder"]}
    assert holders == {r["person"] for r in view["roles"]}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    paths = html.split('data-testid="paths"')[1]
    assert view["paths"]
    for person, options in view["paths"].items():
        assert f"/people/{person}/" in paths
        for option in options:
            assert f"/people/{option['people'][0]}/" in paths


def test_an_unknown_deal_is_not_found(as_user):
    client = as_user("demo")

    assert client.get("/deals/no-such-deal/").status_code == 404


def test_a_sales_user_may_not_open_another_accounts_deal(as_user):
    client = as_user("lina")

    assert client.get("/deals/tyt-d1/").status_code == 404  # as if there were no such deal
    assert client.get("/deals/dfb-d1/").status_code == 200


def test_a_viewer_sees_no_deal_pages(as_user):
    client = as_user("guest")

    assert client.get("/deals/").status_code == 403
    assert client.get("/deals/dfb-d1/").status_code == 403
