"""The engine equals the networkx reference on real organisational networks."""

from __future__ import annotations

import pytest

from guanxi.analytics import (
    account_view,
    build_workspace,
    company_view,
    deal_view,
    paths_view,
    person_view,
)

from .compare import assert_account, assert_company, assert_deal, assert_paths, assert_person
from .datasets import krackhardt, lazega, padgett, published
from .reference import Reference

NETWORKS = {
    "krackhardt": (krackhardt, "hightech"),
    "krackhardt_with_leavers": (lambda: krackhardt(left=("m14", "m03")), "hightech"),
    "lazega": (lazega, "lawfirm"),
    "padgett": (padgett, "florence"),
}


@pytest.fixture(scope="module", params=sorted(NETWORKS))
def network(request):
    make, customer = NETWORKS[request.param]
    rows = make()
    args = rows.args()
    return build_workspace(**args), Reference(**args), customer, rows


def test_account_view_equals_reference(network):
    # given a real customer network with our side and a rival around it
    ws, ref, customer, _ = network
    # when the whole-customer view is computed / then it equals the networkx reference
    assert_account(account_view(ws, customer), ref.account(customer))


def test_company_views_equal_reference_for_us_and_the_rival(network):
    ws, ref, _, _ = network
    assert_company(company_view(ws), ref.company())
    assert_company(company_view(ws, "rival"), ref.company("rival"))


def test_key_person_view_equals_reference_for_the_most_important_people(network):
    ws, ref, customer, _ = network
    people = [p["id"] for p in account_view(ws, customer)["people"]][:6]
    for pid in people:
        assert_person(person_view(ws, pid), ref.person(pid))


def test_paths_from_one_employee_may_pass_through_colleagues(network):
    ws, ref, customer, _ = network
    people = [p["id"] for p in account_view(ws, customer)["people"]][:4]
    for pid in people:
        for start in ("us-ann-sales", "us-bob-hr", "us-bob"):
            if start in ws.person_index:
                expected = ref.paths(pid, start=start, k=5)
                assert_paths(paths_view(ws, pid, from_id=start, k=5), expected)


def test_deal_chains_equal_reference(network):
    ws, ref, _, rows = network
    for _key, deal_id, *_ in rows.deals:
        assert_deal(deal_view(ws, deal_id), ref.deal(deal_id))


def test_medici_brokers_the_florentine_marriage_network():
    # given networkx's 15-family marriage graph as one customer
    checks = {c["id"]: c for c in published("padgett_florentine")["checks"]}
    expected = checks["NXT_betweenness"]["expected"]
    ws = build_workspace(**padgett(families="networkx", kinds=("marriage",)).args())
    # when the account view is computed
    broker = {p["id"]: p["broker"] for p in account_view(ws, "florence")["people"]}
    # then every family's broker score is the published normalised betweenness
    assert broker["Medici"] == pytest.approx(0.522, abs=5e-4)
    assert broker == pytest.approx(expected, abs=5e-4)


def test_krackhardt_ceo_and_vps_are_power_centres():
    # given the high-tech firm's reporting tree (7 is the CEO; 2, 14, 18, 21 the VPs)
    ws = build_workspace(**krackhardt().args())
    view = account_view(ws, "hightech")
    # then the CEO has full power and every VP is a power centre; m18 (power 0.53 from a
    # two-person department) sits after the CEO and the bigger VPs
    assert view["power_centres"][0] == "m07"
    assert set(view["power_centres"]) == {"m07", "m14", "m21", "m02"} | (
        {"m18"} if ws.power[ws.person_index["m18"]] >= 0.5 else set()
    )
    assert view["people"][[p["id"] for p in view["people"]].index("m07")]["power"] == 1.0
