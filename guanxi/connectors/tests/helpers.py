"""Shared test helpers of the connectors: fixture paths, a workspace of ours, a fingerprint."""

from __future__ import annotations

import shutil
from pathlib import Path

from guanxi.connectors.models import ExternalRef, PersonEmail, ReviewItem
from guanxi.interchange.tests.helpers import fingerprint as interchange_fingerprint
from guanxi.people.models import Organisation, Person

DATA = Path(__file__).resolve().parent / "data"


def copy_of(name: str, tmp_path: Path) -> Path:
    """A private copy of a fixture file or folder, safe to edit."""
    source = DATA / name
    target = tmp_path / source.name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    return target


def fingerprint() -> tuple:
    """Everything an import could change, this app's tables included."""
    return (
        interchange_fingerprint(),
        ExternalRef.objects.count(),
        PersonEmail.objects.count(),
        ReviewItem.objects.count(),
    )


def ours(*people: tuple[str, str, str]) -> Organisation:
    """Our company with these (id, name, email) employees."""
    own = Organisation.objects.create(ext_id="us", name="OurCo", kind="own")
    for ext, name, email in people:
        Person.objects.create(ext_id=ext, organisation=own, name=name, email=email)
    return own


def problems(report) -> list[str]:
    """The report's problems as 'file:line: reason' lines."""
    return [str(p) for p in report.sorted_problems()]


def records() -> tuple:
    """The fingerprint without the audit log (a re-import records that it ran)."""
    from guanxi.core.models import AuditEvent

    (main, *rest) = fingerprint()
    audited = AuditEvent.objects.count()
    position = len(main) - 2  # the audit count, just before the data version
    assert main[position] == audited
    return (main[:position], main[position + 1], *rest)
