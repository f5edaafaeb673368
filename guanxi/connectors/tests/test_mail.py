"""Mail headers: mbox, Maildir and .eml, built from the real Enron message records."""

from __future__ import annotations

import datetime as dt
import io
import mailbox
import math

import pytest

from guanxi.connectors.models import Exclusion, PersonEmail
from guanxi.connectors.services import import_source
from guanxi.connectors.sources.mail import header_bytes
from guanxi.connectors.tests import enron
from guanxi.connectors.tests.helpers import fingerprint, problems, records
from guanxi.people.models import Interaction, Organisation, Person
from guanxi.scoring.reports import person_report

pytestmark = pytest.mark.django_db
OURS = "Vice President"  # Enron's vice presidents play "our company"; everyone else a customer


@pytest.fixture
def workspace():
    """One person per Enron name (several addresses → extra addresses), ours = the VPs.

    Returns address → person id, built here independently of the import's matching."""
    own = Organisation.objects.create(ext_id="us", name="Enron VPs", kind="own")
    them = Organisation.objects.create(ext_id="ena", name="Enron North America", kind="customer")
    by_name: dict[str, Person] = {}
    owner: dict[str, str] = {}
    for i, (email, name, title) in sorted(enron.employees().items()):
        key = name or email
        person = by_name.get(key)
        if person is None:
            person = Person.objects.create(
                ext_id=f"e{i}",
                organisation=own if title == OURS else them,
                name=key,
                email=email,
            )
            by_name[key] = person
        else:
            PersonEmail.objects.create(person=person, email=email)
        owner[email] = person.ext_id
    return owner


def run(path, **kw):
    return import_source(path, format="mail", actor="test", **kw)


def expected_evidence(mails, owner, ours, a, b, today):
    """MODEL.md: points = Σ w(email)=1 · 0.5^(age/180); evidence = 100 (1 − e^(−points/10))."""
    people = enron.employees()
    points = 0.0
    for m in {m.message_id: m for m in mails}.values():
        present = {owner[people[i][0]] for i in (m.sender, *m.to, *m.cc)}
        if not (present & ours) or not (present - ours):
            continue
        if a in present and b in present:
            points += 0.5 ** ((today - m.at.date()).days / 180)
    return 100 * (1 - math.exp(-points / 10))


def test_mbox_evidence_equals_the_model_formula_on_enron_messages(workspace, tmp_path):
    # given the last 4000 Enron messages as an mbox, 40 of them twice (same Message-ID)
    today = dt.date.today()
    mails = enron.messages(today)[-4000:]
    path = enron.write_mbox(tmp_path / "enron.mbox", mails + mails[:40])
    ours = set(Person.objects.filter(organisation__kind="own").values_list("ext_id", flat=True))
    # when imported
    report = run(path)
    # then each distinct message with one of ours and an outsider is one email interaction
    assert report.ok, problems(report)
    people = enron.employees()
    qualifying = {
        m.message_id
        for m in mails
        if {workspace[people[i][0]] for i in (m.sender, *m.to, *m.cc)} & ours
        and {workspace[people[i][0]] for i in (m.sender, *m.to, *m.cc)} - ours
    }
    assert Interaction.objects.filter(kind="email").count() == len(qualifying)
    # and the strength of every relationship of our busiest VP is MODEL.md's formula
    busiest = max(ours, key=lambda e: sum(1 for m in mails if workspace[people[m.sender][0]] == e))
    customers = Person.objects.exclude(organisation__kind="own").values_list("ext_id", flat=True)
    direct = {
        p: row["strength"]
        for p in customers
        for row in person_report(p)["ours"]["direct"]
        if row["id"] == busiest
    }
    assert len(direct) >= 5
    for other, strength in direct.items():
        assert strength == pytest.approx(
            expected_evidence(mails, workspace, ours, busiest, other, today), abs=1e-6
        )


def test_reimport_of_the_same_mailbox_changes_nothing(workspace, tmp_path):
    # given an imported mbox
    path = enron.write_mbox(tmp_path / "enron.mbox", enron.messages()[-500:])
    run(path)
    before = records()
    # when imported again
    again = run(path)
    # then every interaction is found unchanged
    assert again.ok and again.counts["interactions.csv"].created == 0
    assert records() == before


def test_maildir_and_eml_folder_give_the_same_interactions_as_the_mbox(workspace, tmp_path):
    # given the same 300 messages as an mbox, a Maildir (one duplicated in new/) and .eml files
    mails = enron.messages()[-300:]
    people = enron.employees()
    enron.write_mbox(tmp_path / "box.mbox", mails)
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    for n, m in enumerate(mails):
        maildir.add(mailbox.MaildirMessage(enron.as_message(m, people, encoded=n % 2 == 0)))
    maildir.add(enron.as_message(mails[0], people, encoded=False))
    eml = tmp_path / "eml"
    eml.mkdir()
    for n, m in enumerate(mails):
        (eml / f"{n:04}.eml").write_bytes(enron.as_message(m, people, encoded=True).as_bytes())
    # when each is imported into its own fresh state
    seen = []
    for source in ("box.mbox", "Maildir", "eml"):
        report = run(tmp_path / source, dry_run=True)
        assert report.ok, problems(report)
        seen.append(report.counts["interactions.csv"].created)
    # then all three find the same messages (the duplicate counted once)
    assert seen[0] == seen[1] == seen[2] > 0


def test_an_excluded_domain_keeps_those_people_out_of_an_employees_mail(workspace, tmp_path):
    # given every one of our VPs excluding enron.com (the customer's domain here)
    for vp in Person.objects.filter(organisation__kind="own"):
        Exclusion.objects.create(employee=vp, kind="domain", value="enron.com")
    path = enron.write_mbox(tmp_path / "enron.mbox", enron.messages()[-500:])
    # when imported
    report = run(path)
    # then no message is captured
    assert report.ok and Interaction.objects.count() == 0


def test_only_the_header_section_is_read():
    # given a message with a long body
    raw = b"From: a@x.example\r\nTo: b@y.example\r\n\r\n" + b"secret body\r\n" * 1000
    stream = io.BytesIO(raw)
    # when its headers are read
    header, ended = header_bytes(stream)
    # then reading stopped at the empty line: the body was not read
    assert ended and header == b"From: a@x.example\r\nTo: b@y.example\r\n"
    assert stream.tell() == len(header) + 2


def _one(tmp_path, raw: bytes):
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "good.eml").write_bytes(
        b"From: vince.kaminski@enron.com\r\nTo: jeff.dasovich@enron.com\r\n"
        b"Date: Mon, 3 Jun 2024 10:00:00 +0000\r\nMessage-ID: <ok@x>\r\n\r\nhi\r\n"
    )
    (folder / "bad.eml").write_bytes(raw)
    return folder


MAIL_BAD = {
    "wrong format": (b"First Name,Last Name,URL\r\nA,B,C\r\n", "bad.eml:1: not an e-mail message"),
    "broken encoding": (
        b"From: J\xfcrgen <j@x.example>\r\nTo: b@y.example\r\nDate: Mon, 3 Jun 2024 10:00:00"
        b" +0000\r\n\r\nbody\r\n",
        "bad.eml:1: header From is not valid text",
    ),
    "truncated file": (
        b"From: a@x.example\r\nTo: b@y.exa",
        "bad.eml:1: truncated message",
    ),
    "unreadable date": (
        b"From: a@x.example\r\nTo: b@y.example\r\nDate: yesterday\r\n\r\n",
        "bad.eml:1: missing or unreadable Date header ('yesterday')",
    ),
}


@pytest.mark.parametrize("case", sorted(MAIL_BAD))
def test_bad_message_is_reported_and_nothing_written(workspace, tmp_path, case):
    # given a folder with a good message and a bad one
    raw, expected = MAIL_BAD[case]
    folder = _one(tmp_path, raw)
    before = fingerprint()
    # when imported
    report = run(folder)
    # then the bad one is named, and nothing is written (not even the good one)
    assert any(line.startswith(expected) for line in problems(report)), problems(report)
    assert fingerprint() == before


def test_a_truncated_mbox_is_reported_at_its_last_message(workspace, tmp_path):
    # given an mbox cut off inside the headers of its last message
    path = enron.write_mbox(tmp_path / "enron.mbox", enron.messages()[-20:])
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"Date:")])
    before = fingerprint()
    # when imported
    report = run(path)
    # then the last message is named as truncated and nothing is written
    assert problems(report) == ["enron.mbox message 20: truncated message: its header section "
                                "does not end"]  # fmt: skip
    assert fingerprint() == before
