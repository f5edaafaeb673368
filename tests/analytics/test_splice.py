"""`splice` (the updates' one-copy merge of a few rows into sorted columns) gives what
deleting and inserting with numpy gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from guanxi.analytics._arrays import splice


@st.composite
def edits(draw):
    old = np.array(sorted(draw(st.lists(st.integers(0, 50), max_size=30))), dtype=np.int64)
    drop = np.array(sorted(draw(st.sets(st.integers(0, max(len(old) - 1, 0))))), dtype=np.int64)
    drop = drop[drop < len(old)]
    new = np.array(sorted(draw(st.lists(st.integers(0, 50), max_size=8))), dtype=np.int64)
    return old, drop, new


@given(edits())
def test_splice_equals_delete_then_insert(edit):
    # given sorted rows, some to drop, and new rows to put in key order
    old, drop, new = edit
    kept = np.delete(old, drop)
    # when the new rows are spliced in before the first old row not smaller than them
    at = np.searchsorted(old, new)
    got_keys, got_values = splice((old, old * 10.0), drop, at, (new, new * 10.0))
    # then the keys are the kept and new ones in order, and every column moved with its key
    want = np.sort(np.r_[kept, new], kind="stable")
    assert got_keys.tolist() == want.tolist()
    assert got_values.tolist() == (want * 10.0).tolist()
    assert got_keys.dtype == old.dtype and got_values.dtype == np.float64
