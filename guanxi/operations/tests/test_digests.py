"""The daily digest: once per user and date, only what is new, each user's choice, and the
inbox and alert choice pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from guanxi.core.models import Snapshot
from guanxi.operations.alerts import evaluate_alerts
from guanxi.operations.digests import send_digests
from guanxi.operations.models import Alert, AlertPreference, Objective
from guanxi.operations.services import create_objective
from guanxi.people.models import Person

TODAY = timezone.localdate()


@pytest.fixture
def users(demo_db, db):
    User = get_user_model()
    User.objects.filter(username__in=["lina", "liangwenbo"]).update(email="x@example.com")
    # lx was no closer than us to dfb-d2's decider dfb-vp-retail in the snapshot before
    # today, so today it has overtaken us (75 to our 30)
    before = Snapshot.objects.filter(date__lt=TODAY, metric="closeness@lx").latest("date").date
    Snapshot.objects.filter(date=before, subject_id="dfb-vp-retail", metric="closeness@lx").update(
        value=0.0
    )
    return {u.username: u for u in User.objects.all()}


def test_digest_is_sent_once_per_day_with_what_is_new(users):
    # given today's alerts
    evaluate_alerts(date=TODAY)
    # when the digests are sent twice the same day, and again the next day with nothing new
    first = send_digests(date=TODAY)
    again = send_digests(date=TODAY)
    next_day = send_digests(date=TODAY + dt.timedelta(days=1))
    # then lina and the manager got one each, naming the deal's decider lx is closer to
    assert (first, again, next_day) == (2, 0, 0)
    lina = next(m for m in mail.outbox if "Hello lina" in m.body)
    assert "Tian Jie" in lina.body and "Lanxin" in lina.body


def test_a_kind_left_out_of_the_email_stays_in_the_inbox(users):
    # given lina takes overtaken alerts in the inbox but not by e-mail, and has an objective
    # on dfb's ceo due in five days
    AlertPreference.objects.create(user=users["lina"], kind="overtaken", digest=False)
    ceo = Person.objects.get(ext_id="dfb-ceo")
    o = create_objective(person=ceo, actor=users["lina"], target=95)
    Objective.objects.filter(pk=o.pk).update(due=TODAY + dt.timedelta(days=5))
    evaluate_alerts(date=TODAY)
    # when the digests go
    send_digests(date=TODAY)
    # then her e-mail tells of the objective, not of lx, and her inbox does
    lina = next(m for m in mail.outbox if "Hello lina" in m.body)
    assert ceo.name in lina.body
    assert "Tian Jie" not in lina.body
    assert Alert.objects.filter(user=users["lina"], kind="overtaken").exists()


def test_inbox_lists_open_alerts_and_marks_them_read(users, client):
    # given lina's alerts
    evaluate_alerts(date=TODAY)
    client.force_login(users["lina"])
    html = client.get("/ops/inbox/").content.decode()
    # then the inbox shows them unread; marking read empties the unread count
    assert 'data-key="dfb-d2:dfb-vp-retail:lx" class="unread"' in html
    client.post("/ops/inbox/read/")
    assert not Alert.objects.filter(user=users["lina"], read_at__isnull=True).exists()


def test_alert_choices_are_saved_and_audited(users, client):
    # given lina on her alert choices page
    client.force_login(users["lina"])
    form = {f"{k}-inbox": "on" for k in ("stale", "objective", "at_risk")}
    form["stale-digest"] = "on"
    # when she saves with overtaken switched off
    client.post("/ops/alerts/settings/", form)
    # then overtaken is off in the inbox, stale stays in the e-mail, objective leaves it
    prefs = {
        p.kind: (p.enabled, p.digest) for p in AlertPreference.objects.filter(user=users["lina"])
    }
    assert prefs["overtaken"] == (False, False)
    assert prefs["stale"] == (True, True)
    assert prefs["objective"] == (True, False)
