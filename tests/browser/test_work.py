"""Working in the browser: the decision chain, recording a relationship in the drawer and
seeing the score move, importing a file with errors, and Chinese."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.browser.test_pages import drawn_count

pytestmark = pytest.mark.browser


def account_score(page) -> float:
    return float(page.locator("[data-testid='account-score']").get_attribute("data-score"))


def test_deal_list_and_decision_chain_show_odds_lanes_and_warnings(user_page):
    page = user_page.open("/deals/")
    assert page.locator("table.data tbody tr").count() >= 10
    user_page.shot("deals")
    page = user_page.open("/deals/tyt-d1/")
    assert page.locator("[data-testid='holder']").count() >= 2
    assert "%" in page.locator("body").inner_text()
    assert drawn_count(page) >= 2
    user_page.shot("deal")


def test_recording_a_relationship_in_the_drawer_raises_the_account_score(user_page):
    before = account_score(user_page.open("/accounts/stl/"))
    page = user_page.open("/people/stl-cfo/")
    page.click("[data-testid='record-relationship']")
    form = page.locator("#drawer [data-testid='entry-form']")
    form.wait_for()
    picker = form.locator("[data-field='source'] .picker-input")
    picker.fill("Chen Ji")
    form.locator("[data-field='source'] [data-pick-id='ht-hr']").click()
    assert form.locator("[data-field='source'] .chip").inner_text().startswith("Chen Jing")
    form.locator("[name=strength]").fill("strong")
    user_page.shot("form")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    after = account_score(user_page.open("/accounts/stl/"))
    assert after > before


def test_a_wrong_strength_is_refused_next_to_the_field(user_page):
    page = user_page.open("/people/stl-cfo/")
    page.click("[data-testid='record-relationship']")
    form = page.locator("#drawer [data-testid='entry-form']")
    form.wait_for()
    form.locator("[data-field='source'] .picker-input").fill("ht-hr")
    form.locator("[name=strength]").fill("150")
    form.locator("button[type=submit]").click()
    error = page.locator("#drawer .field.invalid .errorlist")
    error.first.wait_for()
    assert "150" in error.first.inner_text() or "100" in error.first.inner_text()


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


def test_importing_a_zip_with_errors_lists_every_problem_and_writes_nothing(user_page, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(
        _zip(
            {
                "organizations.csv": "id,name,kind\nnew-co,New Co,customer\nx,X,planet\n",
                "people.csv": "id,organization_id,name,power\nn1,new-co,Ann,150\nn2,nowhere,Bob,\n",
            }
        )
    )
    page = user_page.open("/import/")
    page.set_input_files("[data-testid='import-form'] input[type=file]", str(bad))
    page.click("[data-testid='import-form'] button[type=submit]")
    problems = page.locator("[data-testid='import-problems']")
    problems.wait_for()
    text = problems.inner_text()
    assert "organizations.csv" in text and "people.csv" in text
    assert problems.locator("tbody tr").count() >= 3
    user_page.shot("import")
    search = user_page.open("/search/?q=New+Co")
    assert "New Co" not in search.locator("#search-page-results").inner_text()


def test_switching_to_chinese_translates_the_pages(user_page):
    page = user_page.open("/accounts/dfb/")
    page.click("[data-testid='user-menu'] summary")  # the language is in the user's menu
    with page.expect_navigation():
        page.select_option("[data-testid='language']", "zh-hans")
    page.wait_for_load_state("networkidle")
    nav = page.locator(".mainnav").inner_text()
    assert "客户" in nav
    assert "权力中心" in page.locator("body").inner_text()
    assert drawn_count(page) >= 200
    user_page.shot("account-zh")
    page.click("[data-testid='user-menu'] summary")
    with page.expect_navigation():
        page.select_option("[data-testid='language']", "en")
    assert "Customers" in page.locator(".mainnav").inner_text()


def test_a_browser_asking_for_chinese_gets_chinese(browser, server):
    context = browser.new_context(
        locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    page = context.new_page()
    page.goto(server + "/login/")
    assert "登录" in page.locator("body").inner_text()
    context.close()
