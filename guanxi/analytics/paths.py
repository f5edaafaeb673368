"""Best paths: the k strongest simple paths in G from our people to a person, at most 4 edges.

Path strength is the product of edge strengths / 100. Paths never pass through a competitor's
person; by default they start at any of our active people and pass through none of our other
people; with `start` they start there and may pass through our other people (an introduction
inside our company). Ties go to fewer edges, then to the ids read from start to target.

The search runs backwards from the target, best-first on strength: every extension of a partial
path is weaker or equal, so the first k complete paths popped are the answer. It is bounded by
the edge limit, by a precomputed hop distance from our people (multi-source BFS on G) and by
the k-th best complete path found so far, so it touches a few hundred edges, not the graph.

Interpretations: a tie of strength 0 carries no introduction (no path uses it); a target who
is one of our own people has no default paths (ask with `start`); the start itself must be an
active person.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import group_max
from .data import COMPETITOR

if TYPE_CHECKING:
    from .graph import Workspace

OURS, THEIRS = 1, 2
_FAR = 255
_TINY = 1e-300  # stands for a 0 strength inside sparse matrices, which drop zeros


class PathIndex:
    """CSR adjacency of G by target (in-edges), relationships by person, and hop bounds.

    A model updated in place (guanxi.analytics.incremental) patches its predecessor's index
    with `moved` instead of building one: the rows of the people a change reached are kept
    beside the shared arrays (`_rel_rows`, `_g_rows`), and the hop distances are lowered
    where a new edge shortens them. A distance is only a bound that prunes the search (a
    removed edge may leave it lower than it now is), so the paths found are the same."""

    #: rows kept beside the arrays before the next model builds its index afresh
    MAX_PATCHED_ROWS = 20_000

    def __init__(self, ws: Workspace) -> None:
        import scipy.sparse as sp  # built on the first path query, not at import

        n = len(ws.person_ids)
        a, b, s = ws.rel_a, ws.rel_b, ws.rel_s
        s_nz = np.where(s > 0, s, _TINY)
        rel = sp.csr_array((np.r_[s_nz, s_nz], (np.r_[a, b], np.r_[b, a])), shape=(n, n))
        rel.sum_duplicates()
        #: relationships of each person: rel_nbr[rel_ptr[p]:rel_ptr[p+1]] with rel_val
        self.rel_ptr = rel.indptr.astype(np.int64)
        self.rel_nbr = rel.indices.astype(np.int32)
        self.rel_val = np.where(rel.data <= _TINY, 0.0, rel.data)
        settings = ws.settings
        lines = _influence_and_lines(ws)
        g = rel.maximum(lines).tocsr()
        g.sort_indices()
        #: in-edges of G: u -> v for u in g_src[g_ptr[v]:g_ptr[v+1]], strength g_val
        self.g_ptr = g.indptr.astype(np.int64)
        self.g_src = g.indices.astype(np.int32)
        self.g_val = np.where(g.data <= _TINY, 0.0, g.data)
        #: G's influence and reporting-line part, by target and by source (for patching)
        self._lines_in = lines
        self._lines_out = None
        self._rel_rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._g_rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.limit = settings.max_path_edges
        flags = np.zeros(n, dtype=np.uint8)
        org_kind = np.where(ws.person_org >= 0, ws.org_kind[np.maximum(ws.person_org, 0)], -1)
        flags[(org_kind == COMPETITOR) & ws.active] = THEIRS
        if ws.own >= 0:
            flags[ws.members(ws.own)] = OURS
        self.flags = flags.tobytes()
        self.dist = self._distances(flags, settings.max_path_edges).tobytes()

    def _distances(self, flags: np.ndarray, limit: int) -> np.ndarray:
        """Hops from the nearest of our people through people allowed inside a path."""
        import scipy.sparse as sp

        n = len(flags)
        dist = np.full(n, _FAR, dtype=np.uint8)
        frontier = flags == OURS
        dist[frontier] = 0
        positive = sp.csr_array(
            ((self.g_val > 0).astype(np.float64), self.g_src, self.g_ptr), shape=(n, n)
        )
        for step in range(1, min(limit, _FAR - 1) + 1):
            if not frontier.any():
                break
            reach = positive @ frontier.astype(np.float64) > 0
            new = reach & (dist == _FAR)
            dist[new] = step
            frontier = new & (flags == 0)
        return dist

    def in_edges(self, v: int) -> tuple[np.ndarray, np.ndarray]:
        """People with an edge into v in G and its strength."""
        row = self._g_rows.get(v)
        if row is not None:
            return row
        a, b = self.g_ptr[v], self.g_ptr[v + 1]
        return self.g_src[a:b], self.g_val[a:b]

    def relationships(self, p: int) -> tuple[np.ndarray, np.ndarray]:
        """People with a relationship to p and its effective strength."""
        row = self._rel_rows.get(p)
        if row is not None:
            return row
        a, b = self.rel_ptr[p], self.rel_ptr[p + 1]
        return self.rel_nbr[a:b], self.rel_val[a:b]

    def moved(
        self, touched: np.ndarray, new_pairs: tuple[np.ndarray, np.ndarray, np.ndarray]
    ) -> PathIndex | None:
        """This index for the model where every relationship pair with an end among the
        `touched` people is replaced by `new_pairs` (a, b, s), everything else the same
        (no influence edge, reporting line, person or organisation changed). None when
        enough rows have moved that the next model should build its own."""
        if len(self._rel_rows) > self.MAX_PATCHED_ROWS:
            return None
        a, b, s = (np.asarray(c) for c in new_pairs)
        n = len(self.flags)
        in_t = np.zeros(n, dtype=bool)
        in_t[touched] = True
        # The rows that change: the touched people's own, and those of the other end of each
        # pair that came, went or changed its strength. A colleague's other partners keep
        # their rows (an employee knows hundreds of people; patching all their rows made
        # every hundredth write rebuild the index).
        tq, tn, tv = self._gather(
            np.unique(np.asarray(touched, dtype=np.int64)),
            self._rel_rows,
            self.rel_ptr,
            self.rel_nbr,
            self.rel_val,
        )
        old_keys = np.minimum(tq, tn) * n + np.maximum(tq, tn)
        before = set(zip(old_keys.tolist(), tv.tolist(), strict=True))
        new_keys = np.minimum(a, b) * n + np.maximum(a, b)
        after = set(zip(new_keys.tolist(), s.tolist(), strict=True))
        changed = np.array(sorted(k for k, _v in before ^ after), dtype=np.int64)
        rows = np.unique(np.concatenate([touched, changed // n, changed % n]).astype(np.int64))
        if not len(rows):
            return self  # no relationship moved
        # the rows' relationships: those with no touched end stay, the touched ones' are new
        q, nbr, val = self._gather(rows, self._rel_rows, self.rel_ptr, self.rel_nbr, self.rel_val)
        stay = ~(in_t[q] | in_t[nbr])
        keys = np.r_[q[stay] * n + nbr[stay], a * n + b, b * n + a]
        vals = np.r_[val[stay], s, s]
        in_rows = np.zeros(n, dtype=bool)
        in_rows[rows] = True
        mine = in_rows[keys // n]  # the entries of the rows patched here
        order = np.argsort(keys[mine], kind="stable")
        keys, vals = keys[mine][order], vals[mine][order]
        # the rows of G: those relationships and the influence/reporting lines into each
        lines = self._lines_in
        lq, lsrc, lval = self._gather(rows, {}, lines.indptr, lines.indices, lines.data)
        g_keys, g_vals = group_max(
            np.r_[keys, lq * n + lsrc], np.r_[vals, np.where(lval <= _TINY, 0.0, lval)]
        )
        out = object.__new__(PathIndex)
        out.__dict__.update(self.__dict__)
        out._rel_rows, out._g_rows = dict(self._rel_rows), dict(self._g_rows)
        rel_at = np.searchsorted(keys, rows * n)
        g_at = np.searchsorted(g_keys, rows * n)
        rel_nbr, g_src = (keys % n).astype(np.int32), (g_keys % n).astype(np.int32)
        ends = zip(rel_at.tolist(), rel_at[1:].tolist() + [len(keys)], strict=True)
        g_ends = zip(g_at.tolist(), g_at[1:].tolist() + [len(g_keys)], strict=True)
        for r, (i, j), (k, m) in zip(rows.tolist(), ends, g_ends, strict=True):
            out._rel_rows[r] = (rel_nbr[i:j], vals[i:j])
            out._g_rows[r] = (g_src[k:m], g_vals[k:m])
        out.dist = out._lowered(self.dist, rows, g_keys // n, g_src, g_vals)
        return out

    @staticmethod
    def _gather(
        rows: np.ndarray,
        patched: dict[int, tuple[np.ndarray, np.ndarray]],
        ptr: np.ndarray,
        idx: np.ndarray,
        val: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries (row, column, value) of `rows`: the patched rows from `patched`, the
        others from the CSR arrays."""
        base = np.array([r not in patched for r in rows.tolist()], dtype=bool)
        plain = rows[base]
        start, stop = ptr[plain], ptr[plain + 1]
        counts = stop - start
        at = np.repeat(start - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        q, col, v = [np.repeat(plain, counts)], [idx[at].astype(np.int64)], [val[at]]
        for r in rows[~base].tolist():
            c, w = patched[r]
            q.append(np.full(len(c), r, dtype=np.int64))
            col.append(c.astype(np.int64))
            v.append(w)
        return np.concatenate(q), np.concatenate(col), np.concatenate(v)

    def _lowered(
        self,
        dist_bytes: bytes,
        rows: np.ndarray,
        g_row: np.ndarray,
        g_src: np.ndarray,
        g_val: np.ndarray,
    ) -> bytes:
        """The hop bounds with every shortening a new edge into `rows` brings (their
        in-edges are g_src -> g_row with g_val; breadth-first from those rows, as far as
        the edge limit)."""
        flags = np.frombuffer(self.flags, dtype=np.uint8)
        dist = np.frombuffer(dist_bytes, dtype=np.uint8)
        limit = self.limit
        usable = (g_val > 0) & (flags[g_src] != THEIRS)
        reach = dist[g_src].astype(np.int64) + 1
        best = np.full(len(flags), _FAR, dtype=np.int64)
        np.minimum.at(best, g_row[usable], reach[usable])
        shorter = rows[(best[rows] < dist[rows]) & (best[rows] <= limit)]
        if not len(shorter):
            return dist_bytes
        dist = dist.copy()
        dist[shorter] = best[shorter]
        queue = shorter.tolist()
        while queue:
            q = queue.pop()
            if flags[q] != 0 or dist[q] >= limit:
                continue  # our people and competitors' are not passed through
            for w in self._out_of(q):
                if dist[q] + 1 < dist[w]:
                    dist[w] = dist[q] + 1
                    queue.append(w)
        return dist.tobytes()

    def _out_of(self, q: int) -> list[int]:
        """People with a positive edge from q in G."""
        nbr, val = self.relationships(q)
        if self._lines_out is None:
            self._lines_out = self._lines_in.T.tocsr()
        out = self._lines_out
        a, b = out.indptr[q], out.indptr[q + 1]
        lines = out.indices[a:b][out.data[a:b] > _TINY]
        return nbr[val > 0].tolist() + lines.tolist()


def _influence_and_lines(ws: Workspace) -> Any:
    """G's influence and reporting-line edges as a sparse matrix (u, v): strength (kept on
    the model, and carried to the next one while those edges stay: most writes move
    relationships only)."""
    import scipy.sparse as sp

    def make() -> Any:
        s, n = ws.settings, len(ws.person_ids)
        child = np.flatnonzero(ws.manager >= 0)
        boss = ws.manager[child]
        keys, vals = group_max(
            np.r_[ws.inf_dst * n + ws.inf_src, child * n + boss, boss * n + child],
            np.r_[
                ws.inf_s,
                np.full(len(child), s.reports_down_strength),
                np.full(len(child), s.reports_up_strength),
            ],
        )
        weights = np.where(vals > 0, vals, _TINY)
        return sp.csr_array((weights, (keys // n, keys % n)), shape=(n, n))

    return ws.cached("influence_lines", make)


def path_index(ws: Workspace) -> PathIndex:
    """The workspace's path index, built on first use (about a quarter second at 1M ties)."""
    return ws.cached("paths", lambda: PathIndex(ws))


def _out_neighbours(ws: Workspace, index: PathIndex, e: int) -> set[int]:
    out = set(index.relationships(e)[0].tolist())
    out.update(ws.inf_dst[(ws.inf_src == e) & (ws.inf_s > 0)].tolist())
    out.update(np.flatnonzero(ws.manager == e).tolist())
    if ws.manager[e] >= 0:
        out.add(int(ws.manager[e]))
    return out


def best_paths(
    ws: Workspace, target: int, k: int | None = None, start: int | None = None
) -> list[tuple[tuple[int, ...], float]]:
    """The k best paths to `target` as (people from start to target, strength)."""
    settings = ws.settings
    k = settings.paths_k if k is None else k
    limit = settings.max_path_edges
    index = path_index(ws)
    flags, dist = index.flags, index.dist
    if k <= 0 or not ws.active[target]:
        return []
    if start is None:
        if flags[target] == OURS or dist[target] > limit:
            return []
        start_out: set[int] = set()
    else:
        if start == target or not ws.active[start] or flags[start] == THEIRS:
            return []
        start_out = _out_neighbours(ws, index, start)
    ids = ws.person_ids
    in_edges = index.in_edges
    heap: list[tuple[Any, ...]] = [(-1.0, 1, 0, 0, (target,), 1.0)]
    best: list[float] = []  # min-heap of the k best complete strengths pushed so far
    counter = 1
    found: list[tuple[tuple[int, ...], float]] = []
    while heap and len(found) < k:
        _, _, complete, _, nodes, w = heapq.heappop(heap)
        if complete:
            found.append((nodes, w))
            continue
        edges = len(nodes)  # edges of a path one person longer than `nodes`
        src, val = in_edges(nodes[0])
        for u, s in zip(src.tolist(), val.tolist(), strict=True):
            if s <= 0.0 or u in nodes:
                continue
            flag = flags[u]
            if flag == THEIRS:
                continue
            nw = w * s / 100.0
            rounded = round(nw, 12)
            if len(best) == k and rounded < best[0]:
                continue
            path = (u, *nodes)
            if u == start or (start is None and flag == OURS):
                key = tuple(ids[x] for x in path)
                heapq.heappush(heap, (-rounded, edges, 1, key, path, nw))
                if len(best) < k:
                    heapq.heappush(best, rounded)
                elif rounded > best[0]:
                    heapq.heapreplace(best, rounded)
                continue
            remaining = limit - edges
            if remaining <= 0:
                continue
            if start is None:
                if dist[u] > remaining:
                    continue
            elif remaining == 1 and u not in start_out:
                continue
            heapq.heappush(heap, (-rounded, edges + 1, 0, counter, path, nw))
            counter += 1
    return found


def path_dicts(ws: Workspace, paths: list[tuple[tuple[int, ...], float]]) -> list[dict]:
    """Paths in the JSON shape: {"people": [ID...], "strength"}."""
    ids = ws.person_ids
    return [{"people": [ids[p] for p in nodes], "strength": w} for nodes, w in paths]


def paths_view(
    ws: Workspace, person_id: str, *, from_id: str | None = None, k: int | None = None
) -> list[dict]:
    """`guanxi paths ID [--from E] [-k K]`: the best paths to a person, strongest first."""
    target = ws.person_of_id(person_id)
    start = None if from_id is None else ws.person_of_id(from_id)
    return path_dicts(ws, best_paths(ws, target, k=k, start=start))
