"""The company view's costly parts per side, carried over from the model a write updated.

A company view of a million ties spends most of its time on each account's top dependency
(a grouping of every tie of the side) and each employee's list of key people. A write
touches a few people, so on a model updated in place (guanxi.analytics.incremental) most of
those answers are the ones the previous model gave: `side_parts` recomputes them only for
the accounts whose people moved (importance, centres, the side's closeness, or a tie of a
touched person) and for the employees tied to those people, and takes the rest over. The
result equals a computation from scratch; the property tests compare the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least, order_desc, tie_round
from .data import OWN
from .scores import SideScores, account_scores

if TYPE_CHECKING:
    from .graph import Workspace


@dataclass(frozen=True, eq=False)
class SideParts:
    """One side's account scores, top dependencies, resources, key people and credit."""

    scores: np.ndarray
    dep_employee: np.ndarray
    dep_share: np.ndarray
    resources: np.ndarray
    key_people: dict[int, list[str]]
    credit: np.ndarray
    closeness: np.ndarray
    #: the company view's row of each employee listed so far (`employees`), by index; a
    #: model updated in place takes over the rows of the employees nothing moved
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Parent:
    """What a model updated in place keeps of the model it came from: the people the
    change touched and their partners, the scores that decide where parts move, and the
    parts the previous model had computed."""

    touched: np.ndarray  # the people the change touched
    moved: np.ndarray  # they and every partner of theirs, before and after
    importance: np.ndarray
    centre: np.ndarray
    parts: dict[int, SideParts]


def parent_of(ws: Workspace, touched: np.ndarray, moved: np.ndarray) -> Parent | None:
    """What a model derived from `ws` needs to carry parts over (None: nothing computed)."""
    parts = {
        key[1]: value
        for key, value in list(ws.cache.items())  # other threads may add to it meanwhile
        if isinstance(key, tuple) and key[0] == "company_parts"
    }
    if not parts:
        # Under a stream of writes a model may be replaced before anyone asks for the
        # company view: the parts still come from the last model that computed them, with
        # everything changed since it (the people of every step) counted as touched.
        older: Parent | None = ws.cache.get("parent")
        if older is None:
            return None
        return Parent(
            np.union1d(older.touched, touched),
            np.union1d(older.moved, moved),
            older.importance,
            older.centre,
            older.parts,
        )
    centre = ws.power_centre | ws.influence_centre
    return Parent(touched, moved, ws.importance, centre, parts)


def side_parts(ws: Workspace, side: SideScores) -> SideParts:
    """The company view's parts of one side (cached on the model)."""

    def make() -> SideParts:
        parent = ws.cache.get("parent")
        before = None if parent is None else parent.parts.get(side.org)
        if before is None:
            return _compute(ws, side, None, None)
        return _carry_over(ws, side, parent, before)

    return ws.cached(("company_parts", side.org), make)


def _customer_links(ws: Workspace, side: SideScores) -> np.ndarray:
    return side.to_customers(ws.org_kind)


def _resources(ws: Workspace, side: SideScores, mine: np.ndarray | None = None) -> np.ndarray:
    """R(e) of every employee of the side (with `mine`, the sums of those employees only:
    the same links in the same order, so the same sums; the others are 0)."""
    p, e, s = side.link_p, side.link_e, side.link_s
    links = _customer_links(ws, side)
    if mine is not None:
        links = links & mine[e]
    # (float even with no link at all: numpy counts an empty weighted bincount as ints)
    return np.bincount(
        e[links], weights=s[links] * ws.importance[p[links]], minlength=len(ws.person_ids)
    ).astype(np.float64, copy=False)


def _compute(
    ws: Workspace, side: SideScores, orgs: np.ndarray | None, employees: np.ndarray | None
) -> SideParts:
    """All parts (`orgs`/`employees` None), or only those of the given ones (the rest left
    as zeros / missing, for `_carry_over` to fill)."""
    from .company import credits, top_dependencies

    n = len(ws.person_ids)
    scores = account_scores(ws, side)
    dep_employee, dep_share = top_dependencies(ws, side, scores, orgs=orgs)
    resources = _resources(ws, side) if employees is None else np.zeros(n)
    members = ws.members(side.org) if employees is None else employees
    credit = credits(ws, side) if ws.org_kind[side.org] == OWN else np.zeros(n)
    return SideParts(
        scores,
        dep_employee,
        dep_share,
        resources,
        _key_people(ws, side, members),
        credit,
        side.closeness,
    )


def _key_people(ws: Workspace, side: SideScores, members: np.ndarray) -> dict[int, list[str]]:
    """The key people each of `members` can influence (power or influence centres with
    s(e,p) >= the threshold), by importance, then id."""
    p, e, s = side.link_p, side.link_e, side.link_s
    wanted = np.zeros(len(ws.person_ids), dtype=bool)
    wanted[members] = True
    centre = ws.power_centre | ws.influence_centre
    key = wanted[e] & _customer_links(ws, side) & centre[p]
    key &= at_least(s, ws.settings.key_people_threshold)
    kp, ke = p[key], e[key]
    order = np.lexsort((kp, -tie_round(ws.importance[kp]), ke))
    kp, ke = kp[order], ke[order]
    ids = ws.person_ids
    key_ids = [ids[q] for q in kp.tolist()]
    bounds = np.searchsorted(ke, members).tolist()
    ends = np.searchsorted(ke, members, side="right").tolist()
    return {m: key_ids[b:x] for m, b, x in zip(members.tolist(), bounds, ends, strict=True)}


def _carry_over(ws: Workspace, side: SideScores, parent: Parent, before: SideParts) -> SideParts:
    """The parts of a model updated in place: recomputed where people moved, else taken
    over from the model before."""
    n = len(ws.person_ids)
    if len(before.closeness) != n or not np.array_equal(ws.members(side.org), _members(before)):
        return _compute(ws, side, None, None)
    centre = ws.power_centre | ws.influence_centre
    weighs = (ws.importance != parent.importance) | (centre != parent.centre)
    moved = weighs | (side.closeness != before.closeness)
    moved[parent.moved] = True
    org = ws.person_org
    orgs = np.unique(org[moved & (org >= 0)])
    # employees whose key people may differ: touched, or tied to someone whose weight moved
    # or who was touched (only a touched person's ties changed)
    touched = np.zeros(n, dtype=bool)
    touched[parent.touched] = True
    links = weighs[side.link_p] | touched[side.link_p]
    members = ws.members(side.org)
    mine = np.zeros(n, dtype=bool)
    mine[side.link_e[links]] = True
    mine[parent.moved] = True  # the touched and their partners (ties gone included)
    employees = members[mine[members]]
    fresh = _compute(ws, side, orgs, employees)
    redo = np.zeros(len(ws.org_ids), dtype=bool)
    redo[orgs] = True
    key_people = dict(before.key_people)
    key_people.update(fresh.key_people)
    # R(e) moves only for the employees whose key people may (their ties, or their
    # partners' importance): their sums again, the others' as they were
    resources = before.resources.astype(np.float64)  # a copy
    resources[employees] = _resources(ws, side, mine)[employees]
    # the rows of employees whose numbers, name or sales flag may have moved are made again
    stale = np.zeros(n, dtype=bool)
    stale[employees] = True
    stale[parent.touched] = True
    stale |= fresh.credit != before.credit
    rows = dict(before.rows)
    for p in np.flatnonzero(stale).tolist():
        rows.pop(p, None)
    return SideParts(
        fresh.scores,
        np.where(redo, fresh.dep_employee, before.dep_employee),
        np.where(redo, fresh.dep_share, before.dep_share),
        resources,
        key_people,
        fresh.credit,
        side.closeness,
        rows,
    )


def _members(parts: SideParts) -> np.ndarray:
    return np.fromiter(parts.key_people, dtype=np.int64, count=len(parts.key_people))


def employees(ws: Workspace, side: SideScores) -> list[dict[str, Any]]:
    """Every active person of the side with resources R(e), key people and credit (the rows
    are shared with the views of later models where nothing of theirs moved: read them,
    never change them)."""
    parts = side_parts(ws, side)
    members = ws.members(side.org)
    rows = parts.rows
    order = members[order_desc(parts.resources[members], members)].tolist()
    missing = [p for p in order if p not in rows]
    if missing:
        at = np.array(missing, dtype=np.int64)
        for p, sales, res, cred in zip(
            missing,
            ws.is_sales[at].tolist(),
            parts.resources[at].tolist(),
            parts.credit[at].tolist(),
            strict=True,
        ):
            rows[p] = {
                "id": ws.person_ids[p],
                "name": ws.person_names[p],
                "is_sales": sales,
                "resources": res,
                "key_people": parts.key_people[p],
                "credit": cred,
            }
    return [rows[p] for p in order]
