"""Staleness wherever a relationship is shown: each declared relationship's last contact,
whether it is stale, and whether the user may reconfirm it; people's last contact for lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guanxi.access.permissions import CHANGE, restrict, scope_of, unrestricted
from guanxi.connectors import staleness
from guanxi.people.models import Person, Tie


@dataclass(frozen=True)
class Mark:
    """What a page shows next to a relationship: last contact, stale, may reconfirm."""

    tie_id: int
    last_contact: dt.date | None
    stale: bool
    may_reconfirm: bool
    days: int


def _marks(user: Any, rows: list[staleness.Freshness]) -> dict[tuple[str, str], Mark]:
    days = staleness.stale_after_days()
    writable: set[int] = set()
    if rows and scope_of(user).writes:
        ids = [r.tie_id for r in rows]
        if unrestricted(user, Tie, CHANGE):  # no second query for what all may change
            writable = set(ids)
        else:
            ties = restrict(user, Tie.objects.filter(pk__in=ids), CHANGE)
            writable = set(ties.values_list("pk", flat=True))
    return {
        _key(r.source_id, r.target_id): Mark(
            r.tie_id, r.last_contact, r.stale, r.tie_id in writable, days
        )
        for r in rows
    }


def relationship_marks(user: Any, people: Iterable[str]) -> dict[tuple[str, str], Mark]:
    """{(id, id) sorted: Mark} for every declared relationship of `people` the user may see."""
    return _marks(user, staleness.relationship_freshness(user, people=list(people)))


def marks_with(user: Any, person: str, others: Iterable[str]) -> dict[tuple[str, str], Mark]:
    """The marks of `person`'s relationships with each of `others` the user may see: the
    declared ones' (stale or not), and the last contact alone of ties known from
    interactions only (which cannot go stale: nothing was declared)."""
    marks = relationship_marks(user, [person])
    seen = restrict(user, Person.objects.filter(ext_id__in=list(others)))
    rest = [(person, o) for o in seen.values_list("ext_id", flat=True)]
    rest = [p for p in rest if mark_for(marks, *p) is None]
    days = staleness.stale_after_days()
    for (a, b), date in staleness.pairs_last_contact(rest).items():
        marks[(a, b)] = Mark(0, date, False, False, days)
    return marks


def account_marks(
    user: Any, account: str, rows: list[tuple[staleness.Freshness, Mark]] | None = None
) -> dict[tuple[str, str], Mark]:
    """{(id, id) sorted: Mark} for the declared relationships with one account's people (from
    `account_relationships`' rows when the page has them already)."""
    if rows is not None:
        return {_key(r.source_id, r.target_id): mark for r, mark in rows}
    return _marks(user, staleness.relationship_freshness(user, account=account))


def account_relationships(user: Any, account: str) -> list[tuple[staleness.Freshness, Mark]]:
    """The declared relationships with the people of one account the user may see, the
    stalest first, each with its mark."""
    rows = staleness.relationship_freshness(user, account=account)
    marks = _marks(user, rows)
    return [(r, marks[_key(r.source_id, r.target_id)]) for r in rows]


def last_contact_of(user: Any, people: Iterable[str]) -> dict[str, dt.date | None]:
    """{person id: last contact across the line} for those of `people` the user may see."""
    wanted = list(people)
    ids = set(
        restrict(user, Person.objects.filter(ext_id__in=wanted)).values_list("ext_id", flat=True)
    )
    if scope_of(user).company_numbers:  # the employee list: our people, for every such role
        own = Person.objects.filter(ext_id__in=wanted, organisation__kind="own")
        ids |= set(own.values_list("ext_id", flat=True))
    return staleness.people_last_contact(ids)


def mark_for(marks: dict[tuple[str, str], Mark], a: str, b: str) -> Mark | None:
    """The mark of the relationship between people `a` and `b`, if declared."""
    return marks.get(_key(a, b))


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
