"""How cost grows with the size of a workspace: import, the first and the cold
`guanxi company --json`, and the warm in-process queries, at several sizes.

    .venv/bin/python -m bench.analytics.scale [--sizes 200:500,2000:5000] [--workdir DIR]

Each size is CUSTOMERS:OURS for bench/import/generate.py (50 people a customer, 118
relationships per employee: 200:500 ≈ 100k ties, 2000:5000 ≈ 1M, 20000:50000 ≈ 10M).
Everything runs on a fresh SQLite file per size; figures are printed as one table row a size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.analytics.cold_cli import GUANXI, run

WARM = """
import os, time, statistics, random
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
import django; django.setup()
from guanxi.scoring.engine import current_workspace
from guanxi.analytics import paths_view, person_view, account_view
ws = current_workspace()
rng = random.Random(3)
people = [p for p in ws.person_ids if p.startswith("c")]
targets = [rng.choice(people) for _ in range(200)]
def p95(f):
    s = []
    for t in targets:
        a = time.perf_counter(); f(t); s.append(time.perf_counter() - a)
    s.sort(); return s[int(0.95 * len(s))] * 1000
paths_view(ws, targets[0])
print(f"{p95(lambda t: paths_view(ws, t, k=3)):.2f} {p95(lambda t: person_view(ws, t)):.2f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200:500,2000:5000")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="guanxi-scale-"))
    print(
        "ties | import s (peak MB) | first company s | cold company s (cpu s, peak MB)"
        " | paths p95 ms | key-person p95 ms"
    )
    for size in args.sizes.split(","):
        customers, ours = size.split(":")
        folder = root / f"ws-{customers}"
        if not folder.exists():
            subprocess.run(
                [
                    sys.executable,
                    "bench/import/generate.py",
                    str(folder),
                    "--customers",
                    customers,
                    "--ours",
                    ours,
                ],
                check=True,
                capture_output=True,
            )
        ties = sum(1 for _ in (folder / "ties.csv").open()) - 1
        ties += sum(1 for _ in (folder / "people.csv").open()) - 1  # reporting lines
        db = root / f"scale-{customers}.sqlite3"
        db.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        imp = run([GUANXI, "import", str(folder)], env)
        first = run([GUANXI, "company", "--json"], env)
        cold = [run([GUANXI, "company", "--json"], env) for _ in range(3)]
        wall = statistics.median(c[0] for c in cold)
        cpu = statistics.median(c[1] for c in cold)
        peak = max(c[2] for c in cold)
        warm = subprocess.run(
            [sys.executable, "-c", WARM], env=env, check=True, capture_output=True, text=True
        ).stdout.split()
        print(
            f"{ties:,} | {imp[0]:.1f} ({imp[2]:.0f}) | {first[0]:.2f} | {wall:.2f} "
            f"({cpu:.2f}, {peak:.0f}) | {warm[0]} | {warm[1]}",
            flush=True,
        )
        time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
