"""The in-memory model: one immutable `Workspace` of numpy arrays built from plain rows.

Everything is numbered in id order (people, organisations, deals), so "equal values ordered by
id" is "ordered by index". People who have left keep their row but are inactive: their ties,
interactions and deal roles do not count anywhere.

>>> import datetime as dt
>>> ws = build_workspace(
...     orgs=[(1, "acme", "customer", "key"), (2, "us", "own", None)],
...     people=[(10, "ceo", 1, "active", None, True, False),
...             (11, "cfo", 1, "active", None, False, False),
...             (20, "ann", 2, "active", None, False, True)],
...     ties=[(11, 10, "reports_to", None), (20, 10, "relationship", 80)],
...     today=dt.date(2025, 1, 1))
>>> round(float(ws.power[ws.person_index["ceo"]]), 3), ws.person_ids
(1.0, ['ann', 'ceo', 'cfo'])
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy as np

from ._arrays import group_max
from .data import (
    INFLUENCE,
    ORG_KINDS,
    OWN,
    RELATIONSHIP,
    KeyIndex,
    PeopleColumns,
    TieArrays,
    id_order,
    tie_arrays,
)
from .derived import counted_ties, membership, score_people, set_managers
from .relationships import effective_pairs, interaction_pair_points
from .settings import ScoringSettings

Row = Sequence[Any]


@dataclass(frozen=True, eq=False)
class DealData:
    """Deals and their role rows (role rows of people who left are dropped)."""

    ids: list[str]
    index: dict[str, int]
    org: np.ndarray
    status: list[str]
    amount: np.ndarray
    competitors: list[tuple[int, ...]]
    role_deal: np.ndarray
    role_person: np.ndarray
    role_name: list[str]
    role_attitude: np.ndarray
    role_contact: list[str | None]
    #: v2: the role is marked "we asked about the competitors and found nothing"
    role_checked: np.ndarray
    #: v2: the deal's credit was recorded (when it became won); its shares are below
    recorded: np.ndarray
    #: v2: recorded credit shares: deal index, person index, share (people who left included)
    credit_deal: np.ndarray
    credit_person: np.ndarray
    credit_share: np.ndarray


@dataclass(frozen=True, eq=False)
class Workspace:
    """The whole analysed workspace; build once with `build_workspace`, query many times."""

    settings: ScoringSettings
    today: dt.date
    org_ids: list[str]
    org_names: list[str]
    org_kind: np.ndarray
    org_tier_weight: np.ndarray
    org_index: dict[str, int]
    own: int
    person_ids: list[str]
    person_names: list[str]
    person_org: np.ndarray
    active: np.ndarray
    power_override: np.ndarray
    is_key: np.ndarray
    is_sales: np.ndarray
    org_ptr: np.ndarray
    org_members: np.ndarray
    rel_a: np.ndarray
    rel_b: np.ndarray
    rel_s: np.ndarray
    rel_declared: np.ndarray
    rel_points: np.ndarray
    inf_src: np.ndarray
    inf_dst: np.ndarray
    inf_s: np.ndarray
    manager: np.ndarray
    power: np.ndarray
    influence: np.ndarray
    importance: np.ndarray
    power_centre: np.ndarray
    influence_centre: np.ndarray
    deals: DealData
    #: database keys of the organisations and people, in index order (for updates in place)
    org_key: KeyIndex = field(repr=False)
    person_key: KeyIndex = field(repr=False)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    #: one lock per cached key, so concurrent readers of a new model make each part once
    makers: dict[Any, threading.Lock] = field(default_factory=dict, init=False, repr=False)

    @property
    def person_index(self) -> dict[str, int]:
        """Index of every person id (made on first use)."""
        return self.cached(
            "person_index",
            lambda: dict(zip(self.person_ids, range(len(self.person_ids)), strict=True)),
        )

    @property
    def rel_orgs(self) -> tuple[np.ndarray, np.ndarray]:
        """The organisations of both ends of every relationship pair (made on first use, in
        32 bits: a worker may hold two or three models at once)."""
        return self.cached(
            "rel_orgs",
            lambda: (
                self.person_org[self.rel_a].astype(np.int32),
                self.person_org[self.rel_b].astype(np.int32),
            ),
        )

    @property
    def inf_orgs(self) -> np.ndarray:
        """The organisation of each influence edge whose two ends work there, else -1 (made
        on first use: an account's edges are then one comparison, not two lookups of every
        edge's ends)."""

        def make() -> np.ndarray:
            src, dst = self.person_org[self.inf_src], self.person_org[self.inf_dst]
            return np.where(src == dst, src, -1).astype(np.int32)

        return self.cached("inf_orgs", make)

    def members(self, org: int) -> np.ndarray:
        """Active people of an organisation, in id order."""
        return self.org_members[self.org_ptr[org] : self.org_ptr[org + 1]]

    def org_of_id(self, org_id: str) -> int:
        """Index of an organisation id (KeyError naming the id if unknown)."""
        try:
            return self.org_index[org_id]
        except KeyError:
            raise KeyError(f"unknown organisation id {org_id!r}") from None

    def person_of_id(self, person_id: str) -> int:
        """Index of a person id (KeyError naming the id if unknown)."""
        try:
            return self.person_index[person_id]
        except KeyError:
            raise KeyError(f"unknown person id {person_id!r}") from None

    def cached(self, key: Any, make: Any) -> Any:
        """A derived structure, made on first use and kept. Threads asking for the same one
        at once wait for the first to make it (under a team's load several requests reach a
        new model together, and each would make its own path index or company view)."""
        value = self.cache.get(key)
        if value is not None:
            return value
        with self.makers.setdefault(key, threading.Lock()):  # setdefault is atomic
            value = self.cache.get(key)
            if value is None:
                value = make()
                self.cache[key] = value
        return value


def build_workspace(
    orgs: Iterable[Row],
    people: Iterable[Row],
    ties: TieArrays | Iterable[Row] = (),
    interactions: Iterable[Row] = (),
    participants: Iterable[Row] = (),
    deals: Iterable[Row] = (),
    roles: Iterable[Row] = (),
    credits: Iterable[Row] = (),
    *,
    today: dt.date,
    settings: ScoringSettings | None = None,
) -> Workspace:
    """Build the analysed workspace from plain rows (see `guanxi.analytics.data`)."""
    with no_gc():
        return _build(
            orgs,
            people,
            ties,
            interactions,
            participants,
            deals,
            roles,
            credits,
            today,
            settings or ScoringSettings(),
        )


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building allocates only acyclic objects, and a
    full collection over a million live rows would cost more than the build itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(
    orgs: Iterable[Row],
    people: Iterable[Row],
    ties: TieArrays | Iterable[Row],
    interactions: Iterable[Row],
    participants: Iterable[Row],
    deals: Iterable[Row],
    roles: Iterable[Row],
    credits: Iterable[Row],
    today: dt.date,
    settings: ScoringSettings,
) -> Workspace:
    # Organisations, in id order.
    org_rows = list(orgs)
    org_rows = [org_rows[i] for i in id_order([str(r[1]) for r in org_rows])]
    org_ids = [str(r[1]) for r in org_rows]
    org_names = [str(r[4]) if len(r) > 4 and r[4] is not None else str(r[1]) for r in org_rows]
    org_kind = np.array([ORG_KINDS[r[2]] for r in org_rows], dtype=np.int8)
    org_tier_weight = np.array([settings.tier_weight(r[3]) for r in org_rows])
    org_key = KeyIndex(np.array([int(r[0]) for r in org_rows], dtype=np.int64))
    own_orgs = np.flatnonzero(org_kind == OWN)
    own = int(own_orgs[0]) if len(own_orgs) else -1

    # People, in id order (columns or rows the database already ordered by id cost no sort).
    if isinstance(people, PeopleColumns):
        cols = people
        n = len(cols.ids)
        person_ids = list(cols.ids)
        person_names = list(cols.names)
        in_order = sorted(person_ids)
        if in_order != person_ids:
            order = id_order(person_ids)
            person_ids, person_names = in_order, [person_names[i] for i in order]
            cols = PeopleColumns(
                cols.key[order],
                person_ids,
                cols.org[order],
                cols.left[order],
                cols.power[order],
                cols.is_key[order],
                cols.is_sales[order],
                person_names,
            )
        person_org = org_key(np.asarray(cols.org, dtype=np.int64))
        active = ~np.asarray(cols.left, dtype=bool) & (person_org >= 0)
        power_override = np.asarray(cols.power, dtype=np.float64)
        is_key = np.asarray(cols.is_key, dtype=bool)
        is_sales = np.asarray(cols.is_sales, dtype=bool)
        person_key = KeyIndex(np.asarray(cols.key, dtype=np.int64))
    else:
        person_rows = list(people)
        n = len(person_rows)
        person_ids = [str(r[1]) for r in person_rows]
        in_order = sorted(person_ids)
        if in_order != person_ids:
            person_rows = [person_rows[i] for i in id_order(person_ids)]
            person_ids = in_order
        if n and len(person_rows[0]) > 7:
            person_names = [
                str(r[7]) if len(r) > 7 and r[7] is not None else str(r[1]) for r in person_rows
            ]
        else:
            person_names = person_ids
        person_org = org_key(np.fromiter(map(itemgetter(2), person_rows), np.int64, n))
        active = np.fromiter((r[3] != "left" for r in person_rows), bool, n) & (person_org >= 0)
        power_override = np.array([r[4] for r in person_rows], dtype=np.float64).reshape(n)
        is_key = np.fromiter(map(itemgetter(5), person_rows), bool, n)
        is_sales = np.fromiter(map(itemgetter(6), person_rows), bool, n)
        person_key = KeyIndex(np.fromiter(map(itemgetter(0), person_rows), np.int64, n))

    org_members, org_ptr = membership(active, person_org, len(org_ids))

    # Ties between two different active people.
    src, dst, kind, strength = counted_ties(tie_arrays(ties, settings), person_key, active)

    manager = np.full(n, -1, dtype=np.int64)
    set_managers(manager, src, dst, kind)

    inf = kind == INFLUENCE
    inf_keys, inf_s = group_max(src[inf] * n + dst[inf], strength[inf])
    inf_src, inf_dst = inf_keys // n, inf_keys % n

    rel = kind == RELATIONSHIP
    lo, hi = np.minimum(src[rel], dst[rel]), np.maximum(src[rel], dst[rel])
    ev_keys, ev_points = interaction_pair_points(
        interactions, participants, person_key, active, today, settings
    )
    rel_keys, rel_s, rel_declared, rel_points = effective_pairs(
        lo * n + hi, strength[rel], ev_keys, ev_points, settings
    )
    # Pairs in key order: the order every later sum runs in, the same however they came.
    by_key = np.argsort(rel_keys, kind="stable")
    rel_keys, rel_s = rel_keys[by_key], rel_s[by_key]
    rel_declared, rel_points = rel_declared[by_key], rel_points[by_key]
    rel_a, rel_b = rel_keys // n, rel_keys % n

    people = score_people(
        settings,
        org_kind,
        person_org,
        active,
        power_override,
        is_key,
        org_ptr,
        org_members,
        manager,
        (rel_a, rel_b, rel_s),
        (inf_src, inf_dst, inf_s),
    )
    return Workspace(
        settings=settings,
        today=today,
        org_ids=org_ids,
        org_names=org_names,
        org_kind=org_kind,
        org_tier_weight=org_tier_weight,
        org_index={k: i for i, k in enumerate(org_ids)},
        own=own,
        person_ids=person_ids,
        person_names=person_names,
        person_org=person_org,
        active=active,
        power_override=power_override,
        is_key=is_key,
        is_sales=is_sales,
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
        **people,
        deals=deal_data(deals, roles, credits, org_key, person_key, active),
        org_key=org_key,
        person_key=person_key,
    )


def _recorded(rows: list[Row], credited: np.ndarray) -> np.ndarray:
    """Deals whose credit was recorded: flagged so, or holding recorded shares."""
    recorded = np.array([len(r) > 7 and bool(r[7]) for r in rows], dtype=bool)
    recorded[credited] = True
    return recorded


def deal_data(
    deals: Iterable[Row],
    roles: Iterable[Row],
    credits: Iterable[Row],
    org_key: KeyIndex,
    person_key: KeyIndex,
    active: np.ndarray,
) -> DealData:
    rows = list(deals)
    order = id_order([str(r[1]) for r in rows])
    rows = [rows[i] for i in order]
    ids = [str(r[1]) for r in rows]
    deal_key = KeyIndex(np.array([int(r[0]) for r in rows], dtype=np.int64))
    org_of = dict(zip(org_key.keys.tolist(), range(org_key.size), strict=True))
    competitors = [
        tuple(sorted({org_of[int(k)] for k in (r[5] or ()) if int(k) in org_of})) for r in rows
    ]
    role_rows = list(roles)
    m = len(role_rows)
    deal = deal_key(np.fromiter((int(r[0]) for r in role_rows), np.int64, m))
    person = person_key(np.fromiter((int(r[1]) for r in role_rows), np.int64, m))
    keep = (deal >= 0) & (person >= 0)
    keep[keep] = active[person[keep]]
    idx = np.flatnonzero(keep)
    idx = idx[np.lexsort((person[idx], deal[idx]))]
    credit_rows = list(credits)
    c = len(credit_rows)
    c_deal = deal_key(np.fromiter((int(r[0]) for r in credit_rows), np.int64, c))
    c_person = person_key(np.fromiter((int(r[1]) for r in credit_rows), np.int64, c))
    c_share = np.fromiter((float(r[2]) for r in credit_rows), np.float64, c)
    known = (c_deal >= 0) & (c_person >= 0)
    return DealData(
        ids=ids,
        index={k: i for i, k in enumerate(ids)},
        org=org_key(np.array([int(r[2]) for r in rows], dtype=np.int64)),
        status=[str(r[3]) for r in rows],
        amount=np.array([np.nan if r[4] is None else float(r[4]) for r in rows]),
        competitors=competitors,
        role_deal=deal[idx],
        role_person=person[idx],
        role_name=[str(role_rows[i][2]) for i in idx.tolist()],
        role_attitude=np.array([int(role_rows[i][3] or 0) for i in idx.tolist()], np.int64),
        role_contact=[role_rows[i][4] for i in idx.tolist()],
        role_checked=np.array(
            [len(role_rows[i]) > 5 and bool(role_rows[i][5]) for i in idx.tolist()], dtype=bool
        ),
        recorded=_recorded(rows, c_deal[known]),
        credit_deal=c_deal[known],
        credit_person=c_person[known],
        credit_share=c_share[known],
    )
