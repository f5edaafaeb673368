"""deals.csv's optional `owner` column: one of our people, exported and imported back."""

from __future__ import annotations

import csv
import io

import pytest

from guanxi.deals.models import Deal
from guanxi.interchange import export_path, import_path
from guanxi.interchange.tests.helpers import DEALS, fingerprint, workspace

pytestmark = pytest.mark.django_db

WITH_OWNER = (
    "id,organization_id,name,stage,status,amount,currency,close_date,competitor_ids,owner\n"
    "d1,c1,Big deal,proposal,open,1000,USD,2025-06-30,x1,e\n"
    "d2,c1,Small deal,,open,,,,,\n"
)


def test_the_owner_is_imported_and_exported_back_the_same(tmp_path):
    # given a deals.csv naming Eve (one of ours) as the owner of d1 and no owner for d2
    assert import_path(workspace(tmp_path / "in", deals=WITH_OWNER)).ok
    # when exported
    export_path(tmp_path / "out")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "deals.csv").read_text("utf-8"))))
    # then the owner is on the deal and in the export's owner column
    assert Deal.objects.get(ext_id="d1").owner.ext_id == "e"
    assert Deal.objects.get(ext_id="d2").owner is None
    assert {r["id"]: r["owner"] for r in rows} == {"d1": "e", "d2": ""}
    # and importing the export again changes nothing
    again = import_path(tmp_path / "out")
    assert again.ok and again.totals().created == again.totals().updated == 0


def test_a_file_without_the_owner_column_keeps_the_owner(tmp_path):
    # given d1 owned by Eve
    assert import_path(workspace(tmp_path / "in", deals=WITH_OWNER)).ok
    # when a deals.csv without the owner column is imported (an older file)
    assert import_path(workspace(tmp_path / "old", deals=DEALS)).ok
    # then the owner stays
    assert Deal.objects.get(ext_id="d1").owner.ext_id == "e"


@pytest.mark.parametrize(
    ("owner", "reason"),
    [
        ("nobody", "unknown person 'nobody'"),
        ("a", "the owner of a deal is one of our people, and 'a' is at 'c1'"),
    ],
)
def test_an_owner_who_is_not_one_of_ours_is_reported_at_the_cell(tmp_path, owner, reason):
    # given a deal owned by an unknown id or by someone at the customer
    folder = workspace(tmp_path / "ws", deals=WITH_OWNER.replace(",x1,e\n", f",x1,{owner}\n"))
    before = fingerprint()
    # when imported
    report = import_path(folder)
    problems = [str(p) for p in report.sorted_problems()]
    # then it is refused at deals.csv line 2, column owner, and nothing is written
    assert not report.ok
    assert fingerprint() == before
    assert any(p.startswith("deals.csv:2:owner:") and reason in p for p in problems), problems
