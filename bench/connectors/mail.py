"""Time `guanxi import MBOX --format mail` of 100,000 messages built from the Enron records.

The Enron message records (tests/data/enron_jhu, 22,903 messages) are replayed until there
are N messages, each replay with its own Message-IDs and dates moved back a year, into one
mbox; the workspace holds the 184 Enron addresses (the vice presidents as our company). For
each database (a fresh SQLite file; PostgreSQL when BENCH_DATABASE_URL names one that answers):
import the workspace (not timed), import the mbox, import it again (must create nothing).

    python -m bench.connectors.mail [-n 100000] [--keep DIR]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/guanxi_bench \
        python -m bench.connectors.mail
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from guanxi.connectors.tests import enron

GUANXI = str(Path(sys.executable).with_name("guanxi"))
TARGET_SECONDS = 30.0


def build(work: Path, count: int) -> tuple[Path, Path]:
    """The workspace folder and the mbox of `count` messages."""
    people = enron.employees()
    ws = work / "ws"
    if (work / "inbox.mbox").is_file() and ws.is_dir():
        return ws, work / "inbox.mbox"  # kept from an earlier run (--keep)
    ws.mkdir()
    with open(ws / "organizations.csv", "w", newline="") as f:
        csv.writer(f).writerows(
            [["id", "name", "kind"], ["us", "Enron VPs", "own"], ["ena", "ENA", "customer"]]
        )
    with open(ws / "people.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "organization_id", "name", "email"])
        for i, (email, name, title) in sorted(people.items()):
            org = "us" if title == "Vice President" else "ena"
            w.writerow([f"e{i}", org, name or email, email])
    base = enron.messages()
    mails: list[enron.Mail] = []
    replay = 0
    while len(mails) < count:
        for m in base[: count - len(mails)]:
            mails.append(
                dataclasses.replace(
                    m,
                    at=m.at - dt.timedelta(days=365 * replay),
                    message_id=m.message_id.replace("@", f".r{replay}@"),
                )
            )
        replay += 1
    return ws, enron.write_mbox(work / "inbox.mbox", mails)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, output with the CPU seconds) of one command."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    return (
        time.monotonic() - started,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        f"cpu {usage.ru_utime + usage.ru_stime:.1f} s | {output}",
    )


def databases(work: Path) -> list[tuple[str, str]]:
    """SQLite always; PostgreSQL when BENCH_DATABASE_URL answers (emptied first)."""
    (work / "bench.sqlite3").unlink(missing_ok=True)
    found = [("sqlite", f"sqlite:///{work / 'bench.sqlite3'}")]
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        try:
            import psycopg

            with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
            found.append(("postgresql", url))
        except Exception as exc:  # noqa: BLE001 - an unreachable database is skipped
            print(f"postgresql: skipped ({exc.__class__.__name__})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="messages (default 100000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="guanxi-mail-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        ws, mbox = build(work, args.n)
        size = mbox.stat().st_size / 1e6
        print(
            f"built {args.n:,} messages ({size:.0f} MB mbox) in {time.monotonic() - started:.0f} s"
        )
        worst = 0.0
        for name, url in databases(work):
            env = dict(os.environ, DATABASE_URL=url)
            subprocess.run([GUANXI, "import", str(ws)], env=env, check=True, capture_output=True)
            for label in ("import", "import again"):
                cmd = [GUANXI, "import", str(mbox), "--format", "mail"]
                seconds, mb, status, output = timed(cmd, env)
                cpu, _, output = output.partition(" | ")
                notes = [line.strip() for line in output.splitlines() if "messages read" in line]
                print(f"{name:10} {label:13} {seconds:6.1f} s ({cpu}) {mb:5.0f} MB exit {status}"
                      f" | {notes[0] if notes else output.strip()[-200:]}")  # fmt: skip
                if status != 0:
                    return 1
                worst = max(worst, seconds)
        verdict = "met" if worst <= TARGET_SECONDS else "MISSED"
        print(f"target: {args.n:,} messages ≤ {TARGET_SECONDS:.0f} s: {verdict} ({worst:.1f} s)")
        return 0 if worst <= TARGET_SECONDS else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
