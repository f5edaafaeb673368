"""Benchmark of the analytics engine at the issue's scale, against a networkx implementation.

Run:  .venv/bin/python -m bench.analytics.bench_engine [--customers 2000] [--repeat 5]
      [--skip-reference]

Generates a deterministic workspace (~2,000 customers x 50 people, 5,000 of our people, ~1M
ties), then times: building the model, the whole company view (every account, employees,
concentration), the path index (built on the first path/person query), best paths to one
person (warm, p95), the key-person view (warm, p95), the account view of a 200-person
customer (warm), and the same company view by networkx for the speed ratio.
"""

from __future__ import annotations

import argparse
import gc
import time

import numpy as np

from guanxi.analytics import (
    account_view,
    build_workspace,
    company_view,
    paths_view,
    person_view,
)
from guanxi.analytics.paths import path_index

from .generate import generate
from .nx_baseline import company_score

ENGINE_KEYS = ("orgs", "people", "ties", "interactions", "participants", "deals", "roles", "today")


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def percentile_ms(samples: list[float], q: float) -> float:
    return float(np.percentile(samples, q)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--ours", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--skip-reference", action="store_true")
    opts = parser.parse_args()

    data, gen_time = timed(lambda: generate(customers=opts.customers, ours=opts.ours))
    args = {k: data[k] for k in ENGINE_KEYS}
    print(
        f"generated {len(data['people']):,} people, {len(data['ties'].source):,} ties, "
        f"{len(data['interactions']):,} interactions, {len(data['deals']):,} deals "
        f"in {gen_time:.1f} s"
    )

    builds, companies, indexes, cpu = [], [], [], []
    for _ in range(opts.repeat):
        gc.collect()
        cpu_start = time.process_time()
        ws, t_build = timed(lambda: build_workspace(**args))
        company, t_company = timed(lambda: company_view(ws))  # noqa: B023
        cpu.append(time.process_time() - cpu_start)
        _, t_index = timed(lambda: path_index(ws))  # noqa: B023
        builds.append(t_build)
        companies.append(t_company)
        indexes.append(t_index)

    rng = np.random.default_rng(11)
    targets = rng.choice(data["customer_people"], opts.queries).tolist()
    paths_ms = [timed(lambda: paths_view(ws, p))[1] for p in targets]  # noqa: B023
    person_ms = [timed(lambda: person_view(ws, p))[1] for p in targets]  # noqa: B023
    _, t_cold = timed(lambda: account_view(ws, data["big_customer"]))
    account_ms = [timed(lambda: account_view(ws, data["big_customer"]))[1] for _ in range(20)]

    rows = [
        (
            "build model",
            f"{min(builds) * 1000:.0f} ms",
            f"median {np.median(builds) * 1000:.0f}",
            "-",
        ),
        (
            "company view (all accounts)",
            f"{min(companies) * 1000:.0f} ms",
            f"median {np.median(companies) * 1000:.0f}",
            "-",
        ),
        (
            "build + company",
            f"{min(np.add(builds, companies)) * 1000:.0f} ms",
            f"median {np.median(np.add(builds, companies)) * 1000:.0f}",
            "< 1000 ms",
        ),
        (
            "  CPU seconds of it (all threads)",
            f"{min(cpu) * 1000:.0f} ms",
            f"median {np.median(cpu) * 1000:.0f}",
            "-",
        ),
        (
            "path index (lazy, 1st query)",
            f"{min(indexes) * 1000:.0f} ms",
            f"median {np.median(indexes) * 1000:.0f}",
            "-",
        ),
        (
            "best paths to one person",
            f"p95 {percentile_ms(paths_ms, 95):.2f} ms",
            f"p50 {percentile_ms(paths_ms, 50):.2f}",
            "p95 <= 1 ms",
        ),
        (
            "key-person view",
            f"p95 {percentile_ms(person_ms, 95):.2f} ms",
            f"p50 {percentile_ms(person_ms, 50):.2f}",
            "p95 <= 10 ms",
        ),
        (
            "account view, 200 people",
            f"p95 {percentile_ms(account_ms, 95):.1f} ms",
            f"p50 {percentile_ms(account_ms, 50):.1f}",
            "<= 30 ms",
        ),
        ("  its first view (brokers, edges)", f"{t_cold * 1000:.1f} ms", "", "-"),
    ]
    if not opts.skip_reference:
        reference, t_ref = timed(lambda: company_score(args))
        engine_total = min(np.add(builds, companies))
        ratio = t_ref / engine_total
        rows.append(
            ("networkx build + company", f"{t_ref:.1f} s", f"{ratio:.0f}x slower", ">= 50x")
        )
        diff = abs(reference["score"] - company["score"])
        same_top = sum(
            1
            for a in company["accounts"]
            if (a["top_dependency"] or {}).get("employee") == reference["accounts"][a["id"]][1]
        )
        print(
            f"networkx agrees: capability {reference['score']:.4f} vs {company['score']:.4f}"
            f" (|diff| {diff:.2e}), top dependency equal on {same_top}/"
            f"{len(company['accounts'])} accounts"
        )
    print(
        f"(best = fastest of {opts.repeat} runs; the machine may be shared, so the typical "
        "figure can be inflated by other processes)"
    )
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'best':>16}  {'typical':>14}  target")
    for name, best, typical, target in rows:
        print(f"{name.ljust(width)}  {best:>16}  {typical:>14}  {target}")


if __name__ == "__main__":
    main()
