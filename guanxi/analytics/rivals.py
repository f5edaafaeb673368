"""Competitors at one customer account: each competitor's account closeness score S_k(O),
the same formula as ours (MODEL.md: Σ W(p)·C_k(p) / Σ W(p) over O's active people).

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None),
...           (3, "rival", "competitor", None)],
...     people=[(10, "ceo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True),
...             (30, "rex", 3, "active", None, False, False)],
...     ties=[(20, 10, "relationship", 80), (30, 10, "relationship", 50)],
...     today=dt.date(2025, 1, 1))
>>> rival_scores(ws, "acme", ["rival"])
{'rival': 50.0}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .scores import account_scores, side_scores

if TYPE_CHECKING:
    from .graph import Workspace


def rival_scores(ws: Workspace, account_id: str, competitor_ids: Iterable[str]) -> dict[str, float]:
    """S_k(O) of each competitor k (by id) at the customer `account_id`."""
    org = ws.org_of_id(account_id)
    out = {}
    for cid in competitor_ids:
        scores = account_scores(ws, side_scores(ws, ws.org_of_id(cid)))
        out[cid] = float(scores[org])
    return out
