"""What a user sees in Chromium: every page type opens, graphs are drawn with the right
number of people, clicking a person opens their key-person view, search works.

Each test ends (in the user_page fixture) by asserting there were no script errors and no
request left the machine."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

GRAPH = "[data-testid='relationship-graph']"


def graph_json(page) -> dict:
    source = page.locator(GRAPH).first.get_attribute("data-graph")
    return json.loads(page.locator(f"#{source}").text_content())


def drawn_count(page) -> int:
    # a function, not an expression: Playwright evals a polled expression, which the CSP forbids
    page.wait_for_function(f'() => document.querySelector("{GRAPH}")?.dataset.nodeCount')
    return int(page.locator(GRAPH).first.get_attribute("data-node-count"))


def test_dashboard_shows_capability_trend_and_accounts(user_page):
    page = user_page.open("/")
    assert page.locator("[data-testid='capability-score'] .n").inner_text().strip().isdigit()
    page.wait_for_selector("[data-testid='trend-chart'] svg")
    assert page.locator("table.data tbody tr").count() >= 6
    user_page.shot("dashboard")


def test_account_graph_draws_every_person_and_toggles_hide_ours(user_page):
    page = user_page.open("/accounts/dfb/")
    data = graph_json(page)
    assert drawn_count(page) == len(data["nodes"]) >= 200
    ours = sum(1 for n in data["nodes"] if n["side"] == "ours")
    assert ours > 0
    page.locator("[data-graph-toggle='ours']").uncheck()
    assert drawn_count(page) == len(data["nodes"]) - ours
    page.locator("[data-graph-toggle='ours']").check()
    user_page.shot("account")


def test_clicking_a_person_in_the_graph_opens_a_panel_leading_to_their_key_person_view(user_page):
    page = user_page.open("/accounts/jng/")
    drawn_count(page)
    # The graph in the middle of the window, clear of the sticky top bar.
    page.locator(GRAPH).first.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    target = page.evaluate(
        f"""() => {{
            const box = document.querySelector("{GRAPH}");
            const cy = box.cy;
            const node = cy.nodes("[side = 'customer']").filter(n => n.data('power_centre'))[0];
            cy.center(node);
            const rect = box.querySelector("canvas:last-of-type").getBoundingClientRect();
            const p = node.renderedPosition();
            const x = rect.left + p.x, y = rect.top + p.y;
            const hit = document.elementFromPoint(x, y);
            return {{x, y, id: node.id(), inGraph: box.contains(hit)}};
        }}"""
    )
    assert target["inGraph"], "the person's node is not clickable where it is drawn"
    page.mouse.click(target["x"], target["y"])
    panel = page.locator("[data-testid='graph-panel']")
    panel.wait_for()
    assert panel.locator("strong").inner_text()
    with page.expect_navigation(url=f"**/people/{target['id']}/"):
        panel.locator("[data-testid='graph-panel-open']").click()
    page.wait_for_load_state("networkidle")
    assert drawn_count(page) >= 2
    user_page.shot("person")


def test_key_person_view_lists_best_paths_from_our_people(user_page):
    page = user_page.open("/people/dfb-ceo/")
    assert drawn_count(page) >= 3
    assert page.locator("#paths").count() == 1
    assert "→" in page.locator("#paths").inner_text()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/accounts/", "accounts"),
        ("/employees/", "employees"),
        ("/competitors/", "competitors"),
    ],
)
def test_every_list_page_opens(user_page, path, name):
    page = user_page.open(path)
    assert page.locator("h1").count() == 1
    assert page.locator("table tbody tr").count() >= 2
    user_page.shot(name)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/employees/ht-kam1/", "employee"),
        ("/competitors/lx/", "competitor"),
    ],
)
def test_every_graph_page_opens_with_its_graph_drawn(user_page, path, name):
    page = user_page.open(path)
    assert page.locator("h1").count() == 1
    assert drawn_count(page) > 0
    user_page.shot(name)


def test_search_from_the_top_bar_finds_people(user_page):
    page = user_page.open("/")
    page.fill("input[name=q]", "Ye Long")
    page.wait_for_selector("#search-results a")
    first = page.locator("#search-results a").first
    assert "Ye Longchen" in first.inner_text()
    first.click()
    page.wait_for_url("**/people/dfb-ceo/")
