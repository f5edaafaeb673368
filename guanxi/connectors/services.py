"""Import of a source of another format: read it into a plan, then apply it all or nothing.

The connector's rows are checked and written by the interchange import (the same rules, the
same bulk writer, the same audit record), inside one transaction together with this app's
external ids, extra addresses and review items; a problem anywhere writes nothing.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Bundle
from guanxi.connectors.choices import NEEDS_EMPLOYEE, Format
from guanxi.connectors.identity import Directory
from guanxi.connectors.inputs import InputError, Inputs, inputs_for_path
from guanxi.interchange.report import ImportReport

#: format → module of guanxi.connectors.sources with `read(inputs, ctx)`
MODULES = {
    Format.SALESFORCE: "salesforce",
    Format.LINKEDIN: "linkedin",
    Format.VCARD: "vcard",
    Format.ICS: "ics",
    Format.MAIL: "mail",
}


@dataclass
class ConnectorReport(ImportReport):
    """An import report with the connector's own notes (skipped records, reviews waiting)."""

    format: str = Format.INTERCHANGE
    notes: list[str] = field(default_factory=list)
    review_count: int = 0

    def summary_lines(self) -> list[str]:
        """The interchange counts, then the connector's notes."""
        return [*super().summary_lines(), *self.notes]

    def as_dict(self) -> dict:
        """The report as JSON-friendly data."""
        return {
            **super().as_dict(),
            "format": self.format,
            "notes": self.notes,
            "review": self.review_count,
        }


@dataclass
class Context:
    """What a source module works with: the bundle to fill, the employee (--as), exclusions."""

    bundle: Bundle
    inputs: Inputs
    employee: str | None
    exclusions: dict[str, tuple[frozenset[str], frozenset[str]]]
    progress: Any = None

    @property
    def directory(self) -> Directory:
        """The workspace's people and organisations as this import sees them."""
        return self.bundle.directory

    def excluded(self, employee: str, address: str) -> bool:
        """True when `employee` keeps `address` (or its whole domain) out of capture."""
        contacts, domains = self.exclusions.get(employee, (frozenset(), frozenset()))
        address = address.lower()
        return address in contacts or address.rpartition("@")[2] in domains

    def note(self, text: str) -> None:
        """A line for the summary (what was skipped and why)."""
        self.bundle.notes.append(text)


def import_source(
    source: str | Path | Inputs,
    *,
    format: str,
    employee: str | None = None,
    dry_run: bool = False,
    actor: Any = None,
    progress: Any = None,
) -> ImportReport:
    """Import a Salesforce folder, LinkedIn export, address book, calendar or mailbox."""
    if format == Format.INTERCHANGE:
        from guanxi.interchange.services import import_path

        return import_path(Path(str(source)), dry_run=dry_run, actor=actor, progress=progress)
    if not isinstance(source, Inputs):
        try:
            source = inputs_for_path(Path(source))
        except InputError as exc:
            report = ConnectorReport(source=str(source), dry_run=dry_run, format=format)
            report.add(str(source), None, "", str(exc))
            return report
    inputs = source
    report = ConnectorReport(source=inputs.label, dry_run=dry_run, format=format)
    started = time.monotonic()
    if format not in MODULES:
        report.add("--format", None, "", _("unknown format '%(format)s'") % {"format": format})
        return report
    directory = Directory()
    bundle = Bundle(source=format, directory=directory, report=report)
    employee_ext = _check_employee(report, directory, employee, format)
    if not report.ok:
        return report
    ctx = Context(bundle, inputs, employee_ext, _exclusions(), progress)
    module = importlib.import_module(f"guanxi.connectors.sources.{MODULES[format]}")
    try:
        module.read(ctx)
    except (OSError, MemoryError) as exc:
        report.add(inputs.label, None, "", _("cannot be read (%(error)s)") % {"error": exc})
    if not report.ok:
        return report
    _apply(bundle, report, dry_run=dry_run, actor=actor, progress=progress)
    report.seconds = round(time.monotonic() - started, 2)
    return report


def _check_employee(
    report: ImportReport, directory: Directory, employee: str | None, format: str
) -> str | None:
    """The --as employee's id: required for some formats, and one of our own people."""
    if not employee:
        if format in NEEDS_EMPLOYEE:
            report.add(
                "--as",
                None,
                "",
                _("the %(format)s format needs --as EMPLOYEE_ID (whose export this is)")
                % {"format": format},
            )
        return None
    info = directory.people.get(employee)
    if info is None:
        report.add("--as", None, "", _("unknown employee id '%(id)s'") % {"id": employee})
    elif directory.own is None or info.org != directory.own:
        report.add("--as", None, "", _("'%(id)s' is not one of our own people") % {"id": employee})
    return employee


def _exclusions() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Every employee's excluded addresses and domains."""
    from guanxi.connectors.choices import ExclusionKind
    from guanxi.connectors.models import Exclusion

    found: dict[str, tuple[set[str], set[str]]] = {}
    for ext, kind, value in Exclusion.objects.values_list("employee__ext_id", "kind", "value"):
        contacts, domains = found.setdefault(ext, (set(), set()))
        (contacts if kind == ExclusionKind.CONTACT else domains).add(value.lower())
    return {ext: (frozenset(c), frozenset(d)) for ext, (c, d) in found.items()}


def _apply(
    bundle: Bundle, report: ConnectorReport, *, dry_run: bool, actor: Any, progress: Any
) -> None:
    """Import the bundle's interchange files and record this app's rows, in one transaction."""
    from guanxi.interchange.services import import_files

    report.review_count = len(bundle.reviews)
    if bundle.reviews:
        report.notes.append(
            _("review queue: %(n)d uncertain matches waiting") % {"n": len(bundle.reviews)}
        )
    report.notes.extend(bundle.notes)
    try:
        with transaction.atomic():
            inner = import_files(bundle.files(), dry_run=dry_run, actor=actor, progress=progress)
            for p in inner.sorted_problems():
                origin = bundle.origin_of(p.file, p.line)
                if origin is None:
                    report.add(p.file, p.line, p.column, p.reason)
                else:
                    reason = _("%(reason)s (%(file)s %(column)s)") % {
                        "reason": p.reason,
                        "file": p.file,
                        "column": p.column,
                    }
                    report.add(origin.file, origin.line, "", reason)
            report.problem_count = max(report.problem_count, inner.problem_count)
            report.counts = inner.counts
            if inner.applied:
                _record(bundle, actor=actor)
                report.applied = True
            else:
                transaction.set_rollback(True)
    except DatabaseError as exc:
        report.applied = False
        report.add(
            "",
            None,
            "",
            _("the database refused the import (%(error)s); nothing was written") % {"error": exc},
        )


def _pks(model: Any, exts: set[str]) -> dict[str, int]:
    """Primary keys of the records with these interchange ids."""
    found: dict[str, int] = {}
    items = sorted(exts)
    for start in range(0, len(items), 5000):
        chunk = items[start : start + 5000]
        found.update(model.objects.filter(ext_id__in=chunk).values_list("ext_id", "pk"))
    return found


def _record(bundle: Bundle, *, actor: Any) -> None:
    """Store the external ids, extra addresses and review items of an applied import."""
    from guanxi.connectors.models import ExternalRef, PersonEmail, ReviewItem
    from guanxi.deals.models import Deal
    from guanxi.people.models import Interaction, Organisation, Person

    models = {
        "person": Person,
        "organisation": Organisation,
        "deal": Deal,
        "interaction": Interaction,
    }
    stored = {
        (s, e): pk
        for s, e, pk in ExternalRef.objects.filter(source=bundle.source).values_list(
            "source", "external_id", "pk"
        )
    }
    by_kind: dict[str, set[str]] = {}
    for kind, ext in bundle.refs.values():
        by_kind.setdefault(kind, set()).add(ext)
    pks = {kind: _pks(models[kind], exts) for kind, exts in by_kind.items()}
    new, moved = [], []
    before = bundle.directory.stored_refs
    for (source, external_id), (kind, ext) in bundle.refs.items():
        if before.get((source, external_id)) == ext:
            continue  # already linked to this record
        values = {f"{kind}_id": pks[kind][ext]}
        if (source, external_id) in stored:
            moved.append((stored[(source, external_id)], values))
        else:
            new.append(ExternalRef(source=source, external_id=external_id, **values))
    ExternalRef.objects.bulk_create(new, batch_size=2000)
    for pk, values in moved:
        ExternalRef.objects.filter(pk=pk).update(
            person=None, organisation=None, deal=None, interaction=None, **values
        )
    emails = bundle.directory.new_emails
    people = _pks(Person, set(emails.values()))
    PersonEmail.objects.bulk_create(
        [PersonEmail(person_id=people[ext], email=e) for e, ext in emails.items()],
        ignore_conflicts=True,
    )
    reviews = bundle.reviews.values()
    candidates = _pks(Person, {c for r in reviews if r.kind == "person" for c in r.candidates})
    orgs = _pks(
        Organisation,
        {c for r in reviews if r.kind != "person" for c in r.candidates}
        | {r.payload.get("organisation", "") for r in reviews if r.kind != "person"},
    )
    for r in reviews:
        item, _created = ReviewItem.objects.update_or_create(
            source=r.source,
            external_id=r.external_id,
            defaults={
                "name": r.name[:300],
                "email": r.email[:254],
                "organisation_name": r.organisation_name[:300],
                "title": r.title[:300],
                "reason": r.reason[:500],
                "payload": r.payload,
                "kind": r.kind,
                "organisation_id": (
                    orgs.get(r.payload.get("organisation", "")) if r.kind != "person" else None
                ),
            },
        )
        if r.kind == "person":
            item.candidates.set([candidates[c] for c in r.candidates if c in candidates])
        else:
            under = r.payload.get("organisation")
            item.org_candidates.set([orgs[c] for c in r.candidates if c in orgs and c != under])


def add_exclusion(*, employee: Any, kind: str, value: str, actor: Any) -> Any:
    """Keep an address (contact) or a whole domain out of `employee`'s captures (audited)."""
    from django.core.exceptions import ValidationError

    from guanxi.connectors.choices import ExclusionKind
    from guanxi.connectors.identity import email_key
    from guanxi.connectors.models import Exclusion
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction

    value = value.strip().lower().lstrip("@")
    if kind == ExclusionKind.CONTACT:
        if not email_key(value):
            raise ValidationError(_("'%(value)s' is not an e-mail address.") % {"value": value})
        value = email_key(value)
    elif kind == ExclusionKind.DOMAIN:
        if "." not in value or "@" in value or " " in value:
            raise ValidationError(_("'%(value)s' is not a mail domain.") % {"value": value})
    else:
        raise ValidationError(_("Choose a contact or a domain."))
    with transaction.atomic():
        row, created = Exclusion.objects.get_or_create(employee=employee, kind=kind, value=value)
        if created:
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="exclusion",
                object_id=employee.ext_id,
                summary=f"{employee.name} excluded {kind} {value} from capture",
            )
    return row


def remove_exclusion(*, employee: Any, pk: int, actor: Any) -> None:
    """Let an excluded contact or domain be captured again (audited)."""
    from guanxi.connectors.models import Exclusion
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction

    with transaction.atomic():
        row = Exclusion.objects.filter(employee=employee, pk=pk).first()
        if row is None:
            return
        row.delete()
        audit.record(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="exclusion",
            object_id=employee.ext_id,
            summary=f"{employee.name} no longer excludes {row.kind} {row.value}",
        )
