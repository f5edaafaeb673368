"""Import and export of interchange folders: the verbs the CLI and the web upload call.

An import reads every file once, checks every rule against the files and the database,
reports every problem, and writes all of it in one transaction only when there is none.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from guanxi.interchange.report import ImportReport
from guanxi.interchange.schema import (
    CREDITS,
    DEALS,
    FILES,
    INTERACTIONS,
    ORGS,
    PEOPLE,
    REQUIRED_FILES,
    ROLES,
    SNAPSHOTS,
    TIES,
)


def import_path(
    path: str | Path, *, dry_run: bool = False, actor: Any = None, progress: Any = None
) -> ImportReport:
    """Import an interchange folder or .zip: all of it, or (with problems) none of it."""
    from guanxi.interchange.reader import source_for_path

    report = ImportReport(source=str(path), dry_run=dry_run)
    source = source_for_path(path, report)
    if source is None:
        return report
    try:
        return _import(source, report, dry_run=dry_run, actor=actor, progress=progress)
    finally:
        source.close()


def import_files(
    files: Mapping[str, bytes | IO[bytes]],
    *,
    dry_run: bool = False,
    actor: Any = None,
    progress: Any = None,
) -> ImportReport:
    """Import uploaded files ({name: bytes or binary file}; one .zip is read as the folder)."""
    from guanxi.interchange.reader import source_for_files

    report = ImportReport(source="upload", dry_run=dry_run)
    source = source_for_files(files, report)
    try:
        return _import(source, report, dry_run=dry_run, actor=actor, progress=progress)
    finally:
        source.close()


def _import(
    source: Any, report: ImportReport, *, dry_run: bool, actor: Any, progress: Any
) -> ImportReport:
    """Check, then (unless a dry run or a problem) write inside one transaction."""
    names = set(source.names())
    if not names and report.problem_count:
        return report  # an unsafe or unreadable archive: nothing to look at
    for name in sorted(REQUIRED_FILES - names):
        report.add(name, None, "", _("missing file; every import needs it (it may list no rows)"))
    started = time.monotonic()
    try:
        if dry_run:
            _check_and_write(source, names, report, dry_run=True, actor=actor, progress=progress)
        else:
            # Foreign keys are off on SQLite while the import writes (it must be set outside
            # the transaction): every key written was just read from the database under the
            # write lock, and the lookups would cost a third of the write time.
            with connection.constraint_checks_disabled(), transaction.atomic():
                _check_and_write(
                    source, names, report, dry_run=False, actor=actor, progress=progress
                )
                if progress is not None and report.applied:
                    progress.phase("committing")
    except DatabaseError as exc:
        report.applied = False
        report.add(
            "",
            None,
            "",
            _("the database refused the import (%(error)s); nothing was written") % {"error": exc},
        )
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        report.applied = False
        report.add(
            report.source,
            None,
            "",
            _("cannot be read (%(error)s); nothing was written") % {"error": exc},
        )
    finally:
        if progress is not None:
            progress.finish()
    report.seconds = round(time.monotonic() - started, 2)
    return report


def _check_and_write(
    source: Any, names: set[str], report: ImportReport, *, dry_run: bool, actor: Any, progress: Any
) -> None:
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction
    from guanxi.interchange.apply import apply_plan
    from guanxi.interchange.check_deals import (
        check_credits,
        check_deals,
        check_interactions,
        check_kinds_against_database,
        check_roles,
        check_snapshots,
    )
    from guanxi.interchange.check_people import (
        Context,
        check_managers,
        check_organisations,
        check_people,
        check_ties,
    )
    from guanxi.interchange.plan import make_plan
    from guanxi.interchange.reader import CsvFile
    from guanxi.interchange.state import load_state

    if progress is not None:
        progress.phase("loading the database")
    state = load_state(with_ties=TIES in names)
    ctx = Context(state, report)
    steps = {
        ORGS: check_organisations,
        PEOPLE: check_people,
        TIES: check_ties,
        INTERACTIONS: check_interactions,
        DEALS: check_deals,
        ROLES: check_roles,
        CREDITS: check_credits,
        SNAPSHOTS: check_snapshots,
    }
    if progress is not None:
        progress.phase("reading and checking")
    for name in FILES:
        if name not in names:
            if name in REQUIRED_FILES:
                state.broken.add(name)
            continue
        f = CsvFile(source, name, report, progress)
        if not f.usable:
            state.broken.add(name)
            continue
        steps[name](ctx, f)
    if progress is not None:
        progress.phase("checking reporting lines")
    check_managers(ctx)
    check_kinds_against_database(ctx)
    if not report.ok:
        return
    plan = make_plan(state, report, ctx.unchanged.get(TIES, 0))
    state.tie_lines.clear()
    state.tie_db.clear()
    if dry_run:
        return
    if progress is not None:
        progress.phase("writing")
    left_before = _our_leavers()
    apply_plan(plan, state, actor=actor, progress=progress)
    _open_handovers(left_before, actor=actor)
    from guanxi.deals.credit import record_missing_credits

    # v2: a won deal imported without its recorded credit has it recorded now, from the
    # workspace as this import leaves it
    record_missing_credits(actor=actor)
    totals = report.totals()
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type="workspace",
        object_id=report.source[:200],
        summary=(
            f"import of {report.source}: {totals.created} created, {totals.updated} updated, "
            f"{totals.unchanged} unchanged"
        ),
        changes={name: c.as_dict() for name, c in report.counts.items()},
    )
    if totals.created or totals.updated:
        audit.bump_data_version()
    report.applied = True


def _our_leavers() -> set[int]:
    """Primary keys of our people marked as left."""
    from guanxi.people.choices import OrgKind, PersonStatus
    from guanxi.people.models import Person

    own_left = Person.objects.filter(organisation__kind=OrgKind.OWN, status=PersonStatus.LEFT)
    return set(own_left.values_list("pk", flat=True))


def _open_handovers(left_before: set[int], *, actor: Any) -> None:
    """Our people the import set to left get their hand-over tasks, as from the page."""
    from guanxi.people.handover import mark_departed
    from guanxi.people.models import Person

    for pk in sorted(_our_leavers() - left_before):
        mark_departed(Person.objects.select_related("organisation").get(pk=pk), actor=actor)


def export_path(path: str | Path, *, actor: Any = None, progress: Any = None) -> dict[str, int]:
    """Write the workspace as an interchange folder (or .zip); returns rows written per file."""
    from guanxi.interchange.export import export_to

    return export_to(Path(path), actor=actor, progress=progress)
