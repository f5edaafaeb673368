"""Server time of the heaviest pages on the demo workspace: the account page of the
200-person customer and the dashboard (targets: ≤ 300 ms each).

Runs Django in-process on a fresh SQLite file with `guanxi demo` loaded, and times the
request handling (the view, the templates and the queries; no network or browser) with the
test client. The first request builds the warm analysis workspace and is shown apart.

    .venv/bin/python -m bench.web.bench_pages [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PAGES = {
    "account page, 200-person customer (/accounts/dfb/)": "/accounts/dfb/",
    "dashboard (/)": "/",
    "key-person page (/people/dfb-ceo/)": "/people/dfb-ceo/",
    "deal page (/deals/dfb-d1/)": "/deals/dfb-d1/",
    "employees (/employees/)": "/employees/",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="guanxi-bench-web-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'guanxi.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    from guanxi.cli import main as guanxi
    from guanxi.cli import setup_django

    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    if guanxi(["demo"]) != 0:
        return 1
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    if not client.login(username="demo", password="demo"):
        print("could not log in as demo")
        return 1
    print(f"{'page':58} {'first':>8} {'median':>8} {'p95':>8}  (ms, {args.repeat} requests)")
    worst = 0.0
    for label, path in PAGES.items():
        samples = []
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                print(f"{path}: HTTP {response.status_code}")
                return 1
        first, rest = samples[0], sorted(samples[1:])
        p95 = rest[min(len(rest) - 1, int(0.95 * len(rest)))]
        worst = max(worst, p95) if "200-person" in label or "dashboard" in label else worst
        print(f"{label:58} {first:8.1f} {statistics.median(rest):8.1f} {p95:8.1f}")
    print(
        f"target: account page and dashboard p95 ≤ 300 ms — {'met' if worst <= 300 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
