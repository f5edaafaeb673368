"""A new user brings a Salesforce export, a LinkedIn export, an address book, a calendar and a
mailbox into an empty Guanxi: the four graphs fill, the uncertain matches wait for review."""

from __future__ import annotations

import pytest

from guanxi.cli import main
from guanxi.connectors.models import ReviewItem
from guanxi.connectors.tests.helpers import DATA
from guanxi.scoring.reports import account_report, company_report, deal_report, person_report

pytestmark = pytest.mark.django_db
LI = "sf:0055g00000UsR01"


def test_every_source_into_an_empty_workspace_fills_the_four_graphs(tmp_path, capsys):
    # given an mbox of Li Na writing to the CEO and the CIO of Harbin Power Group
    mbox = tmp_path / "li.mbox"
    mbox.write_bytes(
        b"From MAILER-DAEMON Mon Nov 30 10:00:00 2026\n"
        b"From: Li Na <li.na@ourco.example>\n"
        b"To: zhang.wei@harbinpower.example\nCc: liu.yang@harbinpower.example\n"
        b"Date: Mon, 30 Nov 2026 10:00:00 +0800\nMessage-ID: <a1@ourco.example>\n\nHi\n"
    )
    # when each source is imported with the command line, in the order a user would
    steps = [
        ["import", str(DATA / "salesforce"), "--format", "salesforce"],
        ["import", str(DATA / "linkedin" / "Connections.csv"), "--format", "linkedin",
         "--as", LI],
        ["import", str(DATA / "vcard"), "--format", "vcard", "--as", LI],
        ["import", str(DATA / "ics" / "calendar.ics"), "--format", "ics", "--as", LI],
        ["import", str(mbox), "--format", "mail"],
    ]  # fmt: skip
    for argv in steps:
        assert main(argv) == 0, capsys.readouterr().err
    # then the customer graph has its people and our closeness to them
    account = account_report("sf:0015g00000AbCdE")
    assert {p["name"] for p in account["people"]} == {
        "Wei Zhang", "Fang Wang", "Yang Liu", "Jie Chen"
    }  # fmt: skip
    assert account["score"] > 0
    # and the key-person view knows who of ours is close to the CEO
    ceo = person_report("sf:0035g00000CoN01")
    assert LI in {d["id"] for d in ceo["ours"]["direct"]}
    # and our relationship resources list Li Na with resources
    company = company_report()
    li = next(e for e in company["employees"] if e["id"] == LI)
    assert li["resources"] > 0
    # and the deal's decision chain has its roles
    deal = deal_report("sf:0065g00000OpP01")
    assert {r["role"] for r in deal["roles"]} == {"approver", "decision_maker", "evaluator"}
    # and what was uncertain waits for review
    assert ReviewItem.objects.filter(status="open").count() >= 1
