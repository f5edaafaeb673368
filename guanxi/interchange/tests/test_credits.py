"""v2: credit recorded at the win travels in deal_credits.csv; a won deal imported without it
has its credit recorded at that import; bad shares are refused with the line and column."""

from __future__ import annotations

import pytest

from guanxi.deals.models import Deal, DealCredit
from guanxi.deals.services import save_deal
from guanxi.interchange.services import export_path, import_path
from guanxi.interchange.tests.helpers import TIES, fingerprint, read_dir, workspace
from guanxi.interchange.tests.test_roundtrip import wipe
from guanxi.people.models import Person
from guanxi.people.services import record_tie
from guanxi.scoring.engine import forget_warm_workspace
from guanxi.scoring.reports import company_report

pytestmark = pytest.mark.django_db

WON = """id,organization_id,name,stage,status,amount,currency,close_date,competitor_ids
d1,c1,Big deal,proposal,won,1000,USD,2025-06-30,x1
"""
# Frank knows the approver too (weakly): Eve and Frank share the credit
TIES_WITH_FRANK = TIES + "f,a,relationship,20,,\n"
WA, WB = 0.35 / 0.55, 0.20 / 0.55  # approver and evaluator weights of d1


def shares() -> dict[str, float]:
    return dict(DealCredit.objects.filter(deal__ext_id="d1").values_list("person__ext_id", "share"))


def credit() -> dict[str, float]:
    forget_warm_workspace()
    return {e["id"]: e["credit"] for e in company_report(trend=lambda side: [])["employees"]}


def test_a_won_deal_imported_without_its_credit_has_it_recorded_at_the_import(tmp_path):
    # given a won deal and no deal_credits.csv
    report = import_path(workspace(tmp_path / "ws", deals=WON, ties=TIES_WITH_FRANK))
    assert report.ok, report.problem_lines()
    # then the credit is recorded from the workspace the import made
    eve, frank = WA * 80 + WB * 50, WA * 20
    assert shares() == {
        "e": pytest.approx(eve / (eve + frank)),
        "f": pytest.approx(frank / (eve + frank)),
    }
    assert Deal.objects.get(ext_id="d1").credit_recorded_at is not None
    # and a later import of a stronger tie of Frank's does not move it
    before = shares()
    stronger = TIES + "f,a,relationship,100,,\n"
    assert import_path(workspace(tmp_path / "later", deals=WON, ties=stronger)).ok
    assert shares() == before
    assert credit()["f"] == pytest.approx(1000 * frank / (eve + frank))


def test_export_then_import_keeps_the_recorded_credit(tmp_path):
    # given credit recorded 70/30 (from the files), whatever the ties say
    files = "deal_id,person_id,share\nd1,e,0.7\nd1,f,0.3\n"
    assert import_path(workspace(tmp_path / "ws", deals=WON, deal_credits=files)).ok
    assert shares() == {"e": 0.7, "f": 0.3}
    # when exported, imported into an empty database and exported again
    export_path(tmp_path / "one")
    assert b"d1,e,0.7\r\nd1,f,0.3\r\n" in read_dir(tmp_path / "one")["deal_credits.csv"]
    wipe()
    assert import_path(tmp_path / "one").ok
    export_path(tmp_path / "two")
    # then the credit is the same, and so are the files
    assert shares() == {"e": 0.7, "f": 0.3}
    assert credit() == {"e": pytest.approx(700.0), "f": pytest.approx(300.0)}
    assert read_dir(tmp_path / "one") == read_dir(tmp_path / "two")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            "d1,e,0.7\nd1,f,0.2\n",
            "deal_credits.csv:2:share: the shares of 'd1' add up to 0.9, not 1 (lines 2, 3)",
        ),
        ("d1,a,1\n", "deal_credits.csv:2:person_id: 'a' is at c1, a customer; credit goes"),
        ("d1,e,1.5\n", "deal_credits.csv:2:share: share 1.5 is not between 0 and 1"),
        ("d1,e,half\n", "deal_credits.csv:2:share: 'half' is not a number"),
        ("d9,e,1\n", "deal_credits.csv:2:deal_id: unknown deal 'd9'"),
        (
            "d1,e,0.5\nd1,e,0.5\n",
            "deal_credits.csv:3:person_id: duplicate: 'e' already has a share of 'd1' (line 2)",
        ),
    ],
)
def test_bad_credit_rows_are_refused_with_line_and_column(tmp_path, rows, expected):
    before = fingerprint()
    files = "deal_id,person_id,share\n" + rows
    report = import_path(workspace(tmp_path / "ws", deals=WON, deal_credits=files))
    assert not report.ok
    assert any(line.startswith(expected) for line in report.problem_lines()), report.problem_lines()
    assert fingerprint() == before


def test_credit_on_a_deal_that_is_not_won_is_refused(tmp_path):
    files = "deal_id,person_id,share\nd1,e,1\n"
    report = import_path(workspace(tmp_path / "ws", deal_credits=files))
    assert report.problem_lines() == [
        "deal_credits.csv:2:deal_id: 'd1' is open, not won; credit is recorded on won deals only"
    ]


def test_a_deal_reopened_by_an_import_loses_its_recorded_credit(tmp_path):
    assert import_path(workspace(tmp_path / "ws", deals=WON)).ok
    assert shares()
    assert import_path(workspace(tmp_path / "again")).ok  # d1 open again
    assert shares() == {}
    assert Deal.objects.get(ext_id="d1").credit_recorded_at is None


def test_a_deal_won_with_nobody_credited_stays_so_through_export_and_import(tmp_path):
    """Found by the API-writes round trip: a deal recorded at its win with nobody credited,
    then a tie of ours to its approver; export → import into an empty workspace must not
    record the credit anew from the tie (the export's deal_credits.csv speaks for it)."""
    from guanxi.interchange.tests.test_api_writes_roundtrip import BASE

    # given a workspace whose deal is won while none of our people knows its role holder
    source = tmp_path / "base"
    source.mkdir()
    for name, text in BASE.items():
        (source / name).write_text(text, encoding="utf-8")
    (source / "deal_roles.csv").write_text("deal_id,person_id,role\nd1,c1-b,approver\n")
    import_path(source, actor="test")
    deal = Deal.objects.get(ext_id="d1")
    deal.status = "won"
    save_deal(deal, actor="test")
    assert not DealCredit.objects.filter(deal=deal).exists()
    # and a relationship of ours with the approver recorded afterwards
    e1, cfo = Person.objects.get(ext_id="e1"), Person.objects.get(ext_id="c1-b")
    record_tie(source=e1, target=cfo, kind="relationship", strength=1, actor="test")
    # when the workspace is exported, emptied and imported again
    first = tmp_path / "first"
    export_path(first)
    wipe()
    import_path(first, actor="test")
    second = tmp_path / "second"
    export_path(second)
    # then nobody is credited still, and the files are the same
    assert not DealCredit.objects.exists()
    assert read_dir(first) == read_dir(second)
