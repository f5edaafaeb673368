"""The person-level values a snapshot keeps equal the networkx reference."""

from __future__ import annotations

import pytest

from guanxi.analytics import build_workspace, company_view
from guanxi.analytics.history import closeness_values, resource_values

from .reference import Reference
from .test_formulas import small_account


def test_snapshot_keeps_centres_and_role_holders_closeness_and_employees_resources():
    # given a customer with centres, a role holder who is no centre, and two of our people
    rows = small_account()
    rows.tie("ann", "ceo", "relationship", 60)
    rows.tie("hr", "a1", "relationship", 50)
    rows.tie("ann", "b2", "relationship", 30)
    rows.deal("d1", "acme", "open", 1000.0)
    rows.role("d1", "a1", "evaluator")
    ws = build_workspace(**rows.args())
    ref = Reference(**rows.args())
    # when the values are taken
    closeness = {p: v for p, _m, v in closeness_values(ws)}
    resources = {e: v for e, _m, v in resource_values(company_view(ws)["employees"])}
    # then the tracked people are the power centres (ceo, vp1, vp2) and the role holder a1
    assert sorted(closeness) == ["a1", "ceo", "vp1", "vp2"]
    for pid, value in closeness.items():
        assert value == pytest.approx(ref.closeness("us", pid), abs=1e-4)
    # and every one of our people has their resources, as the reference computes them
    expected = {e["id"]: e["resources"] for e in ref.company("us")["employees"]}
    assert resources == pytest.approx(expected, abs=1e-4)
