"""`guanxi import PATH [--format F] [--as ID] [--dry-run]` and `guanxi export PATH`.

The interchange folder or .zip is the default format; the connectors read the others
(Salesforce, LinkedIn, vCard, iCalendar, mail).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of `import` (PATH, --dry-run) and `export` (PATH)."""
    if name == "import":
        parser.add_argument(
            "path",
            metavar="PATH",
            help="interchange folder or .zip, or the export of the chosen --format",
        )
        parser.add_argument(
            "--format",
            default="interchange",
            choices=["interchange", "salesforce", "linkedin", "vcard", "ics", "mail"],
            help="what PATH is (default: interchange)",
        )
        parser.add_argument(
            "--as",
            dest="employee",
            metavar="EMPLOYEE_ID",
            help="the employee whose export it is (required for linkedin and vcard)",
        )
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
            "or a .zip file name; with --format graphml or gexf, the file to write",
        )
        parser.add_argument(
            "--format",
            default="interchange",
            choices=["interchange", "graphml", "gexf"],
            help="interchange folder (default), or the people and ties as GraphML or GEXF "
            "(for yEd and Gephi)",
        )
        parser.add_argument("--account", metavar="ID", help="with graphml/gexf: one account")


def run(args: argparse.Namespace) -> int:
    """Run `import` or `export`; exit 0 done, 1 import rejected, 2 wrong arguments."""
    if args.command == "import":
        fmt = getattr(args, "format", "interchange")
        if fmt != "interchange" or getattr(args, "employee", None):
            return _import_other(Path(args.path), fmt, args.employee, dry_run=args.dry_run)
        return _import(Path(args.path), dry_run=args.dry_run)
    if getattr(args, "format", "interchange") != "interchange":
        return _export_graph(Path(args.path), args.format, args.account)
    return _export(Path(args.path))


def _export_graph(path: Path, fmt: str, account: str | None) -> int:
    from guanxi.cli import CliError
    from guanxi.connectors.graphs import GraphExportError, export_graph

    try:
        data = export_graph(None, format=fmt, account=account, actor="cli")
        path.write_bytes(data)
    except GraphExportError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {path} ({fmt}, {len(data):,} bytes)")
    return 0


def _import_other(path: Path, fmt: str, employee: str | None, *, dry_run: bool) -> int:
    from guanxi.cli import CliError
    from guanxi.connectors.services import import_source
    from guanxi.interchange.progress import terminal_progress

    if fmt == "interchange":
        raise CliError("--as is for the linkedin, vcard, ics and mail formats")
    if not path.exists():
        raise CliError(f"{path}: no such file or folder")
    report = import_source(
        path,
        format=fmt,
        employee=employee,
        dry_run=dry_run,
        actor="cli",
        progress=terminal_progress(),
    )
    return _outcome(path, report, dry_run=dry_run)


def _import(path: Path, *, dry_run: bool) -> int:
    from guanxi.cli import CliError
    from guanxi.interchange.progress import terminal_progress
    from guanxi.interchange.services import import_path

    if not path.exists():
        raise CliError(f"{path}: no such file or folder")
    if not path.is_dir() and not (path.is_file() and zipfile.is_zipfile(path)):
        raise CliError(f"{path}: not a folder or a .zip file")
    report = import_path(path, dry_run=dry_run, actor="cli", progress=terminal_progress())
    return _outcome(path, report, dry_run=dry_run)


def _outcome(path: Path, report, *, dry_run: bool) -> int:
    """Print the problems (exit 1) or what was, or would be, changed (exit 0)."""
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
