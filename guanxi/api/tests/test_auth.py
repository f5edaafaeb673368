"""Authentication of the API: Bearer tokens (stored hashed, revocable) and the browser session
(with CSRF for writes); and the `guanxi token` command."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from guanxi.access.models import ApiToken
from guanxi.access.tokens import create_token, hash_token, revoke_token, verify_token
from guanxi.api.tests.conftest import Api
from guanxi.cli import main
from guanxi.core.models import AuditEvent

NEW_ORG = {"id": "acme", "name": "Acme", "kind": "customer"}


def _user(name: str):
    return get_user_model().objects.get(username=name)


def test_anonymous_gets_401_json_on_every_kind_of_route(anonymous):
    for url in ["/api/organisations", "/api/people/dfb-ceo", "/api/company"]:
        response = anonymous.get(url)

        assert response.status_code == 401
        assert response.data["detail"][0]["field"] is None
        assert "Bearer" in response.data["detail"][0]["message"]


def test_a_bearer_token_authenticates_and_marks_the_token_used(db, demo_db):
    token, plain = create_token(user=_user("demo"), actor="test")
    assert token.last_used_at is None

    response = Api(plain).get("/api/organisations")

    assert response.status_code == 200
    assert response.data["count"] == 10
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_tokens_are_stored_hashed_never_in_the_clear(db, demo_db):
    token, plain = create_token(user=_user("lina"), actor="test", label="laptop")

    stored = ApiToken.objects.values_list("prefix", "key_hash", "name")
    assert all(plain not in "".join(row) for row in stored)
    assert token.key_hash == hash_token(plain) and plain.startswith(token.prefix)
    event = AuditEvent.objects.filter(object_type="api_token").latest("id")
    assert event.object_id == token.prefix and plain not in json.dumps(event.changes)


def test_a_revoked_or_unknown_token_is_refused_even_with_a_session(db, demo_db):
    _token, plain = create_token(user=_user("demo"), actor="test")
    revoke_token(prefix=plain[:11], actor="test")
    api = Api(plain)
    api.client.force_login(_user("demo"))

    assert api.get("/api/organisations").status_code == 401
    assert Api("gx_not-a-token").get("/api/organisations").status_code == 401
    assert verify_token(plain) is None


def test_a_token_of_an_inactive_user_is_refused(db, demo_db):
    user = _user("lina")
    _token, plain = create_token(user=user, actor="test")
    user.is_active = False
    user.save()

    assert Api(plain).get("/api/organisations").status_code == 401


def test_the_session_reads_and_writes_with_csrf(db, demo_db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(_user("demo"))

    assert client.get("/api/organisations").status_code == 200
    refused = client.post("/api/organisations", json.dumps(NEW_ORG), "application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"][0]["message"]
    client.get("/api/docs")  # sets the CSRF cookie, as the browser's first page would
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/organisations",
        json.dumps(NEW_ORG),
        "application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 201, accepted.content


def test_the_schema_and_the_docs_are_served_without_a_cdn(anonymous):
    schema = anonymous.get("/api/openapi.json")
    docs = anonymous.client.get("/api/docs")
    script = anonymous.client.get("/api/docs/assets/swagger-ui-bundle.js")

    assert schema.status_code == 200 and "/api/accounts/{id}/analysis" in schema.data["paths"]
    html = docs.content.decode()
    assert docs.status_code == 200 and "/api/docs/assets/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "http" not in html
    assert script.status_code == 200 and script["Content-Type"] == "text/javascript"
    assert anonymous.client.get("/api/docs/assets/..%2Fsettings.py").status_code == 404


def test_the_token_command_prints_lists_and_revokes(db, demo_db, capsys):
    assert main(["token", "lina", "--label", "ci"]) == 0
    plain = capsys.readouterr().out.strip()
    assert verify_token(plain) == _user("lina")

    assert main(["token", "lina", "--list"]) == 0
    listing = capsys.readouterr().out
    assert plain[:11] in listing and "ci" in listing and plain not in listing

    assert main(["token", "--revoke", plain[:11]]) == 0
    assert "revoked" in capsys.readouterr().out
    assert verify_token(plain) is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["token", "nobody"], "no user named 'nobody'"),
        (["token", "nobody", "--list"], "no user named 'nobody'"),
        (["token", "--revoke", "gx_missing0"], "No API token with prefix"),
        (["token"], "give a user name"),
    ],
)
def test_the_token_command_explains_what_is_wrong(db, demo_db, capsys, argv, message):
    status = main(argv)

    assert status != 0
    assert message in capsys.readouterr().err
