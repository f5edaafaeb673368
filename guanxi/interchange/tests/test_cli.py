"""`guanxi import` and `guanxi export`: exit codes and what the user reads."""

from __future__ import annotations

import pytest

from guanxi.cli import main
from guanxi.interchange.tests.helpers import TIES, fingerprint, workspace
from guanxi.people.models import Person

pytestmark = pytest.mark.django_db


def test_import_applies_and_prints_a_summary(tmp_path, capsys):
    # given a valid folder / when imported
    status = main(["import", str(workspace(tmp_path / "ws"))])
    # then it exits 0 and says what it did per file
    out = capsys.readouterr().out
    assert status == 0
    assert "people.csv: 6 created, 0 updated, 0 unchanged" in out
    assert Person.objects.count() == 6


def test_import_with_problems_exits_1_listing_each_and_writes_nothing(tmp_path, capsys):
    # given a folder with two bad ties
    folder = workspace(tmp_path / "ws", ties=TIES + "e,e,influence,5,,\nghost,a,influence,5,,\n")
    before = fingerprint()
    # when imported
    status = main(["import", str(folder)])
    # then every problem is printed as file:line:column: reason and nothing is written
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert err == [
        "ties.csv:6:target_id: a tie of 'e' with themself",
        "ties.csv:7:source_id: unknown person 'ghost' (not in people.csv nor the database)",
        f"guanxi: import of {folder} refused: 2 problems; nothing was written",
    ]
    assert fingerprint() == before


def test_dry_run_says_what_would_change_and_writes_nothing(tmp_path, capsys):
    # given a valid folder / when checked with --dry-run
    before = fingerprint()
    status = main(["import", str(workspace(tmp_path / "ws")), "--dry-run"])
    # then it exits 0, says nothing was written, and nothing was
    out = capsys.readouterr().out
    assert status == 0
    assert "nothing was written" in out and "people.csv: 6 created" in out
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nowhere", "no such file or folder"),
        (lambda p: (p / "a.txt").write_text("x") and p / "a.txt", "not a folder or a .zip file"),
    ],
    ids=["missing", "plain file"],
)
def test_import_of_a_wrong_path_is_a_one_line_error(tmp_path, capsys, make, message):
    # given a path that is no interchange folder / when imported
    path = make(tmp_path)
    status = main(["import", str(path)])
    # then one line says why, with status 2
    err = capsys.readouterr().err
    assert status == 2
    assert err == f"guanxi: error: {path}: {message}\n"


def test_import_without_a_path_is_a_usage_error(capsys):
    # given no path / when run / then argparse prints usage and exits 2, no traceback
    with pytest.raises(SystemExit) as exit_info:
        main(["import"])
    assert exit_info.value.code == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_export_writes_the_folder_and_refuses_unrelated_content(tmp_path, capsys):
    # given an imported workspace
    main(["import", str(workspace(tmp_path / "ws"))])
    # when exported to a new folder / then it exits 0 and lists the files
    assert main(["export", str(tmp_path / "out")]) == 0
    assert "ties.csv: 4 rows" in capsys.readouterr().out
    # and exporting over the same folder again is allowed (it holds only an export)
    assert main(["export", str(tmp_path / "out")]) == 0
    # but a folder with other files is refused with one line
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("x")
    capsys.readouterr()
    assert main(["export", str(tmp_path / "mine")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("guanxi: error: ") and "choose an empty or new folder" in err
