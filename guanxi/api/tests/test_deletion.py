"""Deletes that lose nothing silently (item 3 and hole g of issue 10): deleting a person or an
organisation first says what goes with it, then audits every removed row, and never leaves
an interaction with fewer than two participants."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from guanxi.access.services import add_user
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Interaction, Organisation, Person, Tie
from tests.security.conftest import client_for


def messages(response) -> list[str]:
    return [p["message"] for p in response.data["detail"]]


def ties_of(ext_id: str) -> int:
    return Tie.objects.filter(Q(source__ext_id=ext_id) | Q(target__ext_id=ext_id)).count()


def lonely_interactions() -> int:
    """Interactions with fewer than two participants (there must never be any)."""
    counted = Interaction.objects.annotate(n=Count("participation"))
    return counted.filter(n__lt=2).count()


def test_deleting_a_person_first_lists_what_goes_with_them(as_user):
    """Hole g: DELETE /api/people/dfb-office removed 5 ties with one audit row and left two
    interactions with one participant. Now the first DELETE lists them and removes nothing."""
    admin = as_user("demo")
    ties = ties_of("dfb-office")

    response = admin.delete("/api/people/dfb-office")

    assert response.status_code == 409
    listed = messages(response)
    assert "send confirm=true" in listed[0]
    assert "the reports to tie dfb-office-m0 → dfb-office" in listed
    assert sum("tie" in m for m in listed[1:]) == ties == 5
    assert sum("left with one participant" in m for m in listed) == 2
    assert Person.objects.filter(ext_id="dfb-office").exists() and ties_of("dfb-office") == ties


def test_a_confirmed_delete_audits_every_row_and_leaves_no_lonely_interaction(as_user):
    """Hole g: with confirm=true the person goes with their 5 ties and the 2 interactions that
    would be left with one participant, each with its own audit row."""
    admin = as_user("demo")
    theirs = Interaction.objects.filter(participation__person__ext_id="dfb-office")
    lonely = list(
        Interaction.objects.filter(pk__in=theirs.values("pk"))
        .annotate(n=Count("participation"))
        .filter(n=2)
        .values_list("ext_id", flat=True)
    )
    before = AuditEvent.objects.filter(action="delete").count()

    response = admin.call("delete", "/api/people/dfb-office", confirm="true")

    assert response.status_code == 204
    assert not Person.objects.filter(ext_id="dfb-office").exists()
    assert len(lonely) == 2 and not Interaction.objects.filter(ext_id__in=lonely).exists()
    assert lonely_interactions() == 0
    deleted = AuditEvent.objects.filter(action="delete").order_by("pk")[before:]
    assert sorted(e.object_type for e in deleted) == sorted(
        ["person"] + ["tie"] * 5 + ["interaction"] * 2
    )
    assert {e.object_id for e in deleted if e.object_type == "interaction"} == set(lonely)


def test_a_person_who_holds_a_decision_role_is_deleted_with_it_once_confirmed(as_user):
    """Decision roles no longer make a delete fail: they are listed, then removed and
    audited."""
    admin = as_user("demo")

    first = admin.delete("/api/people/dfb-ceo")
    second = admin.call("delete", "/api/people/dfb-ceo", confirm="true")

    assert first.status_code == 409
    assert "the approver role on the deal dfb-d1" in messages(first)
    assert second.status_code == 204
    assert not DealRole.objects.filter(person__ext_id="dfb-ceo").exists()
    assert AuditEvent.objects.filter(action="delete", object_type="dealrole").exists()


def test_a_person_whose_interactions_keep_two_people_just_leaves_them(as_user):
    admin = as_user("demo")
    created = admin.post(
        "/api/interactions",
        {
            "id": "ix-three",
            "date": "2024-05-01",
            "kind": "meeting",
            "participant_ids": ["ht-kam1", "dfb-cfo", "dfb-cio"],
        },
    )

    listed = admin.delete("/api/people/dfb-cio")
    done = admin.call("delete", "/api/people/dfb-cio", confirm="true")

    assert created.status_code == 201
    assert "dfb-cio's place among the participants of ix-three" in messages(listed)
    assert done.status_code == 204
    assert admin.get("/api/interactions/ix-three").data["participant_ids"] == [
        "ht-kam1",
        "dfb-cfo",
    ]
    events = AuditEvent.objects.filter(object_type="interaction", object_id="ix-three")
    event = events.order_by("pk").last()
    assert event.changes == {
        "participant_ids": [["ht-kam1", "dfb-cfo", "dfb-cio"], ["ht-kam1", "dfb-cfo"]]
    }


def test_the_list_names_only_what_the_user_may_see(as_user):
    """A sales user deleting a person of her account learns how many hidden records go with
    them, not their ids."""
    lina = as_user("lina")
    person = Person.objects.get(ext_id="dfb-cio")
    hidden = Person.objects.create(
        ext_id="tyt-friend", organisation=Organisation.objects.get(ext_id="tyt"), name="Friend"
    )
    Tie.objects.create(source=person, target=hidden, kind="influence", strength=40)

    response = lina.delete("/api/people/dfb-cio")

    assert response.status_code == 409
    text = " ".join(messages(response))
    assert "tyt-friend" not in text and "1 more you may not see" in text


def test_deleting_an_organisation_lists_its_account_teams_and_deals_first(as_user):
    """An organisation leaves account teams and deals' competitors in play only once
    confirmed, each change audited; its people still block it."""
    manager = as_user("liangwenbo")
    new = Organisation.objects.create(ext_id="newc", name="New Customer", kind="customer")
    rival = Organisation.objects.create(ext_id="newx", name="New Rival", kind="competitor")
    add_user(username="sam", role="sales", accounts=[new], actor=None)
    Deal.objects.get(ext_id="dfb-d1").competitors.add(rival)

    customer = manager.delete("/api/organisations/newc")
    competitor = manager.delete("/api/organisations/newx")
    blocked = manager.call("delete", "/api/organisations/dfb", confirm="true")
    done = manager.call("delete", "/api/organisations/newc", confirm="true")
    done_too = manager.call("delete", "/api/organisations/newx", confirm="true")

    assert customer.status_code == 409 and competitor.status_code == 409
    assert "the place of newc on the account team of 'sam'" in messages(customer)
    assert "newx among the competitors in play of the deal dfb-d1" in messages(competitor)
    assert blocked.status_code == 409 and "people" in messages(blocked)[0]
    assert done.status_code == 204 and done_too.status_code == 204
    sam = get_user_model().objects.get(username="sam")
    assert list(sam.profile.accounts.all()) == []
    assert AuditEvent.objects.filter(object_type="user", object_id="sam", action="update").exists()
    assert AuditEvent.objects.filter(object_type="deal", object_id="dfb-d1").exists()


def test_the_admin_lists_what_goes_with_a_person_and_deletes_it_all(demo_db, db):
    """Item 3 in the admin: the confirmation page lists the ties, roles and interactions;
    confirming removes them, each audited."""
    client = client_for("demo")
    pk = Person.objects.get(ext_id="dfb-office").pk
    url = f"/admin/people/person/{pk}/delete/"

    page = client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})

    assert "the reports to tie dfb-office-m0 → dfb-office" in page
    assert "which would be left with one participant" in page
    assert response.status_code == 302
    assert not Person.objects.filter(pk=pk).exists() and lonely_interactions() == 0
    assert AuditEvent.objects.filter(action="delete", object_type="tie").count() == 5


def test_a_persons_recorded_credit_shares_are_listed_and_audited(as_user):
    """Credit shares of won deals (recorded at the win) go with the person, said first."""
    from guanxi.deals.models import DealCredit

    admin = as_user("demo")
    credit = DealCredit.objects.select_related("person", "deal").order_by("pk").first()
    person = credit.person.ext_id
    text = f"the credit share of {credit.share:.0%} in the won deal {credit.deal.ext_id}"

    listed = admin.delete(f"/api/people/{person}")
    done = admin.call("delete", f"/api/people/{person}", confirm="true")

    assert listed.status_code == 409 and text in messages(listed)
    assert done.status_code == 204
    assert not DealCredit.objects.filter(person__ext_id=person).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="dealcredit").exists()
