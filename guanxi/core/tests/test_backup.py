"""`guanxi backup` / `guanxi restore`: the whole database travels — users, roles, account
teams, person links, token hashes, the audit log, settings and snapshots — on whichever
database the suite runs (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import guanxi.access as access
from guanxi.access.models import ApiToken, Profile
from guanxi.access.tokens import create_token
from guanxi.cli import main
from guanxi.core import backup
from guanxi.core.backup import BackupError, copy_sqlite, holds_data, restore_database
from guanxi.core.models import AuditEvent, Snapshot, Workspace
from guanxi.demo.load import load_demo
from guanxi.interchange.export import export_to
from guanxi.people.models import Person
from guanxi.scoring.engine import forget_warm_workspace

pytestmark = pytest.mark.django_db(transaction=True)
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def everything_but_the_records() -> dict:
    """What the interchange export does not carry, as plain values."""
    users = get_user_model().objects.order_by("username")
    return {
        "users": list(
            users.values_list("username", "password", "is_staff", "is_superuser", "is_active")
        ),
        "roles": sorted(
            (p.user.username, p.role, sorted(p.accounts.values_list("ext_id", flat=True)))
            for p in Profile.objects.select_related("user")
        ),
        "links": sorted(
            Person.objects.filter(user__isnull=False).values_list("ext_id", "user__username")
        ),
        "tokens": sorted(ApiToken.objects.values_list("user__username", "prefix", "key_hash")),
        "audit": list(
            AuditEvent.objects.order_by("pk").values_list("at", "actor_name", "action", "summary")
        ),
        "settings": list(Workspace.objects.values_list("scoring", flat=True)),
        "snapshots": Snapshot.objects.count(),
    }


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


@pytest.fixture
def demo_with_extras():
    """The demo (five users with roles, teams and person links, snapshots, an audit log),
    an API token and a scoring setting."""
    forget_warm_workspace()
    with override_settings(PASSWORD_HASHERS=MD5):
        load_demo(actor="test")
    create_token(user=get_user_model().objects.get(username="lina"), actor="test", label="t")
    Workspace.objects.update_or_create(pk=1, defaults={"scoring": {"key_people_threshold": 45}})
    yield
    forget_warm_workspace()


def test_a_restore_into_an_empty_database_gives_the_same_export_and_users(
    demo_with_extras, tmp_path, capsys
):
    # given the demo with a token and a setting, its export, and what the export leaves out
    export_to(tmp_path / "before", actor="test")
    before = everything_but_the_records()
    assert (
        before["tokens"]
        and before["snapshots"]
        and before["settings"] == [{"key_people_threshold": 45}]
    )
    # when it is backed up, the database emptied, and the backup restored
    assert main(["backup", str(tmp_path / "guanxi.backup")]) == 0
    call_command("flush", interactive=False, verbosity=0)
    assert holds_data() == []
    assert main(["restore", str(tmp_path / "guanxi.backup")]) == 0
    forget_warm_workspace()
    # then everything is back: the same users, roles, teams, links, token hashes, audit
    # log, settings and snapshots, and the same export, byte for byte
    assert everything_but_the_records() == before
    export_to(tmp_path / "after", actor="test")
    assert folder_bytes(tmp_path / "after") == folder_bytes(tmp_path / "before")
    assert "restored" in capsys.readouterr().out


def test_a_restore_refuses_a_database_that_holds_data_unless_forced(demo_with_extras, tmp_path):
    # given a backup of the demo, and then a change to the database
    backup = tmp_path / "guanxi.backup"
    assert main(["backup", str(backup)]) == 0
    Person.objects.filter(ext_id="dfb-ceo").update(title="Changed after the backup")
    # when it is restored without --force / then it is refused and nothing changes
    with pytest.raises(BackupError, match="holds data"):
        restore_database(backup)
    assert Person.objects.get(ext_id="dfb-ceo").title == "Changed after the backup"
    # when it is forced / then the database is the backup's again
    restore_database(backup, force=True)
    assert Person.objects.get(ext_id="dfb-ceo").title != "Changed after the backup"


def test_backup_and_restore_refuse_bad_paths_with_a_clear_message(db, tmp_path, capsys):
    # given a file that is no backup, and a backup file name already taken
    not_a_backup = tmp_path / "people.csv"
    not_a_backup.write_text("id,name\n")
    # when each is used / then the command says why, exit status 2, and writes nothing
    assert main(["restore", str(not_a_backup)]) == 2
    assert main(["restore", str(tmp_path / "missing.backup")]) == 2
    assert main(["restore", str(tmp_path)]) == 2
    assert main(["backup", str(not_a_backup)]) == 2
    assert main(["backup", str(tmp_path / "no-folder" / "x.backup")]) == 2
    err = capsys.readouterr().err
    assert "is not a Guanxi backup" in err
    assert "missing.backup: no such file" in err
    assert "is a folder, not a backup file" in err
    assert "exists already" in err
    assert "is not a folder" in err
    assert not_a_backup.read_text() == "id,name\n"


def test_a_backup_of_an_older_version_is_migrated_after_the_restore(tmp_path):
    # given a backup of a database whose access app is migrated to its first migration only
    backup = tmp_path / "old.backup"
    call_command("migrate", "access", "0001", verbosity=0, interactive=False)
    try:
        assert main(["backup", str(backup)]) == 0
    finally:
        call_command("migrate", verbosity=0, interactive=False)
    # when it is restored
    done = restore_database(backup, force=True)
    # then the missing migrations are applied and the token table is there again
    assert done.migrated[0] == "access.0002_loginfailure_apitoken"
    assert set(done.migrated) == {
        f"access.{m.stem}" for m in (Path(access.__file__).parent / "migrations").glob("0*.py")
    } - {"access.0001_initial"}
    assert "access_apitoken" in connection.introspection.table_names()


def test_a_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path):
    # given a SQLite file in WAL mode (as the server runs it) that a writer keeps changing,
    # two rows per transaction, so a consistent copy always holds an even number of rows
    live = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(live)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE pair (n INTEGER)")
    setup.commit()
    setup.close()
    stop = threading.Event()

    def write() -> None:
        writer = sqlite3.connect(live, timeout=30)
        n = 0
        while not stop.is_set():
            with writer:
                writer.execute("INSERT INTO pair VALUES (?)", (n,))
                writer.execute("INSERT INTO pair VALUES (?)", (n,))
            n += 1
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    counts = []
    try:
        # when backups are taken meanwhile
        reader = sqlite3.connect(live, timeout=30)
        for i in range(10):
            copy_sqlite(reader, tmp_path / f"copy{i}.sqlite3")
        reader.close()
    finally:
        stop.set()
        thread.join()
    # then each copy is a sound database with whole transactions only
    for i in range(10):
        copy = sqlite3.connect(tmp_path / f"copy{i}.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts.append(copy.execute("SELECT count(*) FROM pair").fetchone()[0])
        copy.close()
    assert all(c % 2 == 0 for c in counts)
    assert counts[-1] > 0


def test_without_the_postgresql_client_tools_the_error_says_what_to_install(monkeypatch):
    # given a machine with no pg_dump on PATH nor under /usr/lib/postgresql
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup.glob, "glob", lambda pattern: [])
    # when the tool is looked for / then the error names it and the package to install
    with pytest.raises(BackupError, match="pg_dump was not found .* postgresql-client"):
        backup.pg_tool("pg_dump")


def test_the_newest_postgresql_client_is_taken_when_none_is_on_path(monkeypatch):
    # given two versions installed under /usr/lib/postgresql and none on PATH
    found = ["/usr/lib/postgresql/9/bin/pg_dump", "/usr/lib/postgresql/16/bin/pg_dump"]
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup.glob, "glob", lambda pattern: found)
    # then version 16 is used, not 9 (versions compare as numbers)
    assert backup.pg_tool("pg_dump") == "/usr/lib/postgresql/16/bin/pg_dump"
