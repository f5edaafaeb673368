"""The import page: a dry run that lists every problem (or what would change), then an apply
that writes all of it; refusals of non-zip and oversized uploads; managers and admins only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guanxi.access.services import add_user
from guanxi.interchange.tests.helpers import zipped
from guanxi.people.models import Organisation, Person, Tie
from guanxi.web.views.imports import SESSION_KEY, upload_dir

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

GOOD = {
    "organizations.csv": "id,name,kind,tier\nus,Our Co,own,\nacme,Acme Bank,customer,key\n",
    "people.csv": (
        "id,organization_id,name,title,reports_to_id\n"
        "us-1,us,Ann Sales,Account Manager,\n"
        "acme-ceo,acme,Bo CEO,CEO,\n"
        "acme-cio,acme,Cy CIO,CIO,acme-ceo\n"
    ),
    "ties.csv": "source_id,target_id,kind,strength\nus-1,acme-cio,relationship,strong\n",
}

BAD = {
    "organizations.csv": "id,name,kind\nus,Our Co,own\nacme,Acme Bank,customer\n",
    "people.csv": (
        "id,organization_id,name\n"
        "us-1,us,Ann Sales\nacme-ceo,nowhere,Bo CEO\nacme-cio,acme,Cy CIO\n"
    ),
    "ties.csv": (
        "source_id,target_id,kind,strength\n"
        "us-1,acme-cio,relationship,150\n"
        "acme-cio,acme-cio,influence,50\n"
    ),
}


@pytest.fixture
def manager(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def test_the_page_explains_the_format_to_a_manager(manager):
    html = manager.get("/import/").content.decode()

    assert 'data-testid="import-form"' in html
    assert "organizations.csv" in html and "deal_roles.csv" in html


def test_a_zip_with_errors_lists_each_with_file_line_and_column_and_writes_nothing(manager):
    response = manager.post("/import/", {"step": "check", "file": zipped(BAD)}, **HTMX)

    html = response.content.decode()
    table = html.split('data-testid="import-problems"')[1]
    rows = table.split("</thead>")[1].split("<tr>")[1:]
    cells = [[c.split(">", 1)[1].split("</td")[0] for c in r.split("<td")[1:]] for r in rows]
    assert cells[0][:3] == ["people.csv", "3", "organization_id"]
    assert any(c[:3] == ["ties.csv", "2", "strength"] for c in cells)
    assert any(c[0] == "ties.csv" and c[1] == "3" for c in cells)
    assert "Nothing was written" in html
    assert 'data-testid="import-apply"' not in html
    assert not Organisation.objects.exists() and not Person.objects.exists()
    assert SESSION_KEY not in manager.session


def test_a_good_zip_dry_runs_first_then_applies(manager):
    check = manager.post("/import/", {"step": "check", "file": zipped(GOOD)}, **HTMX)

    html = check.content.decode()
    counts = html.split('data-testid="import-counts"')[1]
    assert "people.csv" in counts and "Apply the import" in html
    assert not Person.objects.exists()
    token = manager.session[SESSION_KEY]["token"]
    assert (upload_dir() / f"{token}.zip").is_file()

    applied = manager.post("/import/", {"step": "apply", "token": token}, **HTMX)

    assert "Imported" in applied.content.decode()
    assert Person.objects.count() == 3
    assert Tie.objects.get(kind="relationship").strength == 80
    assert not (upload_dir() / f"{token}.zip").exists()
    assert SESSION_KEY not in manager.session


def test_apply_needs_the_token_of_this_sessions_checked_upload(manager):
    manager.post("/import/", {"step": "check", "file": zipped(GOOD)}, **HTMX)

    response = manager.post("/import/", {"step": "apply", "token": "x" * 32}, **HTMX)

    assert "no longer waiting" in response.content.decode()
    assert not Person.objects.exists()


def test_cancel_forgets_the_upload(manager):
    manager.post("/import/", {"step": "check", "file": zipped(GOOD)}, **HTMX)
    token = manager.session[SESSION_KEY]["token"]

    manager.post("/import/", {"step": "cancel"}, **HTMX)

    assert not (upload_dir() / f"{token}.zip").exists()
    assert not Person.objects.exists()


def test_a_file_that_is_not_a_zip_is_refused(manager):
    csv = SimpleUploadedFile("people.csv", b"id,organization_id,name\n", content_type="text/csv")
    fake = SimpleUploadedFile("data.zip", b"not really a zip", content_type="application/zip")

    first = manager.post("/import/", {"step": "check", "file": csv}, **HTMX).content.decode()
    second = manager.post("/import/", {"step": "check", "file": fake}, **HTMX).content.decode()

    assert "is not a .zip file" in first and "is not a .zip file" in second
    assert not Organisation.objects.exists()


def test_an_oversized_upload_is_refused(manager, settings):
    settings.GUANXI_IMPORT_MAX_BYTES = 100

    response = manager.post("/import/", {"step": "check", "file": zipped(GOOD)}, **HTMX)

    assert "larger than the import limit" in response.content.decode()
    assert not Organisation.objects.exists()


def test_without_htmx_the_result_is_shown_on_the_page(manager):
    response = manager.post("/import/", {"step": "check", "file": zipped(BAD)})

    html = response.content.decode()
    assert "<html" in html and 'data-testid="import-problems"' in html


@pytest.mark.parametrize("role", ["sales", "contributor", "viewer"])
def test_only_managers_and_admins_may_import(client, role):
    client.force_login(add_user(username=f"u-{role}", role=role, actor=None))

    assert client.get("/import/").status_code == 403
    assert client.post("/import/", {"step": "check", "file": zipped(GOOD)}).status_code == 403
    assert not Organisation.objects.exists()
