"""The import holds the deal-role rule of the services (hole a of issue 10): a role holder is
at the deal's customer or another organisation of its group, never at another customer."""

from __future__ import annotations

import pytest

from guanxi.interchange import import_path
from guanxi.interchange.tests.helpers import ORGS, PEOPLE, ROLES, fingerprint, workspace

pytestmark = pytest.mark.django_db

# c2 is a subsidiary of c1 (helpers.ORGS); c3 is a customer of its own.
MORE_ORGS = ORGS + "c3,Customer Three,customer,,,\n"
MORE_PEOPLE = PEOPLE + "g,c2,Gina,,,,,false,false,,active,,,\nh,c3,Hal,,,,,false,false,,active,,,\n"


def test_a_holder_in_the_deals_group_is_accepted(tmp_path):
    folder = workspace(
        tmp_path / "ws",
        organizations=MORE_ORGS,
        people=MORE_PEOPLE,
        deal_roles=ROLES + "d1,g,user,,,,\n",
    )

    report = import_path(folder)

    assert report.ok, report.problem_lines()


def test_a_holder_at_another_customer_is_reported_at_their_cell(tmp_path):
    folder = workspace(
        tmp_path / "ws",
        organizations=MORE_ORGS,
        people=MORE_PEOPLE,
        deal_roles=ROLES + "d1,h,user,,,,\n",
    )
    before = fingerprint()

    report = import_path(folder)

    problems = [str(p) for p in report.sorted_problems()]
    assert problems == [
        "deal_roles.csv:4:person_id: 'h' is at c3, outside the group of c1, "
        "so cannot hold a role on 'd1'"
    ]
    assert fingerprint() == before
