"""What a role may not see is said to be hidden, never shown as zero, "none" or a false
statement (English and Chinese)."""

from __future__ import annotations

import re

import pytest

HIDDEN = {"en": "not visible to your role", "zh-hans": "您的角色无权查看"}


def _get(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_viewers_dashboard_says_the_plan_targets_are_hidden_not_that_there_are_none(
    as_user, language
):
    html = _get(as_user("guest"), "/", language)

    targets = html.split('data-testid="plan-targets-hidden"')[1].split("</p>")[0]
    assert HIDDEN[language] in targets
    assert "No plan targets" not in html and "没有计划目标" not in html


def test_a_manager_sees_the_plan_targets_and_no_hidden_note(as_user):
    html = _get(as_user("liangwenbo"), "/", "en")

    assert 'data-testid="plan-targets"' in html
    assert HIDDEN["en"] not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_viewer_sees_an_employees_key_people_and_accounts_as_hidden_not_zero(as_user, language):
    html = _get(as_user("guest"), "/employees/ht-kam1/", language)

    for tile in ("key-people-count", "accounts-count"):
        text = html.split(f'data-testid="{tile}"')[1].split("</div>")[0]
        assert HIDDEN[language] in text
        assert not re.search(r'<span class="n">0</span>', text)
    credit = html.split('data-testid="credit-total"')[1].split("</div>")[0]
    assert HIDDEN[language] in credit


def test_the_same_employee_page_shows_the_counts_to_a_manager(as_user):
    html = _get(as_user("liangwenbo"), "/employees/ht-kam1/", "en")

    tile = html.split('data-testid="key-people-count"')[1].split("</div>")[0]
    assert re.search(r'<span class="n">[1-9]\d*</span>', tile)
    assert HIDDEN["en"] not in html


def test_a_viewer_sees_a_competitors_people_count_as_hidden(as_user):
    html = _get(as_user("guest"), "/competitors/lx/", "en")

    assert HIDDEN["en"] in html


def test_a_sales_users_own_page_counts_what_lies_outside_her_accounts_as_hidden(as_user):
    mine = _get(as_user("lina"), "/employees/ht-kam1/", "en")
    whole = _get(as_user("liangwenbo"), "/employees/ht-kam1/", "en")

    def count(html: str) -> int:
        tile = html.split('data-testid="accounts-count"')[1].split("</div>")[0]
        return int(re.search(r'<span class="n">(\d+)</span>', tile).group(1))

    hidden = count(whole) - count(mine)
    assert hidden > 0
    tile = mine.split('data-testid="accounts-count"')[1].split("</div>")[0]
    assert f"and {hidden} more not visible to your role" in tile
