"""`guanxi backup PATH` and `guanxi restore PATH [--force]`: the whole database, users,
tokens and audit log included (guanxi.core.backup)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of `backup` (PATH) and `restore` (PATH, --force)."""
    if name == "backup":
        parser.add_argument("path", metavar="PATH", help="the backup file to write (new)")
        return
    parser.add_argument("path", metavar="PATH", help="a backup written by `guanxi backup`")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a database that holds data (everything in it is lost)",
    )


def run(args: argparse.Namespace) -> int:
    """Write or restore a backup; exit 0 done, 2 refused (the reason printed)."""
    from guanxi.cli import CliError
    from guanxi.core.backup import BackupError, backup_database, restore_database

    path = Path(args.path)
    try:
        if args.command == "backup":
            engine = backup_database(path)
            print(f"backed up the {engine} database to {path} ({path.stat().st_size:,} bytes)")
            return 0
        done = restore_database(path, force=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"restored {path} into the {done.engine} database")
    if done.migrated:
        print(f"then applied {len(done.migrated)} newer migrations: " + ", ".join(done.migrated))
    return 0
