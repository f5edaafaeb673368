"""Introductions: asked from a best path, e-mailed when e-mail is configured, accepted or
declined by the colleague asked, and logged as an interaction that counts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from guanxi.core.models import AuditEvent
from guanxi.operations.models import Introduction
from guanxi.people.models import Person
from guanxi.scoring.reports import paths_report, person_report


@pytest.fixture
def login(demo_db, db, client):
    def as_(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_


def direct(view: dict, employee: str) -> float:
    return next((d["strength"] for d in view["ours"]["direct"] if d["id"] == employee), 0.0)


def test_ask_accept_and_log_an_introduction_that_then_counts(
    login, settings, django_capture_on_commit_callbacks
):
    # given e-mail configured, chenjing's person (ht-hr) at the start of a path to a person
    settings.GUANXI_EMAIL_CONFIGURED = True
    Person.objects.filter(ext_id="ht-hr").update(email="chen.jing@example.com")
    target = next(
        p["id"]
        for p in person_report("dfb-ceo")["inside"] + [{"id": "dfb-ceo"}]
        if paths_report(p["id"], from_id="ht-hr")
    )
    route = paths_report(target, from_id="ht-hr")[0]["people"]
    before = direct(person_report(target), "ht-kam1")
    # when lina asks chenjing for the introduction from the path
    lina = login("lina")
    with django_capture_on_commit_callbacks(execute=True):
        lina.post(
            "/ops/introductions/new/",
            {"target": target, "introducer": "ht-hr", "route": " ".join(route), "next": "/"},
        )
    intro = Introduction.objects.get()
    # then chenjing gets an e-mail and sees the request in the app, and accepts it
    assert [m.to for m in mail.outbox] == [["chen.jing@example.com"]]
    chen = login("chenjing")
    assert f'data-intro="{intro.pk}"' in chen.get("/ops/introductions/").content.decode()
    chen.post(f"/ops/introductions/{intro.pk}/answer/", {"accept": "1"})
    # when lina logs that it happened
    login("lina").post(f"/ops/introductions/{intro.pk}/done/", {"kind": "meeting"})
    # then it is an interaction of the three people, and lina's closeness to the person
    # now has its evidence (one meeting today: 100 (1 - e^-0.3) = 25.9)
    intro.refresh_from_db()
    assert intro.status == "done"
    people = set(intro.interaction.participants.values_list("ext_id", flat=True))
    assert people == {"ht-kam1", "ht-hr", target}
    assert direct(person_report(target), "ht-kam1") == pytest.approx(max(before, 25.918), abs=1e-3)
    assert (
        AuditEvent.objects.filter(object_type="introduction", object_id=str(intro.pk)).count() == 3
    )


def test_no_email_when_email_is_not_configured(login, settings, django_capture_on_commit_callbacks):
    # given no e-mail configured
    settings.GUANXI_EMAIL_CONFIGURED = False
    Person.objects.filter(ext_id="ht-hr").update(email="chen.jing@example.com")
    # when lina asks for an introduction
    with django_capture_on_commit_callbacks(execute=True):
        login("lina").post("/ops/introductions/new/", {"target": "dfb-ceo", "introducer": "ht-hr"})
    # then the request is in the app only
    assert Introduction.objects.count() == 1
    assert mail.outbox == []


def test_only_the_colleague_asked_answers_and_only_once(login):
    # given a request of lina's to ht-hr
    login("lina").post("/ops/introductions/new/", {"target": "dfb-ceo", "introducer": "ht-hr"})
    intro = Introduction.objects.get()
    # when lina tries to accept it herself, then chenjing declines, then accepts
    login("lina").post(f"/ops/introductions/{intro.pk}/answer/", {"accept": "1"})
    intro.refresh_from_db()
    assert intro.status == "requested"
    chen = login("chenjing")
    chen.post(f"/ops/introductions/{intro.pk}/answer/", {"accept": "0", "answer": "not now"})
    chen.post(f"/ops/introductions/{intro.pk}/answer/", {"accept": "1"})
    # then it stays declined, with the answer
    intro.refresh_from_db()
    assert (intro.status, intro.answer) == ("declined", "not now")


def test_nobody_asks_about_a_person_they_may_not_see(login):
    # given lina, who may not see tyt's people
    response = login("lina").post(
        "/ops/introductions/new/", {"target": "tyt-cto", "introducer": "ht-hr"}
    )
    # then it answers as for an unknown person and nothing is asked
    assert response.status_code == 404
    assert not Introduction.objects.exists()


def test_asking_yourself_is_refused_with_a_reason(login):
    # given lina asking her own person to introduce her
    response = login("lina").post(
        "/ops/introductions/new/", {"target": "dfb-ceo", "introducer": "ht-kam1"}, follow=True
    )
    # then nothing is asked and she is told why
    assert not Introduction.objects.exists()
    assert "on this path yourself" in response.content.decode()
