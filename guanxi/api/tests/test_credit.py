"""v2 through the API: the credit recorded at the win, its recompute for managers, the
competitors_checked flag on roles, and the deal analysis's new keys."""

from __future__ import annotations

import pytest

from guanxi.core.models import AuditEvent


def company_credit(api) -> dict[str, float]:
    return {e["id"]: e["credit"] for e in api.get("/api/company").data["employees"]}


def test_a_deal_won_through_the_api_keeps_its_recorded_credit(as_user):
    demo = as_user("demo")
    # given a won demo deal and its recorded credit
    credit = demo.get("/api/deals/stl-d1/credit").data
    assert credit["recorded_at"] is not None
    assert sum(s["share"] for s in credit["shares"]) == pytest.approx(1.0)
    before = company_credit(demo)
    # when an engineer meets the approver after the win (a strong new tie)
    approver = next(
        r["person_id"]
        for r in demo.get("/api/deal_roles", deal_id="stl-d1").data["items"]
        if r["role"] == "approver"
    )
    engineer = min(e for e in before if before[e] == 0)
    tie = {"source_id": engineer, "target_id": approver, "kind": "relationship", "strength": 95}
    assert demo.post("/api/ties", tie).status_code == 201
    # then nobody's credit moved
    assert company_credit(demo) == pytest.approx(before)
    assert demo.get("/api/deals/stl-d1/credit").data == credit


def test_only_managers_recompute_credit_and_it_is_audited(as_user):
    refused = as_user("lina").post("/api/deals/stl-d1/credit/recompute", {})
    assert refused.status_code in (403, 404)
    manager = as_user("liangwenbo")
    done = manager.post("/api/deals/stl-d1/credit/recompute", {})
    assert done.status_code == 200
    assert sum(s["share"] for s in done.data["shares"]) == pytest.approx(1.0)
    assert AuditEvent.objects.filter(
        actor_name="liangwenbo", summary__contains="credit recomputed"
    ).exists()
    open_deal = manager.post("/api/deals/stl-d2/credit/recompute", {})
    assert open_deal.status_code == 409


def test_roles_carry_competitors_checked_and_the_analysis_its_v2_keys(as_user):
    demo = as_user("demo")
    url = "/api/deal_roles/tyt-d1/tyt-cto/decision_maker"
    role = demo.get(url).data
    assert role["competitors_checked"] is False
    changed = demo.patch(url, {"competitors_checked": True})
    assert changed.status_code == 200 and changed.data["competitors_checked"] is True
    view = demo.get("/api/deals/tyt-d1/analysis").data
    assert {"win_odds", "win_odds_low", "intel_coverage"} <= set(view)
    cto = [r for r in view["roles"] if r["person"] == "tyt-cto"]
    assert cto and all(r["competitors_checked"] and r["intel_known"] for r in cto)
    assert view["win_odds_low"] <= view["win_odds"]


def test_a_viewer_sees_where_a_competitor_leads_but_not_who(as_user):
    manager = as_user("liangwenbo").get("/api/company", side="lx").data
    viewer = as_user("guest").get("/api/company", side="lx").data
    assert viewer["closer_than_us"] == manager["closer_than_us"]
    assert [t["account"] for t in viewer["threats"]] == [t["account"] for t in manager["threats"]]
    assert all(t["person"] is None and t["name"] is None for t in viewer["threats"])
    assert all(t["person"] for t in manager["threats"])
