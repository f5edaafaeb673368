"""Write a checked import plan with bulk statements: executemany on SQLite, COPY on PostgreSQL.

A million ties are inserted as plain tuples, never as model objects; the caller wraps the whole
write in one transaction so the database keeps all of it or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from django.db import IntegrityError, connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from guanxi.interchange.plan import Plan
from guanxi.interchange.schema import PERSON_FIELDS
from guanxi.interchange.state import KIND_NAME, REL, State
from guanxi.people import derived
from guanxi.people.choices import TieKind, TieOrigin

BATCH = 20_000
BULK = 50_000  # above this many inserts, SQLite indexes are rebuilt rather than updated
CACHE_KIB = 512 * 1024  # SQLite page cache during the write: up to 512 MiB, used as needed

#: where a planned person row (id, organisation, *PERSON_FIELDS) holds the name and title
NAME, TITLE = (2 + PERSON_FIELDS.index(field) for field in ("name", "title"))


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model: Any, names: Iterable[str]) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]


class Writer:
    """Bulk insert and update helpers bound to one cursor and the database's value formats."""

    def __init__(self, cursor: Any, progress: Any = None) -> None:
        self.cursor = cursor
        self.postgres = connection.vendor == "postgresql"
        self.progress = progress

    def date(self, value: dt.date | None) -> Any:
        """A date as this database takes it."""
        if value is None or self.postgres:
            return value
        return value.isoformat()

    def insert(
        self,
        model: Any,
        names: list[str],
        rows: Iterable[tuple],
        label: str = "",
        many: int = 0,
        constants: dict[str, Any] | None = None,
    ) -> int:
        """Insert `rows` (tuples in the order of `names`); COPY on PostgreSQL.

        `constants` are columns with the same value in every row (our own values, never file
        text); SQLite gets them as literals, which saves binding them a million times.
        When `many` rows come (more than BULK), SQLite's secondary indexes are dropped and
        built again afterwards: building an index once is far quicker than a million
        inserts into it, and the transaction brings them back if anything fails.
        """
        constants = constants or {}
        if many > BULK and not self.postgres:
            indexes = self._drop_indexes(model)
            self.cursor.execute(f"SELECT coalesce(max(id), 0) FROM {_table(model)}")
            before = self.cursor.fetchone()[0]
            # CHECK constraints are verified once, over the new rows, by one query below
            self.cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                done = self.insert(model, names, rows, label, constants=constants)
            finally:
                self.cursor.execute("PRAGMA ignore_check_constraints = OFF")
            _verify_checks(model, before)
            for sql in indexes:
                self.phase("indexing " + model._meta.db_table)
                self.cursor.execute(sql)
            return done
        table = _table(model)
        cols = ", ".join(_columns(model, [*names, *constants]))
        done = 0
        if self.postgres and many > BULK:
            rebuild = self._drop_pg_keys_and_indexes(model)
            done = self.insert(model, names, rows, label, constants=constants)
            for sql in rebuild:
                self.phase("indexing " + model._meta.db_table)
                self.cursor.execute(sql)
            return done
        if self.postgres:
            suffix = "".join("\t" + _copy_cell(v) for v in constants.values()) + "\n"
            iterator = iter(rows)
            with (
                connection.wrap_database_errors,
                self.cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy,
            ):
                while batch := list(islice(iterator, BATCH)):
                    # COPY text built here: psycopg's write_row costs several µs a row
                    copy.write("".join(["\t".join(map(_copy_cell, r)) + suffix for r in batch]))
                    done += len(batch)
                    self._tick(label, done)
            return done
        values = ["%s"] * len(names) + [_literal(v) for v in constants.values()]
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(values)})"
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            self.cursor.executemany(sql, batch)
            done += len(batch)
            self._tick(label, done)
        return done

    def update(self, model: Any, names: list[str], rows: Iterable[tuple], label: str = "") -> int:
        """Update rows given as (pk, *values in the order of `names`)."""
        sets = ", ".join(f"{c} = %s" for c in _columns(model, names))
        sql = f"UPDATE {_table(model)} SET {sets} WHERE id = %s"
        done = 0
        iterator = ((*r[1:], r[0]) for r in rows)
        while batch := list(islice(iterator, BATCH)):
            self.cursor.executemany(sql, batch)
            done += len(batch)
            self._tick(label, done)
        return done

    def delete_where(self, model: Any, column: str, values: list) -> None:
        """Delete the rows whose `column` is one of `values`."""
        col = _columns(model, [column])[0]
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            self.cursor.execute(
                f"DELETE FROM {_table(model)} WHERE {col} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )

    def _drop_indexes(self, model: Any) -> list[str]:
        """Drop the table's own indexes (not its constraints); return their CREATE statements."""
        self.cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [model._meta.db_table],
        )
        found = self.cursor.fetchall()
        for name, _ in found:
            self.cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return [sql for _, sql in found]

    def _drop_pg_keys_and_indexes(self, model: Any) -> list[str]:
        """Drop foreign keys and plain indexes of the table; return the SQL that rebuilds them.

        PostgreSQL checks deferred foreign keys one row at a time at commit (a million
        trigger calls); adding the key back checks all rows in one join. The table is locked
        for the rest of the import; the transaction restores everything if it fails.
        """
        quoted = _table(model)
        self.cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [quoted],
        )
        keys = self.cursor.fetchall()
        self.cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [quoted],
        )
        indexes = self.cursor.fetchall()
        # run the key checks queued by earlier inserts now: ALTER TABLE refuses pending ones
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for name, _ in keys:
            self.cursor.execute(
                f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
        for name, _ in indexes:
            self.cursor.execute(f"DROP INDEX {name}")
        return [sql for _, sql in indexes] + [
            f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            for name, definition in keys
        ]

    def ids(self, model: Any) -> dict[str, int]:
        """{ext id: pk} of every record of `model`."""
        self.cursor.execute(f"SELECT ext_id, id FROM {_table(model)}")
        return dict(self.cursor.fetchall())

    def phase(self, name: str) -> None:
        """Tell the progress display which step is running."""
        if self.progress is not None:
            self.progress.phase(name)

    def _tick(self, label: str, done: int) -> None:
        if self.progress is not None and label:
            self.progress.rows(label, done)


def apply_plan(plan: Plan, state: State, *, actor: Any, progress: Any = None) -> None:
    """Write every create and update of `plan` (the caller holds the transaction)."""
    from guanxi.core.models import Snapshot
    from guanxi.deals.models import Deal, DealCredit, DealRole
    from guanxi.people.models import Interaction, Organisation, Participation, Person, Tie

    st = state
    user_id = getattr(actor, "pk", None)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor, _big_cache(cursor):
        w = Writer(cursor, progress)
        today = w.date(timezone.localdate())

        # organisations: `own` last, so a kind moving from one organisation to another never
        # meets the one-own constraint halfway
        org_cols = ["name", "kind", "tier", "industry"]
        w.update(Organisation, org_cols, [r for r in plan.orgs_update if r[2] != "own"])
        w.insert(
            Organisation, ["ext_id", *org_cols], [r for r in plan.orgs_create if r[2] != "own"]
        )
        w.update(Organisation, org_cols, [r for r in plan.orgs_update if r[2] == "own"])
        w.insert(
            Organisation, ["ext_id", *org_cols], [r for r in plan.orgs_create if r[2] == "own"]
        )
        org_pk = w.ids(Organisation) if (plan.orgs_create or plan.org_parents) else dict(st.org_pk)
        w.update(
            Organisation,
            ["parent"],
            [(org_pk[ext], org_pk[parent] if parent else None) for ext, parent in plan.org_parents],
        )

        # people
        w.phase("writing people")
        # the columns derived from each name and title, as Person.save keeps them
        person_cols = ["organisation", *PERSON_FIELDS, *derived.COLUMNS]

        def kept(r: tuple[Any, ...]) -> tuple[Any, ...]:
            return (*r[2:], *derived.derived(r[NAME], r[TITLE]))

        w.insert(
            Person,
            ["ext_id", *person_cols],
            ((st.person_ext[r[0]], org_pk[r[1]], *kept(r)) for r in plan.people_create),
            "people.csv (writing)",
            len(plan.people_create),
        )
        w.update(Person, person_cols, ((r[0], org_pk[r[1]], *kept(r)) for r in plan.people_update))
        person_pk = st.person_pk
        if plan.people_create:
            index = st.person_index
            cursor.execute(f"SELECT ext_id, id FROM {_table(Person)}")
            for ext, pk in cursor.fetchall():
                person_pk[index[ext]] = pk

        # ties: reporting lines, then influence and relationships
        w.phase("writing ties")
        tie_cols = ["source", "target", "kind", "strength", "since", "notes"]
        imported = TieOrigin.IMPORTED.value
        stamp = {
            "origin": imported,
            "recorded_by": user_id,
            "recorded_at": now,
            "last_confirmed": today,
        }
        reports = TieKind.REPORTS_TO.value
        d = w.date
        w.update(
            Tie,
            ["target", "strength", "since", "notes", "last_confirmed"],
            (
                (pk, person_pk[m], strength, d(since), notes or "", today)
                for pk, m, strength, since, notes in plan.managers_update
            ),
        )
        manager_rows = (
            (person_pk[s], person_pk[m], reports, strength, d(since), notes or "")
            for s, m, strength, since, notes in plan.managers_create
        )
        w.insert(
            Tie,
            tie_cols,
            chain(manager_rows, _tie_rows(st, person_pk, d)),
            "ties.csv (writing)",
            len(st.tie_create) + len(plan.managers_create),
            stamp,
        )
        w.update(
            Tie,
            ["strength", "since", "notes", "last_confirmed"],
            (
                (pk, strength, d(since), notes, today)
                for pk, strength, since, notes in st.tie_update
            ),
            "ties.csv (updating)",
        )

        # interactions and their participants
        w.phase("writing interactions")
        w.insert(
            Interaction,
            ["ext_id", "date", "kind", "notes", "recorded_by"],
            (
                (ext, d(date), kind, notes, user_id)
                for ext, date, kind, notes, _ in plan.interactions_create
            ),
        )
        w.update(
            Interaction,
            ["date", "kind", "notes"],
            ((pk, d(date), kind, notes) for pk, date, kind, notes, _ in plan.interactions_update),
        )
        changed = [
            (pk, people) for pk, *_, people in plan.interactions_update if people is not None
        ]
        w.delete_where(Participation, "interaction", [pk for pk, _ in changed])
        if plan.interactions_create:
            interaction_pk = w.ids(Interaction)
            changed += [(interaction_pk[r[0]], r[4]) for r in plan.interactions_create]
        w.insert(
            Participation,
            ["interaction", "person", "position"],
            ((pk, person_pk[p], i) for pk, people in changed for i, p in enumerate(people)),
        )

        # deals and the competitors in play
        w.phase("writing deals")
        deal_cols = [
            "organisation",
            "name",
            "stage",
            "status",
            "amount",
            "currency",
            "close_date",
            "owner",
        ]

        def deal_row(r: tuple) -> tuple:
            owner = person_pk[r[8]] if r[8] is not None else None
            return (r[0], org_pk[r[1]], *r[2:5], _amount(r[5], w), r[6], d(r[7]), owner)

        w.insert(Deal, ["ext_id", *deal_cols], (deal_row(r) for r in plan.deals_create))
        w.update(Deal, deal_cols, (deal_row(r) for r in plan.deals_update))
        through = Deal.competitors.through
        changed = [(r[0], r[-1]) for r in plan.deals_update if r[-1] is not None]
        w.delete_where(through, "deal", [pk for pk, _ in changed])
        deal_pk = w.ids(Deal) if plan.deals_create or plan.roles_create else {}
        changed += [(deal_pk[r[0]], r[-1]) for r in plan.deals_create]
        w.insert(
            through,
            ["deal", "organisation"],
            ((pk, org_pk[c]) for pk, competitors in changed for c in sorted(competitors)),
        )

        # decision roles and snapshots
        w.phase("writing roles and snapshots")
        role_cols = ["attitude", "contact_level", "personality", "notes", "competitors_checked"]
        w.insert(
            DealRole,
            ["deal", "person", "role", *role_cols],
            ((deal_pk[r[0]], person_pk[r[1]], *r[2:]) for r in plan.roles_create),
        )
        w.update(DealRole, role_cols, plan.roles_update)
        if plan.credits:
            # v2: credit recorded at the win, carried by the files: it replaces what is stored
            deal_pk = deal_pk or w.ids(Deal)
            w.delete_where(DealCredit, "deal", [deal_pk[deal] for deal, _ in plan.credits])
            w.insert(
                DealCredit,
                ["deal", "person", "share", "recorded_at"],
                (
                    (deal_pk[deal], person_pk[p], share, now)
                    for deal, shares in plan.credits
                    for p, share in shares
                ),
            )
            w.update(Deal, ["credit_recorded_at"], ((deal_pk[d], now) for d, _ in plan.credits))
        w.insert(
            Snapshot,
            ["date", "subject_id", "metric", "value"],
            ((d(r[0]), *r[1:]) for r in plan.snapshots_create),
        )
        w.update(Snapshot, ["value"], plan.snapshots_update)


@contextmanager
def _big_cache(cursor: Any) -> Iterator[None]:
    """On SQLite, a page cache big enough for the tie indexes while a bulk write runs (on
    PostgreSQL, sort memory for the index rebuilds).

    With the default 2 MB cache, a million inserts in index order thrash the disk and take
    ten times longer.
    """
    if connection.vendor == "postgresql":
        # Index and foreign-key rebuilds sort the whole table: give this transaction's sorts
        # memory instead of spilling to disk (SET LOCAL ends with the transaction).
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        yield
        return
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    before = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _amount(value: Any, w: Writer) -> Any:
    return value if value is None or w.postgres else str(value)


def _verify_checks(model: Any, after_pk: int) -> None:
    """Raise IntegrityError if a row inserted after `after_pk` breaks a check constraint.

    One scan of the new rows in place of evaluating every constraint on every insert, and
    taken from the model, so a constraint added later is verified too.
    """
    checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
    if not checks:
        return
    every = Q()
    for check in checks:
        every &= check.condition
    bad = model.objects.filter(pk__gt=after_pk).exclude(every).values_list("pk", flat=True)[:1]
    if bad:
        failed = model.objects.filter(pk=bad[0])
        reasons = [
            str(c.violation_error_message)
            for c in checks
            if not failed.filter(c.condition).exists()
        ]
        raise IntegrityError("; ".join(reasons) or gettext("a check constraint failed"))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_cell(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value.__class__ is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_COPY_ESCAPES)
        return value
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _literal(value: Any) -> str:
    """An SQL literal of one of our own constants (a number, text, or None)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(int(value) if isinstance(value, bool) else value)
    return "'" + str(value).replace("'", "''") + "'"


def _tie_rows(st: State, person_pk: list, d: Any) -> Iterator[tuple]:
    """Rows of the new influence and relationship ties (a relationship: low pk first)."""
    kind_name = KIND_NAME
    for s, t, code, strength, since, notes in st.tie_create:
        sp, tp = person_pk[s], person_pk[t]
        if code == REL and sp > tp:
            sp, tp = tp, sp
        yield (sp, tp, kind_name[code], strength, d(since) if since else None, notes)
