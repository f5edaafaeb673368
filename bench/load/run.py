"""Start a real server, run the Locust scenario headless against it, print the figures.

    python -m bench.load.run --users 50 --seconds 60 [--workers 2 --threads 4]
        [--server guanxi|uvicorn] [--port 8765]

The database is the environment's (DATABASE_URL); the server is started exactly as
`guanxi serve` starts it (or as uvicorn, for the server comparison in docs/decisions.md).
Prints per route: requests, 5xx, p50/p95/max (ms), and in all: requests/s, the workers' peak
memory, and the most PostgreSQL connections seen.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _wait(url: str, proc: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("the server exited before answering")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("the server did not answer")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Watcher(threading.Thread):
    """Samples the workers' memory and the PostgreSQL connections every half second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.peak_connections, self.stop = pid, 0.0, 0, False
        self.conn: Any = None

    def _connections(self) -> int:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            return 0
        import psycopg

        # One connection for every sample: a new one each time would find the previous
        # sample's backend still leaving pg_stat_activity, and count it as the server's.
        if self.conn is None or self.conn.closed:
            url = url.replace("postgres://", "postgresql://", 1)
            self.conn = psycopg.connect(url, autocommit=True)
        row = self.conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchone()
        return int(row[0])

    def run(self) -> None:
        while not self.stop:
            for child in _children(self.pid):
                self.peak_mb = max(self.peak_mb, _rss_mb(child))
            # a sample missed is no failure of the server
            with contextlib.suppress(Exception):
                self.peak_connections = max(self.peak_connections, self._connections())
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server", choices=["guanxi", "uvicorn"], default="guanxi")
    args = parser.parse_args()
    env = {**os.environ, "GUANXI_DEBUG": "0"}
    bin_dir = Path(sys.executable).parent
    if args.server == "guanxi":
        command = [
            str(bin_dir / "guanxi"), "serve", "--port", str(args.port),
            "--workers", str(args.workers), "--threads", str(args.threads),
        ]  # fmt: skip
    else:
        command = [
            str(bin_dir / "uvicorn"), "guanxi.asgi:application", "--port", str(args.port),
            "--workers", str(args.workers), "--log-level", "warning",
        ]  # fmt: skip
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(command, env=env)
    try:
        _wait(url, server)
        watcher = Watcher(server.pid)
        watcher.start()
        with tempfile.TemporaryDirectory() as out:
            prefix = str(Path(out) / "load")
            started = time.monotonic()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                [
                    str(bin_dir / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                    "-u", str(args.users), "-r", str(args.spawn_rate),
                    "-t", f"{args.seconds}s", "--host", url, "--csv", prefix,
                    "--only-summary", "--loglevel", "WARNING",
                ],
                env=env, check=False, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            elapsed = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            load_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            watcher.stop = True
            _report(prefix, args, watcher, elapsed, load_cpu)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _report(
    prefix: str, args: argparse.Namespace, watcher: Watcher, elapsed: float, load_cpu: float
) -> None:
    with open(prefix + "_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    errors: dict[str, int] = {}
    with open(prefix + "_failures.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            errors[row["Name"]] = errors.get(row["Name"], 0) + int(row["Occurrences"])
    print(f"{args.users} users, {args.seconds} s, server {args.server}, "
          f"{args.workers} workers × {args.threads} threads")  # fmt: skip
    print(f"{'route':28} {'requests':>8} {'failed':>6} {'p50':>6} {'p95':>6} {'max':>7}")
    total = failed = 0
    for row in rows:
        name = row["Name"]
        if name == "Aggregated" or name == "login":
            continue
        count, fails = int(row["Request Count"]), int(row["Failure Count"])
        total, failed = total + count, failed + fails
        print(
            f"{row['Type'] + ' ' + name:28} {count:>8} {fails:>6} {row['50%']:>6} "
            f"{row['95%']:>6} {float(row['Max Response Time']):>7.0f}"
        )
    print(f"in all: {total} requests ({total / args.seconds:.1f}/s), {failed} failed")
    for name, count in errors.items():
        print(f"  failures {name}: {count}")
    print(f"peak worker memory {watcher.peak_mb:.0f} MB; peak PostgreSQL connections "
          f"{watcher.peak_connections}; wall {elapsed:.0f} s")  # fmt: skip
    # the load tool shares the machine: what it took is not the server's
    print(f"load tool CPU {load_cpu:.1f} s ({100 * load_cpu / elapsed:.0f} % of one core)")


if __name__ == "__main__":
    main()
