"""A tie a sales user may see never names a person outside their scope."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.access.permissions import restrict
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Person, Tie

pytestmark = pytest.mark.django_db


def test_a_tie_from_her_account_to_another_customer_is_not_shown_to_a_sales_user(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")
    # a bank manager knows Tianyu's CEO (an account lina is not on)
    bank, telecom = Person.objects.get(ext_id="dfb-cio"), Person.objects.get(ext_id="tyt-ceo")
    services.record_tie(source=bank, target=telecom, kind="relationship", strength=60, actor=None)
    lina = get_user_model().objects.get(username="lina")

    ties = restrict(lina, Tie.objects.all())
    visible = set(restrict(lina, Person.objects.all()).values_list("pk", flat=True))

    assert ties.exists()
    assert all(t.source_id in visible and t.target_id in visible for t in ties)
    assert not ties.filter(target=telecom).exists() and not ties.filter(source=telecom).exists()
