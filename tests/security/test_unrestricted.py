"""`unrestricted` says exactly when `restrict` hands a user every record: callers that skip
filtering records they already hold on its word never show or change more than allowed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.access.permissions import ACTIONS, restrict, unrestricted
from guanxi.core.models import AuditEvent, Snapshot
from guanxi.deals.models import Deal
from guanxi.demo.load import load_demo
from guanxi.people.models import Interaction, Organisation, Person, Tie

pytestmark = pytest.mark.django_db

MODELS = [Tie, Person, Organisation, Deal, Interaction, Snapshot, AuditEvent]


def test_unrestricted_only_where_restrict_keeps_every_record(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")
    users = get_user_model().objects.filter(
        username__in=["demo", "liangwenbo", "lina", "chenjing", "guest"]
    )
    said = {}
    for user in users:
        for model in [*MODELS, get_user_model()]:
            for action in sorted(ACTIONS):
                everything = set(model.objects.values_list("pk", flat=True))
                kept = set(restrict(user, model.objects.all(), action).values_list("pk", flat=True))
                if unrestricted(user, model, action):
                    assert kept == everything, (user.username, model.__name__, action)
                said[(user.username, model.__name__, action)] = unrestricted(user, model, action)

    assert said[("demo", "Tie", "change")] and said[("liangwenbo", "Tie", "change")]
    assert not said[("lina", "Tie", "change")] and not said[("chenjing", "Tie", "view")]
    assert not said[("guest", "Tie", "change")] and not said[("demo", "AuditEvent", "view")]
