"""The organisation review queue: an organisation a connector cannot match for certain is
created apart and queued (merge into a candidate, keep, ignore); merging two organisations
keeps every person, deal, tie and external id, and is audited."""

from __future__ import annotations

import shutil

import pytest

from guanxi.access.services import add_user
from guanxi.connectors.merge import merge_organisations
from guanxi.connectors.models import ExternalRef, ReviewItem
from guanxi.connectors.review import resolve_review
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, ours
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person, Tie

pytestmark = pytest.mark.django_db

CARD = """BEGIN:VCARD
VERSION:3.0
UID:{uid}
FN:{name}
ORG:{org}
EMAIL;TYPE=work:{email}
END:VCARD
"""


@pytest.fixture
def acme():
    """Li Na of ours; Acme with Ann (ann@acme.example) and a deal; Ann knows Li Na."""
    ours(("e-li", "Li Na", "li.na@ourco.example"))
    org = Organisation.objects.create(ext_id="acme", name="Acme", kind="customer")
    ann = Person.objects.create(
        ext_id="ann", organisation=org, name="Ann Lee", email="ann@acme.example"
    )
    Deal.objects.create(ext_id="d1", organisation=org, name="Fleet", stage="qualify")
    li = Person.objects.get(ext_id="e-li")
    Tie.objects.create(source=li, target=ann, kind="relationship", strength=50)
    return org


def cards(tmp_path, *rows: tuple[str, str, str, str]):
    path = tmp_path / "contacts.vcf"
    path.write_text("".join(CARD.format(uid=u, name=n, org=o, email=e) for u, n, o, e in rows))
    return import_source(path, format="vcard", employee="e-li", actor="test")


def test_a_known_name_with_another_domain_waits_for_review_instead_of_a_guess(acme, tmp_path):
    # when a card of "ACME Inc." at a domain never seen is imported
    report = cards(tmp_path, ("u1", "Bob Wu", "ACME Inc.", "bob@acme-asia.example"))
    # then nothing is guessed: the company is created apart and waits, with Acme proposed
    assert report.ok
    item = ReviewItem.objects.get(kind="organisation")
    assert item.reason == "the name matches an organisation known by another e-mail domain"
    assert [o.ext_id for o in item.org_candidates.all()] == ["acme"]
    apart = item.organisation
    assert apart.name == "ACME Inc." and apart.pk != acme.pk
    assert Person.objects.get(name="Bob Wu").organisation == apart
    # and importing the same card again asks nothing new
    cards(tmp_path, ("u1", "Bob Wu", "ACME Inc.", "bob@acme-asia.example"))
    assert ReviewItem.objects.filter(kind="organisation").count() == 1
    assert Organisation.objects.filter(kind="customer").count() == 2


def test_a_new_domain_resembling_a_known_name_waits_for_review(acme, tmp_path):
    cards(tmp_path, ("u2", "Cai Li", "", "cai@acmegroup.example"))
    item = ReviewItem.objects.get(kind="organisation")
    assert item.reason == "a new e-mail domain resembles the name of a known organisation"
    assert [o.ext_id for o in item.org_candidates.all()] == ["acme"]


def test_a_known_domain_is_certain(acme, tmp_path):
    cards(tmp_path, ("u3", "Dan Xu", "Acme Corporation", "dan@acme.example"))
    assert not ReviewItem.objects.filter(kind="organisation").exists()
    assert Person.objects.get(name="Dan Xu").organisation == acme


def test_merging_from_the_queue_keeps_everything_and_later_imports_follow(acme, tmp_path):
    # given the company created apart, with Bob
    cards(tmp_path, ("u1", "Bob Wu", "ACME Inc.", "bob@acme-asia.example"))
    item = ReviewItem.objects.get(kind="organisation")
    apart = item.organisation
    # when the reviewer merges it into Acme
    resolve_review(item, action="merge", actor=None, candidate_org=acme)
    # then Bob and his tie are at Acme, the copy is gone, the merge is audited
    bob = Person.objects.get(name="Bob Wu")
    assert bob.organisation == acme and not Organisation.objects.filter(pk=apart.pk).exists()
    assert Tie.objects.filter(target=bob, source__ext_id="e-li").exists()
    assert AuditEvent.objects.filter(object_type="organisation", object_id="acme").exists()
    item.refresh_from_db()
    assert (item.status, item.organisation) == ("merged", acme)
    # and a later card of that domain goes straight to Acme
    cards(tmp_path, ("u9", "Eve Ma", "ACME Inc.", "eve@acme-asia.example"))
    assert Person.objects.get(name="Eve Ma").organisation == acme
    assert ReviewItem.objects.filter(kind="organisation").count() == 1


def test_keeping_it_apart_is_remembered(acme, tmp_path):
    cards(tmp_path, ("u1", "Bob Wu", "ACME Inc.", "bob@acme-asia.example"))
    item = ReviewItem.objects.get(kind="organisation")
    resolve_review(item, action="create", actor=None)
    cards(tmp_path, ("u9", "Eve Ma", "ACME Inc.", "eve@acme-asia.example"))
    assert Person.objects.get(name="Eve Ma").organisation == item.organisation
    assert ReviewItem.objects.filter(kind="organisation", status="open").count() == 0


def test_merging_two_organisations_keeps_people_deals_ties_and_external_ids(acme):
    # given a second record of Acme with a person, a deal, a subsidiary and a Salesforce id
    twin = Organisation.objects.create(ext_id="acme2", name="ACME Ltd", kind="customer")
    sub = Organisation.objects.create(ext_id="sub", name="Acme Sub", kind="customer", parent=twin)
    cy = Person.objects.create(ext_id="cy", organisation=twin, name="Cy Lo")
    li = Person.objects.get(ext_id="e-li")
    Tie.objects.create(source=li, target=cy, kind="relationship", strength=30)
    Deal.objects.create(ext_id="d2", organisation=twin, name="Grid", stage="qualify")
    ExternalRef.objects.create(source="salesforce", external_id="001X", organisation=twin)
    # when it is merged into Acme
    merge_organisations(keep=acme, drop=twin, actor=None)
    # then everything of it is Acme's
    assert set(Person.objects.filter(organisation=acme).values_list("ext_id", flat=True)) == {
        "ann",
        "cy",
    }
    assert set(Deal.objects.filter(organisation=acme).values_list("ext_id", flat=True)) == {
        "d1",
        "d2",
    }
    assert Organisation.objects.get(pk=sub.pk).parent == acme
    assert Tie.objects.filter(target=cy, strength=30).exists()
    assert ExternalRef.objects.get(external_id="001X").organisation == acme
    assert not Organisation.objects.filter(ext_id="acme2").exists()
    assert AuditEvent.objects.filter(summary__contains="merged ACME Ltd (acme2) into Acme").exists()


def test_our_own_company_is_never_merged(acme):
    with pytest.raises(Exception, match="own company"):
        merge_organisations(keep=acme, drop=Organisation.objects.get(kind="own"), actor=None)


def test_a_salesforce_account_named_like_a_known_one_waits_for_review(tmp_path):
    # given a customer "HARBIN POWER GROUP CO., LTD." recorded by hand
    known = Organisation.objects.create(
        ext_id="hpg", name="HARBIN POWER GROUP CO., LTD.", kind="customer"
    )
    folder = tmp_path / "sf"
    shutil.copytree(DATA / "salesforce", folder)
    # when the Salesforce export with "Harbin Power Group" is imported
    report = import_source(folder, format="salesforce", actor="test")
    # then the account is created apart and queued with the known one proposed
    assert report.ok
    item = ReviewItem.objects.get(kind="organisation", external_id="account:0015g00000AbCdE")
    assert [o.pk for o in item.org_candidates.all()] == [known.pk]
    assert item.organisation.name == "Harbin Power Group" and item.organisation != known


def test_the_review_page_merges_an_organisation_in_one_click(acme, tmp_path, client):
    cards(tmp_path, ("u1", "Bob Wu", "ACME Inc.", "bob@acme-asia.example"))
    client.force_login(add_user(username="meg", role="manager", actor=None))
    html = client.get("/review/").content.decode()
    assert 'data-kind="organisation"' in html and "Merge into Acme" in html
    item = ReviewItem.objects.get(kind="organisation")
    client.post("/review/", {"item": item.pk, "action": "merge", "candidate": "acme"})
    assert Person.objects.get(name="Bob Wu").organisation == acme
    # and two organisations can be merged by id
    Organisation.objects.create(ext_id="x2", name="Acme X", kind="customer")
    client.post("/review/", {"action": "merge-organisations", "keep": "acme", "drop": "x2"})
    assert not Organisation.objects.filter(ext_id="x2").exists()
