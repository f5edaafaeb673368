"""A deterministic synthetic workspace at the scale of the performance targets.

~2,000 customers of 20-80 people (one of exactly 200) in reporting trees with influence ties,
5,000 of our people with relationships into them, 5 competitors of 200 people, interactions,
deals with roles: about one million ties, returned as the plain rows / columns the engine takes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from guanxi.analytics.data import INFLUENCE, RELATIONSHIP, REPORTS_TO, TieArrays

TODAY = dt.date(2025, 6, 30)
ROLES = ("approver", "decision_maker", "evaluator", "user")
KINDS = ("meal", "meeting", "visit", "event", "call", "email", "message")
CONTACTS = (None, "none", "initial", "regular", "deep")


def generate(
    customers: int = 2000,
    ours: int = 5000,
    competitors: int = 5,
    per_competitor: int = 200,
    our_ties: int = 95,
    seed: int = 7,
) -> dict:
    """Rows for build_workspace (ties as TieArrays) plus handy index lists for the bench."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(20, 81, customers)
    sizes[0] = 200
    orgs = [(1, "org-us", "own", None, "Us")]
    tiers = ("strategic", "key", "standard", None)
    for c in range(customers):
        orgs.append((2 + c, f"cust-{c:05d}", "customer", tiers[c % 4], f"Customer {c}"))
    for k in range(competitors):
        orgs.append((2 + customers + k, f"comp-{k:02d}", "competitor", None, f"Rival {k}"))

    # People: customers first (contiguous per organisation), then ours, then competitors.
    n_cust = int(sizes.sum())
    org_key = np.r_[
        np.repeat(np.arange(2, 2 + customers), sizes),
        np.ones(ours, dtype=np.int64),
        np.repeat(np.arange(2 + customers, 2 + customers + competitors), per_competitor),
    ]
    n = len(org_key)
    keys = np.arange(1, n + 1)
    status = np.where(rng.random(n) < 0.02, "left", "active")
    power = np.where(rng.random(n) < 0.01, rng.integers(0, 101, n), -1)
    is_key = rng.random(n) < 0.03
    people = [
        (
            int(keys[i]),
            f"p{keys[i]:07d}",
            int(org_key[i]),
            str(status[i]),
            None if power[i] < 0 else int(power[i]),
            bool(is_key[i]),
            bool(i % 3 == 0),
        )
        for i in range(n)
    ]

    src, dst, kind, strength = [], [], [], []
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    # Reporting trees: each person but the first reports to an earlier colleague.
    local = np.arange(n_cust) - np.repeat(starts, sizes)
    base = np.repeat(starts, sizes)
    child = np.flatnonzero(local > 0)
    boss = base[child] + (rng.random(len(child)) * np.minimum(local[child], 12)).astype(int)
    boss = np.minimum(boss, child - 1)
    src.append(child + 1), dst.append(boss + 1), kind.append(np.full(len(child), REPORTS_TO))
    strength.append(np.full(len(child), np.nan))
    # Influence: three per customer person, to colleagues.
    a = np.repeat(np.arange(n_cust), 3)
    b = base[a] + (rng.random(len(a)) * np.repeat(sizes, sizes)[a]).astype(int)
    keep = a != b
    src.append(a[keep] + 1), dst.append(b[keep] + 1)
    kind.append(np.full(keep.sum(), INFLUENCE))
    strength.append(rng.choice([20, 50, 80, 35, 65], keep.sum()).astype(float))
    # Our relationships: each of ours knows `our_ties` customer people, clustered by account.
    our_idx = np.arange(n_cust, n_cust + ours)
    home = rng.integers(0, customers, (ours, 4))
    pick = rng.integers(0, 4, (ours, our_ties))
    acct = np.take_along_axis(home, pick, axis=1).reshape(-1)
    p = starts[acct] + (rng.random(len(acct)) * sizes[acct]).astype(int)
    e = np.repeat(our_idx, our_ties)
    src.append(e + 1), dst.append(p + 1), kind.append(np.full(len(e), RELATIONSHIP))
    strength.append(rng.choice([20, 40, 50, 60, 80, 100], len(e)).astype(float))
    # Competitors' relationships.
    comp_idx = np.arange(n_cust + ours, n)
    e = np.repeat(comp_idx, 80)
    p = rng.integers(0, n_cust, len(e))
    src.append(e + 1), dst.append(p + 1), kind.append(np.full(len(e), RELATIONSHIP))
    strength.append(rng.choice([30, 50, 70, 90], len(e)).astype(float))
    # Relationships inside customers.
    a = rng.integers(0, n_cust, 20000)
    b = base[a] + (rng.random(len(a)) * np.repeat(sizes, sizes)[a]).astype(int)
    keep = a != b
    src.append(a[keep] + 1), dst.append(b[keep] + 1)
    kind.append(np.full(keep.sum(), RELATIONSHIP))
    strength.append(rng.choice([20, 50, 80], keep.sum()).astype(float))
    ties = TieArrays(
        np.concatenate(src).astype(np.int64),
        np.concatenate(dst).astype(np.int64),
        np.concatenate(kind).astype(np.int8),
        np.concatenate(strength),
    )
    # Interactions between one of ours and 1-3 customer people.
    interactions, participants = [], []
    for i in range(30000):
        c = int(rng.integers(0, customers))
        date = TODAY - dt.timedelta(days=int(rng.integers(-30, 720)))
        interactions.append((i + 1, date, KINDS[i % len(KINDS)]))
        participants.append((i + 1, int(our_idx[rng.integers(0, ours)]) + 1))
        for q in rng.integers(0, sizes[c], int(rng.integers(1, 4))):
            participants.append((i + 1, int(starts[c] + q) + 1))
    deals, roles = [], []
    for d in range(6000):
        c = int(rng.integers(0, customers))
        status = ("open", "won", "lost")[d % 3]
        comps = tuple(int(2 + customers + k) for k in rng.choice(competitors, 2, replace=False))
        deals.append(
            (d + 1, f"deal-{d:05d}", 2 + c, status, float(rng.integers(1, 500)) * 1000, comps)
        )
        for r in range(int(rng.integers(2, 7))):
            person = int(starts[c] + rng.integers(0, sizes[c])) + 1
            roles.append(
                (
                    d + 1,
                    person,
                    ROLES[r % 4],
                    int(rng.integers(-2, 3)),
                    CONTACTS[int(rng.integers(0, 5))],
                )
            )
    return {
        "orgs": orgs,
        "people": people,
        "ties": ties,
        "interactions": interactions,
        "participants": participants,
        "deals": deals,
        "roles": roles,
        "today": TODAY,
        "customer_people": [f"p{k:07d}" for k in range(1, n_cust + 1)],
        "big_customer": "cust-00000",
    }
