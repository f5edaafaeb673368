"""The deal page's v2 parts: odds as a range with what we don't know, a "we checked" toggle,
unknown odds when nobody holds a role, the outcome and odds at close of a closed deal, credit
recorded at the win with the managers' recompute, and the new warnings in plain words."""

from __future__ import annotations

import re

from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealCredit, DealRole
from guanxi.deals.services import save_deal
from guanxi.people.models import Organisation
from guanxi.scoring.reports import deal_report

HTMX = {"HTTP_HX_REQUEST": "true"}


def _html(client, url: str, language: str = "en") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_odds_are_a_range_naming_whom_we_know_nothing_about(as_user):
    view = deal_report("tyt-d1")
    unknown = [r["name"] for r in view["roles"] if not r["intel_known"]]

    html = _html(as_user("demo"), "/deals/tyt-d1/")

    low, high = round(view["win_odds_low"]), round(view["win_odds"])
    assert low < high and unknown
    rng = " ".join(html.split('data-testid="odds-range"')[1].split("</p>")[0].split())
    assert f"{low}–{high}%" in rng
    assert "we don&#x27;t know where Lanxin Technology 蓝芯科技 stands with" in rng
    for name in unknown:
        assert name in rng


def test_we_checked_is_written_through_the_service_audited_and_closes_the_range(as_user):
    client = as_user("demo")
    unknown = [r for r in deal_report("tyt-d1")["roles"] if not r["intel_known"]]
    audits = AuditEvent.objects.filter(object_type="dealrole").count()

    for r in unknown:
        response = client.post(
            "/edit/deal/tyt-d1/checked/",
            {"person": r["person"], "role": r["role"], "checked": "1"},
            **HTMX,
        )
        assert response.status_code == 204 and response["HX-Refresh"] == "true"

    role = DealRole.objects.get(deal__ext_id="tyt-d1", person__ext_id=unknown[0]["person"])
    assert role.competitors_checked is True
    assert AuditEvent.objects.filter(object_type="dealrole").count() == audits + len(unknown)
    html = _html(client, "/deals/tyt-d1/")
    assert 'data-testid="odds-range"' not in html
    assert "Competitors checked" in html
    view = deal_report("tyt-d1")
    assert view["win_odds_low"] == view["win_odds"]


def test_a_viewer_cannot_tick_we_checked(as_user):
    client = as_user("guest")

    response = client.post(
        "/edit/deal/tyt-d1/checked/", {"person": "tyt-cio", "role": "evaluator", "checked": "1"}
    )

    assert response.status_code == 403


def test_a_deal_nobody_holds_a_role_on_has_unknown_odds_not_fifty(as_user):
    client = as_user("demo")
    org = Organisation.objects.get(ext_id="tyt")
    save_deal(Deal(ext_id="tyt-empty", organisation=org, name="Empty deal"), actor="test")

    html = _html(client, "/deals/tyt-empty/")

    assert 'data-testid="odds-unknown"' in html
    assert "Nobody holds a role on this deal yet" in html
    assert "50%" not in html.split('data-testid="win-odds"')[1].split("</section>")[0]


def test_a_closed_deal_shows_its_outcome_and_the_odds_at_close_not_live_odds(as_user):
    lost = Deal.objects.get(ext_id="tyt-d2")

    html = _html(as_user("demo"), "/deals/tyt-d2/")

    card = html.split('data-testid="win-odds"')[1].split("<h3>")[0]
    assert 'data-testid="outcome"' in card and "Lost" in card
    assert f"<strong>{round(lost.odds_at_close)}%</strong>" in card
    assert "odds-figure" not in card


def test_a_won_deal_shows_the_credit_recorded_at_the_win(as_user):
    deal = Deal.objects.get(ext_id="stl-d1")
    credits = list(DealCredit.objects.filter(deal=deal).order_by("-share"))

    html = _html(as_user("liangwenbo"), "/deals/stl-d1/")

    card = html.split('data-testid="deal-credit"')[1].split("</section>")[0]
    rows = re.findall(r'data-testid="credit-row"', card)
    assert len(rows) == len(credits) > 0
    first = credits[0]
    assert first.person.name in card and f"{round(first.share * 100)}%" in card
    assert 'data-testid="recompute-credit"' in card


def test_a_manager_recomputes_credit_and_it_is_audited(as_user):
    client = as_user("liangwenbo")
    audits = AuditEvent.objects.filter(object_type="deal", object_id="stl-d1").count()

    response = client.post("/deals/stl-d1/credit/")

    assert response.status_code == 302 and response["Location"] == "/deals/stl-d1/"
    assert AuditEvent.objects.filter(object_type="deal", object_id="stl-d1").count() == audits + 1
    html = _html(client, "/deals/stl-d1/")
    assert "Credit recomputed from today" in html


def test_a_sales_user_sees_the_credit_but_may_not_recompute_it(as_user):
    client = as_user("lina")

    html = _html(client, "/deals/dfb-d3/")
    response = client.post("/deals/dfb-d3/credit/")

    assert 'data-testid="deal-credit"' in html and "recompute-credit" not in html
    assert response.status_code == 403


def test_the_new_warnings_are_worded_in_both_languages(as_user):
    client = as_user("demo")
    codes = [w["code"] for w in deal_report("dfb-d1")["warnings"]]

    english = _html(client, "/deals/dfb-d1/")
    chinese = _html(client, "/deals/dfb-d1/", "zh-hans")

    assert "uncovered_decider" in codes and "no_intelligence" in codes
    assert "Decider not covered" in english and "No intelligence" in english
    assert "We don&#x27;t know where" in english and "nobody has checked" in english
    assert "决策人未覆盖" in chinese and "缺少情报" in chinese and "没有人核实过" in chinese


def test_the_deal_list_shows_closed_deals_outcome_and_odds_at_close(as_user):
    won = Deal.objects.get(ext_id="stl-d1")

    html = _html(as_user("demo"), "/deals/")

    row = html.split('data-deal="stl-d1"')[1].split("</tr>")[0]
    cell = row.split('class="odds"')[1]
    assert "Won" in cell and f"{round(won.odds_at_close)}% at close" in cell
    assert "odds-cell" not in cell
