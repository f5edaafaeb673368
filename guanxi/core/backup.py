"""Backup and restore of the whole database: users, roles, account teams, person links,
token hashes, the audit log, settings, snapshots and every record — what the interchange
export does not carry.

- SQLite: the online backup API of sqlite3 (`Connection.backup`), which copies a consistent
  snapshot while the server keeps reading and writing; the backup is itself a SQLite file.
- PostgreSQL: `pg_dump --format=custom` and `pg_restore`, found on PATH or under
  /usr/lib/postgresql/*/bin (the newest version first).

A restore refuses a database that holds data unless `force` is given, refuses a backup made
by a newer Guanxi (migrations this code does not know), and migrates afterwards when the
backup is older.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
#: tables that hold no one's data: caches, counters, and what `migrate` fills in by itself
NOT_DATA = {
    "core.analysiscache",
    "core.workspace",
    "access.loginfailure",
    "auth.permission",
    "contenttypes.contenttype",
    "sessions.session",
    "admin.logentry",
}


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in plain words."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup's engine and the migrations applied after it."""

    engine: str
    migrated: list[str]


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups are made for SQLite and PostgreSQL, not {vendor}")
    return vendor


def holds_data() -> list[str]:
    """The tables (app.model) of the current database that hold rows of someone's data."""
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_DATA or model._meta.db_table not in tables:
            continue
        if model._base_manager.exists():
            found.append(label)
    return sorted(found)


def _known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


# --- PostgreSQL ---------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH, else the newest under
    /usr/lib/postgresql/*/bin; a BackupError saying how to get it when neither has it."""
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
        reverse=True,
    )
    found = shutil.which(name) or (candidates[0] if candidates else None)
    if found is None:
        raise BackupError(
            f"{name} was not found on PATH or under /usr/lib/postgresql/*/bin; install the "
            "PostgreSQL client tools (e.g. the postgresql-client package) of the server's "
            "version or newer"
        )
    return found


def _pg_env() -> dict[str, str]:
    """The connection of Django's default database as libpq environment variables."""
    params = connection.settings_dict
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            env[var] = str(params[key])
    return env


def _run(command: list[str]) -> str:
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _pg_backup(path: Path) -> None:
    _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(path)])


def _pg_migrations_in(path: Path) -> None:
    """Refuse a file that is not a dump of a Guanxi database."""
    listing = _run([pg_tool("pg_restore"), "--list", str(path)])
    if "TABLE DATA public django_migrations" not in listing:
        raise BackupError(f"{path} is a PostgreSQL dump, but not of a Guanxi database")


def _pg_drop_everything() -> None:
    """Drop every table of the database (a restore starts from nothing)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")


def _pg_restore(path: Path) -> None:
    _pg_migrations_in(path)
    _pg_drop_everything()
    connection.close()
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(path),
        ]
    )


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def copy_sqlite(source: sqlite3.Connection, path: Path) -> None:
    """Copy the database of `source` into a new SQLite file at `path`, consistently even
    while other connections write (one step of the online backup API, pages=-1)."""
    target = sqlite3.connect(path)
    try:
        source.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
    finally:
        target.close()


def _sqlite_backup(path: Path) -> None:
    copy_sqlite(_sqlite_connection(), path)


def _sqlite_migrations_in(path: Path) -> set[tuple[str, str]]:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = source.execute("SELECT app, name FROM django_migrations").fetchall()
        finally:
            source.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is a SQLite file, but not of a Guanxi database") from None
    return {(app, name) for app, name in rows}


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        live = _sqlite_connection()
        if live.in_transaction:
            raise BackupError("a restore cannot run inside a transaction")
        source.backup(live, pages=-1)
    finally:
        source.close()
    connection.close()


# --- both ---------------------------------------------------------------------------------


def backup_database(path: Path) -> str:
    """Write a backup of the whole database to `path` (a new file); returns the engine."""
    engine = _engine()
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder")
    try:
        if engine == "sqlite":
            _sqlite_backup(path)
        else:
            _pg_backup(path)
    except BaseException:
        path.unlink(missing_ok=True)  # nothing half-written
        raise
    return engine


def _kind_of(path: Path) -> str:
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a backup file")
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Guanxi backup (neither a SQLite file nor a pg_dump)")


def restore_database(path: Path, *, force: bool = False) -> Restored:
    """Replace the whole database with the backup at `path`, then migrate it to this
    version of Guanxi. Refuses a database holding data unless `force`."""
    engine = _engine()
    kind = _kind_of(path)
    if kind != engine:
        raise BackupError(f"{path} is a {kind} backup; this database is {engine}")
    if engine == "sqlite":
        newer = _sqlite_migrations_in(path) - _known_migrations()
        if newer:
            names = ", ".join(f"{a}.{n}" for a, n in sorted(newer)[:5])
            raise BackupError(f"{path} was made by a newer Guanxi (migrations {names})")
    if not force:
        held = holds_data()
        if held:
            raise BackupError(
                "the database holds data ("
                + ", ".join(held[:5])
                + "); restore only into an empty database, or pass --force to replace it"
            )
    if engine == "sqlite":
        _sqlite_restore(path)
    else:
        _pg_restore(path)
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{m.app_label}.{m.name}" for m, _backwards in plan]
    if pending:
        call_command("migrate", verbosity=0, interactive=False)
    # Another history now: a server's warm model must build afresh, not apply the
    # restored change log on top of the model it had.
    from django.db import transaction

    from guanxi.core.audit import bump_data_version

    with transaction.atomic():
        bump_data_version()
    return Restored(engine=engine, migrated=pending)
