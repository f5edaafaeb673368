"""A write, then the next analysis of the written account, against a running server.

    GUANXI_TOKEN=... python -m bench.load.freshness --url http://127.0.0.1:8000 \\
        --account cust5 --ours us-e1 --person cust5-p1 [--rounds 5]

Prints the warm read of /api/accounts/{account}/analysis, the write (a relationship of
ours to a person of that account, strength changed each round), the first read after it,
and /api/company and the dashboard page warm (medians, ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import urllib.request


def call(url: str, token: str, method: str = "GET", body: dict | None = None) -> float:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        if error.code not in (409,):
            raise
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--account", required=True)
    parser.add_argument("--ours", required=True)
    parser.add_argument("--person", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    token = os.environ["GUANXI_TOKEN"]
    analysis = f"{args.url}/api/accounts/{args.account}/analysis"
    tie = {"source_id": args.ours, "target_id": args.person, "kind": "relationship"}
    call(f"{args.url}/api/ties", token, "POST", {**tie, "strength": 50})
    warm, write, after, company = [], [], [], []
    for round_ in range(args.rounds):
        for _ in range(3):
            call(analysis, token)
        warm.append(call(analysis, token))
        company.append(call(f"{args.url}/api/company", token))
        path = f"{args.url}/api/ties/{args.ours}/{args.person}/relationship"
        write.append(call(path, token, "PATCH", {"strength": 40 + round_}))
        after.append(call(analysis, token))
    for name, values in [
        ("warm analysis", warm),
        ("write (PATCH tie)", write),
        ("analysis right after the write", after),
        ("company warm", company),
    ]:
        print(f"{name:32} median {statistics.median(values):8.0f} ms  all {values}")


if __name__ == "__main__":
    main()
