"""Benchmark of what-if and next best actions on the 1.09M-tie workspace (warm).

Run:  .venv/bin/python -m bench.analytics.bench_whatif [--queries 200]

Times, after one warm-up: a what-if of one tie between one of our people and a person of the
200-person customer (target ≤ 50 ms), a what-if of one tie inside that customer (which also
re-solves its influence), and the customer's next best actions.
"""

from __future__ import annotations

import argparse

import numpy as np

from guanxi.analytics import build_workspace
from guanxi.analytics.actions import account_actions
from guanxi.analytics.whatif import what_if

from .bench_engine import ENGINE_KEYS, percentile_ms, timed
from .generate import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=200)
    opts = parser.parse_args()
    data = generate()
    ws = build_workspace(**{k: data[k] for k in ENGINE_KEYS})
    big = ws.org_of_id(data["big_customer"])
    members = [ws.person_ids[p] for p in ws.members(big).tolist()]
    ours = [ws.person_ids[p] for p in ws.members(ws.own).tolist()]
    rng = np.random.default_rng(5)
    print(
        f"{len(ws.rel_a):,} relationships; {len(members)} active people at {data['big_customer']}"
    )
    what_if(ws, [(ours[0], members[0], 80)])  # warm-up: the sorted pair index
    what_if(ws, [(members[0], members[1], 80)])  # ... the account's own edges
    account_actions(ws, data["big_customer"])  # ... the path index
    outside = [
        timed(lambda: what_if(ws, [(rng.choice(ours), rng.choice(members), 80)]))[1]  # noqa: B023
        for _ in range(opts.queries)
    ]
    inside = []
    for _ in range(opts.queries):
        a, b = rng.choice(members, 2, replace=False)
        inside.append(timed(lambda: what_if(ws, [(a, b, 80)]))[1])  # noqa: B023
    actions = [timed(lambda: account_actions(ws, data["big_customer"]))[1] for _ in range(20)]
    for label, samples in (
        ("what-if, one tie from us into the 200-person account", outside),
        ("what-if, one tie inside the 200-person account", inside),
        ("next best actions of the 200-person account", actions),
    ):
        print(
            f"{label}: median {percentile_ms(samples, 50):.1f} ms, "
            f"p95 {percentile_ms(samples, 95):.1f} ms"
        )


if __name__ == "__main__":
    main()
