"""Read the whole workspace from the database as the plain rows the analytics engine takes.

Raw SQL, not the ORM: a million ties must load in well under a second. Kinds are turned into
codes in SQL so Python never touches a million strings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db import connection

from guanxi.analytics.data import TieArrays
from guanxi.scoring.rowformat import WorkspaceRows

TIE_SQL = (
    "SELECT source_id, target_id, "
    "CASE kind WHEN 'reports_to' THEN 0 WHEN 'influence' THEN 1 ELSE 2 END, "
    "COALESCE(strength, -1) FROM people_tie"
)


PERSON_SQL = (
    'SELECT id, ext_id, organisation_id, status, power, "key", is_sales, name FROM people_person'
)


def person_rows(cursor: Any) -> list[tuple[Any, ...]]:
    """The rows of a PERSON_SQL query the cursor has just run, as the engine takes them."""
    return [(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7]) for r in cursor.fetchall()]


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def tie_columns(cursor: Any) -> TieArrays:
    """Columns of the ties query the cursor has just run, read in large chunks."""
    chunks = []
    while True:
        rows = cursor.fetchmany(200_000)
        if not rows:
            break
        chunks.append(np.array(rows, dtype=np.int64))
    table = np.concatenate(chunks) if chunks else np.zeros((0, 4), dtype=np.int64)
    strength = table[:, 3].astype(np.float64)
    strength[strength < 0] = np.nan
    return TieArrays(table[:, 0], table[:, 1], table[:, 2].astype(np.int8), strength)


def load_rows(*, until: dt.date | None = None) -> WorkspaceRows:
    """The workspace as engine rows; with `until`, only ties recorded as existing by then
    (`since` empty or ≤ until) and interactions on or before it (for snapshots of past dates)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, ext_id, kind, NULLIF(tier, ''), name FROM people_organisation")
        orgs = [tuple(r) for r in cursor.fetchall()]
        cursor.execute(PERSON_SQL + " ORDER BY ext_id")
        people = person_rows(cursor)
        if until is None:
            cursor.execute(TIE_SQL)
            ties = tie_columns(cursor)
            cursor.execute("SELECT id, date, kind FROM people_interaction")
        else:
            cursor.execute(TIE_SQL + " WHERE since IS NULL OR since <= %s", [until])
            ties = tie_columns(cursor)
            cursor.execute(
                "SELECT id, date, kind FROM people_interaction WHERE date <= %s", [until]
            )
        interactions = [(r[0], as_date(r[1]), r[2]) for r in cursor.fetchall()]
        cursor.execute("SELECT interaction_id, person_id FROM people_participation")
        participants = [tuple(r) for r in cursor.fetchall()]
        deals, roles, credits = deal_rows(cursor)
    return WorkspaceRows(orgs, people, ties, interactions, participants, deals, roles, credits)


def deal_rows(
    cursor: Any,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every deal (with its competitors in play), deal role and recorded credit share."""
    cursor.execute("SELECT deal_id, organisation_id FROM deals_deal_competitors")
    competitors: dict[int, list[int]] = {}
    for deal_id, org_id in cursor.fetchall():
        competitors.setdefault(deal_id, []).append(org_id)
    cursor.execute(
        "SELECT id, ext_id, organisation_id, status, amount, name, "
        "credit_recorded_at IS NOT NULL FROM deals_deal"
    )
    deals = [
        (
            r[0],
            r[1],
            r[2],
            r[3],
            None if r[4] is None else float(r[4]),
            tuple(sorted(competitors.get(r[0], ()))),
            r[5],
            bool(r[6]),
        )
        for r in cursor.fetchall()
    ]
    cursor.execute(
        "SELECT deal_id, person_id, role, attitude, contact_level, competitors_checked "
        "FROM deals_dealrole"
    )
    roles = [(*r[:5], bool(r[5])) for r in cursor.fetchall()]
    cursor.execute("SELECT deal_id, person_id, share FROM deals_dealcredit")
    credits = [(r[0], r[1], float(r[2])) for r in cursor.fetchall()]
    return deals, roles, credits
