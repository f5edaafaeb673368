"""Every page type fits a laptop (1440×900) and a phone (390×844): nothing is wider than the
window, so nobody has to scroll sideways; on a phone the menu folds away and still reaches
search, language and log out. Screenshots of both sizes go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS, Watched, login

pytestmark = pytest.mark.browser

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}

#: one page of each type, with the demo's ids
PAGES = {
    "dashboard": "/",
    "search": "/search/?q=Li",
    "accounts": "/accounts/",
    "account": "/accounts/dfb/",
    "person": "/people/dfb-ceo/",
    "employees": "/employees/",
    "employee": "/employees/ht-kam1/",
    "deals": "/deals/",
    "deal": "/deals/tyt-d1/",
    "competitors": "/competitors/",
    "competitor": "/competitors/hr/",
    "import": "/import/",
    "audit": "/audit/",
    "handovers": "/handovers/",
    "handover": "/handovers/ht-kam3/",
    "person-form": "/new/person/",
    "deal-form": "/new/deal/",
    "interaction-form": "/new/interaction/",
    "tie-form": "/new/tie/",
}

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized_page(request, browser, server):
    """A logged-in page at one of the two window sizes."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    watched = Watched(page, server)
    login(page, server)
    yield request.param, watched
    context.close()
    assert watched.errors == [], f"script errors: {watched.errors}"


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_window_without_sideways_scrolling(sized_page, name):
    size, watched = sized_page
    page = watched.open(PAGES[name])
    page.wait_for_timeout(300)  # graphs and charts lay out after load
    overflow = page.evaluate(OVERFLOW)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"layout-{name}-{size}.png"), full_page=True)
    assert overflow <= 0, f"{PAGES[name]} is {overflow}px wider than the {size} window"


def test_login_page_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/login/")
    overflow = page.evaluate(OVERFLOW)
    context.close()
    assert overflow <= 0


def test_phone_menu_folds_and_reaches_search_language_and_log_out(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    login(page, server)
    toggle = page.locator("[data-testid='menu-toggle']")
    assert toggle.is_visible()
    assert not page.locator(".mainnav").is_visible()
    toggle.click()
    visible = [
        page.locator(".mainnav a", has_text="Customers").is_visible(),
        page.locator(".topbar .search input").is_visible(),
        page.locator("[data-testid='language']").is_visible(),
        page.locator("button", has_text="Log out").is_visible(),
    ]
    page.fill(".topbar .search input", "Li Na")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    url = page.url
    context.close()
    assert visible == [True, True, True, True]
    assert "/search/?q=Li+Na" in url


def test_laptop_shows_the_menu_without_a_toggle(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    login(page, server)
    shown = (
        page.locator("[data-testid='menu-toggle']").is_visible(),
        page.locator(".mainnav").is_visible(),
    )
    context.close()
    assert shown == (False, True)
