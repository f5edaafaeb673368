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
