"""A warm model brought up to a newer data version by reading only what changed.

The change log (core.DataChange) says, version by version, which people a write touched.
This module reads the fresh rows about them (their person rows, their ties, the
interactions they took part in, and the deals when those moved) and hands them to
`guanxi.analytics.incremental.apply_delta`. Whenever that cannot be done exactly — a gap in
the log, a full change, too many people, a person deleted — it answers None and the caller
builds afresh.

Reads are not one snapshot: a write committed while they run may show up early for the
people both touch. The next update re-reads those people at the newer version, so a model
is never wrong for longer than until the next version.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import connection

from guanxi.analytics import Workspace
from guanxi.analytics.incremental import Delta, apply_delta
from guanxi.core.changes import Change
from guanxi.core.models import DataChange
from guanxi.scoring.loader import (
    PERSON_SQL,
    TIE_SQL,
    as_date,
    deal_rows,
    person_rows,
    tie_columns,
)

#: more touched people than this and a fresh build is cheaper than reading them one by one
MOST_PEOPLE = 2000


def changes_between(since: int, until: int) -> Change | None:
    """Everything versions since+1 … until changed (None: a gap in the log, or a change
    only a fresh build can follow)."""
    rows = list(
        DataChange.objects.filter(version__gt=since, version__lte=until).values_list(
            "people", "deals", "full"
        )
    )
    if len(rows) != until - since:
        return None
    people: set[int] = set()
    deals = False
    for keys, moved_deals, full in rows:
        if full:
            return None
        people.update(int(k) for k in keys)
        deals = deals or moved_deals
    return Change(frozenset(people), deals)


def read_delta(ws: Workspace, change: Change) -> Delta | None:
    """The fresh rows about the people of `change` (None when a fresh build must do)."""
    keys = sorted(change.people)
    if len(keys) > MOST_PEOPLE:
        return None
    marks = ", ".join(["%s"] * len(keys)) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(f"{PERSON_SQL} WHERE id IN ({marks})", keys)
        people = person_rows(cursor)
        if len(people) != len(keys):
            return None  # someone was deleted
        cursor.execute(
            f"{TIE_SQL} WHERE source_id IN ({marks}) OR target_id IN ({marks})", keys * 2
        )
        ties = tie_columns(cursor)
        theirs = f"SELECT interaction_id FROM people_participation WHERE person_id IN ({marks})"
        cursor.execute(
            f"SELECT id, date, kind FROM people_interaction WHERE id IN ({theirs})", keys
        )
        interactions = [(r[0], as_date(r[1]), r[2]) for r in cursor.fetchall()]
        cursor.execute(
            "SELECT interaction_id, person_id FROM people_participation "
            f"WHERE interaction_id IN ({theirs})",
            keys,
        )
        participants = [tuple(r) for r in cursor.fetchall()]
        deals: Any = None
        if change.deals or _joined_or_left(ws, people):
            deals = deal_rows(cursor)
    return Delta(people, ties, interactions, participants, deals)


def _joined_or_left(ws: Workspace, people: list[tuple[Any, ...]]) -> bool:
    """Whether one of these people left or came back (their deal roles count or stop)."""
    idx = ws.person_key(np.array([r[0] for r in people], dtype=np.int64))
    return any(
        i < 0 or bool(ws.active[i]) != (r[3] != "left")
        for i, r in zip(idx.tolist(), people, strict=True)
    )


def brought_up_to_date(ws: Workspace, since: int, until: int) -> Workspace | None:
    """The warm model of version `since` brought to version `until` (None: build afresh)."""
    change = changes_between(since, until)
    if change is None:
        return None
    if not change.people and not change.deals:
        return ws  # the writes touched nothing the engine reads
    delta = read_delta(ws, change)
    return None if delta is None else apply_delta(ws, delta)
