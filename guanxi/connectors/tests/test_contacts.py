"""LinkedIn Connections.csv and vCard address books: contacts of one employee."""

from __future__ import annotations

import pytest

from guanxi.connectors.models import PersonEmail, ReviewItem
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, copy_of, fingerprint, ours, problems, records
from guanxi.people.models import Organisation, Person, Tie

pytestmark = pytest.mark.django_db
CONNECTIONS = DATA / "linkedin" / "Connections.csv"
CARDS = DATA / "vcard"


@pytest.fixture
def workspace():
    """Our Li Na, and Harbin Power Group with its CEO and a second Zhang Wei elsewhere."""
    ours(("e-li", "Li Na", "li.na@ourco.example"))
    hpg = Organisation.objects.create(ext_id="hpg", name="Harbin Power Group", kind="customer")
    Person.objects.create(
        ext_id="zw", organisation=hpg, name="Zhang, Wei", email="zhang.wei@harbinpower.example"
    )
    nw = Organisation.objects.create(ext_id="nw", name="Northwind Logistics", kind="customer")
    Person.objects.create(ext_id="anke", organisation=nw, name="Anke de Vries")
    return hpg


def ties_of(ext: str) -> dict[str, int]:
    found = {}
    for tie in Tie.objects.filter(kind="relationship").select_related("source", "target"):
        if ext in (tie.source.ext_id, tie.target.ext_id):
            other = tie.target if tie.source.ext_id == ext else tie.source
            found[other.name] = tie.strength
    return found


def linkedin(path=CONNECTIONS, employee="e-li", **kw):
    return import_source(path, format="linkedin", employee=employee, actor="test", **kw)


def vcard(path=CARDS, employee="e-li", **kw):
    return import_source(path, format="vcard", employee=employee, actor="test", **kw)


def test_connections_are_weak_relationships_matched_by_name_and_company(workspace):
    # when Li Na's LinkedIn export is imported
    report = linkedin()
    # then known people are matched ("Zhang, Wei" is "Wei Zhang" at Harbin Power Group; Anke
    # by name at Northwind Logistics B.V.), new ones created with their company, each tied
    # weakly (20) to Li Na since the connection date
    assert report.ok, problems(report)
    assert ties_of("e-li") == {
        "Zhang, Wei": 20,
        "Anke de Vries": 20,
        "Jürgen Müller": 20,
        "王芳": 20,
    }
    assert Person.objects.get(name="Jürgen Müller").organisation.name == (
        "Kessler Maschinenbau GmbH"
    )
    assert Person.objects.get(name="王芳").title == "行政总监"
    tie = Tie.objects.get(kind="relationship", target__ext_id="zw")
    assert tie.since.isoformat() == "2024-03-15"


def test_a_connection_without_company_waits_in_the_review_queue(workspace):
    # when imported
    linkedin()
    # then Sam Rivera (no company, no address) is not guessed: he waits for review
    item = ReviewItem.objects.get()
    assert (item.name, item.status, item.payload["employee"]) == ("Sam Rivera", "open", "e-li")
    assert not Person.objects.filter(name="Sam Rivera").exists()


def test_a_stronger_relationship_is_kept_and_reimport_changes_nothing(workspace):
    # given Li Na already close to the CEO
    Tie.objects.create(
        source=Person.objects.get(ext_id="e-li"),
        target=Person.objects.get(ext_id="zw"),
        kind="relationship",
        strength=80,
    )
    # when the export is imported twice
    linkedin()
    before = records()
    again = linkedin()
    # then the strong tie stays 80 and the second import changes nothing
    assert ties_of("e-li")["Zhang, Wei"] == 80
    assert again.ok and records() == before
    assert ReviewItem.objects.count() == 1


def test_linkedin_needs_one_of_our_employees(workspace):
    # when imported without --as, or as a customer's person
    missing = linkedin(employee=None)
    foreign = linkedin(employee="zw")
    # then both are refused, naming --as
    assert problems(missing) == [
        "--as: the linkedin format needs --as EMPLOYEE_ID (whose export this is)"
    ]
    assert problems(foreign) == ["--as: 'zw' is not one of our own people"]


LINKEDIN_BAD = {
    "wrong format": (
        lambda b: b"Id,Name\n001,Acme\n",
        "Connections.csv: not a LinkedIn Connections.csv: no header line",
    ),
    "missing column": (
        lambda b: b.replace(b",Connected On", b""),
        "Connections.csv:4: missing column(s): Connected On",
    ),
    "broken encoding": (
        lambda b: b.replace("Müller".encode(), b"M\xfcller"),
        "Connections.csv:7: is not UTF-8 text (byte 0xfc)",
    ),
    "truncated file": (
        lambda b: b[: b.index(b"Kessler")],
        "Connections.csv:7: has 5 cells where the header has 7",
    ),
    "bad date": (
        lambda b: b.replace(b"15 Mar 2024", b"2024-03-15"),
        "Connections.csv:5:Connected On: '2024-03-15' is not a date like '15 Mar 2024'",
    ),
}


@pytest.mark.parametrize("case", sorted(LINKEDIN_BAD))
def test_bad_linkedin_export_is_reported_and_nothing_written(workspace, tmp_path, case):
    # given a damaged Connections.csv
    edit, expected = LINKEDIN_BAD[case]
    path = copy_of("linkedin/Connections.csv", tmp_path)
    path.write_bytes(edit(path.read_bytes()))
    before = fingerprint()
    # when imported
    report = linkedin(path)
    # then the problem is reported at its line and nothing is written
    lines = [line.replace(str(tmp_path) + "/", "") for line in problems(report)]
    assert any(line.startswith(expected) for line in lines), lines
    assert fingerprint() == before


def test_vcards_3_and_4_match_by_any_address_and_keep_the_extra_ones(workspace):
    # when Li Na's address book is imported
    report = vcard()
    # then the CEO is matched by his work address in another case, and his private
    # 163.com address is kept as an extra address of his (not a new organisation)
    assert report.ok, problems(report)
    assert set(ties_of("e-li")) == {"Zhang, Wei", "Anke de Vries", "Jürgen Müller", "王芳"}
    assert set(PersonEmail.objects.filter(person__ext_id="zw").values_list("email", flat=True)) == {
        "zhangwei1968@163.com"
    }
    assert not Organisation.objects.filter(name__icontains="163").exists()
    anke = Person.objects.get(ext_id="anke")
    assert PersonEmail.objects.filter(person=anke, email="anke.devries@northwind.example").exists()


def test_a_card_at_a_personal_domain_without_company_waits_for_review(workspace, tmp_path):
    # given a card whose only clue is a qq.com address
    path = tmp_path / "one.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:李雷\r\nEMAIL:lilei@qq.com\r\nUID:x-1\r\nEND:VCARD\r\n"
    )
    # when imported
    vcard(path)
    # then no organisation is made of qq.com and the card waits for review
    assert ReviewItem.objects.get().name == "李雷"
    assert not Organisation.objects.filter(name__icontains="qq").exists()


def test_vcard_reimport_changes_nothing(workspace):
    # given an imported address book
    vcard()
    before = records()
    # when imported again
    vcard()
    # then nothing changes
    assert records() == before


VCARD_BAD = {
    "wrong format": (lambda b: b"Id,Name\n001,Acme\n", "contacts-v3.vcf:1: not a vCard file"),
    "broken encoding": (
        lambda b: b.replace("Müller".encode(), b"M\xfcller", 1),
        "contacts-v3.vcf:14: is not UTF-8 text",
    ),
    "truncated file": (
        lambda b: b[: b.index(b"TITLE:Leiter")],
        "contacts-v3.vcf:",
    ),
    "broken line": (
        lambda b: b.replace(b"TITLE:Leiter Einkauf", b"TITLE Leiter Einkauf"),
        "contacts-v3.vcf:17: is not a valid vCard",
    ),
}


@pytest.mark.parametrize("case", sorted(VCARD_BAD))
def test_bad_vcard_is_reported_and_nothing_written(workspace, tmp_path, case):
    # given a damaged address book
    edit, expected = VCARD_BAD[case]
    folder = copy_of("vcard", tmp_path)
    path = folder / "contacts-v3.vcf"
    path.write_bytes(edit(path.read_bytes()))
    before = fingerprint()
    # when imported
    report = vcard(folder)
    # then it is reported by file and line, and nothing is written
    assert not report.ok
    assert any(line.startswith(expected) for line in problems(report)), problems(report)
    assert fingerprint() == before


def test_an_excluded_domain_keeps_those_cards_out(workspace):
    # given Li Na keeps kessler-mb.example out of capture
    from guanxi.connectors.services import add_exclusion

    add_exclusion(
        employee=Person.objects.get(ext_id="e-li"), kind="domain", value="Kessler-MB.example",
        actor=None,
    )  # fmt: skip
    # when her address book is imported
    report = vcard()
    # then Jürgen Müller of that domain is neither created nor tied to her
    assert report.ok and "1 contacts left out by e-li's exclusions" in report.summary_lines()
    assert not Person.objects.filter(name="Jürgen Müller").exists()
