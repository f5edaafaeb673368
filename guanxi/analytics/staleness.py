"""Last contact of each relationship and whether a declared one has gone stale.

The last contact of a pair is the later of its latest shared interaction (up to today) and
the last time the relationship was confirmed. A declared relationship is stale when that is
more than `stale_after_days` ago, or when there was never either.

>>> import datetime as dt
>>> today = dt.date(2026, 1, 1)
>>> last = last_contacts([("a", "b", None)], [(dt.date(2025, 3, 1), ("a", "b", "c"))], today)
>>> last[("a", "b")]
datetime.date(2025, 3, 1)
>>> is_stale(last[("a", "b")], today, 365)
False
>>> is_stale(None, today, 365)
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import combinations

Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def last_contacts(
    ties: Iterable[tuple[str, str, dt.date | None]],
    interactions: Iterable[tuple[dt.date, Iterable[str]]],
    today: dt.date,
) -> dict[Pair, dt.date | None]:
    """{(a, b) with a <= b: last contact} for each (a, b, last_confirmed) relationship, given
    interactions as (date, participants); interactions after `today` are plans, not contact."""
    last: dict[Pair, dt.date | None] = {}
    for a, b, confirmed in ties:
        key = _pair(a, b)
        previous = last.get(key)
        last[key] = max(d for d in (previous, confirmed) if d) if (previous or confirmed) else None
    for date, people in interactions:
        if date > today:
            continue
        for a, b in combinations(sorted(set(people)), 2):
            if (a, b) in last:
                current = last[(a, b)]
                if current is None or date > current:
                    last[(a, b)] = date
    return last


def is_stale(last_contact: dt.date | None, today: dt.date, stale_after_days: float) -> bool:
    """True when there was no contact, or the last one is more than `stale_after_days` ago."""
    return last_contact is None or (today - last_contact).days > stale_after_days
