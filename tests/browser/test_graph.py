"""The account graph answers at a glance: people coloured by our closeness, no two people
drawn on top of each other (1, 2, ~20 and 200 people), key people labelled, our "knows"
lines only for the person pointed at (or all on request), find-in-graph, and a PNG."""

from __future__ import annotations

import pytest

from tests.browser.graph_checks import OVERLAPS
from tests.browser.test_pages import GRAPH, drawn_count

pytestmark = pytest.mark.browser


def add_customer(page, base: str, name: str, people: list[str]) -> str:
    """A new customer with its people, added through the app's own forms; its page's path."""
    page.goto(base + "/new/organisation/?kind=customer")
    page.fill("#id_name", name)
    with page.expect_navigation():
        page.click("button[type=submit]")
    path = page.url.split("127.0.0.1", 1)[1].split("/", 1)[1]
    org = path.strip("/").split("/")[-1]
    boss = ""
    for person in people:
        page.goto(f"{base}/new/person/?org={org}")
        page.fill("#id_name", person)
        if boss:
            page.fill("[data-field='reports_to'] .picker-input", boss)
        with page.expect_navigation():
            page.click("button[type=submit]")
        boss = boss or person
    return f"/accounts/{org}/"


def test_no_two_people_overlap_from_one_person_to_two_hundred(user_page):
    page = user_page.page
    solo = add_customer(page, user_page.base, "Solo Trading", ["Wu Lan 吴兰"])
    pair = add_customer(page, user_page.base, "Pair Works", ["Zhao Min 赵敏", "Qian Bo 钱波"])

    results = {}
    for path in (solo, pair, "/accounts/stl/", "/accounts/dfb/"):
        user_page.open(path)
        drawn_count(page)
        results[path] = page.evaluate(OVERLAPS, GRAPH)
    user_page.shot("graph-pair")

    assert results[solo][0] == 1 and results[pair][0] == 2
    assert results["/accounts/stl/"][0] >= 20 and results["/accounts/dfb/"][0] >= 200
    assert [hits for _count, hits in results.values()] == [0, 0, 0, 0]


def test_customer_people_are_coloured_by_our_closeness_and_key_people_labelled(user_page):
    page = user_page.open("/accounts/dfb/")
    drawn_count(page)

    wrong, unlabelled = page.evaluate(
        f"""() => {{
        const cy = document.querySelector("{GRAPH}").cy;
        const colour = c => c >= 70 ? "rgb(7,148,85)"
            : c >= 40 ? "rgb(220,104,3)" : "rgb(217,45,32)";
        const customers = cy.nodes("[side = 'customer']")
            .filter(n => n.data("closeness") !== null);
        const wrong = customers
            .filter(n => n.style("background-color") !== colour(n.data("closeness"))).length;
        const key = cy.nodes("[?power_centre], [?influence_centre], [?plan_target]");
        const unlabelled = key
            .filter(n => !n.style("label") || n.style("font-size") === "0px").length;
        return [wrong, unlabelled];
    }}"""
    )

    assert (wrong, unlabelled) == (0, 0)


def test_knows_lines_show_on_request_and_find_in_graph_rings_the_person(user_page):
    page = user_page.open("/accounts/dfb/")
    drawn_count(page)
    shown = f"""() => document.querySelector("{GRAPH}").cy
        .edges(".knows").filter(e => e.visible()).length"""

    hidden = page.evaluate(shown)
    page.locator("[data-testid='all-knows']").check()
    # a function, not an expression: Playwright evals expressions, which the page's CSP forbids
    page.wait_for_function(shown, timeout=5000)  # a count of 0 is falsy, so this waits for > 0
    all_shown = page.evaluate(shown)
    page.fill("[data-graph-find]", "Guo Zhejun")
    found = page.evaluate(
        f"""() => document.querySelector("{GRAPH}").cy.nodes(".found").map(n => n.id())"""
    )
    with page.expect_download() as download:
        page.click("[data-testid='graph-png']")
    user_page.shot("graph-find")

    assert hidden == 0 and all_shown > 100
    assert found == ["dfb-cfo"]
    assert download.value.suggested_filename.endswith(".png")
