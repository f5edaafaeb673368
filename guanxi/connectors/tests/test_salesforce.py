"""Salesforce data export: accounts, contacts, users, opportunities, roles and activities."""

from __future__ import annotations

import pytest

from guanxi.connectors.models import ExternalRef
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, copy_of, fingerprint, problems, records
from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Interaction, Organisation, Person, Tie

pytestmark = pytest.mark.django_db
FOLDER = DATA / "salesforce"


def run(path=FOLDER, **kwargs):
    return import_source(path, format="salesforce", actor="test", **kwargs)


def test_accounts_contacts_and_users_become_customers_their_people_and_ours():
    # given an empty workspace / when the export is imported
    report = run()
    # then accounts are customers (a competitor by its Type), the parent kept,
    # users are our people and contacts report along ReportsToId
    assert report.ok and report.applied
    orgs = dict(Organisation.objects.values_list("name", "kind"))
    assert orgs == {
        "Harbin Power Group": "customer",
        "Harbin Power Equipment Co., Ltd.": "customer",
        "Northwind Logistics": "customer",
        "Globex Systems": "competitor",
        "Our company": "own",
    }
    child = Organisation.objects.get(name="Harbin Power Equipment Co., Ltd.")
    assert child.parent.name == "Harbin Power Group"
    assert set(Person.objects.filter(organisation__kind="own").values_list("name", flat=True)) == {
        "Li Na",
        "Tom Baker",
    }
    chen = Person.objects.get(name="Jie Chen")
    assert (chen.title, chen.department, chen.email) == (
        "IT Architect",
        "IT",
        "chen.jie@harbinpower.example",
    )
    lines = set(Tie.objects.filter(kind="reports_to").values_list("source__name", "target__name"))
    assert lines == {
        ("Fang Wang", "Wei Zhang"),
        ("Yang Liu", "Wei Zhang"),
        ("Jie Chen", "Yang Liu"),
        ("Pieter Jansen", "Anke de Vries"),
    }


def test_opportunities_become_deals_with_status_and_mapped_roles():
    # when imported
    run()
    # then IsWon/IsClosed give the status, and contact roles map to Guanxi's four roles
    deals = {d.name: (d.status, d.stage, d.currency) for d in Deal.objects.all()}
    assert deals == {
        "Harbin Power - Grid Analytics Platform": ("open", "Proposal/Price Quote", "CNY"),
        "Northwind - Fleet Telemetry": ("won", "Closed Won", "EUR"),
        "Northwind - Warehouse Pilot": ("lost", "Closed Lost", "EUR"),
    }
    roles = set(DealRole.objects.values_list("deal__name", "person__name", "role"))
    grid = "Harbin Power - Grid Analytics Platform"
    assert roles == {
        (grid, "Wei Zhang", "approver"),
        (grid, "Yang Liu", "decision_maker"),
        (grid, "Jie Chen", "evaluator"),
        (grid, "Fang Wang", "evaluator"),
        ("Northwind - Fleet Telemetry", "Anke de Vries", "approver"),
        ("Northwind - Fleet Telemetry", "Pieter Jansen", "user"),
    }


def test_unknown_role_is_reported_and_skipped():
    # when imported
    report = run()
    # then the 'Other' role is named in the summary and not imported
    assert "OpportunityContactRole.csv:8: role 'Other' has no Guanxi role; skipped" in (
        report.summary_lines()
    )
    assert not DealRole.objects.filter(deal__name="Northwind - Warehouse Pilot").exists()


def test_events_and_tasks_become_interactions_between_owner_and_contacts():
    # when imported
    run()
    # then each activity with a known contact is an interaction of the owner, the contact
    # and the event's relations; the event with a lead is left out
    found = {
        (i.date.isoformat(), i.kind, frozenset(p.name for p in i.participants.all()))
        for i in Interaction.objects.all()
    }
    assert found == {
        ("2024-09-12", "meeting", frozenset({"Li Na", "Wei Zhang", "Yang Liu", "Tom Baker"})),
        ("2024-10-02", "meeting", frozenset({"Tom Baker", "Anke de Vries"})),
        ("2024-09-20", "call", frozenset({"Li Na", "Fang Wang"})),
        ("2024-10-10", "email", frozenset({"Tom Baker", "Pieter Jansen"})),
    }


def test_reimport_changes_nothing_and_newer_export_updates_in_place(tmp_path):
    # given an imported export
    run()
    before = records()
    # when the same export is imported again
    again = run()
    # then nothing changes
    assert again.ok and sum(c.created + c.updated for c in again.counts.values()) == 0
    assert records() == before
    # when next week's export has a new title and stage, with 15-character ids
    folder = copy_of("salesforce", tmp_path)
    contact = (folder / "Contact.csv").read_text()
    (folder / "Contact.csv").write_text(
        contact.replace('"0035g00000CoN04AAB"', '"0035g00000CoN04"').replace(
            "IT Architect", "Chief Architect"
        )
    )
    opp = (folder / "Opportunity.csv").read_text()
    (folder / "Opportunity.csv").write_text(opp.replace("Proposal/Price Quote", "Negotiation"))
    report = run(folder)
    # then the same records are updated, none duplicated
    assert report.ok
    assert Person.objects.filter(name="Jie Chen").get().title == "Chief Architect"
    assert Deal.objects.get(name__startswith="Harbin Power").stage == "Negotiation"
    assert Person.objects.count() == 8 and Deal.objects.count() == 3
    assert ExternalRef.objects.filter(source="salesforce", person__name="Jie Chen").count() == 1


def test_dry_run_reports_the_changes_and_writes_nothing():
    # given an empty workspace
    before = fingerprint()
    # when dry-run
    report = run(dry_run=True)
    # then it would create the records, and nothing is written
    assert report.ok and not report.applied
    assert report.counts["people.csv"].created == 8
    assert fingerprint() == before


def test_contact_matched_by_email_to_an_existing_person_is_updated_not_duplicated():
    # given a person already known with a Salesforce contact's address (other case)
    org = Organisation.objects.create(
        ext_id="hpg", name="Harbin Power Group", kind="customer", tier="strategic"
    )
    Person.objects.create(
        ext_id="zw", organisation=org, name="Zhang Wei", email="Zhang.Wei@HarbinPower.example"
    )
    # when the export is imported
    run()
    # then the account is that organisation (its tier kept) and the contact is that person
    assert Person.objects.filter(organisation=org).count() == 4
    org.refresh_from_db()
    assert (org.tier, org.industry) == ("strategic", "Energy")
    assert Person.objects.get(ext_id="zw").title == "Chief Executive Officer"
    assert ExternalRef.objects.get(external_id="0035g00000CoN01").person.ext_id == "zw"


def _broken(tmp_path, file, edit):
    folder = copy_of("salesforce", tmp_path)
    path = folder / file
    path.write_bytes(edit(path.read_bytes()))
    return folder


BAD = {
    "missing column": (
        "Contact.csv",
        lambda b: b.replace(b'"AccountId",', b"", 1),
        "Contact.csv:1: missing column(s): AccountId",
    ),
    "unknown id": (
        "OpportunityContactRole.csv",
        lambda b: b.replace(b"0035g00000CoN06AAB", b"0035g00000Zzz99AAB", 1),
        "OpportunityContactRole.csv:7:ContactId: unknown Contact id '0035g00000Zzz99AAB'",
    ),
    "broken encoding": (
        "Account.csv",
        lambda b: b.replace(b"Rotterdam", b"Rotterd\xe4m"),
        "Account.csv:4: is not UTF-8 text (byte 0xe4)",
    ),
    "truncated file": (
        "Event.csv",
        lambda b: b[: b.rindex(b'"Trade fair lead"')],
        "Event.csv:4: has 4 cells where the header has 12",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_reported_at_its_file_and_line_and_nothing_is_written(tmp_path, case):
    # given an export with one defect
    file, edit, expected = BAD[case]
    folder = _broken(tmp_path, file, edit)
    before = fingerprint()
    # when imported
    report = run(folder)
    # then the problem names the file and line, and nothing is written
    assert not report.ok
    assert any(line.startswith(expected) for line in problems(report)), problems(report)
    assert fingerprint() == before


def test_a_file_that_is_not_a_salesforce_export_is_refused(tmp_path):
    # given a single CSV (not a folder of object files)
    before = fingerprint()
    report = run(DATA / "linkedin" / "Connections.csv")
    # then it is refused as the wrong format
    assert problems(report) == [
        f"{DATA / 'linkedin' / 'Connections.csv'}: not a Salesforce export: expected a folder "
        "(or .zip) of object CSV files such as Account.csv, Contact.csv, User.csv, "
        "Opportunity.csv"
    ]
    assert fingerprint() == before


def test_a_manager_in_another_account_is_reported_at_the_contact_line(tmp_path):
    # given a contact reporting to someone of another account (an interchange rule)
    folder = _broken(
        tmp_path,
        "Contact.csv",
        lambda b: b.replace(
            b'"Operations","0035g00000CoN05AAB"', b'"Operations","0035g00000CoN01AAB"'
        ),
    )
    # when imported
    report = run(folder)
    # then the interchange's check is reported at the Salesforce file and line
    assert not report.ok
    assert [p.file for p in report.problems] == ["Contact.csv"]
    assert report.problems[0].line == 7
