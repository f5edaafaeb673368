"""What a write changed for the analysis model: the people it touched, or a fresh build.

Each record whose table the analysis engine reads says what its write touches
(`analysis_change`); the data version it bumps is logged with it (core.DataChange), so a
server worker brings its warm model up to date by recomputing only what those people reach
(guanxi.scoring.delta) instead of reading every row again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """People (database keys) whose fields, ties or interactions changed; whether deals,
    roles or credit changed; or `full`: only a fresh build can follow."""

    people: frozenset[int] = frozenset()
    deals: bool = False
    full: bool = False

    def __or__(self, other: Change) -> Change:
        return Change(
            self.people | other.people, self.deals or other.deals, self.full or other.full
        )


NOTHING = Change()
FULL = Change(full=True)
DEALS = Change(deals=True)


def of_people(keys: Iterable[Any]) -> Change:
    """A change touching these people (database keys; None ignored)."""
    return Change(people=frozenset(int(k) for k in keys if k is not None))


def change_of(
    obj: Any, *, stored: Any = None, deleting: bool = False, related: Iterable[str] = ()
) -> Change:
    """What writing `obj` changes for the model (NOTHING for records the engine never
    reads). `stored` is the record as it was before (None when new); `related` the ids of
    a many-to-many list before and after."""
    hook = getattr(obj, "analysis_change", None)
    if hook is None:
        return NOTHING
    return hook(stored=stored, deleting=deleting, related=tuple(related))
