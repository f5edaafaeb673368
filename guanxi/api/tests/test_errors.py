"""Every kind of bad input gets a 4xx with one body shape naming the field at fault:
{"detail": [{"field": ..., "message": ...}]}, never a 500."""

from __future__ import annotations

import pytest

TIE = {"source_id": "ht-kam1", "target_id": "dfb-cio", "kind": "influence", "strength": 50}
PERSON = {"id": "dfb-new", "organization_id": "dfb", "name": "New"}
DEAL = {"id": "dfb-new", "organization_id": "dfb", "name": "New deal"}
IX = {
    "id": "ix-new",
    "date": "2024-01-02",
    "kind": "call",
    "participant_ids": ["ht-kam1", "dfb-cio"],
}

CASES = [
    # (method, url, body, status, field) — grouped by where the problem is caught
    # request validation: types, ranges, choices, required fields, lengths, NUL
    ("post", "/api/ties", {**TIE, "strength": "very"}, 422, "strength"),
    ("post", "/api/ties", {**TIE, "strength": 150}, 422, "strength"),
    ("post", "/api/ties", {**TIE, "strength": 12.5}, 422, "strength"),
    ("post", "/api/ties", {**TIE, "kind": "friend"}, 422, "kind"),
    ("post", "/api/ties", {"source_id": "ht-kam1", "kind": "influence"}, 422, "target_id"),
    ("post", "/api/people", {**PERSON, "power": -1}, 422, "power"),
    ("post", "/api/people", {**PERSON, "name": "x" * 301}, 422, "name"),
    ("post", "/api/people", {**PERSON, "name": "a\x00b"}, 422, "name"),
    ("post", "/api/people", {**PERSON, "id": "a/b"}, 422, "id"),
    ("post", "/api/people", {**PERSON, "status": "gone"}, 422, "status"),
    ("post", "/api/deals", {**DEAL, "amount": -5}, 422, "amount"),
    ("post", "/api/deals", {**DEAL, "currency": "EU1"}, 422, "currency"),
    ("post", "/api/deals", {**DEAL, "close_date": "soon"}, 422, "close_date"),
    ("post", "/api/interactions", {**IX, "participant_ids": ["ht-kam1"]}, 422, "participant_ids"),
    ("post", "/api/interactions", {**IX, "date": "2999-01-01"}, 422, "date"),
    (
        "post",
        "/api/deal_roles",
        {"deal_id": "dfb-d1", "person_id": "dfb-cio", "role": "user", "attitude": 3},
        422,
        "attitude",
    ),
    (
        "post",
        "/api/deal_roles",
        {"deal_id": "dfb-d1", "person_id": "dfb-cio", "role": "boss"},
        422,
        "role",
    ),
    ("get", "/api/people?limit=0", None, 422, "limit"),
    ("get", "/api/people?offset=-1", None, 422, "offset"),
    ("get", "/api/people/dfb-ceo/paths?k=many", None, 422, "k"),
    ("get", "/api/organisations?kind=alien", None, 422, "kind"),
    # unknown references in a body
    ("post", "/api/people", {**PERSON, "organization_id": "nope"}, 422, "organization_id"),
    ("post", "/api/people", {**PERSON, "reports_to_id": "nope"}, 422, "reports_to_id"),
    ("post", "/api/deals", {**DEAL, "competitor_ids": ["lx", "nope"]}, 422, "competitor_ids"),
    ("post", "/api/ties", {**TIE, "target_id": "nope"}, 422, "target_id"),
    # the services' rules
    ("post", "/api/ties", {**TIE, "target_id": "ht-kam1"}, 422, "target_id"),
    ("post", "/api/ties", {**TIE, "strength": None}, 422, "strength"),
    (
        "post",
        "/api/ties",
        {**TIE, "kind": "reports_to", "target_id": "dfb-ceo", "source_id": "dfb-new-x"},
        422,
        "source_id",
    ),
    ("post", "/api/people", {**PERSON, "reports_to_id": "ht-ceo"}, 422, "reports_to_id"),
    ("patch", "/api/people/dfb-ceo", {"reports_to_id": "dfb-cfo"}, 422, "reports_to_id"),
    ("post", "/api/deals", {**DEAL, "organization_id": "hr"}, 422, "organization_id"),
    ("post", "/api/deals", {**DEAL, "competitor_ids": ["dfb"]}, 422, "competitor_ids"),
    ("post", "/api/organisations", {"id": "us2", "name": "Us", "kind": "own"}, 422, "kind"),
    ("patch", "/api/organisations/dfb", {"parent_id": "dfb"}, 422, "parent_id"),
    (
        "post",
        "/api/deal_roles",
        {"deal_id": "dfb-d1", "person_id": "ht-kam1", "role": "user"},
        422,
        "person_id",
    ),
    ("patch", "/api/people/dfb-ceo", {"name": None}, 422, "name"),
    # conflicts with stored data
    ("post", "/api/ties", {**TIE, "kind": "relationship", "target_id": "dfb-ceo"}, 409, None),
    ("delete", "/api/organisations/dfb", None, 409, None),
    ("delete", "/api/people/dfb-ceo", None, 409, None),
    # unknown ids in the URL
    ("get", "/api/people/nobody", None, 404, "id"),
    ("patch", "/api/deals/nope", {"name": "x"}, 404, "id"),
    ("get", "/api/ties/a/b/friendship", None, 404, "kind"),
    ("get", "/api/accounts/hr/analysis", None, 404, "id"),  # a competitor: no such account
    ("get", "/api/deals/nope/analysis", None, 404, "id"),
    ("get", "/api/no/such/route", None, 404, None),
]


@pytest.mark.parametrize(("method", "url", "body", "status", "field"), CASES)
def test_bad_input_is_a_4xx_naming_the_field(as_user, method, url, body, status, field):
    # given the admin, who may do anything / when the bad request is sent
    api = as_user("demo")
    response = api.call(method, url, body)

    # then a 4xx in the one shape, about that field
    assert response.status_code == status, response.data
    assert response["Content-Type"].startswith("application/json")
    detail = response.data["detail"]
    assert detail and all(set(p) == {"field", "message"} and p["message"] for p in detail)
    assert field in [p["field"] for p in detail], detail


def test_a_body_that_is_not_json_is_a_400_in_the_same_shape(as_user):
    api = as_user("demo")

    response = api.client.post(
        "/api/organisations", "{not json", content_type="application/json", headers=api.headers
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] is None


def test_a_failed_write_leaves_nothing_behind(as_user):
    api = as_user("demo")

    response = api.post("/api/people", {**PERSON, "reports_to_id": "ht-ceo"})

    assert response.status_code == 422
    assert api.get("/api/people/dfb-new").status_code == 404
