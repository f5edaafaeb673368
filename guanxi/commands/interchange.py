"""`guanxi import PATH [--dry-run]` and `guanxi export PATH`: the interchange folder or .zip."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of `import` (PATH, --dry-run) and `export` (PATH)."""
    if name == "import":
        parser.add_argument("path", metavar="PATH", help="interchange folder or .zip to import")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check everything and say what would change, writing nothing",
        )
    else:
        parser.add_argument(
            "path",
            metavar="PATH",
            help="folder to write (created if missing; must be empty or an earlier export), "
            "or a .zip file name",
        )


def run(args: argparse.Namespace) -> int:
    """Run `import` or `export`; exit 0 done, 1 import rejected, 2 wrong arguments."""
    if args.command == "import":
        return _import(Path(args.path), dry_run=args.dry_run)
    return _export(Path(args.path))


def _import(path: Path, *, dry_run: bool) -> int:
    from guanxi.cli import CliError
    from guanxi.interchange.progress import terminal_progress
    from guanxi.interchange.services import import_path

    if not path.exists():
        raise CliError(f"{path}: no such file or folder")
    if not path.is_dir() and not (path.is_file() and zipfile.is_zipfile(path)):
        raise CliError(f"{path}: not a folder or a .zip file")
    report = import_path(path, dry_run=dry_run, actor="cli", progress=terminal_progress())
    if not report.ok:
        for line in report.problem_lines():
            print(line, file=sys.stderr)
        count = report.problem_count
        print(
            f"guanxi: import of {path} refused: {count} problem{'s' if count != 1 else ''}; "
            "nothing was written",
            file=sys.stderr,
        )
        return 1
    if dry_run:
        print(f"dry run of {path}: no problems found; nothing was written. It would change:")
    else:
        print(f"imported {path} in {report.seconds:g} s:")
    for line in report.summary_lines():
        print(f"  {line}")
    return 0


def _export(path: Path) -> int:
    from guanxi.cli import CliError
    from guanxi.interchange.export import ExportError, export_to
    from guanxi.interchange.progress import terminal_progress

    try:
        counts = export_to(path, actor="cli", progress=terminal_progress())
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None
    print(f"exported to {path}:")
    for name, count in counts.items():
        print(f"  {name}: {count} rows")
    return 0
