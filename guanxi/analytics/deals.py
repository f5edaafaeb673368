"""Deal decision chain: role weights, each holder's edge, win odds, coverage, warnings, paths.

- w(p): a role's weight (approver .35, decision maker .30, evaluator .20, user .15) shared by
  its holders and renormalised over the roles present;
- edge e(p) = (C_us(p) - max_k C_k(p)) / 100 + attitude / 2 over the deal's competitors;
- win odds = 100 / (1 + exp(-2 * sum w(p) e(p))) percent; v2: None when nobody holds a role;
- coverage = share of the four roles with someone at contact level regular or deep;
- v2 competitor intelligence: what we know of holder p is known when any relationship or
  influence tie (either direction, any strength) links p with an active person of a competitor
  in play, or a role of p on the deal is marked `competitors_checked`; `intel_coverage` is the
  share of holders known (1 with no competitor in play); `win_odds_low` recomputes the odds
  with max_k C_k(p) raised to at least 70 for every unknown holder.

>>> round(win_odds([0.5, 0.5], [0.4, -0.1]), 2)
57.44
>>> win_odds([], []) is None
True

Interpretations: warnings come in the order missing_role (in role order), opposed_decider,
competitor_stronger, no_support, then (v2) uncovered_decider and no_intelligence, each then by
person id; a person with two roles on one deal counts in both (one warning each per person);
role holders who have left are dropped, so their role may become missing. Intelligence is per
person: a person with two roles is known if either role is marked checked; `intel_coverage`
counts people, and is 1 when the deal has no role holder. A contact level that is not set
counts as none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._arrays import at_least
from .paths import best_paths, path_dicts, path_index
from .scores import role_weights, side_scores
from .settings import ROLES

if TYPE_CHECKING:
    from .graph import Workspace

ATTITUDES = {2: "champion", 1: "supporter", 0: "neutral", -1: "non_supporter", -2: "enemy"}


def win_odds(weights: Sequence[float], edges: Sequence[float], slope: float = 2.0) -> float | None:
    """Relationship win odds in percent: 100 / (1 + exp(-2 * sum w * e)); None (unknown, v2)
    when nobody holds a role."""
    if not len(weights):
        return None
    total = sum(w * e for w, e in zip(weights, edges, strict=True))
    return 100.0 / (1.0 + math.exp(-slope * total))


def intel_links(ws: Workspace, people: Iterable[int], competitors: Iterable[int]) -> set[int]:
    """Those of `people` linked to an active person of one of `competitors` by any
    relationship or influence tie, either direction, any strength (what we know of where
    the competitors stand). Read person by person for a deal's few role holders (their
    relationships from the path index, their influence edges by binary search), not kept
    per model: a write would make every model compute it again for everyone."""
    index = path_index(ws)
    theirs = np.zeros(len(ws.org_ids) + 1, dtype=bool)  # the last place: no organisation
    theirs[list(competitors)] = True
    org = ws.person_org
    by_target, targets = influence_by_target(ws)
    found = set()
    for p in people:
        partners = [
            index.relationships(p)[0],
            ws.inf_dst[np.searchsorted(ws.inf_src, p) : np.searchsorted(ws.inf_src, p, "right")],
            ws.inf_src[
                by_target[np.searchsorted(targets, p) : np.searchsorted(targets, p, "right")]
            ],
        ]
        if any(theirs[org[q]].any() for q in partners):
            found.add(p)
    return found


def influence_by_target(ws: Workspace) -> tuple[np.ndarray, np.ndarray]:
    """The influence edges' positions ordered by target, and the targets in that order (the
    edges are stored by source; kept while the influence edges stay)."""

    def make() -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(ws.inf_dst, kind="stable")
        return order, ws.inf_dst[order]

    return ws.cached("influence_by_target", make)


def deal_view(ws: Workspace, deal_id: str) -> dict[str, Any]:
    """`guanxi deal ID`: the decision chain of a deal."""
    settings = ws.settings
    deals = ws.deals
    try:
        d = deals.index[deal_id]
    except KeyError:
        raise KeyError(f"unknown deal id {deal_id!r}") from None
    rank = {r: i for i, r in enumerate(ROLES)}
    ids, names = ws.person_ids, ws.person_names
    rows = np.flatnonzero(deals.role_deal == d).tolist()
    rows.sort(key=lambda r: (rank.get(deals.role_name[r], len(ROLES)), deals.role_person[r]))
    weights = role_weights(ws)
    us = side_scores(ws, ws.own).closeness
    comps = {ws.org_ids[c]: side_scores(ws, c).closeness for c in deals.competitors[d]}

    known = _known(ws, d, rows)
    floor = settings.unknown_competitor_closeness
    roles, edges, low, w = [], [], [], []
    for r in rows:
        p = int(deals.role_person[r])
        theirs = {c: float(close[p]) for c, close in comps.items()}
        best = max(theirs.values(), default=0.0)
        attitude = int(deals.role_attitude[r])
        edge = (float(us[p]) - best) / 100.0 + attitude / settings.attitude_divisor
        edges.append(edge)
        worst = best if known[p] else max(best, floor)
        low.append((float(us[p]) - worst) / 100.0 + attitude / settings.attitude_divisor)
        w.append(float(weights[r]))
        roles.append(
            {
                "person": ids[p],
                "name": names[p],
                "role": deals.role_name[r],
                "attitude": attitude,
                "contact_level": deals.role_contact[r],
                "closeness": float(us[p]),
                "competitor_closeness": theirs,
                "edge": edge,
                "weight": float(weights[r]),
                "competitors_checked": bool(deals.role_checked[r]),
                "intel_known": known[p],
            }
        )
    covered = {
        role["role"]
        for role in roles
        if role["contact_level"] in settings.covered_contact_levels and role["role"] in rank
    }
    holders = set(known)
    return {
        "id": deal_id,
        "organization_id": ws.org_ids[deals.org[d]] if deals.org[d] >= 0 else None,
        "status": deals.status[d],
        "win_odds": win_odds(w, edges, settings.win_odds_slope),
        "win_odds_low": win_odds(w, low, settings.win_odds_slope),
        "intel_coverage": sum(known.values()) / len(holders) if holders else 1.0,
        "coverage": len(covered) / len(ROLES),
        "roles": roles,
        "warnings": _warnings(ws, roles, comps) + _v2_warnings(ws, roles, comps),
        "paths": {
            ids[p]: path_dicts(ws, best_paths(ws, p))
            for p in sorted({int(deals.role_person[r]) for r in rows})
            if not at_least(us[p], settings.deal_paths_below)
        },
    }


def _warnings(
    ws: Workspace, roles: list[dict[str, Any]], comps: dict[str, np.ndarray]
) -> list[dict[str, Any]]:
    settings = ws.settings
    out: list[dict[str, Any]] = []
    held = {r["role"] for r in roles}
    for role in ROLES:
        if role not in held:
            label = role.replace("_", " ")
            out.append(
                {
                    "code": "missing_role",
                    "person": None,
                    "reason": f"Nobody on the deal is known as the {label}.",
                }
            )
    by_person = sorted(roles, key=lambda r: r["person"])
    seen: set[str] = set()
    for r in by_person:
        if r["role"] in ("approver", "decision_maker") and r["attitude"] <= -1:
            if r["person"] in seen:
                continue
            seen.add(r["person"])
            out.append(
                {
                    "code": "opposed_decider",
                    "person": r["person"],
                    "reason": f"{r['name']} ({r['role'].replace('_', ' ')}) is "
                    f"{'an enemy' if r['attitude'] <= -2 else 'a non-supporter'} of ours.",
                }
            )
    seen = set()
    for r in by_person:
        strong = {
            c: v
            for c, v in r["competitor_closeness"].items()
            if at_least(v, settings.competitor_stronger_them_at)
        }
        if (
            not at_least(r["closeness"], settings.competitor_stronger_us_below)
            and strong
            and (r["person"] not in seen)
        ):
            seen.add(r["person"])
            names = ", ".join(
                f"{ws.org_names[ws.org_index[c]]} ({v:.0f})" for c, v in sorted(strong.items())
            )
            out.append(
                {
                    "code": "competitor_stronger",
                    "person": r["person"],
                    "reason": f"{r['name']} is close to {names} but only {r['closeness']:.0f} "
                    "to us.",
                }
            )
    if not any(r["attitude"] >= 1 for r in roles):
        out.append(
            {
                "code": "no_support",
                "person": None,
                "reason": "Nobody on the deal is a champion or supporter of ours.",
            }
        )
    return out


def _known(ws: Workspace, d: int, rows: list[int]) -> dict[int, bool]:
    """Whether we know where the deal's competitors stand with each role holder."""
    deals = ws.deals
    people = {int(deals.role_person[r]) for r in rows}
    if not deals.competitors[d]:
        return dict.fromkeys(people, True)
    known = dict.fromkeys(people, False)
    for r in rows:
        if deals.role_checked[r]:
            known[int(deals.role_person[r])] = True
    for p in intel_links(ws, people, deals.competitors[d]):
        known[p] = True
    return known


def _v2_warnings(
    ws: Workspace, roles: list[dict[str, Any]], comps: dict[str, np.ndarray]
) -> list[dict[str, Any]]:
    settings = ws.settings
    deciders = sorted(
        (r for r in roles if r["role"] in ("approver", "decision_maker")),
        key=lambda r: r["person"],
    )
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for r in deciders:
        level = r["contact_level"] or "none"
        if level in settings.uncovered_contact_levels and r["person"] not in seen:
            seen.add(r["person"])
            contact = "no contact" if level == "none" else "only initial contact"
            out.append(
                {
                    "code": "uncovered_decider",
                    "person": r["person"],
                    "reason": f"{r['name']} ({r['role'].replace('_', ' ')}) has had {contact} "
                    "with us.",
                }
            )
    seen = set()
    names = ", ".join(ws.org_names[ws.org_index[c]] for c in sorted(comps))
    for r in deciders:
        if comps and not r["intel_known"] and r["person"] not in seen:
            seen.add(r["person"])
            out.append(
                {
                    "code": "no_intelligence",
                    "person": r["person"],
                    "reason": f"We don't know where {names} stand"
                    f"{'s' if len(comps) == 1 else ''} with {r['name']} "
                    f"({r['role'].replace('_', ' ')}): no tie recorded and not marked as "
                    "checked.",
                }
            )
    return out
