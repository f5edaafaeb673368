"""A user's alert choices are saved through the service, every kind, with one audit record."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.core.models import AuditEvent
from guanxi.operations.choices import AlertKind
from guanxi.operations.models import AlertPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(demo_db, db):
    return {u.username: u for u in get_user_model().objects.all()}


def test_saving_alert_choices_stores_each_kind_and_audits_once(users, client):
    # given a user on the alert choices page
    client.force_login(users["demo"])
    kinds = list(AlertKind.values)
    before = AuditEvent.objects.filter(object_type="alert_preferences").count()
    # when they keep only the first kind, in the inbox but asked in the digest for none
    response = client.post(
        "/ops/alerts/settings/", {f"{kinds[0]}-inbox": "on", f"{kinds[1]}-digest": "on"}
    )
    # then every kind is stored as chosen (a digest only with the inbox) and audited once
    assert response.status_code == 302
    stored = {
        p.kind: (p.enabled, p.digest) for p in AlertPreference.objects.filter(user=users["demo"])
    }
    assert stored[kinds[0]] == (True, False)
    assert stored[kinds[1]] == (False, False)
    assert len(stored) == len(kinds)
    assert AuditEvent.objects.filter(object_type="alert_preferences").count() == before + 1
