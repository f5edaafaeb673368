"""`guanxi import PATH --format F [--as ID] [--dry-run]`: what the user reads, exit codes."""

from __future__ import annotations

import pytest

from guanxi.cli import main
from guanxi.connectors.tests.helpers import DATA, fingerprint, ours

pytestmark = pytest.mark.django_db


def test_a_clean_import_prints_the_counts_and_notes(capsys):
    # when a Salesforce export is imported
    status = main(["import", str(DATA / "salesforce"), "--format", "salesforce"])
    # then it exits 0 with the counts per kind of record and what was skipped
    out = capsys.readouterr().out
    assert status == 0
    assert "people.csv: 8 created, 0 updated, 0 unchanged" in out
    assert "OpportunityContactRole.csv:8: role 'Other' has no Guanxi role; skipped" in out


def test_a_dry_run_says_so_and_writes_nothing(capsys):
    before = fingerprint()
    status = main(["import", str(DATA / "salesforce"), "--format", "salesforce", "--dry-run"])
    assert status == 0
    assert "no problems found; nothing was written" in capsys.readouterr().out
    assert fingerprint() == before


@pytest.mark.parametrize(
    "fmt, path",
    [
        ("linkedin", "linkedin/Connections.csv"),
        ("vcard", "vcard"),
        ("ics", "ics/calendar.ics"),
        ("mail", "ics/calendar.ics"),
    ],
)
def test_an_unknown_employee_is_refused_by_name_with_exit_1(capsys, fmt, path):
    # given our company with one employee
    ours(("li", "Li Na", "li@us.example"))
    before = fingerprint()
    # when imported as someone who does not exist
    status = main(["import", str(DATA / path), "--format", fmt, "--as", "ghost"])
    # then the problem names --as, the command exits 1 and nothing is written
    err = capsys.readouterr().err
    assert status == 1
    assert "--as: unknown employee id 'ghost'" in err
    assert "nothing was written" in err
    assert fingerprint() == before


def test_a_missing_path_is_an_argument_error(capsys, tmp_path):
    status = main(["import", str(tmp_path / "nope"), "--format", "mail"])
    assert status == 2
    assert "no such file or folder" in capsys.readouterr().err
