"""The deal page's intelligence in Chromium: "we checked" ticked on a card reloads the page with
the holder known, and the intelligence drawer shows a wrong field in place, then records the
tie, which the competitor page lists with its provenance. On qlp-d1 (no other browser test
reads it)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_ticking_we_checked_reloads_the_deal_with_that_holder_known(user_page):
    page = user_page.open("/deals/qlp-d1/")
    card = page.locator("[data-testid='holder']", has=page.locator(".intel-state.unknown")).first
    person = card.get_attribute("data-person")

    with page.expect_navigation():
        card.locator("[data-testid='checked-toggle']").check()

    page.wait_for_load_state("networkidle")
    card = page.locator(f"[data-testid='holder'][data-person='{person}']").first
    assert card.locator("[data-testid='checked-toggle']").is_checked()
    assert "Competitors checked" in card.locator("[data-testid='intel-state']").inner_text()


def test_the_intelligence_drawer_refuses_in_place_then_records_with_provenance(user_page):
    page = user_page.open("/deals/qlp-d1/")
    page.click("[data-testid='add-intel']")
    form = page.locator("#drawer [data-testid='entry-form']")
    form.wait_for()
    holder = form.locator("[name=holder] option").nth(1).get_attribute("value")
    form.locator("[name=holder]").select_option(holder)
    picker = form.locator("[data-field='competitor_person']")
    picker.locator(".picker-input").fill("Jiang Kai")
    picker.locator("[data-pick-id='lx-am2']").click()
    assert picker.locator(".chip").inner_text().startswith("Jiang Kaisong")
    form.locator("[name=strength]").fill("150")
    form.locator("[name=certainty][value=told]").check()
    form.locator("button[type=submit]").click()
    error = page.locator("#drawer [data-field='strength'] .errorlist")
    error.wait_for()
    assert "150" in error.inner_text()
    chosen = page.locator("#drawer [data-field='competitor_person'] .chip")
    assert chosen.inner_text().startswith("Jiang Kaisong")  # the refused form keeps the pick
    user_page.shot("intel-form")

    page.locator("#drawer [name=strength]").fill("medium")
    with page.expect_navigation():
        page.locator("#drawer button[type=submit]").click()

    page = user_page.open("/competitors/lx/")
    row = page.locator(
        f"[data-testid='intel-row']:has(a[href='/people/{holder}/'])"
        ":has(a[href='/employees/lx-am2/'])"
    )
    assert row.count() == 1
    assert "told by someone who knows" in row.inner_text()
    assert "qlp" in row.locator("a[href^='/deals/']").get_attribute("href")


def test_a_competitor_person_typed_but_nobody_known_is_refused_next_to_the_picker(user_page):
    page = user_page.open("/deals/qlp-d1/")
    page.click("[data-testid='add-intel']")
    form = page.locator("#drawer [data-testid='entry-form']")
    form.wait_for()
    holder = form.locator("[name=holder] option").nth(1).get_attribute("value")
    form.locator("[name=holder]").select_option(holder)
    form.locator("[data-field='competitor_person'] .picker-input").fill("Nobody Zzyzx")
    form.locator("[name=strength]").fill("medium")
    form.locator("[name=certainty][value=told]").check()

    form.locator("button[type=submit]").click()

    error = page.locator("#drawer [data-field='competitor_person'] .errorlist")
    error.wait_for()
    assert "Nobody Zzyzx" in error.inner_text()
    assert page.url.endswith("/deals/qlp-d1/")
