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
    "users": "/users/",
    "user-form": "/users/lina/edit/",
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


#: the header's one line: nothing in it lower than the first row, and no taller than the bar
ONE_LINE = """() => {
  const bar = document.querySelector('.topbar').getBoundingClientRect();
  const parts = [...document.querySelectorAll(
    '.topbar .brand, .mainnav > a, .mainnav > details > summary, ' +
    '.topbar .search input, .usermenu > summary'
  )].map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return {
    bar: Math.round(bar.height),
    parts: parts.length,
    lowest: Math.max(...parts.map(r => r.bottom)),
    spread: Math.max(...parts.map(r => r.top + r.height / 2))
      - Math.min(...parts.map(r => r.top + r.height / 2)),
  };
}"""


@pytest.mark.parametrize("size", [(1440, 900), (1280, 800)], ids=["1440", "1280"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_menu_is_one_line_on_a_laptop_in_both_languages(browser, server, language, size):
    # given a manager's or admin's full menu (every item and the Operations dropdown)
    width, height = size
    accept = "zh-CN,zh;q=0.9" if language == "zh-hans" else "en-US,en;q=0.9"
    context = browser.new_context(
        viewport={"width": width, "height": height}, extra_http_headers={"Accept-Language": accept}
    )
    page = context.new_page()
    login(page, server)
    page.goto(server + "/deals/")
    page.wait_for_load_state("networkidle")
    # when the header is measured
    header = page.evaluate(ONE_LINE)
    overflow = page.evaluate(OVERFLOW)
    nav = page.locator(".mainnav").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"menu-{language}-{width}.png"))
    context.close()
    # then everything sits on one line of the 56 px bar, and nothing is wider than the window
    assert header["parts"] >= 10
    assert header["bar"] <= 57 and header["lowest"] <= 57, header
    assert header["spread"] <= 4, header
    assert overflow <= 0
    assert ("客户" in nav) == (language == "zh-hans")


def test_the_user_menu_holds_language_help_and_log_out(browser, server):
    # given the laptop header, with the user's menu folded
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = context.new_page()
    login(page, server)
    folded = page.locator("button", has_text="Log out").is_visible()
    # when the user's menu is opened
    page.click("[data-testid='user-menu'] summary")
    opened = [
        page.locator("[data-testid='language']").is_visible(),
        page.locator("[data-testid='help-link']").is_visible(),
        page.locator("button", has_text="Log out").is_visible(),
    ]
    # and a click elsewhere folds it again
    page.click("main")
    refolded = page.locator("button", has_text="Log out").is_visible()
    context.close()
    assert (folded, opened, refolded) == (False, [True, True, True], False)
