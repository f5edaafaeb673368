"""The deal owner in the REST API: read, written (one of our people only), and filtered."""

from __future__ import annotations

from guanxi.api.tests.conftest import fields
from guanxi.deals.models import Deal


def test_a_deal_is_created_with_an_owner_and_read_back(as_user):
    api = as_user("lina")

    created = api.post(
        "/api/deals",
        {"id": "dfb-own", "organization_id": "dfb", "name": "Pilot", "owner": "ht-kam1"},
    )
    read = api.get("/api/deals/dfb-own")

    assert created.status_code == 201, created.data
    assert read.data["owner"] == "ht-kam1"
    assert Deal.objects.get(ext_id="dfb-own").owner.ext_id == "ht-kam1"


def test_the_owner_is_changed_and_cleared_with_patch(as_user):
    api = as_user("demo")

    handed = api.patch("/api/deals/dfb-d1", {"owner": "ht-sd"})
    kept = api.patch("/api/deals/dfb-d1", {"name": "Renamed"})
    cleared = api.patch("/api/deals/dfb-d1", {"owner": None})

    assert handed.data["owner"] == "ht-sd"
    assert kept.data["owner"] == "ht-sd"
    assert cleared.status_code == 200 and cleared.data["owner"] is None


def test_an_owner_who_is_not_one_of_ours_is_refused_on_the_owner_field(as_user):
    api = as_user("demo")
    before = Deal.objects.get(ext_id="dfb-d1").owner_id

    customer = api.patch("/api/deals/dfb-d1", {"owner": "dfb-cio"})
    unknown = api.patch("/api/deals/dfb-d1", {"owner": "nobody"})

    assert customer.status_code == 422 and fields(customer) == ["owner"]
    assert unknown.status_code == 422 and fields(unknown) == ["owner"]
    assert Deal.objects.get(ext_id="dfb-d1").owner_id == before


def test_a_reader_may_not_hand_a_deal_over(as_user):
    before = Deal.objects.get(ext_id="dfb-d1").owner_id

    response = as_user("guest").patch("/api/deals/dfb-d1", {"owner": "ht-sd"})

    assert response.status_code in (403, 404)
    assert Deal.objects.get(ext_id="dfb-d1").owner_id == before


def test_deals_are_filtered_by_owner(as_user):
    api = as_user("demo")
    api.patch("/api/deals/dfb-d1", {"owner": "ht-sd"})

    mine = api.get("/api/deals", owner="ht-sd", limit=500).data["items"]

    assert "dfb-d1" in [d["id"] for d in mine]
    assert mine and all(d["owner"] == "ht-sd" for d in mine)
