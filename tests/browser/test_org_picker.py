"""The deal form's customer and competitors are picked by name as chips, on a laptop and on
a phone, with nothing wider than the window."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS, Watched, login

pytestmark = pytest.mark.browser

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)], ids=["laptop", "phone"])
def test_a_deal_gets_its_customer_and_competitor_by_name(browser, server, size):
    # given the deal form on a page of its own
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    watched = Watched(page, server)
    login(page, server)
    page = watched.open("/new/deal/")
    page.fill("#id_name", f"Picked by name {width}")
    # when the customer and a competitor are typed and picked from the suggestions
    page.type("#id_organisation", "Dongf", delay=30)
    page.click("[data-field='organisation'] .pick >> nth=0")
    page.type("#id_competitors", "Lanx", delay=30)
    page.click("[data-field='competitors'] .pick >> nth=0")
    chips = page.locator(".chip").all_inner_texts()
    overflow = page.evaluate(OVERFLOW)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"org-picker-{width}.png"), full_page=True)
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Save')")
    page.wait_for_load_state("networkidle")
    body = page.locator("main").inner_text()
    context.close()
    # then both show as chips by name, and the saved deal is on that customer
    assert any("Dongfang Bank" in c for c in chips) and any("Lanxin" in c for c in chips)
    assert overflow <= 0
    assert f"Picked by name {width}" in body and "Dongfang Bank" in body
    assert watched.errors == []
