"""Hand-computed expectations for every formula of MODEL.md."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from guanxi.analytics import (
    ScoringSettings,
    TieArrays,
    account_view,
    build_workspace,
    closeness,
    company_view,
    deal_view,
    effective_strength,
    evidence,
    interaction_points,
    paths_view,
    person_view,
    win_odds,
)

from .datasets import TODAY, Rows


def small_account() -> Rows:
    """A customer of seven (ceo <- two vps <- two reports each) and our side of two."""
    rows = Rows()
    rows.org("acme", "customer", "strategic")
    rows.org("us", "own")
    rows.org("rival", "competitor")
    for pid in ("ceo", "vp1", "vp2", "a1", "a2", "b1", "b2"):
        rows.person(pid, "acme")
    for vp in ("vp1", "vp2"):
        rows.tie(vp, "ceo", "reports_to")
    for r, vp in (("a1", "vp1"), ("a2", "vp1"), ("b1", "vp2"), ("b2", "vp2")):
        rows.tie(r, vp, "reports_to")
    rows.person("ann", "us", sales=True)
    rows.person("hr", "us")
    rows.person("dan", "rival")
    return rows


def test_closeness_of_two_ties_of_50_is_75():
    assert closeness([50, 50]) == pytest.approx(75.0)
    assert closeness([100, 20]) == 100.0
    assert closeness([]) == 0.0


def test_evidence_of_one_meeting_today_and_half_a_year_ago():
    # one meeting today: 3 points -> 100 (1 - e^-0.3)
    assert evidence(3.0) == pytest.approx(25.918, abs=1e-3)
    # a meeting 180 days ago counts half
    old = interaction_points("meeting", TODAY - dt.timedelta(days=180), TODAY)
    assert old == pytest.approx(1.5)
    # the stronger of declared and evidence counts
    assert effective_strength(10, 1.5) == pytest.approx(100 * (1 - math.exp(-0.15)))  # 13.9
    assert effective_strength(50, 1.5) == 50.0


def test_interactions_alone_create_relationships_but_not_in_the_future_or_after_leaving():
    rows = small_account()
    rows.person("gone", "us", left=True)
    rows.interaction(0, "meal", "ann", "ceo", "gone")  # 4 points today
    rows.interaction(-3, "meal", "hr", "ceo")  # next week: a plan, not evidence
    ws = build_workspace(**rows.args())
    view = person_view(ws, "ceo")
    assert view["ours"]["direct"] == [
        {"id": "ann", "name": "ann", "strength": pytest.approx(100 * (1 - math.exp(-0.4)))}
    ]


def test_power_follows_the_reporting_tree():
    ws = build_workspace(**small_account().args())
    power = {p["id"]: p["power"] for p in account_view(ws, "acme")["people"]}
    assert power["ceo"] == 1.0
    assert power["vp1"] == pytest.approx(math.log(4) / math.log(8))  # 0.667
    assert power["a1"] == pytest.approx(math.log(2) / math.log(8))  # 0.333


def test_power_override_and_leavers_drop_out_of_the_tree():
    rows = small_account()
    rows.people[1] = rows.people[1][:3] + ("left",) + rows.people[1][4:]  # vp1 left
    rows.people[0] = rows.people[0][:4] + (90,) + rows.people[0][5:]  # ceo override 90
    ws = build_workspace(**rows.args())
    power = {p["id"]: p["power"] for p in account_view(ws, "acme")["people"]}
    assert "vp1" not in power
    assert power["ceo"] == pytest.approx(0.9)
    # a1 and a2 lost their manager: each is their own root among 6 active people
    assert power["a1"] == pytest.approx(math.log(2) / math.log(7))
    assert power["vp2"] == pytest.approx(math.log(4) / math.log(7))


def test_influence_flows_back_to_the_influencer():
    # given a -> b (a influences b), neither reporting: equal power ln2/ln3
    rows = Rows()
    rows.org("acme", "customer")
    rows.person("a", "acme")
    rows.person("b", "acme")
    rows.tie("a", "b", "influence", 50)
    ws = build_workspace(**rows.args())
    people = {p["id"]: p for p in account_view(ws, "acme")["people"]}
    # then y_b = 1 and y_a = 1 + 0.85 (b passes all its mass to a): I_b = 1 / 1.85
    assert people["a"]["influence"] == 1.0
    assert people["b"]["influence"] == pytest.approx(1 / 1.85)
    assert people["b"]["importance"] == pytest.approx(math.log(2) / math.log(3))


def test_account_score_is_importance_weighted_closeness():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.tie("hr", "a1", "relationship", 50)
    ws = build_workspace(**rows.args())
    view = account_view(ws, "acme")
    people = {p["id"]: p for p in view["people"]}
    weights = {p: people[p]["importance"] for p in people}
    expected = (weights["ceo"] * 80 + weights["a1"] * 50) / sum(weights.values())
    assert view["score"] == pytest.approx(expected)
    assert view["power_centres"] == ["ceo", "vp1", "vp2"]
    assert view["plan_targets"] == ["vp1", "vp2"]  # the ceo is at 80
    assert sum(p["points"] for p in view["contributions"]["people"]) == pytest.approx(view["score"])


def test_levels_at_70_and_40():
    s = ScoringSettings()
    assert [s.level(v) for v in (70, 69.99, 40, 39.99)] == ["strong", "medium", "medium", "weak"]


def test_an_empty_customer_scores_0_and_counts_as_weak():
    rows = small_account()
    rows.org("ghost", "customer", "key")
    ws = build_workspace(**rows.args())
    assert account_view(ws, "ghost")["score"] == 0.0
    view = company_view(ws)
    assert view["levels"] == {"strong": 0, "medium": 0, "weak": 2}
    assert view["accounts"][-1] == {
        "id": "ghost",
        "name": "ghost",
        "score": 0.0,
        "level": "weak",
        "top_dependency": None,
        "at_risk": False,
    }


def test_concentration_with_two_employees_on_one_person():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 50)
    rows.tie("hr", "ceo", "relationship", 50)
    ws = build_workspace(**rows.args())
    account = company_view(ws)["accounts"][0]
    # C = 75; without either one C = 50: each holds a third of the score; ann wins on id
    assert account["top_dependency"] == {"employee": "ann", "share": pytest.approx(1 / 3)}
    assert account["at_risk"] is False


def test_credit_on_a_won_deal_splits_by_closeness_to_role_holders():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.tie("hr", "ceo", "relationship", 20)
    rows.deal("won", "acme", "won", 1000.0, ("rival",))
    rows.role("won", "ceo", "approver", 1, "deep")
    ws = build_workspace(**rows.args())
    credit = {e["id"]: e["credit"] for e in company_view(ws)["employees"]}
    assert credit == {"ann": pytest.approx(800.0), "hr": pytest.approx(200.0)}
    rival = company_view(ws, "rival")
    assert [e["credit"] for e in rival["employees"]] == [0.0]


def test_deal_weights_edges_odds_and_warnings():
    rows = small_account()
    rows.tie("ann", "vp1", "relationship", 30)
    rows.tie("dan", "vp1", "relationship", 80)
    rows.deal("erp", "acme", "open", None, ("rival",))
    rows.role("erp", "ceo", "approver", -2, "deep")
    rows.role("erp", "vp1", "evaluator", 1, "regular")
    rows.role("erp", "vp2", "evaluator", 0, None)
    view = deal_view(build_workspace(**rows.args()), "erp")
    roles = {r["person"]: r for r in view["roles"]}
    assert roles["ceo"]["weight"] == pytest.approx(0.35 / 0.55)
    assert roles["vp1"]["weight"] == pytest.approx(0.10 / 0.55)
    assert roles["vp1"]["edge"] == pytest.approx((30 - 80) / 100 + 0.5)
    assert roles["ceo"]["edge"] == pytest.approx(-1.0)
    total = sum(r["weight"] * r["edge"] for r in view["roles"])
    assert view["win_odds"] == pytest.approx(100 / (1 + math.exp(-2 * total)))
    assert view["coverage"] == 0.5  # approver and evaluator covered
    assert [(w["code"], w["person"]) for w in view["warnings"]] == [
        ("missing_role", None),
        ("missing_role", None),
        ("opposed_decider", "ceo"),
        ("competitor_stronger", "vp1"),
        ("no_intelligence", "ceo"),  # v2: nothing links the approver with the rival
    ]
    assert set(view["paths"]) == {"ceo", "vp1", "vp2"}


def test_win_odds_are_even_without_an_edge_and_unknown_without_anybody():
    assert win_odds([], []) is None
    assert win_odds([1.0], [0.0]) == 50.0
    assert win_odds([1.0], [0.5]) == pytest.approx(100 / (1 + math.exp(-1)))


def test_no_support_when_nobody_backs_us():
    rows = small_account()
    rows.deal("d", "acme", "lost", 10.0)
    rows.role("d", "ceo", "approver", 0)
    codes = [w["code"] for w in deal_view(build_workspace(**rows.args()), "d")["warnings"]]
    assert codes == ["missing_role"] * 3 + ["no_support", "uncovered_decider"]


def test_best_paths_prefer_strength_then_fewer_edges_and_avoid_competitors():
    rows = small_account()
    rows.tie("ann", "vp1", "relationship", 50)  # ann -> vp1 -> ceo (60 down? no: up 30)
    rows.tie("hr", "ceo", "relationship", 15)
    rows.tie("dan", "ceo", "relationship", 100)
    rows.tie("ann", "dan", "relationship", 100)  # through a competitor: never used
    ws = build_workspace(**rows.args())
    paths = paths_view(ws, "ceo")
    assert paths == [
        {"people": ["hr", "ceo"], "strength": pytest.approx(0.15)},
        {"people": ["ann", "vp1", "ceo"], "strength": pytest.approx(0.5 * 0.3)},
    ]
    assert paths_view(ws, "ceo", k=1) == paths[:1]


def test_paths_from_one_employee_may_go_through_a_colleague():
    rows = small_account()
    rows.tie("ann", "hr", "relationship", 90)
    rows.tie("hr", "ceo", "relationship", 80)
    ws = build_workspace(**rows.args())
    assert paths_view(ws, "ceo", from_id="ann") == [
        {"people": ["ann", "hr", "ceo"], "strength": pytest.approx(0.72)}
    ]
    assert [p["people"] for p in paths_view(ws, "ceo")] == [["hr", "ceo"]]


def test_key_person_view_lists_indirect_routes_through_influencers():
    rows = small_account()
    rows.tie("hr", "vp2", "relationship", 60)
    rows.tie("vp2", "ceo", "influence", 70)
    rows.tie("dan", "ceo", "influence", 40)
    rows.deal("d", "acme", "open", None)
    rows.role("d", "ceo", "approver", 2, "deep")
    view = person_view(build_workspace(**rows.args()), "ceo")
    assert view["inside"][0] == {"id": "vp2", "name": "vp2", "strength": 70.0}
    assert view["ours"]["indirect"] == [
        {
            "id": "hr",
            "name": "hr",
            "via": "vp2",
            "via_name": "vp2",
            "strength": pytest.approx(42.0),
        }
    ]
    assert view["competitors"] == {"rival": [{"id": "dan", "name": "dan", "strength": 40.0}]}
    assert view["deals"][0]["deal_id"] == "d" and view["deals"][0]["attitude"] == 2


def test_columnar_ties_give_the_same_workspace_as_rows():
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    rows.tie("a1", "ceo", "influence", None)
    args = rows.args()
    codes = {"reports_to": 0, "influence": 1, "relationship": 2}
    args_cols = dict(
        args,
        ties=TieArrays(
            np.array([t[0] for t in args["ties"]]),
            np.array([t[1] for t in args["ties"]]),
            np.array([codes[t[2]] for t in args["ties"]]),
            np.array([np.nan if t[3] is None else t[3] for t in args["ties"]], dtype=float),
        ),
    )
    assert account_view(build_workspace(**args), "acme") == account_view(
        build_workspace(**args_cols), "acme"
    )


def test_settings_override_changes_the_scores():
    rows = small_account()
    rows.interaction(180, "meeting", "ann", "ceo")
    default = person_view(build_workspace(**rows.args()), "ceo")["ours"]["direct"][0]
    faster = ScoringSettings.from_dict({"half_life_days": 90})
    decayed = person_view(build_workspace(**rows.args(), settings=faster), "ceo")
    assert default["strength"] == pytest.approx(evidence(1.5))
    assert decayed["ours"]["direct"][0]["strength"] == pytest.approx(evidence(0.75))


def test_settings_round_trip_and_reject_unknown_names():
    s = ScoringSettings.from_dict({"role_weights": {"user": 0.2}, "paths_k": 5})
    assert ScoringSettings.from_dict(s.to_dict()) == s
    assert s.role_weight("approver") == 0.35
    with pytest.raises(ValueError, match="unknown scoring settings: colour"):
        ScoringSettings.from_dict({"colour": 1})


def test_unknown_ids_are_reported_by_name():
    ws = build_workspace(**small_account().args())
    with pytest.raises(KeyError, match="nobody"):
        person_view(ws, "nobody")
    with pytest.raises(ValueError, match="not a customer"):
        account_view(ws, "us")
