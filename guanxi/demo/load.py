"""Load the demo workspace into the database through the interchange importer.

`load_demo(today=..., reset=..., actor=...)` is the one entry point (the `guanxi demo`
command calls it), ending with a year of monthly score snapshots.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from guanxi.demo.build import build_demo

#: Login users of the demo: (username, role, our person id, account team). Password "demo".
DEMO_USERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("demo", "admin", "", ()),
    ("liangwenbo", "manager", "ht-sd", ()),
    ("lina", "sales", "ht-kam1", ("dfb", "jng")),
    ("chenjing", "contributor", "ht-hr", ()),
    ("guest", "viewer", "", ()),
)
DEMO_PASSWORD = "demo"


class DemoError(Exception):
    """The demo cannot be loaded (a non-empty workspace without reset, or an import problem)."""


@dataclass
class DemoSummary:
    """What the demo load left in the database, for the command's closing lines."""

    counts: dict[str, int] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        c = self.counts
        return [
            f"organisations: {c['organisations']} ({c['customers']} customers, "
            f"{c['competitors']} competitors, 1 own)",
            f"people: {c['people']} ({c['own_people']} ours, {c['left']} left)",
            f"ties: {c['ties']} ({c['reports_to']} reporting lines, {c['influence']} influence, "
            f"{c['relationship']} relationships)",
            f"interactions: {c['interactions']}",
            f"deals: {c['deals']} ({c['open']} open, {c['won']} won, {c['lost']} lost), "
            f"{c['roles']} decision roles",
            f"users: {', '.join(self.users)} (password '{DEMO_PASSWORD}'; demo is admin)",
        ]


def workspace_is_empty() -> bool:
    """True when there are no organisations, people, ties, interactions, deals or snapshots."""
    from guanxi.core.models import Snapshot
    from guanxi.deals.models import Deal
    from guanxi.people.models import Interaction, Organisation, Person, Tie

    models = (Organisation, Person, Tie, Interaction, Deal, Snapshot)
    return not any(model.objects.exists() for model in models)


@transaction.atomic
def wipe_workspace(*, actor: Any) -> dict[str, int]:
    """Delete every organisation, person, tie, interaction, deal, role and snapshot.

    One bulk delete per table rather than a service call per record: a reset removes
    thousands of rows, so it writes a single audit event and one data-version bump instead.
    Login users stay (their account teams and person links empty out with the records).
    """
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction
    from guanxi.core.models import Snapshot
    from guanxi.deals.models import Deal, DealRole
    from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

    removed: dict[str, int] = {}
    for model in (DealRole, Deal, Participation, Interaction, Tie, Snapshot, Person):
        removed[model._meta.model_name or ""] = model.objects.all().delete()[0]
    Organisation.objects.exclude(parent=None).update(parent=None)  # parents are protected
    removed["organisation"] = Organisation.objects.all().delete()[0]
    audit.record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type="workspace",
        summary="workspace wiped for the demo",
        changes={name: [count, 0] for name, count in removed.items()},
    )
    audit.bump_data_version()
    return removed


def load_rows(files: dict[str, str], actor: Any) -> Any:
    """Import the demo's CSV files through the interchange importer; return its report."""
    from guanxi.interchange.services import import_files

    return import_files({name: text.encode() for name, text in files.items()}, actor=actor)


def write_files(files: dict[str, str], folder: Path) -> None:
    """Write the demo's CSV files into `folder` (created if needed), UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def add_demo_users(*, actor: Any) -> list[str]:
    """Create (or update) the demo's login users, all with the password "demo"."""
    from guanxi.access.services import add_user
    from guanxi.people.models import Organisation, Person

    names = []
    for username, role, person_id, account_ids in DEMO_USERS:
        add_user(
            username=username,
            role=role,
            person=Person.objects.get(ext_id=person_id) if person_id else None,
            accounts=Organisation.objects.filter(ext_id__in=account_ids).order_by("ext_id"),
            password=DEMO_PASSWORD,
            check_password=False,  # "demo" fails the validators on purpose: it is a demo
            actor=actor,
        )
        names.append(f"{username} ({role})")
    return names


def count_workspace() -> dict[str, int]:
    """Counts of what the workspace holds, by kind and status."""
    from guanxi.deals.models import Deal, DealRole
    from guanxi.people.models import Interaction, Organisation, Person, Tie

    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    ties = Counter(Tie.objects.values_list("kind", flat=True))
    deals = Counter(Deal.objects.values_list("status", flat=True))
    return {
        "organisations": sum(kinds.values()),
        "customers": kinds["customer"],
        "competitors": kinds["competitor"],
        "people": Person.objects.count(),
        "own_people": Person.objects.filter(organisation__kind="own").count(),
        "left": Person.objects.filter(status="left").count(),
        "ties": sum(ties.values()),
        "reports_to": ties["reports_to"],
        "influence": ties["influence"],
        "relationship": ties["relationship"],
        "interactions": Interaction.objects.count(),
        "deals": sum(deals.values()),
        "open": deals["open"],
        "won": deals["won"],
        "lost": deals["lost"],
        "roles": DealRole.objects.count(),
    }


@transaction.atomic
def load_demo(
    *, today: dt.date | None = None, reset: bool = False, actor: Any = "demo"
) -> DemoSummary:
    """Load the demo workspace (dates relative to `today`) and its users; all or nothing.

    Refuses (DemoError) when the workspace already holds data, unless `reset` wipes it first,
    so a demo is never mixed into real data nor loaded twice.
    """
    if not reset and not workspace_is_empty():
        raise DemoError(
            "the workspace is not empty; run `guanxi demo --reset` to replace everything "
            "in it with the demo (this deletes all organisations, people, ties, "
            "interactions, deals and snapshots)"
        )
    if reset:
        wipe_workspace(actor=actor)
    files = build_demo(today or dt.date.today())
    report = load_rows(files, actor)
    if not report.ok:
        raise DemoError("the demo files did not import:\n" + "\n".join(report.problem_lines()))
    users = add_demo_users(actor=actor)
    record_monthly_snapshots(today=today or dt.date.today(), actor=actor)
    from guanxi.operations.demo import add_operations

    add_operations(today=today or dt.date.today(), actor=actor)
    return DemoSummary(counts=count_workspace(), users=users)


def month_ends(today: dt.date, months: int = 12) -> list[dt.date]:
    """The last day of each of the `months` months before `today`'s, then `today`.

    >>> month_ends(dt.date(2026, 3, 15), 2)
    [datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 15)]
    """
    first = today.replace(day=1)
    ends = []
    for _ in range(months):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        ends.append(nxt - dt.timedelta(days=1))
    return [*sorted(ends), today]


def record_monthly_snapshots(*, today: dt.date, actor: Any) -> int:
    """Scores at each month end of the demo year (from the ties and interactions that
    existed then), so the company view has a real trend."""
    from guanxi.scoring.snapshots import record_snapshot

    return sum(record_snapshot(date=d, actor=actor) for d in month_ends(today))
