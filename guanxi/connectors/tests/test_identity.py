"""Identity resolution: normalised names, the review queue's decisions, merging two people."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from guanxi.connectors.identity import email_key, name_key, org_key
from guanxi.connectors.merge import merge_people
from guanxi.connectors.models import ExternalRef, PersonEmail, ReviewItem
from guanxi.connectors.review import resolve_review
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, ours
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie


@pytest.mark.parametrize(
    "a, b",
    [
        ("Zhang, Wei", "Wei Zhang"),
        ("Jürgen Müller", "JURGEN MULLER"),
        ("Müller, Jürgen", "jurgen muller"),
        ("王 伟", "王伟"),
        ("王　伟", "王伟"),  # full-width space
        ("Ｗｅｉ Ｚｈａｎｇ", "Wei Zhang"),  # full-width letters
        ("José  María O'Neil", "Jose Maria O Neil"),
    ],
)
def test_spellings_of_one_name_compare_equal(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_stay_different():
    assert name_key("Wei Zhang") != name_key("Wei Zhao")
    assert name_key("王伟") != name_key("王玮")


def test_organisation_names_compare_without_legal_form():
    assert org_key("Harbin Power Equipment Co., Ltd.") == org_key("harbin power equipment")
    assert org_key("Northwind Logistics B.V.") == org_key("Northwind Logistics")
    assert org_key("哈尔滨电力有限公司") == org_key("哈尔滨电力")
    assert org_key("Acme") != org_key("Acme Logistics")


def test_email_addresses_compare_without_case():
    assert email_key(" <Zhang.Wei@HarbinPower.Example> ") == "zhang.wei@harbinpower.example"
    assert email_key("not an address") == ""


@pytest.fixture
def queued(db):
    """Li Na's LinkedIn export imported: Sam Rivera (no company) waits for review."""
    ours(("e-li", "Li Na", "li.na@ourco.example"))
    import_source(DATA / "linkedin" / "Connections.csv", format="linkedin", employee="e-li")
    return ReviewItem.objects.get(name="Sam Rivera")


def test_review_create_makes_the_person_with_the_tie_and_next_import_matches(queued):
    # when the reviewer creates Sam Rivera at the organisation they know
    resolve_review(queued, action="create", actor=None, organisation_name="Rivera Consulting")
    # then he exists there, weakly tied to Li Na, and a re-import matches him silently
    sam = Person.objects.get(name="Sam Rivera")
    assert sam.organisation.name == "Rivera Consulting"
    assert Tie.objects.filter(kind="relationship", strength=20, target=sam).exists() or (
        Tie.objects.filter(kind="relationship", strength=20, source=sam).exists()
    )
    import_source(DATA / "linkedin" / "Connections.csv", format="linkedin", employee="e-li")
    assert Person.objects.filter(name="Sam Rivera").count() == 1
    assert ReviewItem.objects.get().status == "created"


def test_review_merge_links_the_record_to_the_chosen_person(queued):
    # given an existing Sam Rivera
    org = Organisation.objects.create(ext_id="rc", name="Rivera Consulting", kind="customer")
    sam = Person.objects.create(ext_id="sam", organisation=org, name="Samuel Rivera")
    # when the reviewer merges the LinkedIn record with him
    resolve_review(queued, action="merge", actor=None, candidate=sam)
    # then the external id points at him and his tie to Li Na exists; deciding twice fails
    assert ExternalRef.objects.get(source="linkedin", person=sam)
    assert {t.source.ext_id for t in Tie.objects.filter(kind="relationship", target=sam)} | {
        t.target.ext_id for t in Tie.objects.filter(kind="relationship", source=sam)
    } == {"e-li"}
    with pytest.raises(ValidationError):
        resolve_review(queued, action="ignore", actor=None)


def test_review_ignore_is_remembered_by_the_next_import(queued):
    # when ignored and the export imported again
    resolve_review(queued, action="ignore", actor=None)
    import_source(DATA / "linkedin" / "Connections.csv", format="linkedin", employee="e-li")
    # then it is not asked again
    assert list(ReviewItem.objects.values_list("status", flat=True)) == ["ignored"]


@pytest.mark.django_db
def test_merging_two_people_keeps_every_tie_role_and_interaction_and_is_audited():
    # given the CEO recorded twice, each record with its own ties, role and interactions
    us = ours(("li", "Li Na", "li@us.example"), ("tom", "Tom", "tom@us.example"))
    org = Organisation.objects.create(ext_id="hpg", name="HPG", kind="customer")
    keep = Person.objects.create(ext_id="zw", organisation=org, name="Zhang Wei")
    drop = Person.objects.create(
        ext_id="zw2", organisation=org, name="张伟", email="zw@hpg.example", phone="123"
    )
    cio = Person.objects.create(ext_id="cio", organisation=org, name="CIO")
    li, tom = Person.objects.get(ext_id="li"), Person.objects.get(ext_id="tom")
    Tie.objects.create(source=li, target=keep, kind="relationship", strength=40)
    Tie.objects.create(source=li, target=drop, kind="relationship", strength=70)
    Tie.objects.create(source=tom, target=drop, kind="relationship", strength=20)
    Tie.objects.create(source=cio, target=drop, kind="reports_to")
    Tie.objects.create(source=keep, target=drop, kind="influence", strength=50)
    deal = Deal.objects.create(ext_id="d1", organisation=org, name="Grid")
    DealRole.objects.create(deal=deal, person=drop, role="approver")
    meeting = Interaction.objects.create(ext_id="i1", date="2024-01-01", kind="meeting")
    Participation.objects.create(interaction=meeting, person=drop, position=0)
    Participation.objects.create(interaction=meeting, person=li, position=1)
    both = Interaction.objects.create(ext_id="i2", date="2024-02-01", kind="meal")
    Participation.objects.create(interaction=both, person=keep, position=0)
    Participation.objects.create(interaction=both, person=drop, position=1)
    assert us.people.count() == 2
    # when merged
    merge_people(keep=keep, drop=drop, actor="tester")
    # then every tie, role and interaction is the kept person's (the stronger of two ties,
    # no tie with themself), blanks are filled, the address kept, and the merge audited
    assert not Person.objects.filter(ext_id="zw2").exists()
    ties = set(Tie.objects.values_list("source__ext_id", "target__ext_id", "kind", "strength"))
    assert ties == {
        ("li", "zw", "relationship", 70),
        ("tom", "zw", "relationship", 20),
        ("cio", "zw", "reports_to", None),
    }
    assert DealRole.objects.get().person.ext_id == "zw"
    assert set(Participation.objects.filter(person__ext_id="zw").values_list(
        "interaction__ext_id", flat=True)) == {"i1", "i2"}  # fmt: skip
    keep.refresh_from_db()
    assert (keep.email, keep.phone) == ("zw@hpg.example", "123")
    event = AuditEvent.objects.filter(object_id="zw").latest("at")
    assert "merged 张伟 (zw2) into Zhang Wei" in event.summary
    assert PersonEmail.objects.count() == 0  # the address became keep's own e-mail
