"""Every figure's ⓘ in Chromium: a tap (click) opens its plain-words explanation beside it, a
mouse resting on it opens it too, Escape closes it, and the link reaches the guide's section;
the deal, account, competitor and dashboard pages at desktop and phone sizes."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS, Watched, login

pytestmark = pytest.mark.browser


def test_a_tap_opens_the_explanation_beside_its_figure_and_escape_closes_it(user_page):
    page = user_page.open("/people/tyt-ceo/")
    button = page.locator("[data-testid='explain-power']").first
    pop = page.locator("#" + button.get_attribute("popovertarget"))

    button.click()

    assert pop.is_visible()
    assert "reporting lines" in pop.inner_text()
    box, near = pop.bounding_box(), button.bounding_box()
    assert abs(box["y"] - (near["y"] + near["height"])) < 40  # placed under its button
    page.keyboard.press("Escape")
    assert not pop.is_visible()


def test_a_mouse_resting_on_the_button_opens_the_explanation(user_page):
    page = user_page.open("/deals/tyt-d1/")
    button = page.locator("[data-testid='explain-coverage']").first
    pop = page.locator("#" + button.get_attribute("popovertarget"))

    button.hover()
    page.wait_for_timeout(100)

    assert pop.is_visible() and "regular or deep contact" in pop.inner_text()


def test_the_link_opens_the_guide_at_the_figures_section(user_page):
    page = user_page.open("/people/tyt-ceo/")
    button = page.locator("[data-testid='explain-influence']").first
    button.click()
    href = page.locator("#" + button.get_attribute("popovertarget") + " a").get_attribute("href")

    page = user_page.open(href)

    assert page.locator(":target").inner_text().startswith("4.2 Influence")


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_the_pages_with_explained_figures_at_desktop_and_phone_sizes(
    browser, server, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    watched = Watched(page, server)
    login(page, server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [
        ("deal", "/deals/tyt-d1/"),
        ("account", "/accounts/tyt/"),
        ("competitor", "/competitors/lx/"),
        ("dashboard", "/"),
    ]:
        watched.open(path)
        assert page.locator(".explain-btn").count() >= 3
        page.screenshot(path=str(SHOTS / f"explained-{name}-{width}.png"), full_page=True)
    context.close()
    assert watched.errors == [] and watched.outside == []
