"""Hand-computed expectations for the v2 items of MODEL.md: influence centres by a strong tie,
unknown odds, the odds range from competitor intelligence, the two new warnings, and credit
recorded at the win."""

from __future__ import annotations

import math

import pytest

from guanxi.analytics import account_view, build_workspace, company_view, deal_view
from guanxi.analytics.company import credit_shares

from .test_formulas import small_account


def credits_of(ws) -> dict[str, float]:
    return {e["id"]: e["credit"] for e in company_view(ws)["employees"]}


def odds(total: float) -> float:
    return 100 / (1 + math.exp(-2 * total))


def test_a_strong_influence_on_a_power_centre_makes_an_influence_centre():
    # given b1 (a report, influence well under 0.5) who influences the CEO at 70, and b2 who
    # influences him at 69
    rows = small_account()
    rows.tie("b1", "ceo", "influence", 70)
    rows.tie("b2", "ceo", "influence", 69)
    view = account_view(build_workspace(**rows.args()), "acme")
    influence = {p["id"]: p["influence"] for p in view["people"]}
    assert influence["b1"] < 0.5
    # then b1 is an influence centre and b2 is not
    assert "b1" in view["influence_centres"]
    assert "b2" not in view["influence_centres"]
    # and, being a centre nobody of ours is close to, b1 is a plan target
    assert "b1" in view["plan_targets"]


def test_a_strong_influence_on_someone_without_power_makes_no_centre():
    rows = small_account()
    rows.tie("b1", "a1", "influence", 90)  # a1 is a report, not a power centre
    view = account_view(build_workspace(**rows.args()), "acme")
    assert "b1" not in view["influence_centres"]


def test_odds_are_unknown_when_nobody_holds_a_role():
    rows = small_account()
    rows.deal("empty", "acme", "open", 1000.0, ("rival",))
    view = deal_view(build_workspace(**rows.args()), "empty")
    assert view["win_odds"] is None
    assert view["win_odds_low"] is None
    assert [w["code"] for w in view["warnings"]] == ["missing_role"] * 4 + ["no_support"]


def test_odds_range_assumes_an_unknown_competitor_strong_with_each_unknown_holder():
    # given an approver (ceo) the rival is known to know at 30, and a decision maker (vp1)
    # nobody has asked about; we are at 60 with both, both are supporters
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 60)
    rows.tie("ann", "vp1", "relationship", 60)
    rows.tie("dan", "ceo", "relationship", 30)
    rows.deal("erp", "acme", "open", None, ("rival",))
    rows.role("erp", "ceo", "approver", 1, "deep")
    rows.role("erp", "vp1", "decision_maker", 1, "deep")
    view = deal_view(build_workspace(**rows.args()), "erp")
    w_ceo, w_vp = 0.35 / 0.65, 0.30 / 0.65
    # then the odds use what we know (rival 30 and 0), the low end puts the rival at 70
    # with the decision maker
    assert view["win_odds"] == pytest.approx(odds(w_ceo * (0.3 + 0.5) + w_vp * (0.6 + 0.5)))
    assert view["win_odds_low"] == pytest.approx(odds(w_ceo * (0.3 + 0.5) + w_vp * (-0.1 + 0.5)))
    assert view["intel_coverage"] == 0.5
    assert [(w["code"], w["person"]) for w in view["warnings"]] == [
        ("missing_role", None),
        ("missing_role", None),
        ("no_intelligence", "vp1"),
    ]
    reason = view["warnings"][-1]["reason"]
    assert "We don't know where rival stands with vp1" in reason


def test_marking_a_role_checked_makes_its_intelligence_known():
    rows = small_account()
    rows.tie("ann", "vp1", "relationship", 60)
    rows.deal("erp", "acme", "open", None, ("rival",))
    rows.role("erp", "vp1", "decision_maker", 1, "deep", checked=True)
    view = deal_view(build_workspace(**rows.args()), "erp")
    assert view["intel_coverage"] == 1.0
    assert view["win_odds_low"] == view["win_odds"]
    assert view["roles"][0]["competitors_checked"] is True
    assert "no_intelligence" not in [w["code"] for w in view["warnings"]]


def test_an_influence_tie_with_the_competitor_counts_as_intelligence_either_way():
    rows = small_account()
    rows.tie("vp1", "dan", "influence", 10)
    rows.deal("erp", "acme", "open", None, ("rival",))
    rows.role("erp", "vp1", "decision_maker", 0, "regular")
    assert deal_view(build_workspace(**rows.args()), "erp")["intel_coverage"] == 1.0


def test_without_competitors_in_play_intelligence_is_complete():
    rows = small_account()
    rows.deal("erp", "acme", "open", None)
    rows.role("erp", "vp1", "decision_maker", 0, "initial")
    view = deal_view(build_workspace(**rows.args()), "erp")
    assert view["intel_coverage"] == 1.0
    assert view["win_odds_low"] == view["win_odds"] == 50.0
    assert [(w["code"], w["person"]) for w in view["warnings"]][-1] == (
        "uncovered_decider",
        "vp1",
    )
    assert view["warnings"][-1]["reason"] == (
        "vp1 (decision maker) has had only initial contact with us."
    )


def test_recorded_credit_stays_whatever_the_ties_say_now():
    # given a deal won with the credit recorded 70/30 for ann and hr
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.deal("won", "acme", "won", 1000.0)
    rows.role("won", "ceo", "approver", 1, "deep")
    rows.credit("won", "ann", 0.7)
    rows.credit("won", "hr", 0.3)
    # when hr meets the CEO later and ann's tie is stronger than ever
    rows.tie("hr", "ceo", "relationship", 100)
    credit = credits_of(build_workspace(**rows.args()))
    # then the credit is the recorded shares times the amount
    assert credit == {"ann": pytest.approx(700.0), "hr": pytest.approx(300.0)}


def test_recorded_credit_of_someone_who_left_is_not_given_to_the_others():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.deal("won", "acme", "won", 1000.0)
    rows.role("won", "ceo", "approver", 1, "deep")
    rows.credit("won", "ann", 0.7)
    rows.credit("won", "hr", 0.3)
    rows.people = [(*p[:3], "left", *p[4:]) if p[1] == "hr" else p for p in rows.people]
    credit = credits_of(build_workspace(**rows.args()))
    assert credit == {"ann": pytest.approx(700.0)}


def test_credit_shares_are_what_recording_the_win_now_would_store():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.tie("hr", "vp1", "relationship", 40)
    rows.deal("won", "acme", "won", 1000.0)
    rows.role("won", "ceo", "approver", 1, "deep")
    rows.role("won", "vp1", "decision_maker", 1, "deep")
    ws = build_workspace(**rows.args())
    ann, hr = 0.35 / 0.65 * 80, 0.30 / 0.65 * 40
    assert credit_shares(ws, "won") == [
        ("ann", pytest.approx(ann / (ann + hr))),
        ("hr", pytest.approx(hr / (ann + hr))),
    ]
    # and a won deal without a record is credited with them
    credit = {e["id"]: e["credit"] for e in company_view(ws)["employees"]}
    assert credit["ann"] == pytest.approx(1000 * ann / (ann + hr))


def test_a_competitor_ahead_with_key_people_counts_them_though_behind_on_the_account():
    # given the rival at 80 with the CEO (we are at 30) and at 85 with a report who holds a
    # role on an open deal, while we are close to everyone else
    rows = small_account()
    rows.tie("dan", "ceo", "relationship", 80)
    rows.tie("dan", "a1", "relationship", 85)
    rows.tie("ann", "ceo", "relationship", 30)
    for p in ("vp1", "vp2", "a2", "b1", "b2"):
        rows.tie("ann", p, "relationship", 90)
    rows.tie("dan", "b2", "relationship", 85)  # not a key person: not a threat
    rows.deal("erp", "acme", "open", None, ("rival",))
    rows.role("erp", "a1", "evaluator", 0, "regular")
    ws = build_workspace(**rows.args())
    view = company_view(ws, "rival")
    # then the rival is ahead with two key people, by importance, at no account on average
    assert [(t["person"], t["closeness"], t["ours"]) for t in view["threats"]] == [
        ("ceo", 80.0, 30.0),
        ("a1", 85.0, 0.0),
    ]
    assert view["threats"][1]["deals"] == ["erp"]
    assert view["threats"][1]["roles"] == ["evaluator"]
    assert [t["decider"] for t in view["threats"]] == [False, False]
    assert view["closer_than_us"] == {"people": 2, "accounts": 0}
    assert view["name"] == "rival"
    # and the account view lists the same threats with the competitor named
    account = account_view(ws, "acme")
    assert [(t["competitor"], t["person"]) for t in account["threats"]] == [
        ("rival", "ceo"),
        ("rival", "a1"),
    ]


def test_what_we_know_of_a_competitor_counts_ties_either_way_round():
    # given four role holders, each linked to the rival's dan in another way: a relationship
    # with dan on either end of the pair, an influence from dan, an influence on dan
    rows = small_account()
    rows.tie("ceo", "dan", "relationship", 30)
    rows.tie("dan", "vp1", "relationship", 20)
    rows.tie("dan", "vp2", "influence", 40)
    rows.tie("a1", "dan", "influence", 10)
    rows.deal("erp", "acme", "open", None, ("rival",))
    for person, role in (("ceo", "approver"), ("vp1", "decision_maker"), ("vp2", "evaluator")):
        rows.role("erp", person, role, 0, "none")
    rows.role("erp", "a1", "user", 0, "none")
    view = deal_view(build_workspace(**rows.args()), "erp")
    # then we know where the rival stands with every one of them
    assert view["intel_coverage"] == 1.0
    assert "no_intelligence" not in {w["code"] for w in view["warnings"]}
