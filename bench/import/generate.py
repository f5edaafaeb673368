"""Write a large synthetic interchange folder (deterministic): about a million ties.

2,000 customers × 50 people with reporting trees and influence ties inside each customer,
5,000 of our people with relationships to customer people, a few competitors, interactions,
deals with decision roles, and a year of monthly snapshots.

    python bench/import/generate.py /tmp/guanxi-bench-ws [--customers 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import time
from pathlib import Path

from guanxi.interchange.schema import COLUMNS as SCHEMA_COLUMNS

#: The interchange columns, as the importer and exporter define them.
COLUMNS = {name: list(columns) for name, columns in SCHEMA_COLUMNS.items()}


def generate(
    folder: Path,
    *,
    customers: int,
    per_customer: int,
    ours: int,
    influence_per_customer: int,
    relationships_per_employee: int,
    seed: int,
) -> dict:
    """Write the workspace; returns the number of rows per file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        name: open(folder / name, "w", encoding="utf-8", newline="")  # noqa: SIM115
        for name in COLUMNS
    }
    w = {name: csv.writer(f, lineterminator="\n") for name, f in files.items()}
    for name, writer in w.items():
        writer.writerow(COLUMNS[name])
    counts = dict.fromkeys(COLUMNS, 0)

    def row(name, values):
        # a column added to the interchange must be added here too: fail at once, not at import
        if len(values) != len(COLUMNS[name]):
            raise ValueError(f"{name}: {len(values)} values for {len(COLUMNS[name])} columns")
        w[name].writerow(values)
        counts[name] += 1

    competitors = [f"comp{i}" for i in range(5)]
    row("organizations.csv", ["us", "Our Company 关系", "own", "", "software", ""])
    for c in competitors:
        row("organizations.csv", [c, f"Competitor {c}", "competitor", "", "software", ""])
    tiers = ["strategic", "key", "standard", ""]
    for i in range(customers):
        parent = f"cust{rng.randrange(i)}" if i > 10 and rng.random() < 0.1 else ""
        row(
            "organizations.csv",
            [
                f"cust{i}",
                f"Customer {i}, Ltd.",
                "customer",
                rng.choice(tiers),
                rng.choice(["bank", "retail", "energy"]),
                parent,
            ],
        )
    for e in range(ours):
        row(
            "people.csv",
            [
                f"emp{e}",
                "us",
                f"Employee {e}",
                "Account manager",
                "Sales",
                "",
                "",
                "false",
                "true" if e % 3 else "false",
                "",
                "active",
                f"emp{e}@example.com",
                "",
                "",
            ],
        )
    for c in competitors:
        for k in range(20):
            row(
                "people.csv",
                [
                    f"{c}-p{k}",
                    c,
                    f"Rival {c} {k}",
                    "",
                    "",
                    "",
                    "",
                    "false",
                    "true",
                    "",
                    "active",
                    "",
                    "",
                    "",
                ],
            )
    for i in range(customers):
        org = f"cust{i}"
        ids = [f"c{i}-p{k}" for k in range(per_customer)]
        for k, pid in enumerate(ids):
            manager = ids[rng.randrange(max(1, k // 2), k) if k > 1 else 0] if k else ""
            notes = 'met at "expo", 2023\nfollow up' if rng.random() < 0.01 else ""
            row(
                "people.csv",
                [
                    pid,
                    org,
                    f"Person {i}.{k} 王",
                    "Manager" if k < 5 else "Staff",
                    f"Dept {k % 5}",
                    manager,
                    "90" if k == 0 else "",
                    "true" if k < 3 else "false",
                    "false",
                    "",
                    "left" if rng.random() < 0.02 else "active",
                    "",
                    "",
                    notes,
                ],
            )
        pairs = set()
        while len(pairs) < influence_per_customer:
            a, b = rng.randrange(per_customer), rng.randrange(per_customer)
            if a != b:
                pairs.add((a, b))
        for a, b in sorted(pairs):
            row("ties.csv", [ids[a], ids[b], "influence", rng.randrange(10, 101), "", ""])
    total_people = customers * per_customer
    for e in range(ours):
        chosen = set()
        while len(chosen) < relationships_per_employee:
            chosen.add(rng.randrange(total_people))
        for p in sorted(chosen):
            since = f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}"
            row(
                "ties.csv",
                [
                    f"emp{e}",
                    f"c{p // per_customer}-p{p % per_customer}",
                    "relationship",
                    rng.choice(["strong", "medium", "weak", "65"]),
                    since if rng.random() < 0.3 else "",
                    "",
                ],
            )
    for c in competitors:
        for k in range(20):
            for p in rng.sample(range(total_people), 50):
                row(
                    "ties.csv",
                    [
                        f"{c}-p{k}",
                        f"c{p // per_customer}-p{p % per_customer}",
                        "relationship",
                        rng.randrange(10, 90),
                        "",
                        "",
                    ],
                )
    start = dt.date(2024, 1, 1)
    for n in range(20_000):
        i = rng.randrange(customers)
        who = [f"emp{rng.randrange(ours)}"] + [
            f"c{i}-p{k}" for k in rng.sample(range(per_customer), 2)
        ]
        row(
            "interactions.csv",
            [
                f"int{n}",
                start + dt.timedelta(days=rng.randrange(365)),
                rng.choice(["meal", "meeting", "call", "email"]),
                ";".join(who),
                "lunch; talked about the renewal",
            ],
        )
    for n in range(4_000):
        i = rng.randrange(customers)
        row(
            "deals.csv",
            [
                f"deal{n}",
                f"cust{i}",
                f"Deal {n}",
                "proposal",
                rng.choice(["open", "won", "lost"]),
                f"{rng.randrange(10**4, 10**7)}.50",
                "USD",
                "2025-06-30",
                ";".join(rng.sample(competitors, 2)),
                "",  # owner: none, so the data stays the same as in the earlier figures
            ],
        )
        for k, role in zip(
            rng.sample(range(per_customer), 3),
            ["approver", "decision_maker", "evaluator"],
            strict=True,
        ):
            row(
                "deal_roles.csv",
                [
                    f"deal{n}",
                    f"c{i}-p{k}",
                    role,
                    rng.choice(["champion", "neutral", "enemy", "1"]),
                    rng.choice(["none", "regular", "deep"]),
                    "",
                    "",
                    "",  # competitors_checked
                ],
            )
    for month in range(1, 13):
        for i in range(customers):
            row(
                "snapshots.csv",
                [f"2024-{month:02d}-01", f"cust{i}", "score", round(rng.uniform(0, 100), 2)],
            )
    for f in files.values():
        f.close()
    return counts


def main() -> None:
    """Parse arguments and write the folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--people-per-customer", type=int, default=50)
    parser.add_argument("--ours", type=int, default=5000)
    parser.add_argument("--influence-per-customer", type=int, default=200)
    parser.add_argument("--relationships-per-employee", type=int, default=118)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.monotonic()
    counts = generate(
        args.folder,
        customers=args.customers,
        per_customer=args.people_per_customer,
        ours=args.ours,
        influence_per_customer=args.influence_per_customer,
        relationships_per_employee=args.relationships_per_employee,
        seed=args.seed,
    )
    reporting = args.customers * (args.people_per_customer - 1)
    print(
        f"wrote {args.folder} in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        + f"; ties incl. {reporting:,} reporting lines: {counts['ties.csv'] + reporting:,}"
    )


if __name__ == "__main__":
    main()
