"""One id rule for every writer (hole h, item 4 of issue 10): printable, no '/' or ';', no
leading formula character; the import names each offending id by file, line and column, the
API and the forms by field, and nothing is written."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from guanxi.access.tokens import create_token
from guanxi.core.ids import id_problem
from guanxi.interchange import import_path
from guanxi.interchange.tests.helpers import ORGS, fingerprint, workspace
from guanxi.people.models import Organisation, Person
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db

BAD_IDS = ["zz/p1", "a;b", "p 1", "tab\there", "nul\x00id", "=HYPERLINK(1)", "+86", "-x", "@me"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_rule_refuses_each_kind_of_bad_id(bad):
    assert id_problem(bad) is not None


@pytest.mark.parametrize("good", ["dfb-ceo", "东方电气-1", "a.b_c", "x=1", "李娜-2"])
def test_the_rule_accepts_ordinary_ids(good):
    assert id_problem(good) is None


def test_the_import_names_each_bad_id_by_file_line_and_column(tmp_path):
    """Hole h: the import accepted zz/p1, a newline, a tab and NUL (which then broke the
    PostgreSQL import); now each is reported at its cell and nothing is written."""
    rows = "".join(
        f'"{bad}",Org {n},partner,,,\n' for n, bad in enumerate(["zz/p1", "new\nline", "t\tb"])
    )
    rows += "n\x00l,Org nul,partner,,,\n=HYPERLINK(x),Org f,partner,,,\n"
    folder = workspace(tmp_path / "ws", organizations=ORGS + rows)
    before = fingerprint()

    report = import_path(folder)

    problems = [str(p) for p in report.sorted_problems()]
    for line in (7, 8, 10, 11, 12):
        assert any(p.startswith(f"organizations.csv:{line}:id:") for p in problems), problems
    assert not report.ok and fingerprint() == before


def test_the_api_refuses_a_bad_id_naming_the_field(demo):
    """Hole h: the API accepted '=HYPERLINK(...)' and ';', which broke the re-import."""
    lina = get_user_model().objects.get(username="lina")
    _token, plain = create_token(user=lina, actor="test", label="tests")
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    for bad in ("=HYPERLINK(1)", "zz;p1", "x\ty", " padded"):
        response = client.post(
            "/api/people",
            {"id": bad, "organization_id": "dfb", "name": "X"},
            content_type="application/json",
        )
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["field"] == "id"
    assert not Person.objects.filter(name="X").exists()


@pytest.mark.parametrize("bad", ["web/slash", "semi;colon", "=1+1"])
def test_the_person_form_refuses_a_bad_id_on_its_field(demo, bad):
    """Hole h: the web form saved 'web/slash' and then answered 500 (NoReverseMatch)."""
    client = client_for("lina")

    response = client.post(
        "/new/person/", {"name": "Wang", "organisation": "dfb", "ext_id": bad}, **HTMX
    )

    assert response.status_code == 200
    assert "ids cannot" in response.content.decode()
    assert not Person.objects.filter(ext_id=bad).exists()


def test_the_admin_refuses_a_bad_id_on_its_field(demo):
    client = client_for("demo")

    response = client.post(
        "/admin/people/organisation/add/",
        {
            "ext_id": "a/b",
            "name": "Slash Co",
            "kind": "partner",
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "ids cannot contain" in response.content.decode()
    assert not Organisation.objects.filter(name="Slash Co").exists()
