"""What-if equals a recomputation by the networkx reference with the hypothetical ties added,
and next best actions rank relationships by that same gain."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from guanxi.analytics import account_view, build_workspace, deal_view
from guanxi.analytics.actions import account_actions, deal_actions
from guanxi.analytics.whatif import WhatIfError, what_if

from .reference import Reference
from .test_formulas import small_account
from .test_random_workspaces import SETTINGS, workspaces

HYPOTHETICAL = st.sampled_from([0, 10, 40, 70, 95, 100])


@st.composite
def scenarios(draw):
    args = draw(workspaces())
    active = [p for p in args["people"] if p[3] == "active"]
    assume(len(active) >= 2)
    ties = []
    for _ in range(draw(st.integers(1, 3))):
        a, b = draw(st.lists(st.sampled_from(active), min_size=2, max_size=2, unique=True))
        ties.append((a, b, draw(HYPOTHETICAL)))
    return args, ties


@SETTINGS
@given(scenarios())
def test_what_if_equals_the_reference_with_the_ties_added(scenario):
    # given a random workspace and hypothetical ties between its active people
    args, ties = scenario
    ws = build_workspace(**args)
    # when the what-if is asked
    got = what_if(ws, [(a[1], b[1], s) for a, b, s in ties])
    # then "after" is the reference recomputed with the ties added as declared relationships
    extra = [(a[0], b[0], "relationship", s) for a, b, s in ties]
    before, after = Reference(**args), Reference(**{**args, "ties": args["ties"] + extra})
    touched = sorted(
        {
            p[2]
            for a, b, _ in ties
            for p in (a, b)
            if p[2] in {o[0] for o in args["orgs"] if o[2] == "customer"}
        }
    )
    org_id = {o[0]: o[1] for o in args["orgs"]}
    assert [a["id"] for a in got["accounts"]] == sorted(org_id[o] for o in touched)
    for account in got["accounts"]:
        assert account["before"] == pytest.approx(before.score(account["id"]), abs=0.01)
        assert account["after"] == pytest.approx(after.score(account["id"]), abs=0.01)
    assert got["deal"] is None


@SETTINGS
@given(scenarios())
def test_what_if_deal_odds_equal_the_reference_with_the_ties_added(scenario):
    # given a random workspace with a deal and hypothetical ties
    args, ties = scenario
    assume(args["deals"])
    ws = build_workspace(**args)
    extra = [(a[0], b[0], "relationship", s) for a, b, s in ties]
    before, after = Reference(**args), Reference(**{**args, "ties": args["ties"] + extra})
    for deal in args["deals"]:
        # when the what-if is asked for the deal
        got = what_if(ws, [(a[1], b[1], s) for a, b, s in ties], deal[1])["deal"]
        # then the odds before and after are the reference's
        assert got["id"] == deal[1]
        assert got["before"] == pytest.approx(before.deal(deal[1])["win_odds"], abs=0.01)
        assert got["after"] == pytest.approx(after.deal(deal[1])["win_odds"], abs=0.01)


def test_what_if_of_an_existing_stronger_tie_changes_nothing():
    # given ann already at 80 with the ceo
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 80)
    ws = build_workspace(**rows.args())
    # when a weaker tie is imagined
    got = what_if(ws, [("ann", "ceo", 50)])
    # then the pair keeps 80 and the score does not move
    assert got["accounts"][0]["after"] == got["accounts"][0]["before"]
    assert got["accounts"][0]["before"] == pytest.approx(account_view(ws, "acme")["score"])


def test_what_if_refuses_unknown_people_and_bad_strengths():
    # given a small account
    ws = build_workspace(**small_account().args())
    # then an unknown id, a self tie, a strength out of range and an unknown deal are named
    with pytest.raises(WhatIfError, match="no person with id 'nobody'"):
        what_if(ws, [("ann", "nobody", 50)])
    with pytest.raises(WhatIfError, match="themselves"):
        what_if(ws, [("ann", "ann", 50)])
    with pytest.raises(WhatIfError, match="between 0 and 100"):
        what_if(ws, [("ann", "ceo", 150)])
    with pytest.raises(WhatIfError, match="no deal with id 'd9'"):
        what_if(ws, [("ann", "ceo", 50)], "d9")


def test_account_actions_rank_by_the_what_if_gain():
    # given ann weakly tied to the ceo and a vp, and hr tied to a vp
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 20)
    rows.tie("ann", "vp1", "relationship", 30)
    rows.tie("hr", "vp2", "relationship", 10)
    ws = build_workspace(**rows.args())
    # when the account's next best actions are asked
    actions = account_actions(ws, "acme")
    # then each gain is what the what-if gives for raising that pair to 70, largest first
    assert actions
    for action in actions:
        after = what_if(ws, [(action["employee"], action["person"], 70)])["accounts"][0]
        assert action["gain"] == pytest.approx(after["after"] - after["before"])
        assert action["route"]["people"][0] == action["employee"]
        assert action["route"]["people"][-1] == action["person"]
    gains = [a["gain"] for a in actions]
    assert gains == sorted(gains, reverse=True)
    by_person = {a["person"]: a for a in actions}
    # ceo: hr at 70 next to ann's 20 gives 76; ann at 70 alone gives 70; hr goes through vp2
    ceo = by_person["ceo"]
    assert (ceo["employee"], ceo["also"], ceo["introducer"]) == ("hr", ["ann"], "vp2")
    assert ceo["route"]["people"] == ["hr", "vp2", "ceo"]
    # vp2: ann at 70 next to hr's 10 gives 73; hr at 70 alone gives 70, so ann acts, hr also can
    assert (by_person["vp2"]["employee"], by_person["vp2"]["also"]) == ("ann", ["hr"])


def test_deal_actions_rank_by_the_odds_gain():
    # given a deal whose approver ann knows weakly
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 20)
    rows.deal("d1", "acme", "open", 1000.0, ("rival",))
    rows.role("d1", "ceo", "approver", 0, "initial")
    ws = build_workspace(**rows.args())
    # when the deal's next best actions are asked
    actions = deal_actions(ws, "d1")
    # then raising ann-ceo to 70 is first, with the odds the what-if gives
    assert [(a["person"], a["employee"]) for a in actions] == [("ceo", "ann")]
    after = what_if(ws, [("ann", "ceo", 70)], "d1")["deal"]
    assert actions[0]["gain"] == pytest.approx(after["after"] - after["before"])
    assert after["before"] == pytest.approx(deal_view(ws, "d1")["win_odds"])
