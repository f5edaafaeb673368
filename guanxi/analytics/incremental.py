"""A model brought up to date in place: the changes of a few people applied to a workspace.

A write touches a few people: a tie's two ends, an interaction's participants, a person's
own fields. `apply_delta` takes the fresh rows about them (their person rows, every tie row
with an end among them, every interaction one of them took part in) and gives the workspace
a full build of the new data would give, recomputing only what those rows reach:

- every relationship pair and influence edge with an end among them (declared strength and
  interaction evidence), and the reporting line of each of them and of their direct reports;
- power everywhere (a cheap pass), influence (the PageRank solve) only for the organisations
  of those people and of the direct reports, importance and centres everywhere;
- deals and roles from their fresh rows when the delta brings them.

Sums run in key order and each pair's evidence in ascending order (guanxi.analytics.graph),
so the result is equal to a rebuild to the last bit; the property tests compare the two.
`apply_delta` answers None when the change is not one it can apply (a person it does not
know, or whose id or organisation changed): the caller then builds afresh.

>>> import datetime as dt
>>> from guanxi.analytics import build_workspace, account_view
>>> rows = dict(orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True)], today=dt.date(2025, 1, 1))
>>> ws = build_workspace(**rows, ties=[(20, 10, "relationship", 30)])
>>> after = apply_delta(ws, Delta(people=rows["people"], ties=[(20, 10, "relationship", 80)]))
>>> account_view(after, "acme")["score"]
80.0
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._arrays import group_max, splice
from .company_parts import parent_of
from .data import INFLUENCE, RELATIONSHIP, REPORTS_TO, TieArrays, tie_arrays
from .derived import counted_ties, membership, score_people, set_managers
from .graph import Workspace, deal_data, no_gc
from .relationships import effective_pairs, interaction_pair_points
from .scores import SideScores

Row = Sequence[Any]


@dataclasses.dataclass(frozen=True)
class Delta:
    """Fresh rows about the people a change touched (rows as guanxi.analytics.data)."""

    #: the person rows of every touched person (all of them: a missing one means deleted)
    people: Sequence[Row]
    #: every tie row with an end among the touched people
    ties: TieArrays | Sequence[Row] = ()
    #: every interaction one of them took part in, and all participants of those
    interactions: Sequence[Row] = ()
    participants: Sequence[Row] = ()
    #: all deal, role and credit rows, when deals changed or someone joined or left
    deals: tuple[Sequence[Row], Sequence[Row], Sequence[Row]] | None = None


def _merge(
    n: int,
    ends: tuple[np.ndarray, np.ndarray],
    gone: np.ndarray,
    new_ends: tuple[np.ndarray, np.ndarray],
    *columns: tuple[Any, Any],
) -> tuple[np.ndarray, ...]:
    """The rows without those at positions `gone`, and the new rows (pairs disjoint from
    the rest), as one set of columns in pair-key order (a * n + b): the two ends, then each
    column."""
    keys = ends[0].astype(np.int64) * n + ends[1]
    new_keys = new_ends[0] * n + new_ends[1]
    # the new rows are few: splice them in where they belong instead of sorting everything
    order = np.argsort(new_keys, kind="stable")
    at = np.searchsorted(keys, new_keys[order])
    old = (ends[0], ends[1], *(np.asarray(c[0]) for c in columns))
    fresh = (new_ends[0], new_ends[1], *(np.asarray(c[1]) for c in columns))
    return splice(old, gone, at, tuple(c[order] for c in fresh))


_SCORES = ("power", "influence", "importance", "power_centre", "influence_centre")


def _scores_stay(
    ws: Workspace,
    people: dict[str, Any],
    manager: np.ndarray,
    inf_src: np.ndarray,
    gone: np.ndarray,
    new_pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> bool:
    """Whether power, influence, importance and the centres are those of `ws`: they follow
    from the people's fields, the reporting lines, the influence edges and the pairs inside
    one organisation, and a write between us and a customer (most writes) moves none."""
    if manager is not ws.manager or inf_src is not ws.inf_src:
        return False
    for name in ("active", "power_override", "is_key"):
        if not np.array_equal(people[name], getattr(ws, name), equal_nan=name == "power_override"):
            return False
    org = ws.person_org
    ga, gb, gs = ws.rel_a[gone], ws.rel_b[gone], ws.rel_s[gone]
    a, b, s = new_pairs
    inside_before, inside_now = org[ga] == org[gb], org[a] == org[b]
    return (
        np.array_equal(ga[inside_before], a[inside_now])
        and np.array_equal(gb[inside_before], b[inside_now])
        and np.array_equal(gs[inside_before], s[inside_now])
    )


def apply_delta(ws: Workspace, delta: Delta) -> Workspace | None:
    """The workspace with the delta applied (None when only a fresh build can apply it)."""
    with no_gc():
        return _apply(ws, delta)


def _people(ws: Workspace, rows: list[Row]) -> dict[str, Any] | None:
    """The person columns with the touched people's fresh fields (None: structural)."""
    idx = ws.person_key(np.array([int(r[0]) for r in rows], dtype=np.int64))
    orgs = ws.org_key(np.array([int(r[2]) for r in rows], dtype=np.int64))
    if (idx < 0).any():
        return None
    active, override = ws.active.copy(), ws.power_override.copy()
    is_key, is_sales = ws.is_key.copy(), ws.is_sales.copy()
    names = ws.person_names
    for i, o, r in zip(idx.tolist(), orgs.tolist(), rows, strict=True):
        if str(r[1]) != ws.person_ids[i] or o != int(ws.person_org[i]):
            return None
        active[i] = r[3] != "left" and o >= 0
        override[i] = np.nan if r[4] is None else float(r[4])
        is_key[i], is_sales[i] = bool(r[5]), bool(r[6])
        name = str(r[7]) if len(r) > 7 and r[7] is not None else str(r[1])
        if name != names[i]:
            names = names if names is not ws.person_names else list(names)
            names[i] = name
    return {
        "touched": np.unique(idx),
        "active": active,
        "power_override": override,
        "is_key": is_key,
        "is_sales": is_sales,
        "person_names": names,
    }


def _apply(ws: Workspace, delta: Delta) -> Workspace | None:
    settings, n = ws.settings, len(ws.person_ids)
    people = _people(ws, list(delta.people))
    if people is None:
        return None
    touched, active = people.pop("touched"), people["active"]
    joined_or_left = bool((active != ws.active).any())
    if joined_or_left and delta.deals is None:
        return None
    in_t = np.zeros(n, dtype=bool)
    in_t[touched] = True
    t = tie_arrays(delta.ties, settings)
    t_src, t_dst = ws.person_key(t.source), ws.person_key(t.target)
    if ((t_src < 0) | (t_dst < 0)).any():
        return None
    src, dst, kind, strength = counted_ties(t, ws.person_key, active)

    # Reporting lines of the touched people and of everyone reporting to one of them.
    # (those who reported to one of them before the change, and those who do now)
    rows_to_t = t_src[(t.kind == REPORTS_TO) & in_t[t_dst]]
    reported = np.flatnonzero((ws.manager >= 0) & in_t[np.maximum(ws.manager, 0)])
    lines = np.union1d(np.union1d(touched, rows_to_t), reported)
    manager = ws.manager.copy()
    manager[lines] = -1
    mine = np.isin(src, lines)
    set_managers(manager, src[mine], dst[mine], kind[mine])
    if np.array_equal(manager, ws.manager):  # no reporting line moved: the same array
        manager = ws.manager

    # Influence edges and relationship pairs with an end among the touched people.
    inf = kind == INFLUENCE
    inf_keys, inf_s = group_max(src[inf] * n + dst[inf], strength[inf])
    was = np.flatnonzero(in_t[ws.inf_src] | in_t[ws.inf_dst])  # the touched people's
    if np.array_equal(ws.inf_src[was] * n + ws.inf_dst[was], inf_keys) and np.array_equal(
        ws.inf_s[was], inf_s
    ):  # the touched people's influence edges are as they were: the same arrays
        inf_src, inf_dst, inf_s = ws.inf_src, ws.inf_dst, ws.inf_s
    else:
        inf_src, inf_dst, inf_s = _merge(
            n, (ws.inf_src, ws.inf_dst), was, (inf_keys // n, inf_keys % n), (ws.inf_s, inf_s)
        )
    rel = kind == RELATIONSHIP
    lo, hi = np.minimum(src[rel], dst[rel]), np.maximum(src[rel], dst[rel])
    ev_keys, ev_points = interaction_pair_points(
        delta.interactions, delta.participants, ws.person_key, active, ws.today, settings
    )
    near = in_t[ev_keys // n] | in_t[ev_keys % n]
    keys, s, declared, points = effective_pairs(
        lo * n + hi, strength[rel], ev_keys[near], ev_points[near], settings
    )
    new_a, new_b = keys // n, keys % n  # the pairs with an end among the touched people
    gone = np.flatnonzero(in_t[ws.rel_a] | in_t[ws.rel_b])  # their pairs before the change
    rel_a, rel_b, rel_s, rel_declared, rel_points = _merge(
        n,
        (ws.rel_a, ws.rel_b),
        gone,
        (new_a, new_b),
        (ws.rel_s, s),
        (ws.rel_declared, declared),
        (ws.rel_points, points),
    )

    if joined_or_left:
        org_members, org_ptr = membership(active, ws.person_org, len(ws.org_ids))
    else:
        org_members, org_ptr = ws.org_members, ws.org_ptr
    orgs = np.unique(ws.person_org[lines])
    if _scores_stay(ws, people, manager, inf_src, gone, (new_a, new_b, s)):
        scores = {name: getattr(ws, name) for name in _SCORES}
    else:
        scores = score_people(
            settings,
            ws.org_kind,
            ws.person_org,
            active,
            people["power_override"],
            people["is_key"],
            org_ptr,
            org_members,
            manager,
            (rel_a, rel_b, rel_s),
            (inf_src, inf_dst, inf_s),
            orgs=orgs[orgs >= 0],
            before={"power": ws.power, "influence": ws.influence},
        )
    deals = ws.deals
    if delta.deals is not None:
        deals = deal_data(*delta.deals, ws.org_key, ws.person_key, active)
    cache: dict[Any, Any] = {}
    if "person_index" in ws.cache:
        cache["person_index"] = ws.cache["person_index"]
    # what follows from unchanged inputs alone stays as it was
    same = {
        "open_roles": deals is ws.deals,
        "role_weights": deals is ws.deals,
        "influence_lines": inf_src is ws.inf_src and manager is ws.manager,
        "influence_by_target": inf_src is ws.inf_src,
        "inf_orgs": inf_src is ws.inf_src,  # (nobody changes organisation in place)
    }
    for key, unchanged in same.items():
        if unchanged and key in ws.cache:
            cache[key] = ws.cache[key]
    if not joined_or_left and "influence_lines" in cache and "paths" in ws.cache:
        # the best-path index: the moved relationship rows patched, the rest shared
        patched = ws.cache["paths"].moved(touched, (new_a, new_b, s))
        if patched is not None:
            cache["paths"] = patched
    # the people whose ties moved (both ends, before and after), for the company view
    # (the new pairs are exactly those with an end among them: `keys`)
    moved = np.unique(np.concatenate([touched, ws.rel_a[gone], ws.rel_b[gone], new_a, new_b]))
    parent = parent_of(ws, touched, moved)
    if parent is not None:
        cache["parent"] = parent
    if not joined_or_left:  # each side's closeness: only the touched people's pairs move
        new_pairs = (new_a, new_b, s)
        for key, side in list(ws.cache.items()):
            if isinstance(key, tuple) and key[0] == "side":
                cache[key] = SideScores.moved(side, ws, touched, new_pairs)
    return dataclasses.replace(
        ws,
        **people,
        org_ptr=org_ptr,
        org_members=org_members,
        rel_a=rel_a,
        rel_b=rel_b,
        rel_s=rel_s,
        rel_declared=rel_declared,
        rel_points=rel_points,
        inf_src=inf_src,
        inf_dst=inf_dst,
        inf_s=inf_s,
        manager=manager,
        **scores,
        deals=deals,
        cache=cache,
    )
