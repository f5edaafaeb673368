"""The rules the database itself holds, whoever writes (import, admin, API)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from guanxi.people.models import Organisation, Tie
from guanxi.people.tests.factories import org, person, tie

pytestmark = pytest.mark.django_db


def _refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_only_one_own_organisation_can_exist():
    org(kind="own")
    assert _refused(lambda: org(kind="own"))
    assert Organisation.objects.filter(kind="own").count() == 1


def test_strength_outside_0_to_100_is_refused():
    c = org()
    a, b = person(c), person(c)
    assert _refused(lambda: Tie.objects.create(source=a, target=b, kind="influence", strength=101))
    assert not _refused(lambda: tie(a, b, strength=100))


def test_a_person_cannot_have_a_tie_with_themself():
    a = person(org())
    assert _refused(lambda: Tie.objects.create(source=a, target=a, kind="influence", strength=5))


def test_one_tie_per_pair_and_kind_but_kinds_may_coexist():
    c = org()
    a, b = person(c), person(c)
    tie(a, b, "influence")
    assert _refused(lambda: tie(a, b, "influence", 70))
    assert not _refused(lambda: tie(a, b, "reports_to", None))


def test_relationship_is_stored_once_per_pair():
    c = org()
    a, b = person(c), person(c)
    low, high = sorted([a, b], key=lambda p: p.pk)
    tie(a, b, "relationship")
    reversed_pair = lambda: Tie.objects.create(  # noqa: E731
        source=high, target=low, kind="relationship", strength=10
    )
    assert _refused(reversed_pair)


def test_a_person_reports_to_at_most_one_manager():
    c = org()
    a, b, m = person(c), person(c), person(c)
    tie(a, b, "reports_to", None)
    assert _refused(lambda: tie(a, m, "reports_to", None))


def test_influence_and_relationship_need_a_strength():
    c = org()
    a, b = person(c), person(c)
    assert _refused(lambda: Tie.objects.create(source=a, target=b, kind="influence"))


def test_external_ids_are_unique_per_entity():
    c = org(ext_id="acme")
    person(c, ext_id="x1")
    assert _refused(lambda: person(c, ext_id="x1"))
    assert _refused(lambda: org(ext_id="acme"))


def test_power_outside_0_to_100_is_refused():
    c = org()
    assert _refused(lambda: person(c, power=150))
