"""The read commands' short way in: the analysis workspace without starting Django.

A cold `guanxi company` spends about 0.4 s importing and setting up Django — a third of the
whole command at a million ties — only to run three reads: the workspace row (data version and
scoring settings), the columnar copy of the engine's rows at that version, and one side's
snapshots. When the database is ready for it, this module does those reads over a plain
DB-API connection (sqlite3 or psycopg), configured by the same settings module Django reads.

Anything unusual answers None and the command takes the Django path, which migrates, reads
the rows in full and stores the copy: no database file yet, an unapplied migration of one of
Guanxi's apps, no copy for the current version, a copy of another format, a driver error.
The workspace built here is the one `guanxi.scoring.engine` builds (same rows, settings and
date), so both paths print the same report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import sys
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guanxi.analytics import ScoringSettings
from guanxi.analytics.company import SIDE_METRICS, trend_points
from guanxi.analytics.graph import Workspace
from guanxi.scoring.rowformat import decode, workspace_of

#: Django-only keys of DATABASES[...]["OPTIONS"] that are not libpq connection parameters
_DJANGO_OPTIONS = {"isolation_level", "server_side_binding", "assume_role", "pool"}


class ColdReader:
    """One read-only connection to the workspace's database, with its driver's error class."""

    def __init__(
        self,
        connection: Any,
        errors: type[Exception],
        placeholder: str,
        cursor: Callable[[], Any],
        **execute_options: Any,
    ) -> None:
        self.connection = connection
        self.errors = errors
        self._placeholder = placeholder
        self._cursor = cursor
        self._options = execute_options

    @classmethod
    def over(cls, connection: Any) -> ColdReader:
        """A reader over an open sqlite3 or psycopg connection."""
        import sqlite3

        if isinstance(connection, sqlite3.Connection):
            return cls(connection, sqlite3.Error, "?", connection.cursor)
        import psycopg

        # A server-binding cursor (whatever the connection's default) with binary results:
        # the copy arrives as bytes, not as twice as many characters of hex text to decode.
        return cls(connection, psycopg.Error, "%s", lambda: psycopg.Cursor(connection), binary=True)

    def __enter__(self) -> ColdReader:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(self.errors):
            self.connection.close()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of `sql` (written with %s placeholders)."""
        cursor = self._cursor()
        try:
            cursor.execute(sql.replace("%s", self._placeholder), params, **self._options)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def schema_is_current(self) -> bool:
        """True when every migration of Guanxi's own apps is recorded as applied."""
        on_disk = _migrations_on_disk()
        labels = tuple(sorted({app for app, _ in on_disk}))
        marks = ", ".join(["%s"] * len(labels))
        sql = f"SELECT app, name FROM django_migrations WHERE app IN ({marks})"
        applied = self.rows(sql, labels)
        return on_disk <= {(str(app), str(name)) for app, name in applied}

    def workspace(self, conf: Any) -> Workspace | None:
        """The analysis workspace of today's date at the current data version, built from the
        stored copy; None when there is no usable copy (the Django path then makes one)."""
        found = self.rows("SELECT data_version, scoring FROM core_workspace WHERE id = 1")
        version, scoring = found[0] if found else (0, {})
        if isinstance(scoring, str):
            scoring = json.loads(scoring)
        blobs = self.rows(
            "SELECT payload FROM core_analysiscache WHERE data_version = %s", (int(version or 0),)
        )
        if not blobs:
            return None
        try:
            rows = decode(bytes(blobs[0][0]))
        except (ValueError, KeyError, OSError):
            return None
        # Django's default zone when the settings name none (as Django would use).
        zone = getattr(conf, "TIME_ZONE", None) or "America/Chicago"
        today = dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()
        return workspace_of(rows, today=today, settings=ScoringSettings.from_dict(scoring or {}))

    def deal_owner(self, deal_id: str) -> tuple[str, str] | None:
        """The id and name of a deal's owner (None without one), as `deal_owner` reads it."""
        found = self.rows(
            "SELECT p.ext_id, p.name FROM deals_deal d JOIN people_person p ON p.id = d.owner_id "
            "WHERE d.ext_id = %s",
            (deal_id,),
        )
        return (str(found[0][0]), str(found[0][1])) if found else None

    def trend(self, side_id: str) -> list[dict[str, Any]]:
        """A side's trend from its snapshots (as guanxi.scoring.snapshots.trend)."""
        marks = ", ".join(["%s"] * len(SIDE_METRICS))
        rows = self.rows(
            "SELECT date, metric, value FROM core_snapshot "
            f"WHERE subject_id = %s AND metric IN ({marks}) ORDER BY date",
            (side_id, *SIDE_METRICS),
        )
        return trend_points(rows)


def _migrations_on_disk() -> set[tuple[str, str]]:
    """(app label, migration name) of every migration file of Guanxi's own apps."""
    package = Path(__file__).resolve().parent.parent
    return {
        (folder.parent.name, path.stem)
        for folder in package.glob("*/migrations")
        for path in folder.glob("[0-9]*.py")
    }


def open_reader(conf: Any) -> ColdReader | None:
    """A read-only connection to the configured database, or None when it cannot be opened
    this way (then Django's own connection handling reports or creates it)."""
    database = getattr(conf, "DATABASES", {}).get("default") or {}
    engine = database.get("ENGINE")
    if engine == "django.db.backends.sqlite3":
        import sqlite3

        path = Path(str(database["NAME"]))
        if not path.is_file():
            return None
        try:
            connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return None
        return ColdReader.over(connection)
    if engine == "django.db.backends.postgresql":
        import psycopg

        params = {
            "dbname": database.get("NAME"),
            "user": database.get("USER"),
            "password": database.get("PASSWORD"),
            "host": database.get("HOST"),
            "port": database.get("PORT"),
        }
        params = {k: v for k, v in params.items() if v not in (None, "")}
        options = database.get("OPTIONS") or {}
        params.update({k: v for k, v in options.items() if k not in _DJANGO_OPTIONS})
        if "dbname" not in params:
            return None
        try:
            connection = psycopg.connect(**params, autocommit=True)
        except psycopg.Error:
            return None
        return ColdReader.over(connection)
    return None


def cold_workspace() -> tuple[Workspace, ColdReader] | None:
    """The current workspace and an open reader (for trends; the caller closes it), or None
    when the Django path must answer — always so in a process where Django is already set up
    (a test, the server), whose database may not be the one the environment names."""
    if "django.conf" in sys.modules:
        from django.conf import settings

        if settings.configured:
            return None
    try:
        conf = importlib.import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "guanxi.settings"))
    except Exception:  # noqa: BLE001 - Django's own start-up reports a broken settings module
        return None
    reader = open_reader(conf)
    if reader is None:
        return None
    try:
        if reader.schema_is_current():
            workspace = reader.workspace(conf)
            if workspace is not None:
                return workspace, reader
    except reader.errors:
        pass
    reader.__exit__()
    return None
