"""Import uploads: a path-traversal entry, an oversized upload, a zip bomb (declared or with
lying sizes) are refused with a clear message, and nothing is written anywhere."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guanxi.access.services import add_user
from guanxi.core.models import AuditEvent
from guanxi.people.models import Organisation, Person
from guanxi.web.views.imports import SESSION_KEY, upload_dir
from tests.security.conftest import client_for

pytestmark = pytest.mark.django_db

ORGS = "id,name,kind\nus,Our Co,own\nacme,Acme Bank,customer\n"
PEOPLE = "id,organization_id,name\nus-1,us,Ann\nacme-ceo,acme,Bo\n"


def zipped(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(data: bytes, name: str = "workspace.zip"):
    client = client_for("root")
    file = SimpleUploadedFile(name, data, content_type="application/zip")
    response = client.post("/import/", {"step": "check", "file": file})
    return response, client


@pytest.fixture
def admin(fast_hashing):
    return add_user(username="root", role="admin", actor=None)


def nothing_written(client) -> bool:
    return (
        not Organisation.objects.exists()
        and not Person.objects.exists()
        and not AuditEvent.objects.filter(action="import").exists()
        and SESSION_KEY not in client.session
        and not list(upload_dir().glob("*.zip"))
    )


@pytest.fixture(autouse=True)
def _empty_upload_dir():
    for old in upload_dir().glob("*.zip"):
        old.unlink()


def test_a_zip_entry_leaving_the_folder_is_refused(admin, tmp_path):
    data = zipped({"organizations.csv": ORGS, "people.csv": PEOPLE, "../evil.csv": "x,y\n"})
    response, client = upload(data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "unsafe entry &#x27;../evil.csv&#x27;: &#x27;..&#x27; in its path" in html
    assert "Nothing was written" in html
    assert nothing_written(client)
    assert not (upload_dir().parent / "evil.csv").exists()
    assert not (Path.cwd().parent / "evil.csv").exists()


@pytest.mark.parametrize("name", ["/etc/evil.csv", "..\\evil.csv", "a/../../evil.csv"])
def test_absolute_and_backslash_paths_are_refused_too(admin, name):
    response, client = upload(zipped({"organizations.csv": ORGS, name: "x\n"}))
    assert "unsafe entry" in response.content.decode()
    assert nothing_written(client)


def test_an_upload_over_the_limit_is_refused_before_it_is_read(admin, settings):
    settings.GUANXI_IMPORT_MAX_BYTES = 2_000
    data = zipped({"organizations.csv": ORGS, "people.csv": PEOPLE, "notes.txt": "n" * 5_000})
    big = data + b"\0" * (3_000 - len(data)) if len(data) < 3_000 else data
    response, client = upload(big)
    html = response.content.decode()
    assert 'data-testid="import-refusal"' in html
    assert "larger than the import limit of 2.0" in html
    assert nothing_written(client)


def test_a_zip_bomb_over_the_limit_is_refused_unread(admin, settings):
    settings.GUANXI_IMPORT_MAX_BYTES = 1_000_000
    bomb = zipped({"organizations.csv": ORGS, "people.csv": PEOPLE + "," * 5_000_000})
    assert len(bomb) < 20_000
    response, client = upload(bomb)
    html = response.content.decode()
    assert "unpacks to more than 1,000,000 bytes; refused" in html
    assert nothing_written(client)


def lying_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size rewritten to `size` in both headers."""
    out = bytearray(data)
    name = member.encode()
    local = out.find(b"PK\x03\x04")
    while local != -1:
        if out[local + 30 : local + 30 + len(name)] == name:
            out[local + 22 : local + 26] = struct.pack("<I", size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        if out[central + 46 : central + 46 + len(name)] == name:
            out[central + 24 : central + 28] = struct.pack("<I", size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_a_zip_bomb_lying_about_its_size_is_refused_and_writes_nothing(admin, settings):
    settings.GUANXI_IMPORT_MAX_BYTES = 1_000_000
    honest = zipped({"organizations.csv": ORGS, "people.csv": PEOPLE + "\n" * 5_000_000})
    bomb = lying_sizes(honest, "people.csv", 100)
    response, client = upload(bomb)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-problems"' in html
    assert "cannot be read (Bad CRC-32 for file &#x27;people.csv&#x27;)" in html
    assert nothing_written(client)
