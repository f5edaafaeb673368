"""The analysis routes answer with the CLI's JSON (guanxi.scoring.reports), leave out the
people a user may not see, and audit every key-person view."""

from __future__ import annotations

import pytest

from guanxi.core.models import AuditEvent
from guanxi.people.models import Person
from guanxi.people.services import record_tie
from guanxi.scoring import reports


@pytest.mark.parametrize(
    ("url", "report"),
    [
        ("/api/accounts/dfb/analysis", lambda: reports.account_report("dfb")),
        ("/api/people/dfb-ceo/view", lambda: reports.person_report("dfb-ceo")),
        ("/api/people/dfb-ceo/paths", lambda: reports.paths_report("dfb-ceo")),
        (
            "/api/people/dfb-ceo/paths?from=ht-kam1&k=5",
            lambda: reports.paths_report("dfb-ceo", from_id="ht-kam1", k=5),
        ),
        ("/api/company", lambda: reports.company_report()),
        ("/api/company?side=hr", lambda: reports.company_report("hr")),
        ("/api/deals/tyt-d1/analysis", lambda: reports.deal_report("tyt-d1")),
    ],
)
def test_each_analysis_route_returns_the_cli_json(as_user, url, report):
    # given the admin / when the route is called
    response = as_user("demo").client.get(url, headers=as_user("demo").headers)

    # then the body is the report the CLI prints with --json
    assert response.status_code == 200
    assert response.json() == report()


def test_sales_see_their_accounts_analysis_whole(as_user):
    lina = as_user("lina")

    assert lina.get("/api/accounts/jng/analysis").data == reports.account_report("jng")
    assert lina.get("/api/deals/dfb-d1/analysis").data == reports.deal_report("dfb-d1")


def test_a_key_person_view_writes_an_audit_event(as_user):
    before = AuditEvent.objects.filter(action="view", object_type="person").count()

    response = as_user("lina").get("/api/people/dfb-cio/view")

    assert response.status_code == 200
    events = AuditEvent.objects.filter(action="view", object_type="person")
    assert events.count() == before + 1
    event = events.latest("id")
    assert (event.object_id, event.actor_name) == ("dfb-cio", "lina")


def test_a_refused_view_writes_no_audit_event(as_user):
    before = AuditEvent.objects.filter(action="view").count()

    assert as_user("lina").get("/api/people/tyt-region1-s0/view").status_code == 404

    assert AuditEvent.objects.filter(action="view").count() == before


@pytest.fixture
def path_through_tyt(as_user):
    """A strong path to dfb-ceo through a person of tyt, an account lina is not on."""
    people = {
        p.ext_id: p
        for p in Person.objects.filter(ext_id__in=["ht-ceo", "tyt-region1-s0", "dfb-ceo"])
    }
    for a, b in [("ht-ceo", "tyt-region1-s0"), ("tyt-region1-s0", "dfb-ceo")]:
        record_tie(
            source=people[a], target=people[b], kind="relationship", strength=100, actor="test"
        )
    return ["ht-ceo", "tyt-region1-s0", "dfb-ceo"]


def test_sales_paths_leave_out_people_of_other_accounts(as_user, path_through_tyt):
    everything = as_user("demo").get("/api/people/dfb-ceo/paths", k=10).data
    lina = as_user("lina").get("/api/people/dfb-ceo/paths", k=10).data
    view = as_user("lina").get("/api/people/dfb-ceo/view").data

    assert path_through_tyt in [p["people"] for p in everything]
    assert lina == [p for p in everything if "tyt-region1-s0" not in p["people"]]
    assert lina
    shown = {i for p in view["paths"] for i in p["people"]}
    shown |= {e["id"] for e in view["inside"] + view["ours"]["direct"]}
    assert "tyt-region1-s0" not in shown


def test_contributors_get_paths_whole_to_anyone(as_user, path_through_tyt):
    everything = as_user("demo").get("/api/people/dfb-ceo/paths").data

    paths = as_user("chenjing").get("/api/people/dfb-ceo/paths")
    elsewhere = as_user("chenjing").get("/api/people/tyt-region1-s0/paths")

    assert paths.data == everything
    assert elsewhere.status_code == 200
    assert elsewhere.data == reports.paths_report("tyt-region1-s0")


def test_a_contributor_gets_the_paths_to_a_customer_person_as_on_the_page(as_user):
    # given chenjing, a contributor who knows dfb-ceo but is on no account
    chenjing = as_user("chenjing")
    # when she asks for the whole key-person view, and for the paths
    view = chenjing.get("/api/people/dfb-ceo/view")
    paths = chenjing.get("/api/people/dfb-ceo/paths")
    # then the whole view is refused (she may know the person, the view goes with the
    # account), and the paths come whole, as the page shows them to her
    assert view.status_code == 403
    assert paths.status_code == 200
    assert paths.data and all(p["people"][-1] == "dfb-ceo" for p in paths.data)


def test_paths_reject_a_bad_k_or_from(as_user):
    demo = as_user("demo")

    assert demo.get("/api/people/dfb-ceo/paths", k=0).status_code == 422
    bad_from = demo.get("/api/people/dfb-ceo/paths", **{"from": "dfb-cfo"})
    unknown_from = demo.get("/api/people/dfb-ceo/paths", **{"from": "nobody"})
    assert (bad_from.status_code, bad_from.data["detail"][0]["field"]) == (422, "from")
    assert (unknown_from.status_code, unknown_from.data["detail"][0]["field"]) == (422, "from")


def test_company_of_a_non_competitor_side_is_refused_naming_side(as_user):
    response = as_user("demo").get("/api/company", side="dfb")

    assert response.status_code == 422
    assert response.data["detail"][0]["field"] == "side"
