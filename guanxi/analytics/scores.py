"""Per-customer power, influence and importance, and each side's closeness to people.

- Power `P(p) = power/100` where set, else `ln(1 + sub(p)) / ln(1 + N)` (sub counts p and
  everyone below p in the reporting tree of the organisation's active people).
- Influence `I(p)`: personalised PageRank on G restricted to the organisation with every edge
  reversed, damping 0.85, personalisation proportional to P, divided by its maximum. Solved
  exactly: the PageRank vector x satisfies x (I - a M) = c P for a scalar c (networkx sends
  dangling mass along the personalisation), so y = solve((I - a M)^T, P) and I = y / max(y),
  batched as dense solves of every organisation of one size at once.
- Importance `W(p) = max(P(p), I(p))`.
- Closeness of a side X to p: `C_X(p) = 100 * (1 - prod(1 - s(e,p)/100))`, computed as
  log-sums with np.bincount (a tie of 100 is counted apart so that it gives exactly 100).

>>> closeness([50, 50])
75.0
>>> round(power_from_tree(sub=3, n=7), 4)   # a manager of two in a customer of seven
0.6667

Interpretations: when every person of an organisation has a power override of 0 the
personalisation would be all zero (networkx raises); the engine then personalises uniformly.
A reporting cycle (refused at import) makes the people on and below it count as their own
roots for power.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from ._arrays import splice
from .data import CUSTOMER

if TYPE_CHECKING:
    from .graph import Workspace

DENSE_LIMIT = 256
"""Organisations up to this many active people are solved densely, in batches of one size."""


def closeness(strengths: Iterable[float]) -> float:
    """Closeness (0-100) a side gets from its ties to one person: 100 * (1 - prod(1 - s/100))."""
    remaining = 1.0
    for s in strengths:
        remaining *= 1.0 - min(max(float(s), 0.0), 100.0) / 100.0
    return 100.0 * (1.0 - remaining)


def power_from_tree(sub: int, n: int) -> float:
    """Power from the reporting tree: ln(1 + sub) / ln(1 + N)."""
    return 1.0 if n <= 1 else math.log1p(sub) / math.log1p(n)


def break_cycles(parent: np.ndarray) -> np.ndarray:
    """Parent array with every person on or below a reporting cycle made a root."""
    n = len(parent)
    if n == 0:
        return parent
    jump = np.where(parent >= 0, parent, np.arange(n))
    for _ in range(max(1, n.bit_length())):
        jump = jump[jump]
    return np.where(parent[jump] < 0, parent, -1)


def subtree_sizes(parent: np.ndarray) -> np.ndarray:
    """sub(p): p and everyone below p, from a forest's parent array (-1 for roots)."""
    n = len(parent)
    parent = break_cycles(parent)
    sub = np.ones(n)
    up = parent[parent >= 0]
    while up.size:
        sub += np.bincount(up, minlength=n)
        up = parent[up]
        up = up[up >= 0]
    return sub


def power_scores(
    parent: np.ndarray,
    org_size: np.ndarray,
    person_org: np.ndarray,
    override: np.ndarray,
    scored: np.ndarray,
) -> np.ndarray:
    """P for every scored (active customer) person; 0 elsewhere. `parent` must stay in-org."""
    sub = subtree_sizes(parent)
    n_org = org_size[np.maximum(person_org, 0)].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        tree = np.where(n_org > 1, np.log1p(sub) / np.log1p(n_org), 1.0)
    power = np.where(np.isnan(override), tree, np.clip(override / 100.0, 0.0, 1.0))
    return np.where(scored, power, 0.0)


def influence_scores(
    person_org: np.ndarray,
    org_ptr: np.ndarray,
    org_members: np.ndarray,
    orgs: np.ndarray,
    edge_groups: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    power: np.ndarray,
    damping: float,
    dense_limit: int = DENSE_LIMIT,
) -> np.ndarray:
    """I for the people of the given organisations from their in-organisation G edges.

    `edge_groups` hold (u, v, s) for G edges u -> v with both ends in one organisation of
    `orgs`; each group is free of repeated (u, v), groups may overlap (the maximum counts).
    Returns an array over all people (0 outside `orgs`). Organisations larger than
    `dense_limit` are solved one by one with a sparse LU (single-threaded, so one small solve
    does not wait on a busy machine's BLAS threads).
    """
    n = len(power)
    influence = np.zeros(n)
    sizes = np.diff(org_ptr)
    local = np.zeros(n, dtype=np.int64)
    local[org_members] = np.arange(len(org_members)) - np.repeat(org_ptr[:-1], sizes)
    orgs = np.asarray(orgs, dtype=np.int64)
    orgs = orgs[sizes[orgs] > 0]
    wanted = np.zeros(len(sizes), dtype=bool)
    wanted[orgs] = True
    groups = []
    for u, v, s in edge_groups:
        keep = wanted[person_org[v]] & (person_org[u] == person_org[v])
        u, v, s = u[keep], v[keep], s[keep]
        size = sizes[person_org[v]]
        # Group the edges by organisation size once (a radix sort on small integers).
        order = np.argsort(
            size.astype(np.int32 if size.max(initial=0) > 32767 else np.int16), kind="stable"
        )
        u, v, s, size = u[order], v[order], s[order], size[order]
        groups.append((u, v, s, size))
    for m in np.unique(sizes[orgs]).tolist():
        batch = orgs[sizes[orgs] == m]
        parts = []
        for u, v, s, size in groups:
            a, b = np.searchsorted(size, m), np.searchsorted(size, m, side="right")
            parts.append((u[a:b], v[a:b], s[a:b]))
        if m > dense_limit:
            for o in batch.tolist():
                mine = [
                    (u[person_org[v] == o], v[person_org[v] == o], s[person_org[v] == o])
                    for u, v, s in parts
                ]
                _solve_sparse(o, org_ptr, org_members, local, mine, power, damping, influence)
            continue
        _solve_dense(
            m, batch, org_ptr, org_members, local, person_org, parts, power, damping, influence
        )
    return influence


def _personalisation(values: np.ndarray) -> np.ndarray:
    total = values.sum(axis=-1, keepdims=True)
    return np.where(total > 0, values, 1.0)


def _solve_dense(
    m: int,
    batch: np.ndarray,
    org_ptr: np.ndarray,
    org_members: np.ndarray,
    local: np.ndarray,
    person_org: np.ndarray,
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    power: np.ndarray,
    damping: float,
    out: np.ndarray,
) -> None:
    n_org = len(org_ptr) - 1
    slot = np.full(n_org, -1, dtype=np.int64)
    slot[batch] = np.arange(len(batch))
    # Members of every organisation of the batch, as a (B, m) block (m people each).
    starts = org_ptr[batch]
    members = org_members[(starts[:, None] + np.arange(m)[None, :]).reshape(-1)].reshape(-1, m)
    weights = np.zeros((len(batch), m, m))
    flat = weights.reshape(-1)
    for u, v, s in parts:
        # Each group is free of repeated cells, so gather-max-scatter is an exact maximum.
        cell = (slot[person_org[v]] * m + local[u]) * m + local[v]
        flat[cell] = np.maximum(flat[cell], s)
    col = weights.sum(axis=1)  # in G: total strength into v = out-weight of v reversed
    scale = np.divide(-damping, col, out=np.zeros_like(col), where=col > 0)
    weights *= scale[:, None, :]
    weights.reshape(len(batch), -1)[:, :: m + 1] += 1.0
    rhs = _personalisation(power[members])
    y = np.linalg.solve(weights, rhs[:, :, None])[:, :, 0]
    out[members.reshape(-1)] = (y / y.max(axis=1, keepdims=True)).reshape(-1)


def _solve_sparse(
    o: int,
    org_ptr: np.ndarray,
    org_members: np.ndarray,
    local: np.ndarray,
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    power: np.ndarray,
    damping: float,
    out: np.ndarray,
) -> None:
    # scipy is imported only for organisations too large for a dense solve (a cold CLI
    # process need not pay for importing it).
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla

    members = org_members[org_ptr[o] : org_ptr[o + 1]]
    m = len(members)
    lu = np.concatenate([local[p[0]] for p in parts])
    lv = np.concatenate([local[p[1]] for p in parts])
    s = np.concatenate([p[2] for p in parts])
    order = np.lexsort((s, lv, lu))
    lu, lv, s = lu[order], lv[order], s[order]
    last = np.r_[(lu[1:] != lu[:-1]) | (lv[1:] != lv[:-1]), True] if len(lu) else lu
    lu, lv, s = lu[last], lv[last], s[last]
    col = np.bincount(lv, weights=s, minlength=m)
    scale = np.divide(damping, col, out=np.zeros_like(col), where=col > 0)
    matrix = sp.identity(m, format="csc") - sp.csc_array((s * scale[lv], (lu, lv)), shape=(m, m))
    rhs = _personalisation(power[members])
    y = spla.spsolve(matrix.tocsc(), rhs)
    out[members] = y / y.max()


class SideScores:
    """One side's (us or a competitor's) ties to everyone outside it, and its closeness."""

    def __init__(self, ws: Workspace, org: int) -> None:
        n = len(ws.person_ids)
        self.org = org
        a, b, s = ws.rel_a, ws.rel_b, ws.rel_s
        org_a, org_b = ws.rel_orgs
        ab = (org_a == org) & (org_b != org)
        ba = (org_b == org) & (org_a != org)
        #: link_e[i] of this side knows link_p[i] with strength link_s[i].
        self.link_e = np.concatenate([a[ab], b[ba]])
        self.link_p = np.concatenate([b[ab], a[ba]])
        self.link_s = np.concatenate([s[ab], s[ba]])
        #: the organisation of link_p[i]
        self.link_org = np.concatenate([org_b[ab], org_a[ba]])
        #: links [0, outward) are the side's pairs (e, p) with e < p, in key order; the rest
        #: those with p < e, in key order (the order every sum below runs in)
        self.outward = int(ab.sum())
        self._sums(n, None)

    def _sums(self, n: int, people: np.ndarray | None) -> None:
        """Closeness from the links: for everyone, or again for `people` only (the same
        sums in the same order, so equal to the last bit)."""
        p, s = self.link_p, self.link_s
        if people is not None:
            wanted = np.zeros(n, dtype=bool)
            wanted[people] = True
            mine = wanted[p]
            p, s = p[mine], s[mine]
        full = s >= 100.0
        counts = np.bincount(p[full], minlength=n)
        logs = np.log1p(-np.where(full, 0.0, s) / 100.0)
        # (float even with no link at all: numpy counts an empty weighted bincount as ints)
        logsum = np.bincount(p, weights=logs, minlength=n).astype(np.float64, copy=False)
        linked = np.bincount(p, minlength=n) > 0
        # (+ 0.0 turns the -0.0 of expm1(0) into 0.0, so "no tie" prints as 0)
        closeness = np.where(counts > 0, 100.0, -100.0 * np.expm1(logsum)) + 0.0
        if people is None:
            self.full, self.logsum, self.linked = counts, logsum, linked
            #: C_X(p) for every person (0 where the side has no relationship).
            self.closeness = closeness
            return
        for name, value in (
            ("full", counts),
            ("logsum", logsum),
            ("linked", linked),
            ("closeness", closeness),
        ):
            column = getattr(self, name).copy()
            column[people] = value[people]
            setattr(self, name, column)

    @classmethod
    def moved(
        cls, before: SideScores, ws: Workspace, touched: np.ndarray, new: tuple[np.ndarray, ...]
    ) -> SideScores:
        """The side's scores on a model updated in place: `before` (the previous model's)
        without the pairs of the `touched` people, with their `new` pairs (a, b, s)."""
        n = len(ws.person_ids)
        org, person_org = before.org, ws.person_org
        in_t = np.zeros(n, dtype=bool)
        in_t[touched] = True
        e, p = before.link_e, before.link_p
        gone = in_t[e] | in_t[p]
        a, b, s = new
        ab = (person_org[a] == org) & (person_org[b] != org)
        ba = (person_org[b] == org) & (person_org[a] != org)
        if not (gone.any() or ab.any() or ba.any()):
            return before  # no pair of this side moved: its scores are the same
        out = object.__new__(cls)
        out.org = org
        # the outward links are in (e, p) key order, the rest in (p, e) order after them:
        # each new link goes where its key belongs in its part (outward ones first on a tie)
        cut = before.outward
        ne, np_, ns = np.r_[a[ab], b[ba]], np.r_[b[ab], a[ba]], np.r_[s[ab], s[ba]]
        first = np.r_[np.ones(ab.sum(), dtype=bool), np.zeros(ba.sum(), dtype=bool)]
        new_key = np.where(first, ne * n + np_, np_ * n + ne)
        order = np.lexsort((new_key, ~first))
        at = np.where(
            first[order],
            np.searchsorted(e[:cut] * n + p[:cut], new_key[order]),
            cut + np.searchsorted(p[cut:] * n + e[cut:], new_key[order]),
        )
        out.link_e, out.link_p, out.link_s, out.link_org = splice(
            (e, p, before.link_s, before.link_org),
            np.flatnonzero(gone),
            at,
            (ne[order], np_[order], ns[order], person_org[np_[order]]),
        )
        out.outward = cut - int(gone[:cut].sum()) + int(first.sum())
        out.full, out.logsum = before.full, before.logsum
        out.linked, out.closeness = before.linked, before.closeness
        people = np.unique(
            np.concatenate([p[gone], out.link_p[in_t[out.link_p] | in_t[out.link_e]]])
        )
        out._sums(n, people)
        return out

    def to_customers(self, org_kind: np.ndarray) -> np.ndarray:
        """Which links reach a customer's person (made once per side of a model)."""
        mask = self.__dict__.get("_to_customers")
        if mask is None:
            mask = org_kind[self.link_org] == CUSTOMER
            self._to_customers = mask
        return mask

    def closeness_without(self, links: np.ndarray | None = None) -> np.ndarray:
        """C_X(link_p[i]) if link_e[i]'s ties were dropped (for concentration), for the
        given link positions or mask (all links by default)."""
        p, s = self.link_p, self.link_s
        if links is not None:
            p, s = p[links], s[links]
        full = s >= 100.0
        count = self.full[p] - full
        logsum = self.logsum[p] - np.log1p(-np.where(full, 0.0, s) / 100.0)
        return np.where(count > 0, 100.0, -100.0 * np.expm1(logsum))


def account_scores(ws: Workspace, side: SideScores) -> np.ndarray:
    """S(O) per organisation for one side: importance-weighted mean closeness (customers)."""
    n_org = len(ws.org_ids)
    num = np.bincount(ws.person_org, weights=ws.importance * side.closeness, minlength=n_org)
    den = np.bincount(ws.person_org, weights=ws.importance, minlength=n_org)
    return np.divide(num, den, out=np.zeros(n_org), where=den > 0)


def side_scores(ws: Workspace, org: int) -> SideScores:
    """The (cached) closeness of one side: our company or a competitor."""
    return ws.cached(("side", org), lambda: SideScores(ws, org))


def role_weights(ws: Workspace) -> np.ndarray:
    """w(p) of every deal role row: the role's weight shared by its holders, renormalised
    over the roles present on the deal (computed once per workspace)."""
    return ws.cached("role_weights", lambda: _role_weights(ws))


def _role_weights(ws: Workspace) -> np.ndarray:
    from .settings import ROLES

    deals = ws.deals
    settings = ws.settings
    n_roles = len(ROLES)
    codes = {r: i for i, r in enumerate(ROLES)}
    code = np.array([codes.get(r, -1) for r in deals.role_name], dtype=np.int64)
    base = np.array([settings.role_weight(r) for r in ROLES])
    known = code >= 0
    weights = np.zeros(len(code))
    if not known.any():
        return weights
    cell = deals.role_deal[known] * n_roles + code[known]
    size = len(deals.ids) * n_roles
    holders = np.bincount(cell, minlength=size)
    present = (holders > 0).reshape(-1, n_roles)
    total = present @ base
    share = base[code[known]] / holders[cell]
    deal_total = total[deals.role_deal[known]]
    weights[known] = np.divide(share, deal_total, out=np.zeros(len(share)), where=deal_total > 0)
    return weights
