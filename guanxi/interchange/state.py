"""The workspace as the import sees it: what the database holds and what the files say.

Plain dicts and lists keyed by external id (people by a small integer index), so a million ties
are checked and compared without a model object each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from guanxi.interchange.parse import KEEP
from guanxi.people.choices import TieKind

#: tie kinds as small codes inside packed tie keys
KIND_CODE = {TieKind.REPORTS_TO.value: 0, TieKind.INFLUENCE.value: 1, TieKind.RELATIONSHIP.value: 2}
KIND_NAME = {v: k for k, v in KIND_CODE.items()}
REL = KIND_CODE[TieKind.RELATIONSHIP.value]


def tie_key(source: int, target: int, code: int) -> int:
    """One int for (source, target, kind); a relationship's two people in either order."""
    if code == REL and source > target:
        source, target = target, source
    return (source << 34) | (target << 2) | code


def as_date(value: Any) -> dt.date | None:
    """A date from what a database cursor returns (a date or its ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass
class Row:
    """One row of a file: its line and its values (KEEP for a column the file lacks)."""

    line: int
    values: tuple


@dataclass
class ManagerClaim:
    """A reporting line the files state: from people.csv, ties.csv, or both."""

    manager: int
    file: str
    line: int
    column: str
    tie: tuple | None = None  # (strength, since, notes) when ties.csv has the row


@dataclass
class State:
    """Database contents and file contents side by side, plus what the import will change."""

    # organisations: ext id → values (name, kind, tier, industry, parent ext id)
    org_pk: dict[str, int] = field(default_factory=dict)
    org_db: dict[str, tuple] = field(default_factory=dict)
    org_file: dict[str, Row] = field(default_factory=dict)
    # people by index: ext id → index; values (org ext, name, title, department, power, key,
    # is_sales, personality, status, email, phone, notes)
    person_index: dict[str, int] = field(default_factory=dict)
    person_ext: list[str] = field(default_factory=list)
    person_pk: list[int | None] = field(default_factory=list)
    person_db: dict[int, tuple] = field(default_factory=dict)
    person_file: dict[int, Row] = field(default_factory=dict)
    # reporting lines: person index → (tie pk, manager index, strength, since, notes)
    manager_db: dict[int, tuple] = field(default_factory=dict)
    manager_file: dict[int, ManagerClaim] = field(default_factory=dict)
    # influence and relationship ties: packed key → (tie pk, strength, since, notes)
    tie_db: dict[int, tuple] = field(default_factory=dict)
    tie_lines: dict[int, int] = field(default_factory=dict)
    tie_create: list[tuple] = field(default_factory=list)
    tie_update: list[tuple] = field(default_factory=list)
    # interactions: ext → (pk, date, kind, notes, participant indexes tuple)
    interaction_db: dict[str, tuple] = field(default_factory=dict)
    interaction_file: dict[str, Row] = field(default_factory=dict)
    # deals: ext → (pk, org ext, name, stage, status, amount, currency, close_date, owner
    # person index or None, competitors)
    deal_db: dict[str, tuple] = field(default_factory=dict)
    deal_file: dict[str, Row] = field(default_factory=dict)
    # deal roles: (deal ext, person index, role) → (pk, attitude, contact, personality, notes,
    # competitors_checked)
    role_db: dict[tuple, tuple] = field(default_factory=dict)
    role_file: dict[tuple, Row] = field(default_factory=dict)
    # recorded credit: deal ext → {person index: share}; the file's: deal ext → {person: Row}
    credit_db: dict[str, dict[int, float]] = field(default_factory=dict)
    credit_file: dict[str, dict[int, Row]] = field(default_factory=dict)
    # snapshots: (date, subject, metric) → (pk, value)
    snapshot_db: dict[tuple, tuple] = field(default_factory=dict)
    snapshot_file: dict[tuple, Row] = field(default_factory=dict)
    # files that could not be read: references into them are not reported again
    broken: set[str] = field(default_factory=set)

    def add_person(self, ext: str) -> int:
        """The index of person `ext`, made for a person new to the workspace."""
        idx = self.person_index.get(ext)
        if idx is None:
            idx = len(self.person_ext)
            self.person_index[ext] = idx
            self.person_ext.append(ext)
            self.person_pk.append(None)
        return idx

    def org_kind(self, ext: str) -> str | None:
        """The organisation's kind after the import (file first, then database)."""
        row = self.org_file.get(ext)
        if row is not None:
            return row.values[1]  # None when the file's kind was wrong (already reported)
        db = self.org_db.get(ext)
        return db[1] if db else None

    def org_parent(self, ext: str) -> str:
        """The organisation's parent (ext id, "" for none) after the import."""
        row = self.org_file.get(ext)
        if row is not None and row.values[4] is not KEEP:
            return row.values[4] or ""
        db = self.org_db.get(ext)
        return db[4] if db and db[4] else ""

    def group_of(self, ext: str) -> str:
        """The top of the organisation's group after the import (itself without a parent)."""
        seen = {ext}
        while (parent := self.org_parent(ext)) and parent not in seen:
            seen.add(parent)
            ext = parent
        return ext

    def deal_org(self, ext: str) -> str | None:
        """The deal's customer (ext id) after the import."""
        row = self.deal_file.get(ext)
        if row is not None:
            return row.values[0]
        db = self.deal_db.get(ext)
        return db[1] if db else None

    def person_org(self, idx: int) -> str | None:
        """The person's organisation (ext id) after the import."""
        row = self.person_file.get(idx)
        if row is not None:
            return row.values[0]  # None when the file's organisation was wrong
        db = self.person_db.get(idx)
        return db[0] if db else None

    def managers(self) -> dict[int, int]:
        """{person index: manager index} after the import."""
        result = {p: t[1] for p, t in self.manager_db.items()}
        for p, claim in self.manager_file.items():
            result[p] = claim.manager
        return result


def _fetch(sql: str, params: tuple = ()) -> Any:
    """Rows of a raw query, fetched in chunks so a million rows stream."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            chunk = cursor.fetchmany(20_000)
            if not chunk:
                return
            yield from chunk


def load_state(*, with_ties: bool) -> State:
    """Read what the database holds into a State (ties other than reporting lines on request)."""
    from guanxi.core.models import Snapshot
    from guanxi.deals.models import Deal, DealCredit, DealRole
    from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

    state = State()
    org_ext = {}
    rows = list(
        Organisation.objects.values_list(
            "pk", "ext_id", "name", "kind", "tier", "industry", "parent_id"
        )
    )
    for pk, ext, *_ in rows:
        org_ext[pk] = ext
    for pk, ext, name, kind, tier, industry, parent in rows:
        state.org_pk[ext] = pk
        state.org_db[ext] = (name, kind, tier, industry, org_ext.get(parent, ""))

    pt = Person._meta.db_table
    person_by_pk: dict[int, int] = {}
    for pk, ext, org, *rest in _fetch(
        f"SELECT id, ext_id, organisation_id, name, title, department, power, {_q('key')}, "
        f"is_sales, personality, status, email, phone, notes FROM {pt}"
    ):
        idx = state.add_person(ext)
        state.person_pk[idx] = pk
        person_by_pk[pk] = idx
        rest[4], rest[5] = bool(rest[4]), bool(rest[5])
        state.person_db[idx] = (org_ext[org], *rest)

    tt = Tie._meta.db_table
    for pk, s, t, strength, since, notes in _fetch(
        f"SELECT id, source_id, target_id, strength, since, notes FROM {tt} WHERE kind = %s",
        (TieKind.REPORTS_TO.value,),
    ):
        state.manager_db[person_by_pk[s]] = (pk, person_by_pk[t], strength, as_date(since), notes)
    if with_ties:
        code_of = KIND_CODE
        db = state.tie_db
        for pk, s, t, kind, strength, since, notes in _fetch(
            f"SELECT id, source_id, target_id, kind, strength, since, notes FROM {tt} "
            "WHERE kind <> %s",
            (TieKind.REPORTS_TO.value,),
        ):
            key = tie_key(person_by_pk[s], person_by_pk[t], code_of[kind])
            db[key] = (pk, strength, as_date(since) if since is not None else None, notes)

    participants: dict[int, list[int]] = {}
    for interaction, person in Participation.objects.order_by(
        "interaction_id", "position", "pk"
    ).values_list("interaction_id", "person_id"):
        participants.setdefault(interaction, []).append(person_by_pk[person])
    for pk, ext, date, kind, notes in Interaction.objects.values_list(
        "pk", "ext_id", "date", "kind", "notes"
    ):
        state.interaction_db[ext] = (pk, date, kind, notes, tuple(participants.get(pk, ())))

    competitors: dict[int, set[str]] = {}
    through = Deal.competitors.through
    for deal, org in through.objects.values_list("deal_id", "organisation_id"):
        competitors.setdefault(deal, set()).add(org_ext[org])
    deal_ext = {}
    for pk, ext, org, *rest in Deal.objects.values_list(
        "pk",
        "ext_id",
        "organisation_id",
        "name",
        "stage",
        "status",
        "amount",
        "currency",
        "close_date",
        "owner_id",
    ):
        deal_ext[pk] = ext
        owner = person_by_pk[rest[-1]] if rest[-1] is not None else None
        state.deal_db[ext] = (
            pk,
            org_ext[org],
            *rest[:-1],
            owner,
            frozenset(competitors.get(pk, ())),
        )

    for pk, deal, person, role, *rest in DealRole.objects.values_list(
        "pk",
        "deal_id",
        "person_id",
        "role",
        "attitude",
        "contact_level",
        "personality",
        "notes",
        "competitors_checked",
    ):
        state.role_db[(deal_ext[deal], person_by_pk[person], role)] = (pk, *rest)

    # a deal recorded with nobody credited is there too, with no shares
    for deal in Deal.objects.exclude(credit_recorded_at=None).values_list("pk", flat=True):
        state.credit_db[deal_ext[deal]] = {}
    for deal, person, share in DealCredit.objects.values_list("deal_id", "person_id", "share"):
        state.credit_db.setdefault(deal_ext[deal], {})[person_by_pk[person]] = share

    for pk, date, subject, metric, value in Snapshot.objects.values_list(
        "pk", "date", "subject_id", "metric", "value"
    ):
        state.snapshot_db[(date, subject, metric)] = (pk, value)
    return state


def _q(name: str) -> str:
    """A column name quoted for this database (`key` is a reserved word in some)."""
    return connection.ops.quote_name(name)
