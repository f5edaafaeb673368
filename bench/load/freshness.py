"""A write, then the next reads, against a running server.

    GUANXI_TOKEN=... GUANXI_LOAD_USER=... GUANXI_LOAD_PASSWORD=... \\
        python -m bench.load.freshness --url http://127.0.0.1:8000 \\
        --account cust5 --ours emp0 --person c5-p1 [--rounds 8]

Each round: the warm read of /api/accounts/{account}/analysis, /api/company and the
dashboard page (logged in as GUANXI_LOAD_USER); the write (PATCH a relationship of ours to a
person of that account, its strength changed each round); then the first analysis of that
account, the first /api/company and the first dashboard after the write. Prints medians
(ms, wall time on the same machine) and the ratio of the first analysis after a write to
the warm one. With several server workers the read after a write may land on a worker that
did not make it: each worker brings its own model up to date.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import statistics
import time
import urllib.parse
import urllib.request


class Session:
    """A logged-in browser session (cookies and CSRF token) for the pages."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{url}/login/", timeout=600).read()
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(f"{url}/login/", data=body, method="POST")
        request.add_header("Referer", f"{url}/login/")
        answer = self.opener.open(request, timeout=600)
        answer.read()
        if not any(c.name == "sessionid" for c in self.jar):
            raise SystemExit("login failed: check GUANXI_LOAD_USER and GUANXI_LOAD_PASSWORD")

    def get(self, path: str) -> float:
        started = time.perf_counter()
        with self.opener.open(f"{self.url}{path}", timeout=600) as answer:
            answer.read()
        return (time.perf_counter() - started) * 1000


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
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    token = os.environ["GUANXI_TOKEN"]
    session = Session(args.url, os.environ["GUANXI_LOAD_USER"], os.environ["GUANXI_LOAD_PASSWORD"])
    analysis = f"{args.url}/api/accounts/{args.account}/analysis"
    company = f"{args.url}/api/company"
    tie = {"source_id": args.ours, "target_id": args.person, "kind": "relationship"}
    call(f"{args.url}/api/ties", token, "POST", {**tie, "strength": 50})
    rows: dict[str, list[float]] = {
        "warm analysis": [],
        "warm /api/company": [],
        "warm dashboard page": [],
        "write (PATCH a tie)": [],
        "first analysis after the write": [],
        "first /api/company after": [],
        "first dashboard after": [],
    }
    path = f"{args.url}/api/ties/{args.ours}/{args.person}/relationship"
    for round_ in range(args.rounds):
        for _ in range(3):  # every worker warm
            call(analysis, token), call(company, token), session.get("/")
        rows["warm analysis"].append(call(analysis, token))
        rows["warm /api/company"].append(call(company, token))
        rows["warm dashboard page"].append(session.get("/"))
        rows["write (PATCH a tie)"].append(
            call(path, token, "PATCH", {"strength": 40 + round_ % 50})
        )
        rows["first analysis after the write"].append(call(analysis, token))
        rows["first /api/company after"].append(call(company, token))
        rows["first dashboard after"].append(session.get("/"))
    for name, values in rows.items():
        shown = ", ".join(f"{v:.0f}" for v in values)
        print(f"{name:32} median {statistics.median(values):7.1f} ms   ({shown})")
    ratio = statistics.median(rows["first analysis after the write"]) / statistics.median(
        rows["warm analysis"]
    )
    print(f"first analysis after a write / warm analysis: {ratio:.1f}x")


if __name__ == "__main__":
    main()
