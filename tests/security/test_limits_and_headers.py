"""Hole i of issue 10: an oversized API body is a 413 in the usual error shape (not a 500),
free text has a length limit named in a clear error by every writer, and every page carries a
Content-Security-Policy that forbids inline and foreign scripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from guanxi.access.tokens import create_token
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.interchange import import_path
from guanxi.interchange.tests.helpers import TIES, workspace
from guanxi.people.models import Person
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def api_as(username: str) -> Client:
    user = get_user_model().objects.get(username=username)
    _token, plain = create_token(user=user, actor="test", label="tests")
    return Client(headers={"Authorization": f"Bearer {plain}"})


def test_an_oversized_api_body_is_a_413_in_the_error_shape(demo):
    """Hole i: an 11 MB body answered 500."""
    body = json.dumps({"id": "big", "organization_id": "dfb", "name": "x" * (11 * 1024 * 1024)})

    response = api_as("lina").post("/api/people", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "detail": [
            {"field": None, "message": "The request body is larger than the limit of 10 MB."}
        ]
    }


def test_notes_longer_than_the_limit_are_refused_by_the_api_naming_the_field(demo):
    """Hole i: 9 MB of notes were accepted."""
    api = api_as("lina")
    long = "n" * (TEXT_MAX_LENGTH + 1)

    created = api.post(
        "/api/people",
        {"id": "dfb-long", "organization_id": "dfb", "name": "Long", "notes": long},
        content_type="application/json",
    )
    patched = api.patch("/api/people/dfb-ceo", {"notes": long}, content_type="application/json")
    at_limit = api.patch(
        "/api/people/dfb-ceo", {"notes": "n" * TEXT_MAX_LENGTH}, content_type="application/json"
    )

    for response in (created, patched):
        assert response.status_code == 422
        assert [p["field"] for p in response.json()["detail"]] == ["notes"]
    assert at_limit.status_code == 200
    assert not Person.objects.filter(ext_id="dfb-long").exists()


def test_notes_longer_than_the_limit_are_refused_by_the_forms_on_their_field(demo):
    client = client_for("lina")
    me = Person.objects.get(ext_id="dfb-ceo")

    response = client.post(
        "/edit/person/dfb-ceo/",
        {"name": me.name, "organisation": "dfb", "notes": "n" * (TEXT_MAX_LENGTH + 1)},
        **HTMX,
    )
    tie = client.post(
        "/new/tie/",
        {
            "source": "ht-kam1",
            "target": "dfb-cfo",
            "kind": "relationship",
            "strength": "50",
            "notes": "n" * (TEXT_MAX_LENGTH + 1),
        },
        **HTMX,
    )

    assert response.status_code == 200 and tie.status_code == 200
    assert "Notes is longer than 20000 characters (20001)." in response.content.decode()
    assert "at most 20000 characters (it has 20001)" in tie.content.decode()
    assert len(Person.objects.get(ext_id="dfb-ceo").notes) <= TEXT_MAX_LENGTH


def test_the_import_refuses_notes_longer_than_the_limit_at_their_cell(tmp_path):
    ties = TIES.replace("b,e,relationship,50,,hi", "b,e,relationship,50,," + "n" * 20_001)
    report = import_path(workspace(tmp_path / "ws", ties=ties))

    problems = [str(p) for p in report.sorted_problems()]
    assert not report.ok
    assert any(p.startswith("ties.csv:3:notes:") and "longer than 20000" in p for p in problems)


@pytest.mark.parametrize("url", ["/", "/accounts/dfb/", "/api/company", "/login/"])
def test_every_answer_carries_a_content_security_policy_without_inline_scripts(demo, url):
    response = client_for("demo").get(url)

    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_no_page_template_has_an_inline_script_or_event_handler():

    root = Path(__file__).resolve().parents[2] / "guanxi"
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\son[a-z]+=\"", re.I)
    offenders = [
        str(p.relative_to(root)) for p in root.rglob("*.html") if inline.search(p.read_text())
    ]
    assert offenders == []
