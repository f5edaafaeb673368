"""Competitor threat where it matters: "Lanxin is ahead with 2 deciders at Tianyu" on the
competitor page, the account page and the dashboard; people counted, not only accounts;
the people named only to roles that see people."""

from __future__ import annotations

import re
from collections import Counter

from guanxi.scoring.reports import account_report, company_report


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _lanxin_by_account() -> Counter:
    return Counter(t["account"] for t in company_report("lx")["threats"])


def _lanxin_deciders() -> Counter:
    return Counter(t["account"] for t in company_report("lx")["threats"] if t["decider"])


def test_the_competitor_page_counts_the_key_people_they_are_closer_to(as_user):
    view = company_report("lx")

    html = as_user("liangwenbo").get("/competitors/lx/").content.decode()

    tile = _text(html.split('data-testid="threat-count"')[1].split("</div>")[0])
    assert tile.startswith(f"> {view['closer_than_us']['people']} key people they are closer to")
    card = _text(html.split('data-testid="competitor-threats"')[1].split("</section>")[0])
    assert view["closer_than_us"]["people"] > 0
    n, deciders = _lanxin_by_account()["tyt"], _lanxin_deciders()["tyt"]
    assert deciders > 0
    assert f"Lanxin Technology 蓝芯科技 is ahead with {deciders} deciders at Tianyu Telecom" in card
    assert f"({n} key people in all)" in card
    first = view["threats"][0]
    assert first["name"] in card


def test_the_account_page_says_which_competitor_is_ahead_with_whom(as_user):
    threats = account_report("tyt")["threats"]

    html = as_user("demo").get("/accounts/tyt/").content.decode()

    card = _text(html.split('data-testid="threats"')[1].split("</ul>\n</section>")[0])
    n = sum(1 for t in threats if t["competitor"] == "lx" and t["decider"])
    assert f"Lanxin Technology 蓝芯科技 is ahead with {n} deciders at Tianyu Telecom" in card
    for t in threats[:3]:
        assert t["name"] in card


def test_the_dashboard_lists_where_competitors_are_ahead(as_user):
    counts = _lanxin_deciders()

    html = as_user("liangwenbo").get("/").content.decode()

    card = _text(html.split('data-testid="dashboard-threats"')[1].split("</section>")[0])
    assert f"is ahead with {counts['tyt']} deciders at Tianyu Telecom" in card


def test_a_viewer_sees_how_many_but_not_who(as_user):
    view = company_report("lx")

    html = as_user("guest").get("/competitors/lx/").content.decode()

    card = html.split('data-testid="competitor-threats"')[1].split("</section>")[0]
    assert f"is ahead with {_lanxin_deciders()['tyt']} deciders at Tianyu" in _text(card)
    assert "not visible to your role" in card
    assert view["threats"][0]["name"] not in card
