"""Who may reach what through the API: 401/403/404 by role × route × account on the demo
(the reads from the table of tests/security/matrix.py, shared with the pages' matrix).

Demo users: demo (admin), liangwenbo (manager), lina (sales on dfb and jng, person ht-kam1),
chenjing (contributor, person ht-hr), guest (viewer). tyt is an account lina is not on.
"""

from __future__ import annotations

import pytest

from guanxi.people.models import Person
from tests.security.matrix import API, ORDER

USERS = ["demo", "liangwenbo", "lina", "chenjing", "guest"]
ROLE_OF = dict(zip(USERS, ORDER, strict=True))


@pytest.mark.parametrize("url", sorted(API))
def test_reads_answer_by_role_and_account(as_user, url):
    # given the table the pages' matrix uses too (tests/security/matrix.py)
    expected = {name: API[url][ROLE_OF[name]] for name in USERS}
    # when each demo user asks the API
    got = {name: as_user(name).get(url).status_code for name in USERS}
    # then each gets the status the table gives their role
    assert got == expected


def test_lists_never_include_other_accounts_people_for_sales(as_user):
    lina = as_user("lina")

    people = lina.get("/api/people", limit=500).data
    ties = lina.get("/api/ties", limit=500).data
    deals = lina.get("/api/deals", limit=500).data

    orgs = {p["organization_id"] for p in people["items"]}
    assert people["count"] == len(people["items"]) > 0
    assert orgs <= {"dfb", "jng", "ht", "hr", "lx"}
    assert {"dfb", "jng", "ht"} <= orgs
    customers = set(
        Person.objects.filter(organisation__kind="customer").values_list(
            "ext_id", "organisation__ext_id"
        )
    )
    visible = {p["id"] for p in people["items"]}
    for tie in ties["items"]:
        for end in (tie["source_id"], tie["target_id"]):
            assert end in visible
    assert all(org in {"dfb", "jng"} for _p, org in customers if _p in visible)
    assert {d["organization_id"] for d in deals["items"]} == {"dfb", "jng"}
    assert lina.get("/api/people", organization_id="tyt").data["count"] == 0


def test_a_viewer_lists_organisations_but_no_people_ties_or_deals(as_user):
    guest = as_user("guest")

    assert guest.get("/api/organisations").data["count"] == 10
    for url in ["/api/people", "/api/ties", "/api/deals", "/api/interactions", "/api/deal_roles"]:
        assert guest.get(url).data["count"] == 0, url


def test_a_viewer_cannot_write_anything(as_user):
    guest = as_user("guest")

    created = guest.post("/api/organisations", {"id": "x", "name": "X", "kind": "partner"})
    changed = guest.patch("/api/organisations/dfb", {"name": "Renamed"})
    deleted = guest.delete("/api/organisations/dfb")

    assert [created.status_code, changed.status_code, deleted.status_code] == [403, 403, 403]


def test_sales_write_only_on_their_accounts(as_user):
    lina = as_user("lina")
    new = {"id": "dfb-new", "organization_id": "dfb", "name": "New Person"}

    assert lina.post("/api/people", new).status_code == 201
    assert (
        lina.post("/api/people", {**new, "id": "tyt-new", "organization_id": "tyt"}).status_code
        == 422
    )
    assert (
        lina.post("/api/people", {**new, "id": "hr-new", "organization_id": "hr"}).status_code
        == 403
    )
    assert lina.patch("/api/people/dfb-ceo", {"title": "CEO"}).status_code == 200
    assert lina.patch("/api/people/tyt-region1-s0", {"title": "x"}).status_code == 404
    assert lina.patch("/api/organisations/hr", {"name": "x"}).status_code == 403
    assert lina.delete("/api/deals/tyt-d1").status_code == 404
    assert lina.patch("/api/deals/dfb-d1", {"stage": "negotiation"}).status_code == 200


def test_contributors_record_only_their_own_ties(as_user):
    chenjing = as_user("chenjing")

    own = chenjing.post(
        "/api/ties",
        {"source_id": "ht-hr", "target_id": "ht-ceo", "kind": "relationship", "strength": 60},
    )
    others = chenjing.post(
        "/api/ties",
        {"source_id": "ht-ceo", "target_id": "dfb-ceo", "kind": "relationship", "strength": 60},
    )
    changed = chenjing.patch("/api/ties/dfb-ceo/ht-hr/relationship", {"strength": "strong"})
    someone_else = chenjing.patch("/api/people/ht-ceo", {"title": "x"})

    assert own.status_code == 201, own.data
    assert others.status_code == 403
    assert changed.status_code == 200 and changed.data["strength"] == 80
    assert someone_else.status_code == 403
