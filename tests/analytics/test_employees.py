"""The employee views (guanxi.analytics.employees: resources, rank, key people, accounts and
the share resting on one person, credit per won deal) and each competitor's score at an
account (guanxi.analytics.rivals) equal the plain-Python reference on hypothesis-generated
workspaces and on a real network."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from pytest import approx

from guanxi.analytics import build_workspace, company_view
from guanxi.analytics.employees import employee_profile, employee_rows, iceberg, reach_counts
from guanxi.analytics.rivals import rival_scores

from .compare import FRACTION, SCORE
from .datasets import krackhardt
from .reference import Reference
from .test_random_workspaces import workspaces


def assert_employee(got: dict, expected: dict) -> None:
    assert got["resources"] == approx(expected["resources"], abs=SCORE)
    assert (got["rank"], got["of"]) == (expected["rank"], expected["of"])
    assert [r["id"] for r in got["relationships"]] == expected["relationships"]
    assert [r["id"] for r in got["key_people"]] == expected["key_people"]
    assert [a["id"] for a in got["accounts"]] == [a["id"] for a in expected["accounts"]]
    for g, e in zip(got["accounts"], expected["accounts"], strict=True):
        assert g["score"] == approx(e["score"], abs=SCORE)
        assert g["share"] == approx(e["share"], abs=FRACTION)
    assert [c["deal"] for c in got["credit"]] == [c["deal"] for c in expected["credit"]]
    for g, e in zip(got["credit"], expected["credit"], strict=True):
        assert g["share"] == approx(e["share"], abs=FRACTION)
        assert g["amount"] == approx(e["amount"], abs=SCORE)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(workspaces())
def test_every_employee_view_equals_the_reference(args):
    # given a random workspace with our side and competitors
    ws = build_workspace(**args)
    ref = Reference(**args)
    sides = [o[0] for o in args["orgs"] if o[2] in ("own", "competitor")]
    active = {p[1] for p in args["people"] if p[3] == "active"}
    # when each active person of a side opens their employee view
    # then it equals the reference
    for person in args["people"]:
        if person[2] in sides and person[1] in active:
            assert_employee(employee_profile(ws, person[1]), ref.employee(person[1]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_employee_rows_and_the_iceberg_add_up_to_the_company_view(args):
    # given a random workspace and its company view
    ws = build_workspace(**args)
    ref = Reference(**args)
    view = company_view(ws)
    # when the rows and the iceberg are made from it
    rows = employee_rows(ws, view)
    berg = iceberg(view["employees"])
    # then ranks follow the resources order, accounts reached are the customers each person
    # knows someone in, and non-sales staff hold their part of the resources
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    reach = reach_counts(ws, ws.own)
    for r in rows:
        expected = {
            ref.people[p]["org"]
            for p in ref.active
            if ref.orgs[ref.people[p]["org"]]["kind"] == "customer"
            and p != r["id"]
            and frozenset((r["id"], p)) in ref.rel
        }
        assert r["accounts"] == reach[r["id"]] == len(expected)
    total = sum(ref.employee(e)["resources"] for e in ref.members(ref.own))
    non_sales = sum(
        ref.employee(e)["resources"] for e in ref.members(ref.own) if not ref.people[e]["sales"]
    )
    # (as amounts: a total of floating noise, 6e-10 in one computation and 0 in the other,
    # has no meaningful share)
    held = berg["share"] * sum(e["resources"] for e in view["employees"])
    assert held == approx(non_sales, abs=SCORE) and 0.0 <= berg["share"] <= 1.0
    assert total == approx(sum(e["resources"] for e in view["employees"]), abs=SCORE)


def test_the_employee_views_of_a_real_network_equal_the_reference():
    # given Krackhardt's high-tech managers as a customer, with our side tied into it
    rows = krackhardt()
    ws = build_workspace(**rows.args())
    ref = Reference(**rows.args())
    # then every one of our people's views equals the reference
    ours = ref.members(ref.own)
    assert ours
    for e in ours:
        assert_employee(employee_profile(ws, e), ref.employee(e))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_each_competitors_score_at_an_account_equals_the_reference(args):
    # given a random workspace with competitors
    ws = build_workspace(**args)
    ref = Reference(**args)
    rivals = [o[1] for o in args["orgs"] if o[2] == "competitor"]
    # when each competitor's account closeness score is computed at each customer
    # then it is the reference's S_k(O)
    for org in (o[1] for o in args["orgs"] if o[2] == "customer"):
        got = rival_scores(ws, org, rivals)
        assert got == approx({k: ref.score(org, side=k) for k in rivals}, abs=SCORE)
