"""What the model derives from its base arrays: memberships, reporting lines, and each
customer person's power, influence, importance and centre flags.

A full build derives everything; an update in place (guanxi.analytics.incremental) derives
the same way but solves influence only for the organisations it names, keeping everyone
else's from the model it starts from. Both go through these functions, so there is one
formula for each score.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._arrays import at_least, group_max
from .data import CUSTOMER, REPORTS_TO, KeyIndex, TieArrays
from .scores import influence_scores, power_scores
from .settings import ScoringSettings

Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def membership(
    active: np.ndarray, person_org: np.ndarray, n_org: int
) -> tuple[np.ndarray, np.ndarray]:
    """Active members of every organisation in id order, and each organisation's slice."""
    active_idx = np.flatnonzero(active)
    org_members = active_idx[np.argsort(person_org[active_idx], kind="stable")]
    org_ptr = np.r_[0, np.cumsum(np.bincount(person_org[active_idx], minlength=n_org))]
    return org_members, org_ptr


def counted_ties(
    ties: TieArrays, person_key: KeyIndex, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The tie rows that count, as person indices, kinds and strengths (0-100, unset 0):
    rows between two different active people the model knows."""
    src, dst = person_key(ties.source), person_key(ties.target)
    ok = (src >= 0) & (dst >= 0)
    ok[ok] = active[src[ok]] & active[dst[ok]] & (src[ok] != dst[ok])
    strength = np.nan_to_num(ties.strength[ok], nan=0.0).clip(0.0, 100.0)
    return src[ok], dst[ok], ties.kind[ok], strength


def set_managers(manager: np.ndarray, src: np.ndarray, dst: np.ndarray, kind: np.ndarray) -> None:
    """Write each person's manager from valid tie rows: the first reporting row of a person
    counts (the database allows one)."""
    rep = np.flatnonzero(kind == REPORTS_TO)
    child, boss = src[rep], dst[rep]
    order = np.argsort(child, kind="stable")
    child, boss = child[order], boss[order]
    first = np.r_[True, child[1:] != child[:-1]] if len(child) else np.zeros(0, bool)
    manager[child[first]] = boss[first]


def score_people(
    settings: ScoringSettings,
    org_kind: np.ndarray,
    person_org: np.ndarray,
    active: np.ndarray,
    power_override: np.ndarray,
    is_key: np.ndarray,
    org_ptr: np.ndarray,
    org_members: np.ndarray,
    manager: np.ndarray,
    rel: Edges,
    inf: Edges,
    *,
    orgs: np.ndarray | None = None,
    before: dict[str, np.ndarray] | None = None,
) -> dict[str, Any]:
    """Power, influence, importance and centres of every person. With `orgs` and the
    `before` scores of a model (its power and influence), power and influence are computed
    again only for those organisations."""
    n = len(person_org)
    rel_a, rel_b, rel_s = rel
    inf_src, inf_dst, inf_s = inf
    scored = active & (person_org >= 0)
    scored[scored] = org_kind[person_org[scored]] == CUSTOMER
    same_org = (manager >= 0) & (person_org == person_org[np.maximum(manager, 0)])
    parent = np.where(same_org, manager, -1)
    customers = np.flatnonzero(org_kind == CUSTOMER)
    if orgs is not None and before is not None:
        # power again for the organisations named only (a reporting tree stays inside one)
        redo = np.zeros(len(org_kind), dtype=bool)
        redo[np.asarray(orgs, dtype=np.int64)] = True
        inside = (person_org >= 0) & redo[np.maximum(person_org, 0)]
        power = power_scores(
            np.where(inside, parent, -1),
            np.diff(org_ptr),
            person_org,
            power_override,
            scored & inside,
        )
        power = np.where(inside, power, before["power"])
    else:
        power = power_scores(parent, np.diff(org_ptr), person_org, power_override, scored)
    if orgs is not None:
        customers = np.intersect1d(customers, np.asarray(orgs, dtype=np.int64))
    child = np.flatnonzero(manager >= 0)
    if orgs is not None:  # only the reporting edges of the organisations solved again
        wanted = np.zeros(len(org_kind), dtype=bool)
        wanted[customers] = True
        child = child[wanted[person_org[child]]]
    boss = manager[child]
    down, up = settings.reports_down_strength, settings.reports_up_strength
    rep_keys, rep_s = group_max(
        np.r_[boss * n + child, child * n + boss],
        np.r_[np.full(len(child), down), np.full(len(child), up)],
    )
    if orgs is None:
        intra = person_org[rel_a] == person_org[rel_b]
    else:  # only the pairs inside the organisations solved again
        intra = _pairs_inside(person_org, wanted, rel_a, rel_b)
    ia, ib, i_s = rel_a[intra], rel_b[intra], rel_s[intra]
    groups = [
        (inf_src, inf_dst, inf_s),
        (np.r_[ia, ib], np.r_[ib, ia], np.r_[i_s, i_s]),
        (rep_keys // n, rep_keys % n, rep_s),
    ]
    solved = influence_scores(
        person_org, org_ptr, org_members, customers, groups, power, settings.damping
    )
    if orgs is not None and before is not None:
        solved = np.where(inside, solved, before["influence"])
    importance = np.maximum(power, solved)
    power_centre = scored & (at_least(power, settings.power_centre_threshold) | is_key)
    # v2: whoever strongly influences a power centre of their own organisation is an
    # influence centre too, whatever the PageRank says (the seed's general-office director)
    strong = (
        at_least(inf_s, settings.influence_centre_tie)
        & power_centre[inf_dst]
        & (person_org[inf_src] == person_org[inf_dst])
    )
    moves_power = np.zeros(n, dtype=bool)
    moves_power[inf_src[strong]] = True
    influence_centre = (
        scored
        & ~power_centre
        & (at_least(solved, settings.influence_centre_threshold) | moves_power)
    )
    return {
        "power": power,
        "influence": solved,
        "importance": importance,
        "power_centre": power_centre,
        "influence_centre": influence_centre,
    }


def _pairs_inside(
    person_org: np.ndarray, wanted: np.ndarray, rel_a: np.ndarray, rel_b: np.ndarray
) -> np.ndarray:
    """Positions, in order, of the pairs with both ends in one of the `wanted` organisations.
    The pairs are ordered by their first end, so they are found from those organisations'
    people, not by reading a million pairs."""
    people = np.flatnonzero((person_org >= 0) & wanted[np.maximum(person_org, 0)])
    start = np.searchsorted(rel_a, people, "left")
    counts = np.searchsorted(rel_a, people, "right") - start
    total = int(counts.sum())
    offsets = np.repeat(start - (np.cumsum(counts) - counts), counts)
    at = offsets + np.arange(total, dtype=np.int64)
    return at[person_org[rel_b[at]] == person_org[rel_a[at]]]
