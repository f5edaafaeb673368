"""A person typed by name in a picker is found among thousands of namesakes' neighbours."""

from __future__ import annotations

import pytest

from guanxi.people.forms import find_person
from guanxi.people.models import Person
from guanxi.people.tests import factories

pytestmark = pytest.mark.django_db


def test_a_full_name_is_found_past_the_first_two_hundred_sharing_its_first_word():
    # given 260 colleagues whose names all start with the same word
    us = factories.org("own", name="Us")
    Person.objects.bulk_create(
        Person(ext_id=f"e{i}", organisation=us, name=f"Employee {i}") for i in range(260)
    )
    pool = Person.objects.filter(organisation=us).order_by("pk")
    # when the last of them is typed by full name
    found, reason = find_person(pool, "Employee 259")
    # then it is that one
    assert (found.ext_id if found else None, reason) == ("e259", "")
    # and a name nobody has is said so
    assert find_person(pool, "Employee 999") == (
        None,
        "Nobody called 'Employee 999' that you can see.",
    )
