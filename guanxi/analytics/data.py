"""Plain input records of the analytics engine and their conversion to numpy columns.

The database layer feeds the engine tuples exactly as `values_list` yields them:

- orgs:         (key, id, kind, tier[, name])                 kind: customer/own/competitor/partner
- people:       (key, id, org_key, status, power, is_key, is_sales[, name])
- ties:         (source_key, target_key, kind, strength)      or a `TieArrays` of columns
- interactions: (interaction_key, date, kind);  participants: (interaction_key, person_key)
- deals:        (key, id, org_key, status, amount, competitor_org_keys[, name[, recorded]])
- roles:        (deal_key, person_key, role, attitude, contact_level[, competitors_checked])
- credits:      (deal_key, person_key, share)                 credit recorded at the win (v2)

`recorded` says the deal's credit was recorded when it became won: its shares are the credit
rows (none: nobody was credited). A won deal without a record is credited from the workspace
as it stands (what recording it now would store).

The optional trailing `name` of orgs and people is an addition to the brief's contract: views
show it and fall back to the id when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from .settings import ScoringSettings

REPORTS_TO, INFLUENCE, RELATIONSHIP = 0, 1, 2
TIE_KINDS: dict[str, int] = {
    "reports_to": REPORTS_TO,
    "influence": INFLUENCE,
    "relationship": RELATIONSHIP,
}
TIE_KIND_NAMES: tuple[str, ...] = ("reports_to", "influence", "relationship")

CUSTOMER, OWN, COMPETITOR, PARTNER = 0, 1, 2, 3
ORG_KINDS: dict[str, int] = {
    "customer": CUSTOMER,
    "own": OWN,
    "competitor": COMPETITOR,
    "partner": PARTNER,
}


class TieArrays(NamedTuple):
    """Columnar ties: person keys, kind codes (0 reports_to, 1 influence, 2 relationship) and
    strengths (NaN where not set); the fast way to pass a million ties."""

    source: np.ndarray
    target: np.ndarray
    kind: np.ndarray
    strength: np.ndarray


def tie_arrays(ties: TieArrays | Iterable[Sequence[Any]], settings: ScoringSettings) -> TieArrays:
    """Ties as columns, from rows (kind as a word or a code, strength as a number, a word
    or None) or from arrays already in that form."""
    if isinstance(ties, TieArrays):
        return TieArrays(
            np.asarray(ties.source, dtype=np.int64),
            np.asarray(ties.target, dtype=np.int64),
            np.asarray(ties.kind, dtype=np.int8),
            np.asarray(ties.strength, dtype=np.float64),
        )
    rows = list(ties)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return TieArrays(empty, empty, empty.astype(np.int8), empty.astype(np.float64))
    src, dst, kind, strength = zip(*rows, strict=True)
    kinds = np.fromiter(
        (TIE_KINDS[k] if isinstance(k, str) else int(k) for k in kind), np.int8, len(rows)
    )
    if all(isinstance(v, int | float) for v in strength):
        values = np.asarray(strength, dtype=np.float64)
    else:
        values = np.array(
            [np.nan if (v := settings.strength_value(s)) is None else v for s in strength],
            dtype=np.float64,
        )
    return TieArrays(
        np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64), kinds, values
    )


class PeopleColumns(NamedTuple):
    """People as columns, the fast way to pass a hundred thousand people: database keys,
    ids, organisation keys, left flags, power overrides (NaN where none), key and sales
    flags, and names (same order in every column)."""

    key: np.ndarray
    ids: list[str]
    org: np.ndarray
    left: np.ndarray
    power: np.ndarray
    is_key: np.ndarray
    is_sales: np.ndarray
    names: list[str]

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]]) -> PeopleColumns:
        """Columns of people rows (key, id, org_key, status, power, is_key, is_sales[, name])."""
        return cls(
            key=np.array([r[0] for r in rows], dtype=np.int64),
            ids=[str(r[1]) for r in rows],
            org=np.array([r[2] for r in rows], dtype=np.int64),
            left=np.array([r[3] == "left" for r in rows], dtype=bool),
            power=np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=np.float64),
            is_key=np.array([bool(r[5]) for r in rows], dtype=bool),
            is_sales=np.array([bool(r[6]) for r in rows], dtype=bool),
            names=[str(r[7]) if len(r) > 7 and r[7] is not None else str(r[1]) for r in rows],
        )


class KeyIndex:
    """Maps the database's integer keys to the engine's indices (-1 for an unknown key)."""

    def __init__(self, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        self.keys = keys
        self.size = len(keys)
        self._dense: np.ndarray | None = None
        if self.size and keys.min() >= 0 and keys.max() < 4 * self.size + 1024:
            dense = np.full(int(keys.max()) + 1, -1, dtype=np.int64)
            dense[keys] = np.arange(self.size)
            self._dense = dense
        else:
            self._order = np.argsort(keys, kind="stable")
            self._sorted = keys[self._order]

    def __call__(self, keys: Any) -> np.ndarray:
        """Indices of an array of keys."""
        keys = np.asarray(keys, dtype=np.int64)
        if self.size == 0:
            return np.full(keys.shape, -1, dtype=np.int64)
        if self._dense is not None:
            if keys.size and keys.min() >= 0 and keys.max() < len(self._dense):
                return self._dense[keys]  # every key in range: one gather
            inside = (keys >= 0) & (keys < len(self._dense))
            out = np.full(keys.shape, -1, dtype=np.int64)
            out[inside] = self._dense[keys[inside]]
            return out
        pos = np.searchsorted(self._sorted, keys)
        pos = np.minimum(pos, self.size - 1)
        found = self._sorted[pos] == keys
        return np.where(found, self._order[pos], -1)

    def one(self, key: int) -> int:
        """Index of one key (-1 if unknown)."""
        return int(self(np.array([key]))[0])


def id_order(ids: Sequence[str]) -> np.ndarray:
    """Permutation that sorts ids as strings: the engine numbers everything in id order, so
    "equal values ordered by id" is simply "ordered by index"."""
    return np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)
