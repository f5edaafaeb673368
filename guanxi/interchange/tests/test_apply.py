"""Applying imports: counts, dry runs, idempotence, merging, audit, checks against stored data."""

from __future__ import annotations

import io
import zipfile

import pytest

from guanxi.core.audit import current_data_version
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealRole
from guanxi.interchange import import_files, import_path
from guanxi.interchange.tests.helpers import (
    BASE,
    ORGS,
    PEOPLE,
    TIES,
    fingerprint,
    workspace,
    write_folder,
)
from guanxi.people.models import Interaction, Organisation, Person, Tie

pytestmark = pytest.mark.django_db

PEOPLE_HEADER = PEOPLE.splitlines()[0] + "\n"


def counts(report):
    return {name: tuple(c.as_dict().values()) for name, c in report.counts.items()}


def test_import_creates_every_record_with_one_audit_event_and_one_version_bump(tmp_path):
    # given an empty workspace and a complete interchange folder
    folder = workspace(tmp_path / "ws")
    version = current_data_version()
    # when imported
    report = import_path(folder, actor="tester")
    # then everything is created, counted per file, and recorded once
    assert report.ok and report.applied
    assert counts(report) == {
        "organizations.csv": (5, 0, 0),
        "people.csv": (6, 0, 0),
        "ties.csv": (7, 0, 0),  # 4 rows of ties.csv + 3 reports_to_id of people.csv
        "interactions.csv": (1, 0, 0),
        "deals.csv": (1, 0, 0),
        "deal_roles.csv": (2, 0, 0),
    }
    assert Person.objects.get(ext_id="b").notes == "multi\nline"
    assert Tie.objects.get(kind="influence").strength == 20  # "weak"
    assert set(Tie.objects.values_list("origin", flat=True)) == {"imported"}
    assert list(
        Interaction.objects.get()
        .participants.order_by("participations__position")
        .values_list("ext_id", flat=True)
    ) == ["e", "a", "b"]
    assert DealRole.objects.get(person__ext_id="b").attitude == -1
    assert list(Deal.objects.get().competitors.values_list("ext_id", flat=True)) == ["x1"]
    events = AuditEvent.objects.filter(action="import")
    assert events.count() == 1 and AuditEvent.objects.count() == 1
    assert "22 created" in events.get().summary
    assert current_data_version() == version + 1


def test_relationship_is_stored_once_whichever_way_the_file_writes_it(tmp_path):
    # given ties listing relationships in both orders of their people
    import_path(workspace(tmp_path / "ws"))
    # then each is one tie, stored with the lower primary key first
    for tie in Tie.objects.filter(kind="relationship"):
        assert tie.source_id < tie.target_id


def test_dry_run_reports_what_would_change_and_writes_nothing(tmp_path):
    # given a complete folder
    folder = workspace(tmp_path / "ws")
    before = fingerprint()
    # when checked with a dry run
    report = import_path(folder, dry_run=True)
    # then it says what would be created, and the database is untouched
    assert report.ok and not report.applied
    assert counts(report)["people.csv"] == (6, 0, 0)
    assert fingerprint() == before


def test_second_import_of_the_same_folder_changes_nothing(tmp_path):
    # given a folder already imported
    folder = workspace(tmp_path / "ws")
    import_path(folder)
    before = fingerprint()[:-2]
    version = current_data_version()
    # when imported again
    report = import_path(folder)
    # then nothing is created or updated, the data version stays, and the audit says so
    assert report.ok
    assert report.totals().created == 0 and report.totals().updated == 0
    assert report.totals().unchanged == 22
    assert fingerprint()[:-2] == before
    assert current_data_version() == version
    last = AuditEvent.objects.filter(action="import").first()
    assert "0 created, 0 updated, 22 unchanged" in last.summary
    assert last.changes["people.csv"] == {"created": 0, "updated": 0, "unchanged": 6}


def test_changed_rows_are_updated_and_absent_records_are_kept(tmp_path):
    # given an imported workspace
    import_path(workspace(tmp_path / "ws"))
    # when a folder with one renamed organisation, a moved manager, a stronger tie and
    # without most people is imported
    people = PEOPLE_HEADER + "c,c1,Carol,,,a,,false,false,,active,,,\n"
    folder = write_folder(
        tmp_path / "ws2",
        {
            "organizations.csv": ORGS.replace("Customer One", "Customer 1"),
            "people.csv": people,
            "ties.csv": "source_id,target_id,kind,strength\nz,a,relationship,60\n",
        },
    )
    report = import_path(folder)
    # then only those rows change, and nobody absent from the files is deleted
    assert report.ok, report.problem_lines()
    assert counts(report)["organizations.csv"] == (0, 1, 4)
    assert counts(report)["people.csv"] == (0, 0, 1)
    assert counts(report)["ties.csv"] == (0, 2, 0)
    assert Organisation.objects.get(ext_id="c1").name == "Customer 1"
    assert Tie.objects.get(kind="reports_to", source__ext_id="c").target.ext_id == "a"
    assert Person.objects.count() == 6 and Tie.objects.count() == 7


def test_columns_left_out_keep_their_stored_values(tmp_path):
    # given a person with notes, and a file without the notes column
    import_path(workspace(tmp_path / "ws"))
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": ORGS, "people.csv": "id,organization_id,name\nb,c1,Robert\n"},
    )
    # when imported
    assert import_path(folder).ok
    # then the name changes and the notes stay
    bob = Person.objects.get(ext_id="b")
    assert (bob.name, bob.notes, bob.power) == ("Robert", "multi\nline", 80)


def test_new_person_may_report_to_someone_already_stored(tmp_path):
    # given a stored workspace
    import_path(workspace(tmp_path / "ws"))
    # when a file adds a person reporting to a stored manager
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": ORGS, "people.csv": PEOPLE_HEADER + "n,c1,New,,,c,,,,,,,,\n"},
    )
    # then it is accepted
    assert import_path(folder).ok
    assert Tie.objects.get(source__ext_id="n", kind="reports_to").target.ext_id == "c"


def test_reporting_cycle_through_stored_people_is_refused(tmp_path):
    # given stored a ← b ← c (c reports to b, b to a)
    import_path(workspace(tmp_path / "ws"))
    before = fingerprint()
    # when a file says a reports to c
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": ORGS, "people.csv": PEOPLE_HEADER + "a,c1,Alice,,,c,,,,,,,,\n"},
    )
    report = import_path(folder)
    # then the cycle is named and nothing is written
    assert report.problem_lines() == ["people.csv:2:reports_to_id: reporting cycle: a → c → b → a"]
    assert fingerprint() == before


def test_reporting_to_a_stored_person_of_another_organisation_is_refused(tmp_path):
    # given a stored workspace
    import_path(workspace(tmp_path / "ws"))
    # when a new person of ours reports to a stored customer person
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": ORGS, "people.csv": PEOPLE_HEADER + "n,us,New,,,a,,,,,,,,\n"},
    )
    report = import_path(folder)
    # then it is refused
    assert report.problem_lines() == [
        "people.csv:2:reports_to_id: 'n' (us) cannot report to 'a' (c1): "
        "reporting lines stay inside one organisation"
    ]


def test_moving_a_stored_person_away_from_their_manager_is_refused(tmp_path):
    # given stored c reporting to b (both at c1)
    import_path(workspace(tmp_path / "ws"))
    # when a file moves b to our company without touching the reporting lines
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": ORGS, "people.csv": "id,organization_id,name\nb,us,Bob\n"},
    )
    problems = import_path(folder).problem_lines()
    # then the line that would cross organisations is named
    assert any("people.csv:2:organization_id: moving 'b' to us" in p for p in problems), problems


def test_second_own_organisation_against_the_database_is_refused(tmp_path):
    # given a stored workspace whose own organisation is 'us'
    import_path(workspace(tmp_path / "ws"))
    # when a file brings another own organisation
    folder = write_folder(
        tmp_path / "ws2",
        {"organizations.csv": "id,name,kind\nme,Me,own\n", "people.csv": PEOPLE_HEADER},
    )
    # then it is refused
    assert import_path(folder).problem_lines() == [
        "organizations.csv:2:kind: a second 'own' organisation: 'us' (already in the database) "
        "is already ours; a workspace has exactly one"
    ]


def test_own_organisation_can_be_handed_over_in_one_import(tmp_path):
    # given a stored workspace whose own organisation is 'us'
    import_path(workspace(tmp_path / "ws"))
    # when the file makes 'us' a partner and adds 'me' as own
    orgs = ORGS.replace("us,Our Co,own", "us,Our Co,partner") + "me,Me,own,,,\n"
    folder = write_folder(
        tmp_path / "ws2", {"organizations.csv": orgs, "people.csv": PEOPLE_HEADER}
    )
    # then it is applied (the database's one-own rule is never broken halfway)
    assert import_path(folder).ok
    assert Organisation.objects.get(kind="own").ext_id == "me"


def test_customer_with_stored_deals_cannot_become_a_partner(tmp_path):
    # given c1 with the stored deal d1
    import_path(workspace(tmp_path / "ws"))
    # when a file makes c1 a partner
    orgs = ORGS.replace("c1,Customer One,customer", "c1,Customer One,partner")
    folder = write_folder(
        tmp_path / "ws2", {"organizations.csv": orgs, "people.csv": PEOPLE_HEADER}
    )
    problems = import_path(folder).problem_lines()
    # then the deal is named as the reason
    assert (
        "organizations.csv:3:kind: 'c1' has the deal 'd1', so it must stay a customer" in problems
    )


def test_import_of_a_zip_with_a_top_folder(tmp_path):
    # given a zip of a folder
    archive = tmp_path / "ws.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, text in BASE.items():
            z.writestr(f"ws/{name}", text)
    # when imported / then it is applied like the folder
    report = import_path(archive)
    assert report.ok and Person.objects.count() == 6


def test_import_of_uploaded_files_and_of_an_uploaded_zip():
    # given the files as uploaded bytes (as the web upload passes them)
    files = {name: text.encode() for name, text in BASE.items()}
    # when checked / then the same counts come out
    assert import_files(files, dry_run=True).totals().created == 22
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in BASE.items():
            z.writestr(name, text)
    report = import_files({"upload.zip": buffer.getvalue()})
    assert report.ok and Organisation.objects.count() == 5


def test_report_can_be_sent_as_json(tmp_path):
    # given a bad workspace
    folder = workspace(tmp_path / "ws", ties=TIES + "e,e,influence,5,,\n")
    # when imported / then its report is plain data
    data = import_path(folder).as_dict()
    assert data["ok"] is False
    assert data["problems"] == [
        {
            "file": "ties.csv",
            "line": 6,
            "column": "target_id",
            "reason": "a tie of 'e' with themself",
        }
    ]


def test_bulk_write_path_gives_the_same_workspace(tmp_path, monkeypatch):
    # given the bulk path (indexes and keys rebuilt after a big insert) used for every insert
    from django.db import connection

    from guanxi.interchange import apply

    monkeypatch.setattr(apply, "BULK", 0)
    with connection.cursor() as cursor:
        indexes_before = sorted(connection.introspection.get_constraints(cursor, "people_tie"))
    # when a workspace is imported
    report = import_path(workspace(tmp_path / "ws"))
    # then everything is written, and the table has all its indexes and keys again
    assert report.ok, report.problem_lines()
    assert Tie.objects.count() == 7 and Person.objects.count() == 6
    with connection.cursor() as cursor:
        indexes_after = sorted(connection.introspection.get_constraints(cursor, "people_tie"))
    assert indexes_after == indexes_before
    # and a second import through the same path changes nothing
    assert import_path(workspace(tmp_path / "ws")).totals().created == 0


def test_bulk_write_refuses_rows_that_break_a_check_constraint(monkeypatch):
    # given the bulk insert path and a row the import's checks would never let through
    from django.db import IntegrityError, connection

    from guanxi.interchange import apply

    org = Organisation.objects.create(ext_id="o", name="O", kind="customer")
    a = Person.objects.create(ext_id="a", name="A", organisation=org)
    b = Person.objects.create(ext_id="b", name="B", organisation=org)
    monkeypatch.setattr(apply, "BULK", 0)
    with connection.cursor() as cursor, pytest.raises(IntegrityError, match="0 and 100|0_100"):
        apply.Writer(cursor).insert(
            Tie,
            ["source", "target", "kind", "strength", "notes", "origin", "recorded_at"],
            [(a.pk, b.pk, "influence", 500, "", "imported", "2024-01-01 00:00:00")],
            many=1,
        )
