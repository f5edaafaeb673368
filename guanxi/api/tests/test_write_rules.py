"""Write rules per role through the API, and the holes of issue 10 they close (a–e).

Demo users: lina (sales on dfb and jng), chenjing (contributor, person ht-hr), guest
(viewer); `qlsales` is made here: sales on qlp only, a subsidiary of qln.
"""

from __future__ import annotations

import pytest

from guanxi.access.services import add_user
from guanxi.api.tests.conftest import fields
from guanxi.core.models import AuditEvent
from guanxi.deals.models import DealRole
from guanxi.people.models import Interaction, Organisation, Person


@pytest.fixture
def qlsales(as_user):
    """A sales user on qlp only (not on its parent qln)."""
    add_user(
        username="qlsales",
        role="sales",
        accounts=[Organisation.objects.get(ext_id="qlp")],
        actor=None,
    )
    return as_user("qlsales")


def test_a_sales_user_sees_no_role_of_a_person_hidden_from_them(qlsales):
    """Hole a: the approver qln-cfo (at the parent qln) is hidden from a sales user on qlp;
    their role on qlp-d1 must not show their id, attitude or notes."""
    # given the approver is hidden from her
    assert qlsales.get("/api/people/qln-cfo").status_code == 404
    # when she lists the roles of the deal
    roles = qlsales.get("/api/deal_roles", deal_id="qlp-d1").data
    # then the hidden approver is not among them
    assert "qln-cfo" not in {r["person_id"] for r in roles["items"]}
    assert roles["count"] == len(roles["items"])


def test_a_sales_user_cannot_change_or_delete_the_role_of_a_hidden_person(qlsales):
    """Hole a: PATCH and DELETE of a role whose holder the user may not see are 404."""
    url = "/api/deal_roles/qlp-d1/qln-cfo/approver"

    assert qlsales.patch(url, {"notes": "seen"}).status_code == 404
    assert qlsales.delete(url).status_code == 404
    assert DealRole.objects.filter(deal__ext_id="qlp-d1", person__ext_id="qln-cfo").exists()


def test_a_role_holder_must_be_in_the_deals_customer_group(as_user):
    """Hole a (check_deal_role): a person of another customer group holds no role on a deal;
    one of the parent company in the same group may."""
    manager = as_user("liangwenbo")
    outside = {"deal_id": "qlp-d1", "person_id": "dfb-ceo", "role": "evaluator"}
    in_group = {"deal_id": "qlp-d1", "person_id": "qln-cio", "role": "evaluator"}

    refused = manager.post("/api/deal_roles", outside)
    accepted = manager.post("/api/deal_roles", in_group)

    assert refused.status_code == 422 and fields(refused) == ["person_id"]
    assert "outside the group" in refused.data["detail"][0]["message"]
    assert accepted.status_code == 201


def test_a_viewer_gets_no_customer_people_in_the_company_view(as_user):
    """Hole b: employees[].key_people of /api/company names customers' people; a viewer sees
    the count only."""
    customers = set(
        Person.objects.filter(organisation__kind="customer").values_list("ext_id", flat=True)
    )
    manager_view = as_user("liangwenbo").get("/api/company").data
    viewer_view = as_user("guest").get("/api/company").data

    named = {k for e in viewer_view["employees"] for k in e["key_people"]}
    assert named & customers == set()
    by_id = {e["id"]: len(e["key_people"]) for e in manager_view["employees"]}
    assert {e["id"]: e["key_count"] for e in viewer_view["employees"]} == by_id
    assert any(by_id.values())


def test_a_sales_user_changes_the_name_but_not_the_kind_parent_or_tier_of_an_account(as_user):
    """Hole c: only admins and managers change an organisation's kind, parent or tier."""
    lina = as_user("lina")

    kind = lina.patch("/api/organisations/dfb", {"kind": "competitor", "parent_id": "hr"})
    tier = lina.patch("/api/organisations/dfb", {"tier": "standard"})
    renamed = lina.patch("/api/organisations/dfb", {"name": "Dongfang B", "kind": "customer"})
    deleted = lina.delete("/api/organisations/dfb")

    assert kind.status_code == 403 and fields(kind) == ["kind"]
    assert tier.status_code == 403 and fields(tier) == ["tier"]
    assert renamed.status_code == 200 and renamed.data["name"] == "Dongfang B"
    assert deleted.status_code == 403
    org = Organisation.objects.get(ext_id="dfb")
    assert (org.kind, org.parent_id, org.tier) == ("customer", None, "strategic")


def test_a_manager_changes_the_kind_parent_and_tier(as_user):
    """Hole c, the allowed side: a manager may move an account under a parent and re-tier it."""
    manager = as_user("liangwenbo")

    response = manager.patch("/api/organisations/jng", {"parent_id": "dfb", "tier": "standard"})

    assert response.status_code == 200
    assert (response.data["parent_id"], response.data["tier"]) == ("dfb", "standard")


def _summit() -> Interaction:
    """An interaction of lina's account with participants she may not see."""
    for ix in Interaction.objects.filter(participants__organisation__ext_id="dfb").distinct():
        orgs = set(ix.participants.values_list("organisation__ext_id", flat=True))
        if orgs - {"dfb", "jng", "ht", "hr", "lx"}:
            return ix
    raise AssertionError("the demo has an interaction with hidden participants")


def test_a_sales_user_cannot_change_or_delete_an_interaction_with_hidden_participants(as_user):
    """Hole d: the company summit has participants from accounts lina is not on; she may read
    it (with the hidden ones counted) but not change or delete it."""
    lina = as_user("lina")
    summit = _summit()
    url = f"/api/interactions/{summit.ext_id}"

    read = lina.get(url)
    patched = lina.patch(url, {"notes": "moved"})
    deleted = lina.delete(url)

    assert read.status_code == 200 and read.data["hidden_participants"] > 0
    assert patched.status_code == 403 and deleted.status_code == 403
    summit.refresh_from_db()
    assert summit.notes != "moved"


def test_a_sales_user_still_changes_an_interaction_whose_people_she_all_sees(as_user):
    """Hole d, the allowed side: an interaction within her scope is hers to change."""
    lina = as_user("lina")
    created = lina.post(
        "/api/interactions",
        {
            "id": "ix-lina",
            "date": "2024-05-01",
            "kind": "meal",
            "participant_ids": ["ht-kam1", "dfb-ceo"],
        },
    )

    patched = lina.patch("/api/interactions/ix-lina", {"notes": "went well"})

    assert created.status_code == 201
    assert patched.status_code == 200 and patched.data["notes"] == "went well"


def test_a_contributor_neither_deletes_themself_nor_changes_power_key_or_sales(as_user):
    """Hole e: chenjing (ht-hr) edits her own record, but not the fields that weigh in the
    scores, and may not delete herself (her ties would go with it)."""
    chenjing = as_user("chenjing")
    before = Person.objects.get(ext_id="ht-hr")

    deleted = chenjing.delete("/api/people/ht-hr")
    answers = {
        field: chenjing.patch("/api/people/ht-hr", {field: value})
        for field, value in (("power", 99), ("key", not before.key), ("is_sales", True))
    }
    titled = chenjing.patch("/api/people/ht-hr", {"title": "HR lead", "power": before.power})

    assert deleted.status_code == 403
    assert {f: (r.status_code, fields(r)) for f, r in answers.items()} == {
        "power": (403, ["power"]),
        "key": (403, ["key"]),
        "is_sales": (403, ["is_sales"]),
    }
    assert titled.status_code == 200 and titled.data["title"] == "HR lead"
    after = Person.objects.get(ext_id="ht-hr")
    assert (after.power, after.key, after.is_sales) == (before.power, before.key, before.is_sales)
    assert not AuditEvent.objects.filter(action="delete", object_id="ht-hr").exists()
