"""The import page's formats, the review queue page and the privacy page, as a user sees them."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guanxi.access.services import add_user
from guanxi.connectors.models import Exclusion, ReviewItem
from guanxi.connectors.tests.helpers import DATA, ours
from guanxi.people.models import Person, Tie
from guanxi.web.views.imports import SESSION_KEY

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def manager(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def salesforce_zip() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((DATA / "salesforce").iterdir()):
            archive.write(path, f"export/{path.name}")
    return SimpleUploadedFile("sf-export.zip", buffer.getvalue(), content_type="application/zip")


def test_the_page_offers_every_format_and_our_employees(manager):
    # given one of our people
    ours(("li", "Li Na", "li@us.example"))
    # when the page is opened
    html = manager.get("/import/").content.decode()
    # then the formats and the employee are offered
    for value in ("interchange", "salesforce", "linkedin", "vcard", "ics", "mail"):
        assert f'<option value="{value}"' in html
    assert '<option value="li">Li Na</option>' in html


def test_a_salesforce_zip_dry_runs_then_applies(manager):
    # when a zipped Salesforce export is checked
    check = manager.post(
        "/import/", {"step": "check", "format": "salesforce", "file": salesforce_zip()}, **HTMX
    )
    # then it would create the records, and nothing is written yet
    html = check.content.decode()
    assert "Apply the import" in html and "deal_roles.csv" in html
    assert "role &#x27;Other&#x27; has no Guanxi role" in html
    assert not Person.objects.exists()
    # when applied
    token = manager.session[SESSION_KEY]["token"]
    applied = manager.post("/import/", {"step": "apply", "token": token}, **HTMX)
    # then it is written
    assert "Imported" in applied.content.decode()
    assert Person.objects.count() == 8


def test_a_linkedin_upload_without_employee_is_refused_by_name(manager):
    # when Connections.csv is checked without saying whose it is
    upload = SimpleUploadedFile("Connections.csv", (DATA / "linkedin/Connections.csv").read_bytes())
    html = manager.post(
        "/import/", {"step": "check", "format": "linkedin", "file": upload}, **HTMX
    ).content.decode()
    # then the problem says what is missing, and nothing waits to be applied
    assert "the linkedin format needs --as EMPLOYEE_ID" in html
    assert SESSION_KEY not in manager.session


def test_the_review_queue_lists_waiting_matches_and_creates_one(manager):
    # given Li Na's LinkedIn export imported with one uncertain connection
    ours(("li", "Li Na", "li@us.example"))
    upload = SimpleUploadedFile("Connections.csv", (DATA / "linkedin/Connections.csv").read_bytes())
    manager.post(
        "/import/",
        {"step": "check", "format": "linkedin", "employee": "li", "file": upload},
        **HTMX,
    )
    token = manager.session[SESSION_KEY]["token"]
    html = manager.post("/import/", {"step": "apply", "token": token}, **HTMX).content.decode()
    assert "1 uncertain match waits for review" in html
    # when the queue is opened
    page = manager.get("/review/").content.decode()
    # then Sam Rivera waits there with the reason
    assert "Sam Rivera" in page and "no organisation is known for this contact" in page
    # when the manager creates him at his company
    item = ReviewItem.objects.get()
    response = manager.post(
        "/review/", {"item": item.pk, "action": "create", "organisation": "Rivera Consulting"}
    )
    # then he exists with his weak tie to Li Na and the queue is empty
    assert response.status_code == 302
    sam = Person.objects.get(name="Sam Rivera")
    assert (
        Tie.objects.filter(kind="relationship", strength=20)
        .filter(source__in=[sam.pk, Person.objects.get(ext_id="li").pk])
        .exists()
    )
    assert "Nothing waits for review" in manager.get("/review/").content.decode()


def test_create_without_an_organisation_is_refused_with_a_message(manager):
    # given a queued card with no organisation
    item = ReviewItem.objects.create(
        source="vcard", external_id="x", name="Li Lei", reason="no organisation is known"
    )
    # when created without naming one
    page = manager.post(
        "/review/", {"item": item.pk, "action": "create", "organisation": ""}, follow=True
    ).content.decode()
    # then the page says what is missing and nothing is created
    assert "Name the organisation this person works for." in page
    assert not Person.objects.exists()


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_only_managers_and_admins_see_the_review_queue(client, role):
    client.force_login(add_user(username="u", role=role, actor=None))
    assert client.get("/review/").status_code == 403


def test_an_employee_excludes_a_domain_from_capture(client):
    # given Li Na with a login
    ours(("li", "Li Na", "li@us.example"))
    user = add_user(username="li", role="sales", actor=None, person=Person.objects.get(ext_id="li"))
    client.force_login(user)
    # when she excludes a domain, and then tries a bad one
    client.post("/exclusions/", {"kind": "domain", "value": "@Family.example"})
    page = client.post(
        "/exclusions/", {"kind": "domain", "value": "not a domain"}, follow=True
    ).content.decode()
    # then the good one is kept (lower-cased) and the bad one refused with a reason
    assert list(Exclusion.objects.values_list("value", flat=True)) == ["family.example"]
    assert "is not a mail domain" in page


def test_an_uploaded_mbox_is_checked_by_its_headers(manager, tmp_path):
    # given our Li Na and a customer's Zhang Wei, and an mbox of one message between them
    from guanxi.people.models import Organisation

    ours(("li", "Li Na", "li.na@ourco.example"))
    org = Organisation.objects.create(ext_id="c", name="HPG", kind="customer")
    Person.objects.create(ext_id="zw", organisation=org, name="Zhang Wei", email="zw@hpg.example")
    mbox = (
        b"From MAILER-DAEMON Mon Jun  3 10:00:00 2024\n"
        b"From: =?utf-8?b?5p2O5aic?= <Li.Na@ourco.example>\nTo: zw@hpg.example\n"
        b"Date: Mon, 3 Jun 2024 10:00:00 +0800\nMessage-ID: <m1@ourco.example>\n\nHello\n"
    )
    upload = SimpleUploadedFile("inbox.mbox", mbox)
    # when checked
    html = manager.post(
        "/import/", {"step": "check", "format": "mail", "file": upload}, **HTMX
    ).content.decode()
    # then one email interaction would be created
    counts = html.split('data-testid="import-counts"')[1]
    assert 'interactions.csv</td><td class="num">1</td>' in counts.replace("\n", "")


def test_a_zip_that_unpacks_beyond_the_limit_is_refused_unread(manager, settings):
    # given an import limit of 1 kB and a .zip of a 10 kB file (it packs small)
    settings.GUANXI_IMPORT_MAX_BYTES = 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Account.csv", "Id,Name\n" + "x" * 10_000)
    upload = SimpleUploadedFile("big.zip", buffer.getvalue())
    # when checked as a Salesforce export
    html = manager.post(
        "/import/", {"step": "check", "format": "salesforce", "file": upload}, **HTMX
    ).content.decode()
    # then it is refused by name, before anything is read
    assert "unpacks to more than 1,024 bytes; refused" in html


def test_the_review_queue_offers_the_known_organisations_by_name(manager):
    # given a known customer and a contact waiting for review
    from guanxi.people.models import Organisation

    Organisation.objects.create(ext_id="rc", name="Rivera Consulting 里维拉咨询", kind="customer")
    ours(("li", "Li Na", "li@us.example"))
    upload = SimpleUploadedFile("Connections.csv", (DATA / "linkedin/Connections.csv").read_bytes())
    manager.post(
        "/import/",
        {"step": "check", "format": "linkedin", "employee": "li", "file": upload},
        **HTMX,
    )
    token = manager.session[SESSION_KEY]["token"]
    manager.post("/import/", {"step": "apply", "token": token}, **HTMX)
    # when the queue is opened
    page = manager.get("/review/").content.decode()
    # then the organisation box suggests the customer by name, and not our own company
    names = page.split('data-testid="review-organisations"')[1].split("</datalist>")[0]
    assert 'list="review-organisations"' in page
    assert '<option value="Rivera Consulting 里维拉咨询">' in names
    assert Organisation.objects.get(kind="own").name not in names
