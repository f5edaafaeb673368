"""Small vectorised helpers: group-by reductions, CSR gathers and id-stable orderings."""

from __future__ import annotations

import numpy as np

TIE_DECIMALS = 9
"""Values equal to 9 decimals count as equal, so their order falls back to ids."""


HALF_UNIT = 0.5 * 10.0**-TIE_DECIMALS


def tie_round(values: np.ndarray | float) -> np.ndarray:
    """Values rounded so that floating noise does not decide an order."""
    return np.round(np.asarray(values, dtype=np.float64), TIE_DECIMALS)


def at_least(values: np.ndarray | float, threshold: float) -> np.ndarray:
    """values >= threshold, where a value equal to it to 9 decimals counts as reaching it
    (so 0.49999999999 from one computation and 0.5 from another agree)."""
    return np.asarray(values) >= threshold - HALF_UNIT


def order_desc(values: np.ndarray, index: np.ndarray | None = None) -> np.ndarray:
    """Positions ordering values descending, equal values by ascending index (= id order)."""
    values = np.asarray(values, dtype=np.float64)
    if index is None:
        index = np.arange(len(values))
    return np.lexsort((index, -tie_round(values)))


def group_max(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique sorted keys and the maximum value of each (parallel ties keep the strongest)."""
    keys = np.asarray(keys, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    if keys.size == 0:
        return keys, values
    small = (
        keys.min() >= 0
        and keys.max() < (1 << 55)
        and values.min() >= 0
        and values.max() <= 127
        and np.all(values == np.floor(values))
    )
    if small:
        # One packed sort is much faster than an argsort carrying the values along.
        packed = np.sort((keys << 7) | values.astype(np.int64))
        ukeys = packed >> 7
        last = np.flatnonzero(np.r_[ukeys[1:] != ukeys[:-1], True])
        return ukeys[last], (packed[last] & 127).astype(np.float64)
    order = np.lexsort((values, keys))
    skeys, svalues = keys[order], values[order]
    last = np.flatnonzero(np.r_[skeys[1:] != skeys[:-1], True])
    return skeys[last], svalues[last]


def group_sum(
    keys: np.ndarray, values: np.ndarray, *, canonical: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Unique sorted keys and the sum of the values of each. `canonical` adds each key's
    values in ascending order, so a sum depends only on its values, not on where they stood
    in the input (a model updated in place then equals one built afresh to the last bit)."""
    keys = np.asarray(keys, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    if keys.size == 0:
        return keys, values
    # stable: equal keys add up in input order, so a subset of rows sums as the whole does
    order = np.lexsort((values, keys)) if canonical else np.argsort(keys, kind="stable")
    skeys = keys[order]
    first = np.flatnonzero(np.r_[True, skeys[1:] != skeys[:-1]])
    return skeys[first], np.add.reduceat(values[order], first)


def unique_sorted(keys: np.ndarray) -> np.ndarray:
    """Sorted unique values (np.unique without its slow paths)."""
    s = np.sort(np.asarray(keys))
    if s.size == 0:
        return s
    return s[np.r_[True, s[1:] != s[:-1]]]


def splice(
    old: tuple[np.ndarray, ...], drop: np.ndarray, at: np.ndarray, new: tuple[np.ndarray, ...]
) -> tuple[np.ndarray, ...]:
    """Columns with the rows at positions `drop` (ascending) removed and the `new` rows put
    in, new row i just before old row at[i] (`at` ascending, len(old) for the end): one
    copy of each column, not the several a boolean mask and `np.insert` take.

    >>> splice((np.array([1, 2, 3, 4]),), np.array([1]), np.array([0, 3]), (np.array([0, 9]),))
    (array([0, 1, 3, 9, 4]),)
    """
    # cut the old rows at every dropped row and every insertion point, in position order
    # (an insertion before a dropped row goes first: the row it replaces leaves)
    ins = np.asarray(at, dtype=np.int64)
    drop = np.asarray(drop, dtype=np.int64)
    where = np.r_[ins, drop]
    kind = np.r_[np.zeros(len(ins), dtype=np.int8), np.ones(len(drop), dtype=np.int8)]
    order = np.lexsort((kind, where))
    plan: list[tuple[int, int, bool]] = []  # (start, stop, from new)
    pos, i = 0, 0
    for w, k in zip(where[order].tolist(), kind[order].tolist(), strict=True):
        if w > pos:
            plan.append((pos, w, False))
            pos = w
        if k == 0:
            if plan and plan[-1][2] and plan[-1][1] == i:
                plan[-1] = (plan[-1][0], i + 1, True)
            else:
                plan.append((i, i + 1, True))
            i += 1
        else:
            pos = w + 1
    n = len(old[0]) if old else 0
    if pos < n:
        plan.append((pos, n, False))
    columns = []
    for oc, c in zip(old, new, strict=True):
        nc = np.asarray(c, dtype=oc.dtype)
        pieces = [(nc if fresh else oc)[a:b] for a, b, fresh in plan]
        columns.append(np.concatenate(pieces) if pieces else oc[:0].copy())
    return tuple(columns)
