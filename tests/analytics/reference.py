"""A small, readable networkx implementation of MODEL.md, written apart from the engine.

It takes the same plain rows as `guanxi.analytics.build_workspace` and answers the same views
with dictionaries, networkx.pagerank (tol 1e-12), networkx.betweenness_centrality and
networkx.all_simple_paths, so the engine's arithmetic can be checked against it.
"""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx

from guanxi.analytics.settings import ROLES, ScoringSettings


def r9(value: float) -> float:
    """A value as thresholds see it: equal to 9 decimals counts as reaching the threshold."""
    return round(value, 9)


def key_desc(value: float, *rest: object) -> tuple:
    """Sort key: value descending (equal to 9 decimals counts as equal), then the rest."""
    return (-round(value, 9), *rest)


class Reference:
    def __init__(
        self,
        orgs,
        people,
        ties,
        interactions=(),
        participants=(),
        deals=(),
        roles=(),
        credits=(),
        *,
        today,
        settings=None,
    ):
        self.s = s = settings or ScoringSettings()
        self.today = today
        org_of_key = {o[0]: o[1] for o in orgs}
        self.orgs = {o[1]: {"kind": o[2], "tier": o[3]} for o in orgs}
        self.own = next((o for o, v in self.orgs.items() if v["kind"] == "own"), None)
        id_of_key = {p[0]: p[1] for p in people}
        self.people = {}
        for _key, pid, org_key, status, power, is_key, sales, *_ in people:
            org = org_of_key.get(org_key)
            self.people[pid] = {
                "org": org,
                "active": status != "left" and org is not None,
                "power": power,
                "key": bool(is_key),
                "sales": bool(sales),
            }
        active = {p for p, v in self.people.items() if v["active"]}
        self.active = active

        # Relationships: declared (max of parallel rows) and interaction points per pair.
        declared: dict[frozenset, float] = {}
        points: dict[frozenset, float] = {}
        self.manager: dict[str, str] = {}
        influence: dict[tuple[str, str], float] = {}
        for src, dst, kind, strength in ties:
            a, b = id_of_key.get(src), id_of_key.get(dst)
            if a not in active or b not in active or a == b:
                continue
            value = 0.0 if strength is None else float(s.strength_value(strength))
            if kind == "reports_to":
                self.manager.setdefault(a, b)
            elif kind == "influence":
                influence[a, b] = max(influence.get((a, b), 0.0), value)
            else:
                pair = frozenset((a, b))
                declared[pair] = max(declared.get(pair, 0.0), value)
        dates = {i[0]: (i[1], i[2]) for i in interactions}
        present: dict[object, set[str]] = {}
        for ikey, pkey in participants:
            pid = id_of_key.get(pkey)
            if ikey in dates and pid in active:
                present.setdefault(ikey, set()).add(pid)
        for ikey, who in present.items():
            date, kind = dates[ikey]
            age = (today - date).days
            if age < 0:
                continue
            pts = s.interaction_weight(kind) * 0.5 ** (age / s.half_life_days)
            if pts <= 0:
                continue
            for a, b in combinations(sorted(who), 2):
                pair = frozenset((a, b))
                points[pair] = points.get(pair, 0.0) + pts
        self.rel = {}
        for pair in set(declared) | set(points):
            ev = 100 * (1 - math.exp(-points.get(pair, 0.0) / s.evidence_scale))
            self.rel[pair] = max(declared.get(pair, 0.0), ev)
        self.influence = influence

        # The analysis graph G.
        g = nx.DiGraph()
        g.add_nodes_from(active)

        def add(u, v, w):
            if g.has_edge(u, v):
                g[u][v]["strength"] = max(g[u][v]["strength"], w)
            else:
                g.add_edge(u, v, strength=w)

        for (a, b), w in influence.items():
            add(a, b, w)
        for pair, w in self.rel.items():
            a, b = sorted(pair)
            add(a, b, w)
            add(b, a, w)
        for a, b in self.manager.items():
            add(b, a, s.reports_down_strength)
            add(a, b, s.reports_up_strength)
        self.g = g

        self.deals = {}
        deal_of_key = {}
        for key, did, org_key, status, amount, comps, *extra in deals:
            deal_of_key[key] = did
            self.deals[did] = {
                "org": org_of_key.get(org_key),
                "status": status,
                "amount": amount,
                "competitors": sorted({org_of_key[c] for c in comps or () if c in org_of_key}),
                "roles": [],
                # v2: credit recorded at the win (flag, then the recorded shares)
                "recorded": len(extra) > 1 and bool(extra[1]),
                "credit": {},
            }
        for dkey, pkey, role, attitude, contact, *extra in roles:
            pid = id_of_key.get(pkey)
            if dkey in deal_of_key and pid in active:
                self.deals[deal_of_key[dkey]]["roles"].append(
                    {
                        "person": pid,
                        "role": role,
                        "attitude": attitude or 0,
                        "contact": contact,
                        "checked": bool(extra and extra[0]),
                    }
                )
        for dkey, pkey, share in credits:
            pid = id_of_key.get(pkey)
            if dkey in deal_of_key and pid is not None:
                d = self.deals[deal_of_key[dkey]]
                d["recorded"] = True
                d["credit"][pid] = d["credit"].get(pid, 0.0) + share

        self.P, self.I, self.W = {}, {}, {}
        for org, v in self.orgs.items():
            if v["kind"] == "customer":
                self._score_customer(org)

    # ---- per customer -------------------------------------------------------------------
    def members(self, org):
        return sorted(p for p in self.active if self.people[p]["org"] == org)

    def _score_customer(self, org):
        s = self.s
        members = self.members(org)
        if not members:
            return
        n = len(members)
        tree = nx.DiGraph()
        tree.add_nodes_from(members)
        for a in members:
            b = self.manager.get(a)
            if b in members:
                tree.add_edge(b, a)
        for p in members:
            override = self.people[p]["power"]
            if override is not None:
                self.P[p] = override / 100
            elif n == 1:
                self.P[p] = 1.0
            else:
                sub = 1 + len(nx.descendants(tree, p))
                self.P[p] = math.log(1 + sub) / math.log(1 + n)
        reversed_g = self.g.subgraph(members).reverse(copy=True)
        personal = {p: self.P[p] for p in members}
        if sum(personal.values()) == 0:
            personal = None
        pr = nx.pagerank(
            reversed_g,
            alpha=s.damping,
            personalization=personal,
            weight="strength",
            tol=1e-12,
            max_iter=100000,
        )
        top = max(pr.values())
        for p in members:
            self.I[p] = pr[p] / top
            self.W[p] = max(self.P[p], self.I[p])

    def side_people(self, side):
        return [p for p in self.members(side)]

    def closeness(self, side, p):
        remaining = 1.0
        for e in self.side_people(side):
            if e != p and frozenset((e, p)) in self.rel:
                remaining *= 1 - self.rel[frozenset((e, p))] / 100
        return 100 * (1 - remaining)

    def score(self, org, side=None, without=None):
        side = side or self.own
        members = self.members(org)
        total = sum(self.W[p] for p in members)
        if not members or total == 0:
            return 0.0
        num = 0.0
        for p in members:
            remaining = 1.0
            for e in self.side_people(side):
                if e != without and frozenset((e, p)) in self.rel:
                    remaining *= 1 - self.rel[frozenset((e, p))] / 100
            num += self.W[p] * 100 * (1 - remaining)
        return num / total

    def power_centres(self, org):
        return [
            p
            for p in self.members(org)
            if r9(self.P[p]) >= self.s.power_centre_threshold or self.people[p]["key"]
        ]

    def influence_centres(self, org):
        """v2: not power centres, and I >= 0.5 or an explicit influence of >= 70 on a power
        centre of the organisation; by I descending, then id."""
        s = self.s
        members = self.members(org)
        pcs = set(self.power_centres(org))
        movers = {
            a
            for (a, b), w in self.influence.items()
            if b in pcs and a in members and r9(w) >= s.influence_centre_tie
        }
        return sorted(
            (
                p
                for p in members
                if p not in pcs and (r9(self.I[p]) >= s.influence_centre_threshold or p in movers)
            ),
            key=lambda p: key_desc(self.I[p], p),
        )

    def account(self, org):
        s = self.s
        members = self.members(org)
        competitors = [
            c
            for c, v in self.orgs.items()
            if v["kind"] == "competitor"
            and any(frozenset((e, p)) in self.rel for e in self.members(c) for p in members)
        ]
        und = nx.Graph()
        und.add_nodes_from(members)
        und.add_edges_from((u, v) for u, v in self.g.subgraph(members).edges())
        broker = nx.betweenness_centrality(und, normalized=True)
        people = sorted(members, key=lambda p: key_desc(self.W[p], p))
        pcs = sorted(self.power_centres(org), key=lambda p: key_desc(self.P[p], p))
        ics = self.influence_centres(org)
        targets = sorted(
            (p for p in pcs + ics if r9(self.closeness(self.own, p)) < 40),
            key=lambda p: key_desc(self.W[p], p),
        )
        score = self.score(org)
        threats = [
            {"competitor": c, **t}
            for c, v in sorted(self.orgs.items())
            if v["kind"] == "competitor"
            for t in self.threats(c, account=org)
        ]
        threats.sort(key=lambda t: key_desc(t["importance"], t["person"], t["competitor"]))
        return {
            "threats": threats,
            "score": score,
            "level": s.level(score),
            "people": [
                {
                    "id": p,
                    "power": self.P[p],
                    "influence": self.I[p],
                    "importance": self.W[p],
                    "closeness": self.closeness(self.own, p),
                    "competitor_closeness": {c: self.closeness(c, p) for c in competitors},
                    "broker": broker[p],
                }
                for p in people
            ],
            "power_centres": pcs,
            "influence_centres": ics,
            "plan_targets": targets,
        }

    # ---- paths --------------------------------------------------------------------------
    def paths(self, target, start=None, k=None):
        s = self.s
        k = s.paths_k if k is None else k
        if target not in self.active:
            return []
        ours = set(self.members(self.own)) if self.own else set()
        theirs = {
            p for p in self.active if self.orgs[self.people[p]["org"]]["kind"] == "competitor"
        }
        if start is None and target in ours:
            return []
        starts = sorted(ours) if start is None else [start]
        found = []
        for e in starts:
            if e == target or e not in self.active or e in theirs:
                continue
            for path in nx.all_simple_paths(self.g, e, target, cutoff=s.max_path_edges):
                inner = path[1:-1]
                if any(x in theirs for x in inner):
                    continue
                if start is None and any(x in ours for x in inner):
                    continue
                w = 1.0
                for u, v in zip(path, path[1:], strict=False):
                    w *= self.g[u][v]["strength"] / 100
                if w > 0:
                    found.append((path, w))
        found.sort(key=lambda t: key_desc(t[1], len(t[0]), tuple(t[0])))
        return [{"people": list(p), "strength": w} for p, w in found[:k]]

    # ---- person -------------------------------------------------------------------------
    def person(self, pid):
        org = self.people[pid]["org"]
        if pid not in self.active:
            into = []
        else:
            into = [(u, self.g[u][pid]["strength"]) for u in self.g.predecessors(pid)]
        inside = sorted(
            ((u, w) for u, w in into if self.people[u]["org"] == org),
            key=lambda t: key_desc(t[1], t[0]),
        )
        direct = sorted(
            (
                (e, self.rel[frozenset((e, pid))])
                for e in self.members(self.own)
                if frozenset((e, pid)) in self.rel
            ),
            key=lambda t: key_desc(t[1], t[0]),
        )
        indirect = []
        for q, w_qp in inside:
            for e in self.members(self.own):
                s_eq = self.rel.get(frozenset((e, q)))
                if e != pid and s_eq is not None and r9(s_eq) >= self.s.indirect_threshold:
                    indirect.append((e, q, s_eq * w_qp / 100))
        indirect.sort(key=lambda t: key_desc(t[2], t[0], t[1]))
        comps = {}
        for u, w in into:
            c = self.people[u]["org"]
            if self.orgs[c]["kind"] == "competitor":
                comps.setdefault(c, []).append((u, w))
        return {
            "inside": [{"id": u, "strength": w} for u, w in inside],
            "ours": {
                "direct": [{"id": e, "strength": w} for e, w in direct],
                "indirect": [{"id": e, "via": q, "strength": w} for e, q, w in indirect],
            },
            "competitors": {
                c: [
                    {"id": u, "strength": w}
                    for u, w in sorted(v, key=lambda t: key_desc(t[1], t[0]))
                ]
                for c, v in sorted(comps.items())
            },
            "paths": self.paths(pid),
        }

    # ---- deals --------------------------------------------------------------------------
    def role_weights(self, deal):
        roles = self.deals[deal]["roles"]
        base = {r: self.s.role_weight(r) for r in ROLES}
        present = {r["role"] for r in roles if r["role"] in base}
        total = sum(base[r] for r in present)
        count = {r: sum(1 for x in roles if x["role"] == r) for r in present}
        return [
            base[r["role"]] / count[r["role"]] / total if r["role"] in base and total else 0.0
            for r in roles
        ]

    def intel_known(self, did, p):
        """v2: any relationship or influence tie of p with an active person of a competitor in
        play, or a role of p on the deal marked checked."""
        d = self.deals[did]
        if not d["competitors"]:
            return True
        if any(r["checked"] for r in d["roles"] if r["person"] == p):
            return True
        for c in d["competitors"]:
            for e in self.members(c):
                if frozenset((e, p)) in self.rel:
                    return True
                if (e, p) in self.influence or (p, e) in self.influence:
                    return True
        return False

    def deal(self, did):
        d = self.deals[did]
        w = self.role_weights(did)
        out_roles = []
        total = low = 0.0
        people = {r["person"] for r in d["roles"]}
        known = {p: self.intel_known(did, p) for p in people}
        for r, weight in zip(d["roles"], w, strict=True):
            p = r["person"]
            c_us = self.closeness(self.own, p)
            theirs = {c: self.closeness(c, p) for c in d["competitors"]}
            best = max(theirs.values(), default=0.0)
            edge = (c_us - best) / 100 + r["attitude"] / 2
            if not known[p]:
                best = max(best, self.s.unknown_competitor_closeness)
            low += weight * ((c_us - best) / 100 + r["attitude"] / 2)
            total += weight * edge
            out_roles.append(
                {
                    "person": p,
                    "role": r["role"],
                    "attitude": r["attitude"],
                    "closeness": c_us,
                    "competitor_closeness": theirs,
                    "edge": edge,
                    "weight": weight,
                }
            )
        rank = {r: i for i, r in enumerate(ROLES)}
        out_roles.sort(key=lambda r: (rank.get(r["role"], 9), r["person"]))
        covered = {
            r["role"]
            for r in d["roles"]
            if r["contact"] in ("regular", "deep") and r["role"] in rank
        }
        warnings = [
            ("missing_role", None) for r in ROLES if r not in {x["role"] for x in d["roles"]}
        ]
        warnings += sorted(
            {
                ("opposed_decider", r["person"])
                for r in out_roles
                if r["role"] in ("approver", "decision_maker") and r["attitude"] < 0
            }
        )
        warnings += sorted(
            {
                ("competitor_stronger", r["person"])
                for r in out_roles
                if r9(r["closeness"]) < 40
                and any(r9(v) >= 70 for v in r["competitor_closeness"].values())
            }
        )
        if not any(r["attitude"] > 0 for r in out_roles):
            warnings.append(("no_support", None))
        deciders = [r for r in d["roles"] if r["role"] in ("approver", "decision_maker")]
        warnings += sorted(
            {
                ("uncovered_decider", r["person"])
                for r in deciders
                if r["contact"] in (None, "none", "initial")
            }
        )
        warnings += sorted(
            {("no_intelligence", r["person"]) for r in deciders if not known[r["person"]]}
        )
        return {
            "win_odds": 100 / (1 + math.exp(-2 * total)) if d["roles"] else None,
            "win_odds_low": 100 / (1 + math.exp(-2 * low)) if d["roles"] else None,
            "intel_coverage": sum(known.values()) / len(known) if known else 1.0,
            "coverage": len(covered) / 4,
            "roles": out_roles,
            "warnings": warnings,
            "paths": {
                p: self.paths(p)
                for p in sorted({r["person"] for r in out_roles})
                if r9(self.closeness(self.own, p)) < 40
            },
        }

    def credit_shares(self, did):
        """Our people's shares of a deal's credit from the workspace as it stands."""
        d = self.deals[did]
        w = self.role_weights(did)
        staff = self.members(self.own) if self.own else []
        num = {
            e: sum(
                wi * self.rel.get(frozenset((e, r["person"])), 0.0)
                for wi, r in zip(w, d["roles"], strict=True)
                if r["person"] != e
            )
            for e in staff
        }
        den = sum(num.values())
        return {e: v / den for e, v in num.items() if v > 0} if den > 0 else {}

    # ---- competitor threats (v2) ---------------------------------------------------------
    def threats(self, comp, account=None):
        """Key people (centres, role holders of open deals) the competitor is closer to."""
        customers = [o for o, v in self.orgs.items() if v["kind"] == "customer"]
        key = set()
        for o in customers:
            key |= set(self.power_centres(o)) | set(self.influence_centres(o))
        for d in self.deals.values():
            if d["status"] == "open":
                key |= {
                    r["person"]
                    for r in d["roles"]
                    if self.orgs[self.people[r["person"]]["org"]]["kind"] == "customer"
                }
        found = []
        for p in key:
            if account is not None and self.people[p]["org"] != account:
                continue
            theirs = self.closeness(comp, p)
            ours = self.closeness(self.own, p) if self.own else 0.0
            if r9(theirs) > r9(ours):
                found.append(
                    {
                        "person": p,
                        "account": self.people[p]["org"],
                        "closeness": theirs,
                        "ours": ours,
                        "importance": self.W[p],
                    }
                )
        return sorted(found, key=lambda t: key_desc(t["importance"], t["person"]))

    # ---- company ------------------------------------------------------------------------
    def company(self, side=None):
        s = self.s
        side = side or self.own
        customers = [o for o, v in self.orgs.items() if v["kind"] == "customer"]
        scores = {o: self.score(o, side) for o in customers}
        weights = {o: s.tier_weight(self.orgs[o]["tier"]) for o in customers}
        total = sum(weights.values())
        capability = sum(weights[o] * scores[o] for o in customers) / total if total else 0.0
        levels = {"strong": 0, "medium": 0, "weak": 0}
        for o in customers:
            levels[s.level(scores[o])] += 1
        staff = self.members(side)
        accounts = []
        for o in sorted(customers, key=lambda o: key_desc(scores[o], o)):
            top = None
            if r9(scores[o]) > 0:
                shares = [
                    (e, (scores[o] - self.score(o, side, without=e)) / scores[o])
                    for e in staff
                    if any(frozenset((e, p)) in self.rel for p in self.members(o))
                ]
                shares.sort(key=lambda t: key_desc(t[1], t[0]))
                if shares:
                    top = {"employee": shares[0][0], "share": shares[0][1]}
            accounts.append({"id": o, "score": scores[o], "top_dependency": top})
        credit = dict.fromkeys(staff, 0.0)
        if side == self.own:
            for did, d in self.deals.items():
                if d["status"] != "won" or not d["amount"]:
                    continue
                shares = d["credit"] if d["recorded"] else self.credit_shares(did)
                for e in staff:
                    credit[e] += shares.get(e, 0.0) * d["amount"]
        cust_people = [p for o in customers for p in self.members(o)]
        employees = []
        for e in staff:
            res = sum(
                self.rel[frozenset((e, p))] * self.W[p]
                for p in cust_people
                if frozenset((e, p)) in self.rel
            )
            centres = {p for o in customers for p in self.power_centres(o)}
            centres |= {p for o in customers for p in self.influence_centres(o)}
            key_people = sorted(
                (p for p in centres if r9(self.rel.get(frozenset((e, p)), -1)) >= 40),
                key=lambda p: key_desc(self.W[p], p),
            )
            employees.append(
                {"id": e, "resources": res, "key_people": key_people, "credit": credit[e]}
            )
        employees.sort(key=lambda x: key_desc(x["resources"], x["id"]))
        extra = {}
        if self.orgs[side]["kind"] == "competitor":
            threats = self.threats(side)
            ahead = [o for o in customers if r9(scores[o]) > r9(self.score(o, self.own))]
            extra = {
                "threats": threats,
                "closer_than_us": {"people": len(threats), "accounts": len(ahead)},
            }
        return {
            **extra,
            "side": side,
            "score": capability,
            "levels": levels,
            "accounts": accounts,
            "employees": employees,
        }

    # ---- one employee -------------------------------------------------------------------
    def employee(self, e):
        """The employee view of e, written out from MODEL.md: resources and rank among the
        side's active people, relationships with customer people (importance, then
        strength, descending), key people, accounts reached with the share of the side's
        score resting on e, and credit per won deal (ours only)."""
        side = self.people[e]["org"]
        customers = [o for o, v in self.orgs.items() if v["kind"] == "customer"]
        cust_people = [p for o in customers for p in self.members(o)]

        def resources(x):
            return sum(
                self.rel[frozenset((x, p))] * self.W[p]
                for p in cust_people
                if p != x and frozenset((x, p)) in self.rel
            )

        mine = resources(e)
        staff = self.members(side)
        rank = 1 + sum(1 for x in staff if r9(resources(x)) > r9(mine))
        centres = set()
        for o in customers:
            view = self.account(o)
            centres |= set(view["power_centres"]) | set(view["influence_centres"])
        known = [
            (p, self.rel[frozenset((e, p))])
            for p in cust_people
            if p != e and frozenset((e, p)) in self.rel
        ]
        known.sort(key=lambda t: (-r9(self.W[t[0]]), -r9(t[1]), t[0]))
        relationships = [p for p, _s in known]
        key_people = [p for p, s in known if p in centres and r9(s) >= 40]
        accounts = []
        for o in sorted({self.people[p]["org"] for p in relationships}):
            score = self.score(o, side)
            share = (score - self.score(o, side, without=e)) / score if score > 0 else 0.0
            accounts.append({"id": o, "score": score, "share": share})
        accounts.sort(key=lambda a: (-r9(a["share"]), a["id"]))
        credit = []
        if side == self.own:
            for did, d in sorted(self.deals.items()):
                if d["status"] != "won":
                    continue
                # v2: the shares recorded at the win, else as the workspace stands
                shares = d["credit"] if d["recorded"] else self.credit_shares(did)
                share = shares.get(e, 0.0)
                if share > 0:
                    credit.append(
                        {"deal": did, "share": share, "amount": share * (d["amount"] or 0.0)}
                    )
            credit.sort(key=lambda c: (-r9(c["amount"]), c["deal"]))
        return {
            "id": e,
            "resources": mine,
            "rank": rank,
            "of": len(staff),
            "relationships": relationships,
            "key_people": key_people,
            "accounts": accounts,
            "credit": credit,
        }
