"""The `guanxi` command: one entry point for import/export, the demo, the server and reports.

Each sub-command lives in a module of guanxi.commands with two functions:
`add_arguments(parser)` and `run(args) -> int`, and optionally `run_without_django(args)`,
tried first, which answers without starting Django or returns None, and `prepare(args)`,
which sets what the settings must see before Django starts. The database
(DATABASE_URL, default ./guanxi.sqlite3) is created and migrated on first use.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: sub-command name → (module in guanxi.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": (
        "interchange",
        "import an interchange folder or .zip, or a Salesforce, LinkedIn, vCard, calendar or "
        "mail export (all or nothing)",
    ),
    "export": ("interchange", "write the workspace as an interchange folder"),
    "demo": ("demo", "load the demo workspace (user demo / demo)"),
    "serve": ("serve", "run the web app and API (production server; --dev for development)"),
    "user": ("users", "manage login users: user add NAME [--role R] ..."),
    "token": ("tokens", "API tokens: token NAME [--label L] | NAME --list | --revoke PREFIX"),
    "migrate": ("serve", "create or update the database schema"),
    "snapshot": ("snapshot", "record today's (or --date's) scores for trends"),
    "account": ("analysis", "customer relationship graph of an account"),
    "person": ("analysis", "key-person view of a person"),
    "paths": ("analysis", "best paths to a person"),
    "company": ("analysis", "our (or a competitor's) relationship resources"),
    "deal": ("analysis", "decision chain of a deal"),
    "worker": ("worker", "run the daily jobs and queued background tasks until stopped"),
    "run": ("worker", "run the web app and API with a background worker beside it"),
    "whatif": ("whatif", "account scores and deal odds if some relationships existed"),
    "credit": ("credit", "credit recorded on a won deal: credit show|recompute DEAL"),
    "audit": ("audit", "the audit log: who did what, when (--since, --user, --action, --json)"),
    "backup": ("backup", "write a backup of the whole database (users, tokens, audit log, ...)"),
    "restore": ("backup", "replace the database with a backup (--force if it holds data)"),
}
#: commands that must find the database as it is: no automatic migration before them
AS_FOUND = ("migrate", "backup", "restore")


class CliError(Exception):
    """A user-facing error: printed as 'guanxi: error: ...' with exit status 2."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guanxi",
        description="Guanxi (关系): business relationship management.",
        epilog="Database: DATABASE_URL (default: SQLite file guanxi.sqlite3 here).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"guanxi.commands.{module_name}")
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(name, sub)
        sub.set_defaults(_module=module)
    return parser


def _unapplied_migrations() -> bool:
    """True when a migration file on disk is not recorded as applied (a cheap look: file
    names against the django_migrations table, without importing every migration)."""
    from django.apps import apps
    from django.db import DatabaseError, connection

    on_disk: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            on_disk.update((config.label, f.stem) for f in folder.glob("[0-9]*.py"))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return True  # no table yet: a new database
    return not on_disk <= applied


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django and bring the database schema up to date (quietly)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ImportError, ImproperlyConfigured) as exc:
        module = os.environ["DJANGO_SETTINGS_MODULE"]
        raise CliError(f"cannot start with settings '{module}': {exc}") from None
    if migrate and _unapplied_migrations():
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # Read commands first try their short way in, without Django (guanxi.scoring.coldread).
        quick = getattr(args._module, "run_without_django", None)
        status = quick(args) if quick is not None else None
        if status is None:
            prepare = getattr(args._module, "prepare", None)
            if prepare is not None:
                prepare(args)
            setup_django(migrate=args.command not in AS_FOUND)
            from django.utils import translation

            # English whatever language a request of this process left active: scripts read
            # what the CLI prints, and CLI.md documents it word for word.
            with translation.override("en"):
                status = args._module.run(args)
        return int(status or 0)
    except CliError as exc:
        print(f"guanxi: error: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("guanxi: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        from django.db import DatabaseError

        if isinstance(exc, DatabaseError):
            print(f"guanxi: database error: {exc}", file=sys.stderr)
            return 3
        raise


if __name__ == "__main__":
    # Run the importable module's main, so the exception classes the sub-commands raise
    # (guanxi.cli.CliError) are the ones it catches, also under `python -m guanxi.cli`.
    from guanxi import cli as _cli

    sys.exit(_cli.main())
