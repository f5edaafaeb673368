"""A straightforward networkx implementation of the company view, for the speed ratio.

Written the way one would without vectorising: a networkx DiGraph for G, networkx.pagerank
per customer (tol 1e-10), dictionaries for closeness, and concentration by recomputing each
account's score without each employee who knows someone there.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np

from guanxi.analytics.settings import ScoringSettings


def company_score(args: dict, settings: ScoringSettings | None = None) -> dict:
    """Capability score, levels and per-account score/top dependency, as networkx would."""
    s = settings or ScoringSettings()
    today = args["today"]
    org_kind = {o[0]: o[2] for o in args["orgs"]}
    org_id = {o[0]: o[1] for o in args["orgs"]}
    tier = {o[0]: o[3] for o in args["orgs"]}
    pid = {p[0]: p[1] for p in args["people"]}
    org_of = {p[1]: p[2] for p in args["people"]}
    power = {p[1]: p[4] for p in args["people"]}
    active = {p[1] for p in args["people"] if p[3] != "left"}
    ties = args["ties"]
    rel: dict[frozenset, float] = {}
    g = nx.DiGraph()
    g.add_nodes_from(active)
    manager = {}

    def add(u, v, w):
        if g.has_edge(u, v):
            g[u][v]["strength"] = max(g[u][v]["strength"], w)
        else:
            g.add_edge(u, v, strength=w)

    kinds = ties.kind.tolist()
    strengths = np.nan_to_num(ties.strength, nan=0.0).tolist()
    for a, b, k, w in zip(
        ties.source.tolist(), ties.target.tolist(), kinds, strengths, strict=True
    ):
        a, b = pid[a], pid[b]
        if a not in active or b not in active or a == b:
            continue
        if k == 0:
            manager.setdefault(a, b)
        elif k == 1:
            add(a, b, w)
        else:
            key = frozenset((a, b))
            rel[key] = max(rel.get(key, 0.0), w)
    points: dict[frozenset, float] = defaultdict(float)
    who = defaultdict(set)
    for ikey, pkey in args["participants"]:
        if pid[pkey] in active:
            who[ikey].add(pid[pkey])
    for ikey, date, kind in args["interactions"]:
        age = (today - date).days
        if age < 0:
            continue
        pts = s.interaction_weight(kind) * 0.5 ** (age / s.half_life_days)
        people = sorted(who[ikey])
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                points[frozenset((a, b))] += pts
    for key, pts in points.items():
        rel[key] = max(rel.get(key, 0.0), 100 * (1 - math.exp(-pts / s.evidence_scale)))
    neighbours = defaultdict(dict)
    for key, w in rel.items():
        a, b = tuple(key)
        neighbours[a][b] = w
        neighbours[b][a] = w
        add(a, b, w)
        add(b, a, w)
    for a, b in manager.items():
        add(b, a, s.reports_down_strength)
        add(a, b, s.reports_up_strength)

    members = defaultdict(list)
    for p in active:
        members[org_of[p]].append(p)
    own = next(k for k, v in org_kind.items() if v == "own")
    ours = set(members[own])

    def closeness(p, without=None):
        remaining = 1.0
        for e, w in neighbours[p].items():
            if e in ours and e != without:
                remaining *= 1 - w / 100
        return 100 * (1 - remaining)

    accounts = {}
    weighted = total_weight = 0.0
    levels = {"strong": 0, "medium": 0, "weak": 0}
    for o, kind in org_kind.items():
        if kind != "customer":
            continue
        people = members[o]
        score, top = 0.0, None
        if people:
            tree = nx.DiGraph()
            tree.add_nodes_from(people)
            tree.add_edges_from((manager[p], p) for p in people if manager.get(p) in tree)
            n = len(people)
            P = {
                p: power[p] / 100
                if power[p] is not None
                else (
                    1.0 if n == 1 else math.log(2 + len(nx.descendants(tree, p))) / math.log(1 + n)
                )
                for p in people
            }
            pr = nx.pagerank(
                g.subgraph(people).reverse(copy=True),
                alpha=s.damping,
                personalization=P if sum(P.values()) > 0 else None,
                weight="strength",
                tol=1e-10,
                max_iter=10000,
            )
            top_pr = max(pr.values())
            W = {p: max(P[p], pr[p] / top_pr) for p in people}
            den = sum(W.values())
            score = sum(W[p] * closeness(p) for p in people) / den
            if score > 0:
                staff = sorted({e for p in people for e in neighbours[p] if e in ours})
                shares = []
                for e in staff:
                    without = sum(W[p] * closeness(p, e) for p in people) / den
                    shares.append((-round((score - without) / score, 9), e))
                if shares:
                    top = min(shares)[1]
        accounts[org_id[o]] = (score, top)
        weight = s.tier_weight(tier[o])
        weighted += weight * score
        total_weight += weight
        levels[s.level(score)] += 1
    return {"score": weighted / total_weight, "levels": levels, "accounts": accounts}
