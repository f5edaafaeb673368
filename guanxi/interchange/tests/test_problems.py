"""Bad input: every problem is reported at its file, line and column, and nothing is written."""

from __future__ import annotations

import zipfile

import pytest

from guanxi.interchange import import_path
from guanxi.interchange.tests.helpers import (
    BASE,
    DEALS,
    INTERACTIONS,
    ORGS,
    PEOPLE,
    ROLES,
    TIES,
    fingerprint,
    workspace,
)

pytestmark = pytest.mark.django_db


def rejected(path, *, dry_run=False):
    """Import `path`, assert it was refused without writing, return its problems as text."""
    before = fingerprint()
    report = import_path(path, dry_run=dry_run)
    assert not report.ok
    assert not report.applied
    assert fingerprint() == before, "a refused import must write nothing"
    return [str(p) for p in report.sorted_problems()]


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# (case id, file changes, expected "file:line:column", a words of the reason)
CASES = [
    (
        "unknown column",
        {
            "organizations": ORGS.replace("parent_id\n", "parent_id,colour\n", 1)
            .replace("\n", ",\n")
            .replace("parent_id,colour,", "parent_id,colour")
        },
        "organizations.csv:1:colour",
        "unknown column 'colour'",
    ),
    (
        "missing column",
        {
            "deals": DEALS.replace("id,organization_id,name,", "id,organization_id,").replace(
                "d1,c1,Big deal,", "d1,c1,"
            )
        },
        "deals.csv:1:name",
        "missing required column 'name'",
    ),
    (
        "missing required cell",
        {"organizations": replace(ORGS, "c1,Customer One,", "c1,,")},
        "organizations.csv:3:name",
        "missing name",
    ),
    (
        "bad organisation kind",
        {"organizations": replace(ORGS, "c1,Customer One,customer", "c1,Customer One,client")},
        "organizations.csv:3:kind",
        "'client' is not a kind of organisation",
    ),
    (
        "bad tier",
        {"organizations": replace(ORGS, "strategic", "gold")},
        "organizations.csv:3:tier",
        "'gold' is not a tier",
    ),
    (
        "bad date",
        {"ties": replace(TIES, "2024-01-02", "2024-02-30")},
        "ties.csv:2:since",
        "'2024-02-30' is not a real date",
    ),
    (
        "date in another format",
        {"interactions": replace(INTERACTIONS, "2024-05-01", "01/05/2024")},
        "interactions.csv:2:date",
        "write it as YYYY-MM-DD",
    ),
    (
        "power not a number",
        {"people": replace(PEOPLE, "CTO,,a,80", "CTO,,a,high")},
        "people.csv:3:power",
        "power 'high' is not a number",
    ),
    (
        "bad boolean",
        {"people": replace(PEOPLE, "CEO,,,,true", "CEO,,,,yes")},
        "people.csv:2:key",
        "'yes' is not true or false",
    ),
    (
        "bad status",
        {
            "people": replace(
                PEOPLE, "Carol,,,b,,false,false,,active", "Carol,,,b,,false,false,,gone"
            )
        },
        "people.csv:5:status",
        "'gone' is not a status",
    ),
    (
        "bad amount",
        {"deals": replace(DEALS, ",1000,", ",lots,")},
        "deals.csv:2:amount",
        "amount 'lots' is not a number",
    ),
    (
        "bad deal status",
        {"deals": replace(DEALS, "proposal,open", "proposal,pending")},
        "deals.csv:2:status",
        "'pending' is not a deal status",
    ),
    (
        "unknown person in participant_ids",
        {"interactions": replace(INTERACTIONS, "e;a;b", "e;ghost;b")},
        "interactions.csv:2:participant_ids",
        "unknown person 'ghost'",
    ),
    (
        "interaction with one person",
        {"interactions": replace(INTERACTIONS, "e;a;b", "e")},
        "interactions.csv:2:participant_ids",
        "at least two people",
    ),
    (
        "unknown competitor",
        {"deals": replace(DEALS, ",x1\n", ",x9\n")},
        "deals.csv:2:competitor_ids",
        "unknown organisation 'x9'",
    ),
    (
        "competitor that is not a competitor",
        {"deals": replace(DEALS, ",x1\n", ",x1;p1\n")},
        "deals.csv:2:competitor_ids",
        "'p1' is a partner, not a competitor",
    ),
    (
        "deal on a non-customer",
        {"deals": replace(DEALS, "d1,c1,", "d1,p1,")},
        "deals.csv:2:organization_id",
        "a deal must be on a customer, and 'p1' is a partner",
    ),
    (
        "unknown parent",
        {"organizations": replace(ORGS, ",,,c1\n", ",,,c9\n")},
        "organizations.csv:4:parent_id",
        "unknown organisation 'c9'",
    ),
    (
        "unknown organisation of a person",
        {"people": replace(PEOPLE, "z,x1,", "z,x9,")},
        "people.csv:8:organization_id",
        "unknown organisation 'x9'",
    ),
    (
        "unknown manager",
        {"people": replace(PEOPLE, "Carol,,,b,", "Carol,,,q,")},
        "people.csv:5:reports_to_id",
        "unknown person 'q'",
    ),
    (
        "unknown tie source",
        {"ties": TIES + "ghost,a,influence,5,,\n"},
        "ties.csv:6:source_id",
        "unknown person 'ghost'",
    ),
    (
        "strength out of range",
        {"ties": replace(TIES, "z,a,relationship,30", "z,a,relationship,101")},
        "ties.csv:5:strength",
        "strength 101 is out of range 0–100",
    ),
    (
        "strength not a number",
        {"ties": replace(TIES, "z,a,relationship,30", "z,a,relationship,lots")},
        "ties.csv:5:strength",
        "strength 'lots' is not a number",
    ),
    (
        "strength missing",
        {"ties": replace(TIES, "b,a,influence,weak", "b,a,influence,")},
        "ties.csv:4:strength",
        "missing strength",
    ),
    (
        "unknown tie kind",
        {"ties": replace(TIES, "b,a,influence", "b,a,likes")},
        "ties.csv:4:kind",
        "'likes' is not a kind of tie",
    ),
    (
        "reporting cycle",
        {"people": replace(PEOPLE, "Alice 王,CEO,,,", "Alice 王,CEO,,c,")},
        "people.csv:2:reports_to_id",
        "reporting cycle: a → c → b → a",
    ),
    (
        "reports_to across organisations",
        {"people": replace(PEOPLE, "Frank,,,e,", "Frank,,,a,")},
        "people.csv:7:reports_to_id",
        "reporting lines stay inside one organisation",
    ),
    (
        "two managers",
        {"ties": TIES + "c,a,reports_to,,,\n"},
        "ties.csv:6:target_id",
        "'c' would have two managers: 'b' (people.csv line 5) and 'a' here",
    ),
    (
        "two managers in ties.csv",
        {
            "ties": TIES
            + "f,e,reports_to,,,\nc,b,reports_to,,,\nf,us,reports_to,,,\nf,z,reports_to,,,\n"
        },
        "ties.csv:9:target_id",
        "'f' would have two managers: 'e' (people.csv line 7) and 'z' here",
    ),
    (
        "duplicate person id",
        {"people": PEOPLE + "a,c1,Another Alice,,,,,,,,,,,\n"},
        "people.csv:9:id",
        "duplicate id 'a' (also on line 2)",
    ),
    (
        "duplicate organisation id",
        {"organizations": ORGS + "c1,Again,customer,,,\n"},
        "organizations.csv:7:id",
        "duplicate id 'c1' (also on line 3)",
    ),
    (
        "duplicate relationship in the other direction",
        {"ties": TIES + "a,e,relationship,10,,\n"},
        "ties.csv:6:target_id",
        "duplicate tie: the relationship between 'a' and 'e' is already on line 2",
    ),
    (
        "duplicate influence",
        {"ties": TIES + "b,a,influence,90,,\n"},
        "ties.csv:6:target_id",
        "duplicate tie: the influence of 'b' on 'a' is already on line 4",
    ),
    (
        "tie with themself",
        {"ties": TIES + "e,e,influence,5,,\n"},
        "ties.csv:6:target_id",
        "a tie of 'e' with themself",
    ),
    (
        "reports to themself",
        {"people": replace(PEOPLE, "Carol,,,b,", "Carol,,,c,")},
        "people.csv:5:reports_to_id",
        "cannot report to themself",
    ),
    (
        "second own organisation",
        {"organizations": ORGS + "us2,Us again,own,,,\n"},
        "organizations.csv:7:kind",
        "a second 'own' organisation: 'us' (line 2) is already ours",
    ),
    (
        "own parent",
        {"organizations": replace(ORGS, ",,,c1\n", ",,,c2\n")},
        "organizations.csv:4:parent_id",
        "cannot be its own parent",
    ),
    (
        "parent loop",
        {"organizations": replace(ORGS, "banking,\n", "banking,c2\n")},
        "organizations.csv:3:parent_id",
        "the group tree would loop: c1 → c2 → c1",
    ),
    (
        "role on an unknown deal",
        {"deal_roles": ROLES + "d9,a,user,,,,\n"},
        "deal_roles.csv:4:deal_id",
        "unknown deal 'd9'",
    ),
    (
        "role of an unknown person",
        {"deal_roles": ROLES + "d1,ghost,user,,,,\n"},
        "deal_roles.csv:4:person_id",
        "unknown person 'ghost'",
    ),
    (
        "role of someone not at a customer",
        {"deal_roles": ROLES + "d1,e,user,,,,\n"},
        "deal_roles.csv:4:person_id",
        "'e' is at us, our own company",
    ),
    (
        "bad attitude word",
        {"deal_roles": replace(ROLES, "champion", "fan")},
        "deal_roles.csv:2:attitude",
        "attitude 'fan' is not one of champion",
    ),
    (
        "attitude out of range",
        {"deal_roles": replace(ROLES, ",-1,", ",3,")},
        "deal_roles.csv:3:attitude",
        "attitude 3 is out of range -2..2",
    ),
    (
        "bad role",
        {"deal_roles": replace(ROLES, "evaluator", "boss")},
        "deal_roles.csv:3:role",
        "'boss' is not a role",
    ),
    (
        "duplicate role",
        {"deal_roles": ROLES + "d1,a,approver,1,,,\n"},
        "deal_roles.csv:4:role",
        "'a' is already approver on 'd1' (line 2)",
    ),
    (
        "row with too many cells",
        {"deals": DEALS + "d2,c1,Deal, with comma,,open,,,,\n"},
        "deals.csv:3",
        "this row has 10 cells but the header has 9",
    ),
    (
        "bad quoting",
        {"deals": DEALS + 'd2,c1,"Deal" two,,open,,,,\n'},
        "deals.csv:3",
        "not valid CSV",
    ),
    (
        "unknown file name",
        {"organisations": ORGS},
        "organisations.csv",
        "not an interchange file name",
    ),
    (
        "name too long",
        {"organizations": replace(ORGS, "Customer One", "C" * 301)},
        "organizations.csv:3:name",
        "name is longer than 300 characters",
    ),
    (
        "id with a semicolon",
        {"organizations": ORGS + "x;2,Semi,competitor,,,\n"},
        "organizations.csv:7:id",
        "contains ';'",
    ),
    (
        "problem after a multi-line cell",
        {"people": replace(PEOPLE, "Carol,,,b,,", "Carol,,,b,lots,")},
        "people.csv:5:power",
        "power 'lots' is not a number",
    ),
    (
        "problem in a cell after a multi-line cell of the same row",
        {
            "organizations": replace(
                ORGS, '"Customer, Two",customer,,', '"Customer\nTwo",customer,gold,'
            )
        },
        "organizations.csv:5:tier",
        "'gold' is not a tier",
    ),
]


@pytest.mark.parametrize(
    ("changes", "where", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_at_its_cell_and_nothing_is_written(tmp_path, changes, where, reason):
    # given a workspace folder with one defect
    folder = workspace(tmp_path / "ws", **changes)
    # when it is imported
    problems = rejected(folder)
    # then the defect is reported where an editor shows it, in plain words
    assert any(p.startswith(where + ":") and reason in p for p in problems), problems


def test_missing_required_file_is_reported(tmp_path):
    # given a folder without people.csv
    folder = workspace(tmp_path / "ws", people=None, ties=None, interactions=None, deal_roles=None)
    # when imported / then the missing file is named
    assert "people.csv: missing file; every import needs it (it may list no rows)" in rejected(
        folder
    )


def test_same_manager_in_people_and_ties_is_one_reporting_line(tmp_path):
    # given people.csv says c reports to b and ties.csv says the same with a strength
    folder = workspace(tmp_path / "ws", ties=TIES + "c,b,reports_to,70,2020-01-01,\n")
    # when imported
    report = import_path(folder)
    # then it is accepted and c has exactly one manager, with the strength of the tie row
    from guanxi.people.models import Tie

    assert report.ok, report.problem_lines()
    lines = Tie.objects.filter(kind="reports_to", source__ext_id="c")
    assert [(t.target.ext_id, t.strength) for t in lines] == [("b", 70)]


def test_not_utf8_file_is_reported_with_its_line(tmp_path):
    # given an interactions.csv saved in Latin-1 with an accented name on line 3
    text = INTERACTIONS + "i2,2024-05-02,call,e;a,Café\n"
    folder = workspace(tmp_path / "ws", interactions=text.encode("latin-1"))
    # when imported / then the file and line are named with what to do
    problems = rejected(folder)
    assert any(
        p.startswith("interactions.csv:3: not UTF-8") and "save the file as UTF-8" in p
        for p in problems
    ), problems


def test_utf8_with_bom_from_excel_is_accepted(tmp_path):
    # given files saved by Excel as "CSV UTF-8" (with a byte order mark)
    folder = workspace(tmp_path / "ws", organizations="\ufeff" + ORGS)
    # when imported / then it is accepted
    assert import_path(folder).ok


def test_many_problems_are_reported_in_one_pass(tmp_path):
    # given a workspace with defects in four files
    folder = workspace(
        tmp_path / "ws",
        organizations=ORGS + "us2,Us again,own,,,\n",
        people=replace(PEOPLE, "CEO,,,,true", "CEO,,,,yes"),
        ties=TIES + "e,e,influence,5,,\nghost,a,influence,5,,\n",
        deal_roles=ROLES + "d9,a,user,,,,\n",
    )
    # when imported
    problems = rejected(folder)
    # then every one of them is reported, not only the first
    assert [p.split(": ")[0] for p in problems] == [
        "organizations.csv:7:kind",
        "people.csv:2:key",
        "ties.csv:6:target_id",
        "ties.csv:7:source_id",
        "deal_roles.csv:4:deal_id",
    ]


def test_dry_run_of_bad_input_reports_the_same(tmp_path):
    # given a defective workspace
    folder = workspace(tmp_path / "ws", ties=TIES + "e,e,influence,5,,\n")
    # when checked with a dry run / then the same problem is reported and nothing written
    assert rejected(folder, dry_run=True) == rejected(folder)


def test_zip_with_unsafe_path_is_refused(tmp_path):
    # given a zip whose entries would escape the folder
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, text in BASE.items():
            z.writestr(name, text)
        z.writestr("../../etc/passwd.csv", "x")
    # when imported / then it is refused naming the entry
    problems = rejected(archive)
    assert any("unsafe entry '../../etc/passwd.csv'" in p for p in problems), problems


def test_path_that_is_neither_folder_nor_zip_is_refused(tmp_path):
    # given a plain text file
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    # when imported / then the reason is given
    assert rejected(path) == [f"{path}: not a folder or a .zip file"]
