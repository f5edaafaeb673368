"""Chinese that reads as written by a native speaker: full-width punctuation after Chinese
words, lists joined with 、, sentences ended with 。, and audit record types in Chinese (a
login is 用户, not a deal role's 使用者)."""

from __future__ import annotations

import re

import pytest

from guanxi.web.tests.test_chinese import ZH, data_texts, visible_text

PAGES = [
    "/",
    "/deals/tyt-d1/",
    "/deals/dfb-d1/",
    "/competitors/hr/",
    "/users/",
    "/employees/",
    "/employees/ht-kam1/",
    "/people/dfb-ceo/",
    "/audit/?object_type=handover",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_half_width_colon_or_bracket_after_chinese_words(as_user, url):
    client = as_user("demo")

    text = visible_text(client.get(url, **ZH).content.decode(), data_texts())

    assert re.findall(r"[\u4e00-\u9fff][:] ?", text) == []
    assert re.findall(r"\([\u4e00-\u9fff]|[\u4e00-\u9fff] ?\(", text) == []


def test_the_deal_page_lists_people_with_the_chinese_comma_and_ends_sentences(as_user):
    client = as_user("demo")

    html = client.get("/deals/tyt-d1/", **ZH).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", "", html))

    assert "拉高赢单概率：" in text and "拉低赢单概率：" in text
    assert re.search(r"拉低赢单概率：[^。]+、[^。]+。", text)
    assert re.search(r"我们不清楚 .+（评估者）、.+的关系。", text)


def test_competitors_ahead_read_naturally(as_user):
    client = as_user("demo")

    text = re.sub(r"(?s)<[^>]+>", "", client.get("/", **ZH).content.decode())

    assert "（共 3 位关键人）" in text
    assert "其中 3 位涉及进行中的项目" in text
    assert "位在进行中的项目上" not in text


def test_audit_types_of_logins_and_plans_are_in_chinese(as_user):
    client = as_user("demo")
    client.post("/users/guest/edit/", {"role": "sales", "active": "on"}, HTTP_HX_REQUEST="true")

    text = visible_text(client.get("/audit/", **ZH).content.decode(), [])

    assert re.search(r"用户 ·\s*guest", text)
    assert "使用者“guest”" not in text and not re.search(r"使用者 ·\s*guest", text)
    assert re.search(r"引荐 ·\s*\d", text) and re.search(r"目标 ·\s*\d", text)
    assert not re.search(r"(?m)^\s*(introduction|objective|alerts)\s*$", text)


def test_a_person_has_a_full_name_and_a_deal_is_a_project(as_user):
    client = as_user("demo")

    person_form = client.get("/new/person/", **ZH).content.decode()
    deal_form = client.get("/new/deal/", **ZH).content.decode()

    assert re.search(r'<label for="id_name">姓名', person_form)
    assert "商机" not in deal_form and "负责该项目" in deal_form


def test_alerts_give_shares_of_progress_and_time_as_percentages(as_user):
    client = as_user("liangwenbo")

    text = re.sub(r"(?s)<[^>]+>", "", client.get("/ops/inbox/", **ZH).content.decode())

    assert re.search(r"完成度 \d+%，时间已过 \d+%", text)
    assert not re.search(r"完成度 0\.\d\d", text)


def test_an_open_hand_over_reads_nobody_yet_in_the_audit_log(as_user):
    client = as_user("demo")

    text = re.sub(
        r"(?s)<[^>]+>", "", client.get("/audit/?object_type=handover", **ZH).content.decode()
    )

    assert re.search(r"：Zhou Peng 周鹏 → 暂无", text)
    assert "→ ?" not in text
