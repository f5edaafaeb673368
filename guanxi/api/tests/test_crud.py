"""Create, read, list, change and delete every entity through the API, with interchange
field names and ids, writes audited with the API user as actor."""

from __future__ import annotations

import pytest

from guanxi.core.models import AuditEvent


def _round_trip(
    api, collection: str, key: str, new: dict, change: dict, **delete_params: str
) -> dict:
    """POST, GET, PATCH, GET, DELETE, GET of one record; returns the changed record."""
    created = api.post(f"/api/{collection}", new)
    assert created.status_code == 201, created.data
    url = f"/api/{collection}/{key}"
    assert api.get(url).data == created.data
    changed = api.patch(url, change)
    assert changed.status_code == 200, changed.data
    assert api.get(url).data == changed.data
    assert api.call("delete", url, **delete_params).status_code == 204
    assert api.get(url).status_code == 404
    return changed.data


def test_organisation_round_trip(as_user):
    new = {"id": "acme", "name": "Acme", "kind": "customer", "tier": "key", "parent_id": "dfb"}

    changed = _round_trip(as_user("demo"), "organisations", "acme", new, {"tier": None})

    assert changed == {**new, "industry": "", "tier": None}
    assert AuditEvent.objects.filter(object_id="acme", actor_name="demo").count() == 3


def test_person_round_trip_with_reporting_line(as_user):
    new = {"id": "dfb-x", "organization_id": "dfb", "name": "X", "reports_to_id": "dfb-ceo"}

    changed = _round_trip(
        as_user("liangwenbo"),
        "people",
        "dfb-x",
        new,
        {"reports_to_id": "dfb-cfo", "power": 70, "title": "Advisor"},
        confirm="true",  # their reporting line goes with them
    )

    assert changed["reports_to_id"] == "dfb-cfo" and changed["power"] == 70
    assert changed["organization_id"] == "dfb" and changed["status"] == "active"


def test_a_reporting_line_can_be_removed(as_user):
    demo = as_user("demo")
    demo.post(
        "/api/people",
        {"id": "dfb-y", "organization_id": "dfb", "name": "Y", "reports_to_id": "dfb-ceo"},
    )

    response = demo.patch("/api/people/dfb-y", {"reports_to_id": None})

    assert response.data["reports_to_id"] is None
    assert demo.get("/api/ties", source_id="dfb-y").data["count"] == 0


def test_tie_round_trip_in_either_order_and_with_words(as_user):
    demo = as_user("demo")
    new = {
        "source_id": "ht-ceo",
        "target_id": "tyt-region1-s0",
        "kind": "relationship",
        "strength": "weak",
    }

    created = demo.post("/api/ties", new)
    reversed_url = "/api/ties/tyt-region1-s0/ht-ceo/relationship"
    changed = demo.patch(reversed_url, {"strength": 65, "since": "2024-03-01"})

    assert created.status_code == 201 and created.data["strength"] == 20
    assert changed.data["strength"] == 65 and changed.data["since"] == "2024-03-01"
    listed = demo.get("/api/ties", person_id="tyt-region1-s0", kind="relationship").data
    assert changed.data in listed["items"]
    assert demo.delete(reversed_url).status_code == 204
    assert demo.get(reversed_url).status_code == 404


def test_interaction_round_trip_keeps_participant_order(as_user):
    new = {
        "id": "ix-api",
        "date": "2024-05-01",
        "kind": "meal",
        "participant_ids": ["ht-kam1", "dfb-cio", "dfb-ceo"],
        "notes": "dinner",
    }

    changed = _round_trip(
        as_user("demo"), "interactions", "ix-api", new, {"participant_ids": ["dfb-cio", "ht-kam1"]}
    )

    assert changed == {**new, "participant_ids": ["dfb-cio", "ht-kam1"], "hidden_participants": 0}


def test_deal_round_trip_with_competitors(as_user):
    new = {
        "id": "dfb-api",
        "organization_id": "dfb",
        "name": "Pilot",
        "amount": 1200.5,
        "currency": "cny",
        "competitor_ids": ["lx", "hr"],
    }

    changed = _round_trip(
        as_user("lina"), "deals", "dfb-api", new, {"status": "won", "competitor_ids": []}
    )

    assert changed["currency"] == "CNY" and changed["amount"] == 1200.5
    assert changed["status"] == "won" and changed["competitor_ids"] == []


def test_deal_role_round_trip_with_attitude_words(as_user):
    demo = as_user("demo")
    new = {"deal_id": "dfb-d1", "person_id": "dfb-region0", "role": "user", "attitude": "supporter"}

    created = demo.post("/api/deal_roles", new)
    url = "/api/deal_roles/dfb-d1/dfb-region0/user"
    changed = demo.patch(url, {"attitude": -2, "contact_level": "deep"})

    assert created.status_code == 201 and created.data["attitude"] == 1
    assert changed.data["attitude"] == -2 and demo.get(url).data == changed.data
    assert changed.data in demo.get("/api/deal_roles", deal_id="dfb-d1", limit=500).data["items"]
    assert demo.delete(url).status_code == 204
    assert demo.get(url).status_code == 404


def test_snapshots_are_listed_with_filters(as_user):
    rows = as_user("demo").get("/api/snapshots", subject_id="dfb", metric="score").data

    assert rows["count"] > 0
    assert {(r["subject_id"], r["metric"]) for r in rows["items"]} == {("dfb", "score")}


def test_lists_page_with_limit_and_offset(as_user):
    demo = as_user("demo")

    first = demo.get("/api/people", limit=3).data
    second = demo.get("/api/people", limit=3, offset=3).data

    assert first["count"] == second["count"] == 460
    assert len(first["items"]) == len(second["items"]) == 3
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    assert demo.get("/api/people", limit=501).status_code == 422


def test_lists_filter_as_documented(as_user):
    demo = as_user("demo")

    customers = demo.get("/api/organisations", kind="customer", tier="strategic").data["items"]
    found = demo.get("/api/organisations", q="bank").data["items"]
    left = demo.get("/api/people", status="left", organization_id="ht").data["items"]
    open_deals = demo.get("/api/deals", status="open", organization_id="dfb").data["items"]
    reporting = demo.get("/api/ties", kind="reports_to", limit=5).data["items"]

    assert customers and all(
        o["kind"] == "customer" and o["tier"] == "strategic" for o in customers
    )
    assert "dfb" in {o["id"] for o in found}
    assert all(p["status"] == "left" and p["organization_id"] == "ht" for p in left)
    assert open_deals and all(d["status"] == "open" for d in open_deals)
    assert all(t["kind"] == "reports_to" and t["strength"] is None for t in reporting)


def test_sales_and_contributors_read_the_interactions_they_may_see(as_user):
    lina = as_user("lina").get("/api/interactions", limit=500)
    chenjing = as_user("chenjing").get("/api/interactions", limit=500)

    assert lina.status_code == 200 and lina.data["count"] > 0
    assert chenjing.status_code == 200
    assert as_user("lina").get("/api/interactions/ix-0420").status_code in (200, 404)


def test_contributors_record_interactions_they_took_part_in(as_user):
    chenjing = as_user("chenjing")
    new = {
        "id": "ix-hr",
        "date": "2024-05-01",
        "kind": "call",
        "participant_ids": ["ht-hr", "dfb-ceo"],
    }

    mine = chenjing.post("/api/interactions", new)
    not_mine = chenjing.post(
        "/api/interactions", {**new, "id": "ix-hr2", "participant_ids": ["ht-ceo", "dfb-ceo"]}
    )

    assert mine.status_code == 201
    assert mine.data["participant_ids"] == ["ht-hr", "dfb-ceo"]
    assert not_mine.status_code == 403


@pytest.mark.parametrize("collection", ["people", "deals", "interactions", "organisations"])
def test_creating_an_existing_id_is_a_conflict(as_user, collection):
    existing = {
        "people": "dfb-ceo",
        "deals": "dfb-d1",
        "interactions": "ix-0420",
        "organisations": "dfb",
    }
    body = {
        "people": {"organization_id": "dfb", "name": "Twin"},
        "deals": {"organization_id": "dfb", "name": "Twin"},
        "interactions": {
            "date": "2024-01-01",
            "kind": "call",
            "participant_ids": ["ht-kam1", "dfb-ceo"],
        },
        "organisations": {"name": "Twin", "kind": "partner"},
    }[collection]

    response = as_user("demo").post(f"/api/{collection}", {"id": existing[collection], **body})

    assert response.status_code == 409
    assert response.data["detail"][0]["field"] == "id"
