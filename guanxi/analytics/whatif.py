"""What-if: the account scores and deal odds if some relationships existed at given strengths.

Each hypothetical tie (a, b, s) makes the pair's effective strength max(current, s); nothing
in the workspace changes. Only the accounts the ties touch are recomputed: their influence
(PageRank) when a tie joins two of their own people, and the closeness of the people a tie
reaches from our side (or a competitor's, for the deal's odds). Power never moves, since a
relationship is not a reporting line.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(20, 10, "relationship", 30)], today=dt.date(2025, 1, 1))
>>> what_if(ws, [("ann", "ceo", 80)])["accounts"]
[{'id': 'acme', 'name': 'acme', 'before': 30.0, 'after': 80.0}]

Interpretations: a tie to or from a person who has left, or from a person to themselves, is
refused (it could not count); a pair given twice keeps the larger strength; accounts are the
customers whose active people appear in the ties, listed by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import group_max
from .data import CUSTOMER
from .deals import win_odds
from .scores import influence_scores, role_weights, side_scores

if TYPE_CHECKING:
    from .graph import Workspace


class WhatIfError(ValueError):
    """A hypothetical tie that cannot be evaluated; `field` names the offending input."""

    def __init__(self, message: str, *, field: str = "ties") -> None:
        super().__init__(message)
        self.field = field


def _pair_order(ws: Workspace) -> tuple[np.ndarray, np.ndarray]:
    """Relationship pair keys (a * n + b, a < b) sorted, with their row positions."""

    def make() -> tuple[np.ndarray, np.ndarray]:
        n = len(ws.person_ids)
        keys = ws.rel_a.astype(np.int64) * n + ws.rel_b
        order = np.argsort(keys, kind="stable")
        return keys[order], order

    return ws.cached("whatif_pairs", make)


def current_strength(ws: Workspace, a: int, b: int) -> tuple[float, int]:
    """Effective strength of the relationship a-b and its row (-1 when there is none)."""
    n = len(ws.person_ids)
    keys, order = _pair_order(ws)
    key = min(a, b) * n + max(a, b)
    pos = int(np.searchsorted(keys, key))
    if pos < len(keys) and keys[pos] == key:
        row = int(order[pos])
        return float(ws.rel_s[row]), row
    return 0.0, -1


def resolve_ties(ws: Workspace, ties: Iterable[Sequence[Any]]) -> dict[tuple[int, int], float]:
    """Hypothetical ties as {(a, b) with a < b: strength}, checked (WhatIfError otherwise)."""
    out: dict[tuple[int, int], float] = {}
    for i, tie in enumerate(ties, start=1):
        if len(tie) != 3:
            raise WhatIfError(f"tie {i}: expected source, target and strength")
        source, target, strength = tie
        ends = []
        for label, pid in (("source", source), ("target", target)):
            try:
                p = ws.person_of_id(str(pid))
            except KeyError:
                raise WhatIfError(f"tie {i}: no person with id '{pid}'", field=label) from None
            if not ws.active[p]:
                raise WhatIfError(f"tie {i}: '{pid}' has left", field=label)
            ends.append(p)
        if ends[0] == ends[1]:
            raise WhatIfError(f"tie {i}: a person cannot have a relationship with themselves")
        try:
            value = float(ws.settings.strength_value(strength))
        except (TypeError, ValueError, KeyError):
            raise WhatIfError(
                f"tie {i}: strength '{strength}' is not a number", field="strength"
            ) from None
        if not 0.0 <= value <= 100.0:
            raise WhatIfError(f"tie {i}: strength must be between 0 and 100", field="strength")
        pair = (min(ends), max(ends))
        out[pair] = max(out.get(pair, 0.0), value)
    if not out:
        raise WhatIfError("give at least one tie")
    return out


def _changes(
    ws: Workspace, pairs: dict[tuple[int, int], float]
) -> list[tuple[int, int, float, float]]:
    """(a, b, old, new) for every pair whose effective strength the ties raise."""
    out = []
    for (a, b), value in sorted(pairs.items()):
        old, _row = current_strength(ws, a, b)
        if value > old:
            out.append((a, b, old, value))
    return out


def side_closeness_after(
    ws: Workspace, side: int, changes: list[tuple[int, int, float, float]]
) -> dict[int, float]:
    """C_side(p) after the changes, for every person p the changes reach from `side`."""
    scores = side_scores(ws, side)
    org = ws.person_org
    logsum: dict[int, float] = {}
    full: dict[int, int] = {}
    for a, b, old, new in changes:
        for e, p in ((a, b), (b, a)):
            if org[e] != side or org[p] == side:
                continue
            ls = logsum.get(p, float(scores.logsum[p]))
            count = full.get(p, int(scores.full[p]))
            ls, count = _drop(ls, count, old)  # an absent tie counts as 0: no change
            ls, count = _add(ls, count, new)
            logsum[p], full[p] = ls, count
    return {p: 100.0 if full[p] > 0 else float(-100.0 * np.expm1(logsum[p])) + 0.0 for p in logsum}


def _drop(logsum: float, full: int, s: float) -> tuple[float, int]:
    if s >= 100.0:
        return logsum, full - 1
    return logsum - float(np.log1p(-s / 100.0)), full


def _add(logsum: float, full: int, s: float) -> tuple[float, int]:
    if s >= 100.0:
        return logsum, full + 1
    return logsum + float(np.log1p(-s / 100.0)), full


def _org_edges(ws: Workspace, o: int) -> dict[str, np.ndarray]:
    """Organisation o's in-organisation G edges by kind (kept on the workspace: a what-if of
    the same account again touches only these small arrays)."""

    def make() -> dict[str, np.ndarray]:
        n = len(ws.person_ids)
        org_a, org_b = ws.rel_orgs
        rel = np.flatnonzero((org_a == o) & (org_b == o))
        inf = np.flatnonzero((ws.person_org[ws.inf_src] == o) & (ws.person_org[ws.inf_dst] == o))
        members = ws.members(o)
        boss = ws.manager[members]
        inner = boss >= 0
        inner[inner] = ws.person_org[boss[inner]] == o
        child, boss = members[inner], boss[inner]
        settings = ws.settings
        rep_keys, rep_s = group_max(
            np.r_[boss * n + child, child * n + boss],
            np.r_[
                np.full(len(child), settings.reports_down_strength),
                np.full(len(child), settings.reports_up_strength),
            ],
        )
        return {
            "rel_key": ws.rel_a[rel].astype(np.int64) * n + ws.rel_b[rel],
            "rel_s": ws.rel_s[rel],
            "inf": np.stack([ws.inf_src[inf], ws.inf_dst[inf]]),
            "inf_s": ws.inf_s[inf],
            "rep_key": rep_keys,
            "rep_s": rep_s,
        }

    return ws.cached(("whatif_org_edges", o), make)


def _influence_after(
    ws: Workspace, o: int, inside: list[tuple[int, int, float, float]]
) -> np.ndarray:
    """I of organisation o's members with the in-organisation changes applied."""
    n = len(ws.person_ids)
    edges = _org_edges(ws, o)
    keys, s = edges["rel_key"], edges["rel_s"].copy()
    extra_k, extra_s = [], []
    for x, y, _old, new in inside:
        hit = np.flatnonzero(keys == x * n + y)
        if len(hit):
            s[hit] = new
        else:
            extra_k.append(x * n + y)
            extra_s.append(new)
    keys = np.r_[keys, np.array(extra_k, dtype=np.int64)]
    s = np.r_[s, np.array(extra_s, dtype=np.float64)]
    a, b = keys // n, keys % n
    groups = [
        (edges["inf"][0], edges["inf"][1], edges["inf_s"]),
        (np.r_[a, b], np.r_[b, a], np.r_[s, s]),
        (edges["rep_key"] // n, edges["rep_key"] % n, edges["rep_s"]),
    ]
    influence = influence_scores(
        ws.person_org,
        ws.org_ptr,
        ws.org_members,
        np.array([o]),
        groups,
        ws.power,
        ws.settings.damping,
        # One organisation: a sparse LU on one thread beats a dense solve that waits on the
        # BLAS threads of a busy machine (200-person account: median 2 ms against 65 ms).
        dense_limit=0,
    )
    return influence[ws.members(o)]


def account_score_after(
    ws: Workspace, o: int, changes: list[tuple[int, int, float, float]]
) -> tuple[float, float]:
    """S(o) before and after the changes (only o's own arrays are touched)."""
    members = ws.members(o)
    us = side_scores(ws, ws.own) if ws.own >= 0 else None
    closeness = us.closeness[members] if us is not None else np.zeros(len(members))
    importance = ws.importance[members]
    total = importance.sum()
    before = float(importance @ closeness / total) if total > 0 else 0.0
    inside = [c for c in changes if ws.person_org[c[0]] == o and ws.person_org[c[1]] == o]
    if inside:
        importance = np.maximum(ws.power[members], _influence_after(ws, o, inside))
    if ws.own >= 0:
        closer = side_closeness_after(ws, ws.own, changes)
        if closer:
            closeness = closeness.copy()
            pos = np.searchsorted(members, list(closer))
            for i, p in zip(pos.tolist(), closer, strict=True):
                if i < len(members) and members[i] == p:
                    closeness[i] = closer[p]
    total = importance.sum()
    after = float(importance @ closeness / total) if total > 0 else 0.0
    return before, after


def deal_odds(
    ws: Workspace, d: int, changes: list[tuple[int, int, float, float]] | None = None
) -> float:
    """The deal's relationship win odds, with the changes applied when given."""
    deals = ws.deals
    rows = np.flatnonzero(deals.role_deal == d)
    weights = role_weights(ws)
    sides = [ws.own, *deals.competitors[d]] if ws.own >= 0 else list(deals.competitors[d])
    close: dict[int, Any] = {}
    for side in sides:
        base = side_scores(ws, side).closeness
        moved = side_closeness_after(ws, side, changes) if changes else {}
        close[side] = (base, moved)

    def c(side: int, p: int) -> float:
        base, moved = close[side]
        return moved.get(p, float(base[p]))

    w, edges = [], []
    for r in rows.tolist():
        p = int(deals.role_person[r])
        ours = c(ws.own, p) if ws.own >= 0 else 0.0
        best = max((c(k, p) for k in deals.competitors[d]), default=0.0)
        attitude = int(deals.role_attitude[r])
        edges.append((ours - best) / 100.0 + attitude / ws.settings.attitude_divisor)
        w.append(float(weights[r]))
    return win_odds(w, edges, ws.settings.win_odds_slope)


def what_if(
    ws: Workspace, ties: Iterable[Sequence[Any]], deal_id: str | None = None
) -> dict[str, Any]:
    """`guanxi whatif`: touched accounts' scores and a deal's odds before and after the ties."""
    pairs = resolve_ties(ws, ties)
    d = None
    if deal_id is not None:
        try:
            d = ws.deals.index[deal_id]
        except KeyError:
            raise WhatIfError(f"no deal with id '{deal_id}'", field="deal") from None
    changes = _changes(ws, pairs)
    ids = ws.person_ids
    touched = sorted(
        {
            int(ws.person_org[p])
            for pair in pairs
            for p in pair
            if ws.org_kind[ws.person_org[p]] == CUSTOMER
        }
    )
    accounts = []
    for o in touched:
        before, after = account_score_after(ws, o, changes)
        accounts.append(
            {"id": ws.org_ids[o], "name": ws.org_names[o], "before": before, "after": after}
        )
    deal = None
    if d is not None:
        deal = {"id": deal_id, "before": deal_odds(ws, d), "after": deal_odds(ws, d, changes)}
    return {
        "ties": [
            {"source": ids[a], "target": ids[b], "strength": s}
            for (a, b), s in sorted(pairs.items())
        ],
        "accounts": accounts,
        "deal": deal,
    }
