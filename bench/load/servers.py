"""The server comparison of docs/decisions.md: the same token-authenticated API reads,
16 clients at once, against gunicorn (as `guanxi serve` runs it) and uvicorn, alternately.

    GUANXI_TOKEN=... python -m bench.load.servers [--seconds 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

PATHS = ["/api/company", "/api/accounts/{account}/analysis", "/"]


def _load(url: str, token: str, account: str, seconds: float, clients: int) -> list[float]:
    times: list[float] = []
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        i = n
        while time.monotonic() < stop:
            path = PATHS[i % len(PATHS)].format(account=account)
            auth = {"Authorization": f"Bearer {token}"}
            request = urllib.request.Request(url + path, headers=auth)
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
            times.append(time.perf_counter() - started)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--account", default="acme")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    token = os.environ["GUANXI_TOKEN"]
    bin_dir = Path(sys.executable).parent
    port = str(args.port)
    commands = {
        "gunicorn": [str(bin_dir / "guanxi"), "serve", "--port", port, "--workers", "2"],
        "uvicorn": [
            str(bin_dir / "uvicorn"), "guanxi.asgi:application", "--port", port,
            "--workers", "2", "--log-level", "warning",
        ],
    }  # fmt: skip
    env = {**os.environ, "GUANXI_DEBUG": "0"}
    url = f"http://127.0.0.1:{port}"
    for _ in range(args.rounds):
        for name, command in commands.items():
            server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
            try:
                for _ in range(600):
                    try:
                        urllib.request.urlopen(url + "/healthz", timeout=5)
                        break
                    except OSError:
                        time.sleep(0.5)
                _load(url, token, args.account, 3, args.clients)  # warm every worker
                times = sorted(_load(url, token, args.account, args.seconds, args.clients))
                p95 = times[int(0.95 * (len(times) - 1))] * 1000
                print(
                    f"{name:9} {len(times) / args.seconds:6.1f} requests/s  "
                    f"p50 {statistics.median(times) * 1000:6.0f} ms  p95 {p95:6.0f} ms",
                    flush=True,
                )
            finally:
                server.terminate()
                server.wait(timeout=60)


if __name__ == "__main__":
    main()
