"""Company view: our (or a competitor's) relationship capability, accounts and employees.

- Capability score: tier-weighted mean of S(O) over every customer (a customer with no active
  people scores 0 and counts), with the number of customers at each level.
- Concentration of account O on employee e: (S(O) - S_without_e(O)) / S(O), from each
  (employee, person) tie's share of the person's closeness, all vectorised: a tie of strength s
  removed leaves `C_without = 100 (1 - exp(logsum - log(1 - s/100)))` (ties of 100 counted
  apart). The top dependency is the largest share (ties to the lower id), none when S(O) = 0.
- Employee resources `R(e) = sum s(e,p) * W(p)` over customer people, the key people e can
  influence (power or influence centres with s(e,p) >= 40, by importance), and credit on won
  deals (ours only).

Interpretations: every active person of the side is listed, with zero resources if they know
nobody; key people are listed by importance, then id; a won deal whose role holders nobody of
ours knows credits nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import group_sum, order_desc, tie_round
from .company_parts import employees, side_parts
from .data import COMPETITOR, CUSTOMER, OWN
from .scores import SideScores, account_scores, role_weights, side_scores

if TYPE_CHECKING:
    from .graph import Workspace


def resolve_side(ws: Workspace, side_id: str | None) -> int:
    """Organisation index of a side id (None = us); it must be our company or a competitor."""
    if side_id is None:
        if ws.own < 0:
            raise ValueError("the workspace has no own organisation")
        return ws.own
    org = ws.org_of_id(side_id)
    if ws.org_kind[org] not in (OWN, COMPETITOR):
        raise ValueError(f"{side_id!r} is not our company or a competitor")
    return org


def concentration(
    ws: Workspace, side: SideScores, scores: np.ndarray, orgs: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per (account, employee) share of S(O) that rests on the employee's ties: (org, e, share)
    sorted by org, then employee index (of the given accounts only, when `orgs` is given)."""
    p = side.link_p
    org = side.link_org
    customer = side.to_customers(ws.org_kind)
    if orgs is not None:
        wanted = np.zeros(len(ws.org_ids), dtype=bool)
        wanted[orgs] = True
        customer = customer & wanted[org]  # (not in place: the mask is kept on the side)
    p, org, e = p[customer], org[customer], side.link_e[customer]
    n_org = len(ws.org_ids)
    den = np.bincount(ws.person_org, weights=ws.importance, minlength=n_org)
    drop = ws.importance[p] * (side.closeness[p] - side.closeness_without(customer))
    drop = np.divide(drop, den[org], out=np.zeros(len(drop)), where=den[org] > 0)
    # Sum the drops per (account, employee), sorted by account, then employee.
    n = len(ws.person_ids)
    pairs, data = group_sum(org.astype(np.int64) * n + e, drop)
    rows = pairs // n
    score = scores[rows]
    share = np.divide(data, score, out=np.zeros(len(rows)), where=score > 0)
    return rows, pairs % n, share


def top_dependencies(
    ws: Workspace, side: SideScores, scores: np.ndarray, orgs: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Top dependency per organisation: (employee index or -1, share); with `orgs`, only
    those organisations' (the others' left at -1)."""
    n_org = len(ws.org_ids)
    rows, emp, share = concentration(ws, side, scores, orgs)
    employee = np.full(n_org, -1, dtype=np.int64)
    best = np.zeros(n_org)
    if len(rows) == 0:
        return employee, best
    rounded = tie_round(share)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    row_max = np.maximum.reduceat(rounded, starts)
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(rows)]))
    candidate = np.flatnonzero(rounded == row_max[group])
    first = candidate[np.r_[True, group[candidate][1:] != group[candidate][:-1]]]
    org = rows[first]
    keep = tie_round(scores[org]) > 0  # a score of 0 to 9 decimals rests on nobody
    employee[org[keep]] = emp[first[keep]]
    best[org[keep]] = share[first[keep]]
    return employee, best


def _live_entries(
    ws: Workspace, side: SideScores, deal_mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry w(p)·s(e,p) per (deal, role holder, employee) of the masked deals: (deal,
    employee, value)."""
    deals = ws.deals
    weights = role_weights(ws)
    rows = deal_mask[deals.role_deal]
    n = len(ws.person_ids)
    holder = np.zeros(n, dtype=bool)
    holder[deals.role_person[rows]] = True
    link = holder[side.link_p]
    # Join each deal's role holders (deal, p, w) with the side's ties (p, e, s).
    lp, le, ls = side.link_p[link], side.link_e[link], side.link_s[link]
    order = np.argsort(lp, kind="stable")
    lp, le, ls = lp[order], le[order], ls[order]
    rd, rp, rw = deals.role_deal[rows], deals.role_person[rows], weights[rows]
    starts = np.searchsorted(lp, rp, "left")
    counts = np.searchsorted(lp, rp, "right") - starts
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    idx = np.arange(int(counts.sum())) + offsets
    return np.repeat(rd, counts), le[idx], np.repeat(rw, counts) * ls[idx]


def credit_shares(ws: Workspace, deal_id: str) -> list[tuple[str, float]]:
    """Each of our people's share of a deal's credit from the workspace as it stands:
    sum_p w(p) s(e,p) / sum_e' sum_p w(p) s(e',p) over the role holders, by id (the shares
    to record when the deal becomes won; empty when nobody of ours knows a role holder).

    >>> import datetime as dt
    >>> from guanxi.analytics import build_workspace
    >>> ws = build_workspace(
    ...     orgs=[(1, "acme", "customer", None), (2, "us", "own", None)],
    ...     people=[(10, "cfo", 1, "active", None, False, False),
    ...             (20, "ann", 2, "active", None, False, True),
    ...             (21, "hr", 2, "active", None, False, False)],
    ...     ties=[(20, 10, "relationship", 80), (21, 10, "relationship", 20)],
    ...     deals=[(5, "d1", 1, "won", 1000.0, ())],
    ...     roles=[(5, 10, "approver", 0, "deep")], today=dt.date(2025, 1, 1))
    >>> credit_shares(ws, "d1")
    [('ann', 0.8), ('hr', 0.2)]
    """
    d = ws.deals.index[deal_id]
    if ws.own < 0:
        return []
    mask = np.zeros(len(ws.deals.ids), dtype=bool)
    mask[d] = True
    _deal, emp, value = _live_entries(ws, side_scores(ws, ws.own), mask)
    total = value.sum()
    if total <= 0:
        return []
    per = np.bincount(emp, weights=value, minlength=len(ws.person_ids)) / total
    people = np.flatnonzero(np.bincount(emp, minlength=len(ws.person_ids)) > 0)
    return [(ws.person_ids[e], float(per[e])) for e in people.tolist() if per[e] > 0]


def credit_table(ws: Workspace) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every won deal's credit shares (deal, person, share), ours only: the shares recorded
    when it was won (v2), or for a won deal without a record, its shares as it stands."""
    deals = ws.deals

    def make() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        won = np.array([status == "won" for status in deals.status], dtype=bool)
        mine = won[deals.credit_deal]
        deal, person = deals.credit_deal[mine], deals.credit_person[mine]
        share = deals.credit_share[mine]
        live = won & ~deals.recorded
        if live.any() and len(deals.role_deal) and ws.own >= 0:
            ld, le, value = _live_entries(ws, side_scores(ws, ws.own), live)
            keys, summed = group_sum(ld * len(ws.person_ids) + le, value)
            ld, le = keys // len(ws.person_ids), keys % len(ws.person_ids)
            total = np.bincount(ld, weights=summed, minlength=len(deals.ids))
            keep = summed > 0
            deal = np.r_[deal, ld[keep]]
            person = np.r_[person, le[keep]]
            share = np.r_[share, summed[keep] / total[ld[keep]]]
        return deal.astype(np.int64), person.astype(np.int64), share

    return ws.cached("credit_table", make)


def credits(ws: Workspace, side: SideScores) -> np.ndarray:
    """Credited amount on won deals per person: share x amount (no amount: 0)."""
    deal, person, share = credit_table(ws)
    amount = np.nan_to_num(ws.deals.amount, nan=0.0)
    return np.bincount(person, weights=share * amount[deal], minlength=len(ws.person_ids))


def capability_score(tier_weights: Sequence[float], scores: Sequence[float]) -> float:
    """The tier-weighted mean of account scores (0 when there is no customer).

    >>> capability_score([3, 1], [45.0, 80.0])
    53.75
    """
    weights = np.asarray(tier_weights, dtype=float)
    total = weights.sum()
    return float(weights @ np.asarray(scores, dtype=float) / total) if total > 0 else 0.0


def company_view(
    ws: Workspace, side_id: str | None = None, *, trend: Sequence[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """`guanxi company [--side ORG]`: capability score, accounts by score, employees by
    resources; `trend` (from snapshots, date ascending) is passed through."""
    settings = ws.settings
    org = resolve_side(ws, side_id)
    side = side_scores(ws, org)
    parts = side_parts(ws, side)
    scores = parts.scores
    customers = np.flatnonzero(ws.org_kind == CUSTOMER)
    tier = ws.org_tier_weight[customers]
    capability = capability_score(tier, scores[customers])
    levels = {"strong": 0, "medium": 0, "weak": 0}
    score_list = scores.tolist()
    for o in customers.tolist():
        levels[settings.level(score_list[o])] += 1
    dep_list, share_list = parts.dep_employee.tolist(), parts.dep_share.tolist()
    ids, org_ids, org_names = ws.person_ids, ws.org_ids, ws.org_names
    accounts = []
    for o in customers[order_desc(scores[customers], customers)].tolist():
        score = score_list[o]
        top = None
        if dep_list[o] >= 0:
            top = {"employee": ids[dep_list[o]], "share": share_list[o]}
        accounts.append(
            {
                "id": org_ids[o],
                "name": org_names[o],
                "score": score,
                "level": settings.level(score),
                "top_dependency": top,
                "at_risk": top is not None and share_list[o] >= settings.at_risk_share - 5e-10,
            }
        )
    extra: dict[str, Any] = {}
    if ws.org_kind[org] == COMPETITOR:
        from .threats import competitor_threats

        # v2: where the competitor is ahead, person by person, not only on averaged accounts
        threats = competitor_threats(ws, org_ids[org])
        ours = account_scores(ws, side_scores(ws, ws.own)) if ws.own >= 0 else scores * 0
        ahead = customers[tie_round(scores[customers]) > tie_round(ours[customers])]
        extra = {
            "threats": threats,
            "closer_than_us": {"people": len(threats), "accounts": len(ahead)},
        }
    return {
        "side": org_ids[org],
        "name": ws.org_names[org],
        **extra,
        "score": capability,
        "level": settings.level(capability),
        "levels": levels,
        "accounts": accounts,
        "employees": employees(ws, side),
        "trend": sorted(trend or [], key=lambda t: str(t["date"])),
    }


#: the metrics a snapshot records for each side (our company, each competitor)
SIDE_METRICS = ("score", "strong", "medium", "weak")


def trend_points(rows: Iterable[tuple[Any, str, float]]) -> list[dict[str, Any]]:
    """A side's snapshot values (date, metric, value), in date order, as the company view's
    trend: one point per date with the score and the number of accounts at each level."""
    by_date: dict[str, dict[str, Any]] = {}
    for date, metric, value in rows:
        day = date.isoformat() if hasattr(date, "isoformat") else str(date)[:10]
        point = by_date.setdefault(day, {"date": day})
        point[metric] = value if metric == "score" else int(value)
    return [
        {
            "date": p["date"],
            "score": p.get("score", 0.0),
            **{k: p.get(k, 0) for k in SIDE_METRICS[1:]},
        }
        for p in by_date.values()
    ]
