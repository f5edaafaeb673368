"""The interchange import speaks the user's language: every problem it reports (and so every
problem a connector maps back to its own file) is in Chinese on the Chinese import page, and the
CLI keeps printing the English reasons that scripts and CLI.md rely on."""

from __future__ import annotations

import io
import re
import stat
import zipfile

import pytest
from django.utils import translation

from guanxi.access.services import add_user
from guanxi.cli import main
from guanxi.connectors.tests.helpers import copy_of
from guanxi.connectors.tests.helpers import fingerprint as connector_fingerprint
from guanxi.interchange import export_path, import_files, import_path
from guanxi.interchange.export import ExportError
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
    zipped,
)
from guanxi.interchange.tests.test_problems import CASES

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "zh-hans"}
HAN = re.compile(r"[\u4e00-\u9fff]")

WON = DEALS.replace("proposal,open", "proposal,won")
SNAPSHOT_HEADER = "date,subject_id,metric,value\n"
CREDIT_HEADER = "deal_id,person_id,share\n"
OWNER_DEALS = (
    "id,organization_id,name,stage,status,amount,currency,close_date,competitor_ids,owner\n"
    "d1,c1,Big deal,proposal,open,1000,USD,2025-06-30,x1,a\n"
)
#: a third customer outside c1's group, with one person
ORGS_3 = ORGS + "c3,Customer Three,customer,,,\n"
PEOPLE_3 = PEOPLE + "g,c3,Gil,,,,,false,false,,active,,,\n"

# Defects the cases of test_problems do not make, in the same form:
# (case id, file changes, "file:line:column" of the problem, words of its English reason)
MORE_CASES = [
    (
        "bad interaction kind",
        {"interactions": INTERACTIONS.replace(",meal,", ",lunch,")},
        "interactions.csv:2:kind",
        "'lunch' is not a kind of interaction",
    ),
    (
        "missing id",
        {"organizations": ORGS + ",Nameless,customer,,,\n"},
        "organizations.csv:7:id",
        "missing id",
    ),
    (
        "id too long",
        {"organizations": ORGS + "x" * 201 + ",Long,customer,,,\n"},
        "organizations.csv:7:id",
        "id is longer than 200 characters",
    ),
    (
        "missing organisation kind",
        {"organizations": ORGS + "c4,Four,,,,\n"},
        "organizations.csv:7:kind",
        "missing kind of organisation (one of",
    ),
    (
        "missing source",
        {"ties": TIES + ",a,relationship,20,,\n"},
        "ties.csv:6:source_id",
        "missing source_id",
    ),
    (
        "missing target",
        {"ties": TIES + "a,,relationship,20,,\n"},
        "ties.csv:6:target_id",
        "missing target_id",
    ),
    (
        "strength not whole",
        {"ties": TIES + "c,e,relationship,50.5,,\n"},
        "ties.csv:6:strength",
        "strength '50.5' must be a whole number",
    ),
    (
        "notes with NUL",
        {"ties": TIES + "c,e,relationship,50,,a\x00b\n"},
        "ties.csv:6:notes",
        "notes is contains a NUL character",
    ),
    (
        "duplicate reporting line",
        {"ties": TIES + "c,b,reports_to,70,,\nc,b,reports_to,70,,\n"},
        "ties.csv:7:target_id",
        "duplicate tie: 'c' reports to 'b' is already on line 5",
    ),
    (
        "power out of range",
        {"people": PEOPLE.replace("CTO,,a,80", "CTO,,a,180")},
        "people.csv:3:power",
        "power 180 is out of range 0–100",
    ),
    (
        "power not whole",
        {"people": PEOPLE.replace("CTO,,a,80", "CTO,,a,80.5")},
        "people.csv:3:power",
        "power '80.5' must be a whole number",
    ),
    (
        "participant twice",
        {"interactions": INTERACTIONS.replace("e;a;b", "e;a;a")},
        "interactions.csv:2:participant_ids",
        "'a' is listed twice",
    ),
    (
        "interaction without date",
        {"interactions": INTERACTIONS.replace("2024-05-01", "")},
        "interactions.csv:2:date",
        "missing date",
    ),
    (
        "competitor twice",
        {"deals": DEALS.replace(",x1\n", ",x1;x1\n")},
        "deals.csv:2:competitor_ids",
        "'x1' is listed twice",
    ),
    (
        "negative amount",
        {"deals": DEALS.replace(",1000,", ",-5,")},
        "deals.csv:2:amount",
        "amount -5 is negative",
    ),
    (
        "amount with cents of cents",
        {"deals": DEALS.replace(",1000,", ",10.005,")},
        "deals.csv:2:amount",
        "amount 10.005 has more than 2 decimals",
    ),
    (
        "amount too large",
        {"deals": DEALS.replace(",1000,", ",1" + "0" * 16 + ",")},
        "deals.csv:2:amount",
        "is too large",
    ),
    (
        "owner not ours",
        {"deals": OWNER_DEALS},
        "deals.csv:2:owner",
        "the owner of a deal is one of our people, and 'a' is at 'c1'",
    ),
    (
        "role holder outside the group",
        {"organizations": ORGS_3, "people": PEOPLE_3, "deal_roles": ROLES + "d1,g,user,,,,\n"},
        "deal_roles.csv:4:person_id",
        "'g' is at c3, outside the group of c1",
    ),
    (
        "role without deal",
        {"deal_roles": ROLES + ",a,user,,,,\n"},
        "deal_roles.csv:4:deal_id",
        "missing deal_id",
    ),
    (
        "role without person",
        {"deal_roles": ROLES + "d1,,user,,,,\n"},
        "deal_roles.csv:4:person_id",
        "missing person_id",
    ),
    (
        "bad contact level",
        {"deal_roles": ROLES.replace("champion,deep", "champion,close")},
        "deal_roles.csv:2:contact_level",
        "'close' is not a contact level",
    ),
    (
        "credit on an open deal",
        {"deal_credits": CREDIT_HEADER + "d1,e,1\n"},
        "deal_credits.csv:2:deal_id",
        "'d1' is open, not won",
    ),
    (
        "credit to a customer's person",
        {"deals": WON, "deal_credits": CREDIT_HEADER + "d1,a,1\n"},
        "deal_credits.csv:2:person_id",
        "'a' is at c1, a customer; credit goes",
    ),
    (
        "share out of range",
        {"deals": WON, "deal_credits": CREDIT_HEADER + "d1,e,1.5\n"},
        "deal_credits.csv:2:share",
        "share 1.5 is not between 0 and 1",
    ),
    (
        "shares not adding up",
        {"deals": WON, "deal_credits": CREDIT_HEADER + "d1,e,0.7\nd1,f,0.2\n"},
        "deal_credits.csv:2:share",
        "the shares of 'd1' add up to 0.9",
    ),
    (
        "share twice",
        {"deals": WON, "deal_credits": CREDIT_HEADER + "d1,e,0.5\nd1,e,0.5\n"},
        "deal_credits.csv:3:person_id",
        "duplicate: 'e' already has a share of 'd1'",
    ),
    (
        "credit without deal",
        {"deals": WON, "deal_credits": CREDIT_HEADER + ",e,1\n"},
        "deal_credits.csv:2:deal_id",
        "missing deal_id",
    ),
    (
        "snapshot without date",
        {"snapshots": SNAPSHOT_HEADER + ",c1,power,1\n"},
        "snapshots.csv:2:date",
        "missing date",
    ),
    (
        "snapshot without metric",
        {"snapshots": SNAPSHOT_HEADER + "2024-01-01,c1,,1\n"},
        "snapshots.csv:2:metric",
        "missing metric",
    ),
    (
        "snapshot value not finite",
        {"snapshots": SNAPSHOT_HEADER + "2024-01-01,c1,power,inf\n"},
        "snapshots.csv:2:value",
        "'inf' is not a finite number",
    ),
    (
        "snapshot value not a number",
        {"snapshots": SNAPSHOT_HEADER + "2024-01-01,c1,power,high\n"},
        "snapshots.csv:2:value",
        "'high' is not a number",
    ),
    (
        "snapshot twice",
        {"snapshots": SNAPSHOT_HEADER + "2024-01-01,c1,power,1\n2024-01-01,c1,power,2\n"},
        "snapshots.csv:3:metric",
        "duplicate: power of 'c1' on 2024-01-01",
    ),
    (
        "column twice",
        {"deal_roles": ROLES.replace("role,attitude", "role,role", 1)},
        "deal_roles.csv:1:role",
        "column 'role' appears twice in the header",
    ),
    (
        "column without a name",
        {"deal_roles": ROLES.replace(",notes\n", ",\n", 1)},
        "deal_roles.csv:1",
        "unknown column '(empty, position 7)'",
    ),
    (
        "empty file",
        {"deals": "", "deal_roles": None},
        "deals.csv:1",
        "empty file; the first line must name the columns",
    ),
    (
        "header not CSV",
        {"deals": '"id,name\n', "deal_roles": None},
        "deals.csv:1",
        "the header row is not valid CSV",
    ),
    (
        "missing file",
        {"people": None, "ties": None, "interactions": None, "deal_roles": None},
        "people.csv",
        "missing file; every import needs it",
    ),
]

# Defects against what the database already holds (the BASE workspace imported first)
STORED_CASES = [
    (
        "customer with a stored deal",
        {
            "organizations": ORGS.replace("c1,Customer One,customer", "c1,Customer One,partner"),
            "deals": None,
            "deal_roles": None,
        },
        "organizations.csv:3:kind",
        "'c1' has the deal 'd1', so it must stay a customer",
    ),
    (
        "role holders' customer",
        {
            "organizations": ORGS.replace("c1,Customer One,customer", "c1,Customer One,partner"),
            "deals": None,
            "deal_roles": None,
        },
        "organizations.csv:3:kind",
        "'a' of 'c1' holds the approver role on 'd1'",
    ),
    (
        "competitor in play",
        {
            "organizations": ORGS.replace("x1,Rival,competitor", "x1,Rival,partner"),
            "deals": None,
            "deal_roles": None,
        },
        "organizations.csv:5:kind",
        "'x1' is a competitor in play on the deal 'd1'",
    ),
    (
        "role holder moved to us",
        {
            "people": "id,organization_id,name\na,us,Alice 王\n",
            "ties": None,
            "deals": None,
            "deal_roles": None,
        },
        "people.csv:2:organization_id",
        "'a' holds the approver role on 'd1', so must stay at a customer",
    ),
    (
        "reporting line left across",
        {
            "people": "id,organization_id,name\nc,c2,Carol\n",
            "ties": None,
            "deals": None,
            "deal_roles": None,
        },
        "people.csv:2:organization_id",
        "moving 'c' to c2 would leave the reporting line 'c' → 'b'",
    ),
    (
        "second own beside the stored one",
        {
            "organizations": ORGS.replace("us,Our Co,own,,,\n", "") + "us2,Us again,own,,,\n",
            "people": "id,organization_id,name\n",
            "ties": None,
            "interactions": None,
            "deals": None,
            "deal_roles": None,
        },
        "organizations.csv:6:kind",
        "a second 'own' organisation: 'us' (already in the database)",
    ),
]


@pytest.fixture
def manager(client):
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def in_both_languages(importer):
    """The problems of one refused import run in English then in Chinese (nothing written)."""
    before = fingerprint()
    with translation.override("en"):
        english = importer()
    with translation.override("zh-hans"):
        chinese = importer()
    assert not english.ok and not chinese.ok
    assert fingerprint() == before
    return english.sorted_problems(), chinese.sorted_problems()


def problem_rows(html: str) -> list[list[str]]:
    """The cells (file, line, column, problem) of each row of the page's problem table."""
    table = html.split('data-testid="import-problems"')[1].split("</table>")[0]
    rows = table.split("</thead>")[1].split("<tr>")[1:]
    return [[c.split(">", 1)[1].split("</td")[0] for c in r.split("<td")[1:]] for r in rows]


def test_an_interchange_zip_on_the_chinese_import_page_lists_its_problems_in_chinese(manager):
    # given a zip whose people.csv names an unknown organisation and has a power of "lots",
    # and whose ties.csv has a strength of 150
    files = dict(BASE)
    files["people.csv"] = PEOPLE.replace("c,c1,Carol", "c,nowhere,Carol").replace(
        "CTO,,a,80", "CTO,,a,lots"
    )
    files["ties.csv"] = TIES.replace("b,e,relationship,50", "b,e,relationship,150")
    before = fingerprint()
    # when a manager checks it on the Chinese import page
    html = manager.post(
        "/import/", {"step": "check", "file": zipped(files)}, **HTMX
    ).content.decode()
    # then each problem is told in Chinese at its file, line and column, and nothing is written
    assert problem_rows(html) == [
        ["people.csv", "3", "power", "权力值“lots”不是 0 到 100 之间的数字"],
        [
            "people.csv",
            "5",
            "organization_id",
            "未知的组织“nowhere”（organizations.csv 和数据库中都没有）",
        ],
        ["ties.csv", "3", "strength", "强度 150 超出 0–100 的范围"],
    ]
    assert "未写入任何数据。" in html and "Nothing was written" not in html
    assert fingerprint() == before


def test_a_salesforce_contact_only_the_interchange_refuses_is_reported_in_chinese(
    manager, tmp_path
):
    # given a Salesforce export where Pieter (Northwind, Contact.csv line 7) reports to
    # Zhang Wei of Harbin Power: the Salesforce reader accepts it, the interchange check of
    # reporting lines refuses it
    folder = copy_of("salesforce", tmp_path)
    contacts = folder / "Contact.csv"
    contacts.write_bytes(
        contacts.read_bytes().replace(
            b'"Operations","0035g00000CoN05AAB"', b'"Operations","0035g00000CoN01AAB"'
        )
    )
    upload = zipped({p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}, "sf.zip")
    before = connector_fingerprint()
    # when a manager checks it on the Chinese import page
    html = manager.post(
        "/import/", {"step": "check", "format": "salesforce", "file": upload}, **HTMX
    ).content.decode()
    # then the problem is told in Chinese at the Salesforce file and line, and nothing is written
    [[file, line, _column, reason]] = problem_rows(html)
    assert (file, line) == ("Contact.csv", "7")
    assert "不能汇报给" in reason and "汇报关系只能在同一组织内" in reason
    assert reason.endswith("（people.csv reports_to_id）")
    assert "cannot report" not in reason
    assert connector_fingerprint() == before


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [c[1:] for c in CASES + MORE_CASES],
    ids=[c[0] for c in CASES + MORE_CASES],
)
def test_every_problem_of_a_bad_workspace_is_reported_in_chinese(tmp_path, changes, where, words):
    # given a workspace folder with one defect
    folder = workspace(tmp_path / "ws", **changes)
    # when it is imported in English and in Chinese
    english, chinese = in_both_languages(lambda: import_path(folder))
    # then the same problems are found at the same cells, the English one as documented,
    # and each Chinese reason is Chinese
    assert [(p.file, p.line, p.column) for p in english] == [
        (p.file, p.line, p.column) for p in chinese
    ]
    assert any(str(p).startswith(where) and words in p.reason for p in english), english
    for en, zh in zip(english, chinese, strict=True):
        assert HAN.search(zh.reason) and zh.reason != en.reason, (en.reason, zh.reason)


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [c[1:] for c in STORED_CASES],
    ids=[c[0] for c in STORED_CASES],
)
def test_problems_with_what_is_stored_are_reported_in_chinese(tmp_path, changes, where, words):
    # given the BASE workspace imported, and files that would break what it stored
    assert import_path(workspace(tmp_path / "base")).ok
    folder = workspace(tmp_path / "ws", **changes)
    # when imported in English and in Chinese
    english, chinese = in_both_languages(lambda: import_path(folder))
    # then the problem is found in both, and told in Chinese
    assert any(str(p).startswith(where) and words in p.reason for p in english), english
    for en, zh in zip(english, chinese, strict=True):
        assert HAN.search(zh.reason) and zh.reason != en.reason, (en.reason, zh.reason)


def _archive(entries: dict[str, str], link: str = "") -> bytes:
    """A .zip of {name: text}, plus a symbolic link named `link` if given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


UPLOADS = {
    "not a zip": ({"workspace.zip": b"PK but not really"}, "not a readable .zip file"),
    "unsafe entry": (
        {"w.zip": _archive({**BASE, "../../etc/passwd.csv": "x"})},
        "unsafe entry '../../etc/passwd.csv': '..' in its path",
    ),
    "symbolic link": (
        {"w.zip": _archive(BASE, link="deal_credits.csv")},
        "unsafe entry 'deal_credits.csv': it is a symbolic link",
    ),
    "backslash": (
        {"w.zip": _archive({**BASE, "ws\\deals.csv": DEALS})},
        "unsafe entry 'ws\\deals.csv': a backslash in its path",
    ),
    "several folders": (
        {"w.zip": _archive({"a/organizations.csv": ORGS, "b/people.csv": PEOPLE})},
        "CSV files in several folders (a, b)",
    ),
    "nested too deep": (
        {"w.zip": _archive({f"a/b/{n}": t for n, t in BASE.items()})},
        "CSV files are nested too deep",
    ),
    "unknown file name": (
        {**{n: t.encode() for n, t in BASE.items()}, "contacts.csv": b"id\n"},
        "not an interchange file name (in the upload)",
    ),
    "not UTF-8": (
        {
            **{n: t.encode() for n, t in BASE.items()},
            "deals.csv": "id,organization_id,name\nd1,c1,Café\n".encode("latin-1"),
        },
        "not UTF-8 text (byte 0xe9 on this line)",
    ),
}


@pytest.mark.parametrize(("files", "words"), list(UPLOADS.values()), ids=list(UPLOADS))
def test_a_broken_upload_is_refused_in_chinese(files, words):
    # given uploaded files that cannot be read as an interchange workspace
    # when imported in English and in Chinese
    english, chinese = in_both_languages(lambda: import_files(files))
    # then the reason is given in both, in Chinese for Chinese
    assert any(words in p.reason for p in english), english
    for en, zh in zip(english, chinese, strict=True):
        assert HAN.search(zh.reason) and zh.reason != en.reason, (en.reason, zh.reason)


@pytest.mark.parametrize(
    ("name", "english_reason", "chinese_reason"),
    [
        ("nowhere", "no such file or folder", "没有这个文件或文件夹"),
        ("notes.txt", "not a folder or a .zip file", "既不是文件夹，也不是 .zip 文件"),
    ],
)
def test_a_path_that_is_no_workspace_is_refused_in_chinese(
    tmp_path, name, english_reason, chinese_reason
):
    # given a path that does not exist, or a plain text file
    (tmp_path / "notes.txt").write_text("hello")
    # when imported in English and in Chinese / then the reason is in each language
    english, chinese = in_both_languages(lambda: import_path(tmp_path / name))
    assert [p.reason for p in english] == [english_reason]
    assert [p.reason for p in chinese] == [chinese_reason]


def test_an_export_over_a_file_is_refused_in_chinese(tmp_path):
    # given a plain file where the export folder should go
    (tmp_path / "notes").write_text("mine")
    # when exported there in Chinese / then the refusal is Chinese
    with translation.override("zh-hans"), pytest.raises(ExportError) as refused:
        export_path(tmp_path / "notes")
    assert "是文件而不是文件夹" in str(refused.value)


def test_the_cli_prints_the_english_reason_after_a_chinese_import_in_the_same_process(
    tmp_path, capsys
):
    # given the same bad strength checked first for a Chinese request of this process
    folder = workspace(tmp_path / "ws", ties=TIES + "c,e,relationship,lots,,\n")
    with translation.override("zh-hans"):
        assert "强度“lots”" in import_path(folder).problems[0].reason
    translation.activate("zh-hans")  # what a Chinese request leaves in its thread
    # when the CLI imports it
    status = main(["import", str(folder)])
    # then it prints the English reason CLI.md documents
    assert status == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "ties.csv:6:strength: strength 'lots' is not a number from 0 to 100 nor strong/medium/weak"
    )
