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
    claimed, complete = set(), set()
    for user in users:
        for model in [*MODELS, get_user_model()]:
            for action in sorted(ACTIONS):
                key = (user.username, model.__name__, action)
                everything = set(model.objects.values_list("pk", flat=True))
                kept = set(restrict(user, model.objects.all(), action).values_list("pk", flat=True))
                if kept == everything:
                    complete.add(key)
                if unrestricted(user, model, action):
                    claimed.add(key)

    # it never claims more than restrict keeps ...
    assert claimed <= complete
    # ... and claims exactly the admin's and the manager's records, but the audit log and logins
    assert claimed == {
        (user, model.__name__, action)
        for user in ("demo", "liangwenbo")
        for model in MODELS
        if model is not AuditEvent
        for action in ACTIONS
    }
