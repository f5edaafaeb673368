"""What an import changes: rows to create and rows to update (only those that differ)."""

from __future__ import annotations

from dataclasses import dataclass, field

from guanxi.deals.choices import DealStatus
from guanxi.interchange.check_deals import deal_status
from guanxi.interchange.parse import KEEP
from guanxi.interchange.report import ImportReport
from guanxi.interchange.schema import (
    CREDITS,
    DEALS,
    INTERACTIONS,
    ORGS,
    PEOPLE,
    ROLES,
    SNAPSHOTS,
    TIES,
)
from guanxi.interchange.state import State

ORG_DEFAULTS = ("", None, "", "", "")
PERSON_DEFAULTS = (None, "", "", "", None, False, False, "", "active", "", "", "")
DEAL_DEFAULTS = (None, "", "", "open", None, "", None, None, frozenset())
ROLE_DEFAULTS = (0, "none", "", "", False)


def merged(new: tuple, old: tuple) -> tuple:
    """`new` with every KEEP (a column the file lacks) taken from `old`."""
    return tuple(o if n is KEEP else n for n, o in zip(new, old, strict=True))


@dataclass
class Plan:
    """Creates and updates per kind of record, in plain tuples ready for bulk statements."""

    orgs_create: list[tuple] = field(default_factory=list)  # (ext, name, kind, tier, industry)
    orgs_update: list[tuple] = field(default_factory=list)  # (pk, name, kind, tier, industry)
    org_parents: list[tuple] = field(default_factory=list)  # (ext, parent ext or "")
    people_create: list[tuple] = field(default_factory=list)  # (idx, org ext, name, ...)
    people_update: list[tuple] = field(default_factory=list)  # (pk, org ext, name, ...)
    managers_create: list[tuple] = field(default_factory=list)  # (idx, manager idx, s, since, n)
    managers_update: list[tuple] = field(default_factory=list)  # (pk, manager idx, s, since, n)
    interactions_create: list[tuple] = field(default_factory=list)  # (ext, date, kind, notes, ps)
    interactions_update: list[tuple] = field(default_factory=list)  # (pk, date, kind, notes, ps)
    deals_create: list[tuple] = field(default_factory=list)  # (ext, org, name, ..., competitors)
    deals_update: list[tuple] = field(default_factory=list)  # (pk, org, name, ..., competitors)
    roles_create: list[tuple] = field(default_factory=list)  # (deal ext, idx, role, att, ...)
    roles_update: list[tuple] = field(default_factory=list)  # (pk, attitude, contact, ...)
    credits: list[tuple] = field(default_factory=list)  # (deal ext, ((person idx, share), ...))
    snapshots_create: list[tuple] = field(default_factory=list)  # (date, subject, metric, value)
    snapshots_update: list[tuple] = field(default_factory=list)  # (pk, value)


def make_plan(state: State, report: ImportReport, tie_unchanged: int) -> Plan:
    """Compare file rows with the database; count created/updated/unchanged per file."""
    plan = Plan()
    st = state

    count = report.count(ORGS) if ORGS in report.headers else None
    for ext, row in st.org_file.items():
        old = st.org_db.get(ext)
        new = merged(row.values, old or ORG_DEFAULTS)
        if old is None:
            plan.orgs_create.append((ext, *new[:4]))
            if new[4]:
                plan.org_parents.append((ext, new[4]))
            count.created += 1
            continue
        if new[:4] != old[:4]:
            st_pk = st.org_pk[ext]
            plan.orgs_update.append((st_pk, *new[:4]))
        if new[4] != old[4]:
            plan.org_parents.append((ext, new[4]))
        if new != old:
            count.updated += 1
        else:
            count.unchanged += 1

    if PEOPLE in report.headers:
        count = report.count(PEOPLE)
        for idx, row in st.person_file.items():
            old = st.person_db.get(idx)
            new = merged(row.values, old or PERSON_DEFAULTS)
            if old is None:
                plan.people_create.append((idx, *new))
                count.created += 1
            elif new != old:
                plan.people_update.append((st.person_pk[idx], *new))
                count.updated += 1
            else:
                count.unchanged += 1

    ties = report.count(TIES) if (TIES in report.headers or st.manager_file) else None
    for idx, claim in st.manager_file.items():
        old = st.manager_db.get(idx)
        if claim.tie is None:
            tie = old[2:] if old else (None, None, "")
        else:
            tie = merged(claim.tie, old[2:] if old else (None, None, ""))
        if old is None:
            plan.managers_create.append((idx, claim.manager, *tie))
            ties.created += 1
        elif (claim.manager, *tie) != old[1:]:
            plan.managers_update.append((old[0], claim.manager, *tie))
            ties.updated += 1
        else:
            ties.unchanged += 1
    if ties is not None:
        ties.created += len(st.tie_create)
        ties.updated += len(st.tie_update)
        ties.unchanged += tie_unchanged

    if INTERACTIONS in report.headers:
        count = report.count(INTERACTIONS)
        for ext, row in st.interaction_file.items():
            old = st.interaction_db.get(ext)
            new = merged(row.values, old[1:] if old else (None, None, "", ()))
            if old is None:
                plan.interactions_create.append((ext, *new))
                count.created += 1
            elif new != old[1:]:
                plan.interactions_update.append(
                    (old[0], *new[:3], new[3] if new[3] != old[4] else None)
                )
                count.updated += 1
            else:
                count.unchanged += 1

    if DEALS in report.headers:
        count = report.count(DEALS)
        for ext, row in st.deal_file.items():
            old = st.deal_db.get(ext)
            new = merged(row.values, old[1:] if old else DEAL_DEFAULTS)
            if old is None:
                plan.deals_create.append((ext, *new))
                count.created += 1
            elif new != old[1:]:
                plan.deals_update.append(
                    (old[0], *new[:-1], new[-1] if new[-1] != old[-1] else None)
                )
                count.updated += 1
            else:
                count.unchanged += 1

    if ROLES in report.headers:
        count = report.count(ROLES)
        for key, row in st.role_file.items():
            old = st.role_db.get(key)
            new = merged(row.values, old[1:] if old else ROLE_DEFAULTS)
            if old is None:
                plan.roles_create.append((*key, *new))
                count.created += 1
            elif new != old[1:]:
                plan.roles_update.append((old[0], *new))
                count.updated += 1
            else:
                count.unchanged += 1

    if CREDITS in report.headers:
        count = report.count(CREDITS)
        # With the file present it speaks for every won deal of deals.csv: a won deal without
        # rows was recorded with nobody credited (as export writes it), not left to this import.
        recorded = {deal: {} for deal in st.deal_file if deal_status(st, deal) == DealStatus.WON}
        recorded.update(st.credit_file)
        for deal, rows in recorded.items():
            shares = {p: row.values[0] for p, row in rows.items()}
            old = st.credit_db.get(deal)
            if old == shares:
                count.unchanged += len(shares)
                continue
            plan.credits.append((deal, tuple(sorted(shares.items()))))
            if old is None:
                count.created += len(shares)
            else:
                count.updated += len(shares)

    if SNAPSHOTS in report.headers:
        count = report.count(SNAPSHOTS)
        for key, row in st.snapshot_file.items():
            old = st.snapshot_db.get(key)
            if old is None:
                plan.snapshots_create.append((*key, row.values[0]))
                count.created += 1
            elif old[1] != row.values[0]:
                plan.snapshots_update.append((old[0], row.values[0]))
                count.updated += 1
            else:
                count.unchanged += 1
    return plan
