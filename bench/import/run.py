"""Time `guanxi import` and `guanxi export` of the big generated workspace, as subprocesses.

For each database (a fresh SQLite file; PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL
names one that answers): migrate (not timed), import, import again (must change nothing),
export; prints wall time and the peak memory of each command (os.wait4's ru_maxrss).

    python bench/import/generate.py /tmp/guanxi-bench/ws
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/guanxi_bench \\
        python bench/import/run.py /tmp/guanxi-bench/ws
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GUANXI = str(Path(sys.executable).with_name("guanxi"))
TARGETS = {"import": 30.0, "export": 15.0, "memory_mb": 1024.0}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, output + CPU seconds) of one command."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = f"cpu {usage.ru_utime + usage.ru_stime:.1f} s | "
    return time.monotonic() - started, usage.ru_maxrss / 1024, proc.returncode, cpu + output


def reset_postgres(url: str) -> bool:
    """Empty the PostgreSQL database at `url`; False when it cannot be reached."""
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means: skip this database
        print(f"postgresql: skipped ({exc.__class__.__name__}: {str(exc).strip()[:120]})")
        return False


def bench(name: str, url: str, folder: Path, work: Path) -> list[tuple]:
    """Run the commands against one database; returns result rows."""
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run([GUANXI, "migrate"], env=env, check=True, capture_output=True)
    rows = []
    for label, cmd in (
        ("import", [GUANXI, "import", str(folder)]),
        ("import again", [GUANXI, "import", str(folder)]),
        ("export", [GUANXI, "export", str(work / f"export-{name}")]),
    ):
        seconds, mb, status, output = timed(cmd, env)
        lines = output.splitlines()
        summary = lines[0].split("|")[0] + "| " + " | ".join(x.strip() for x in lines[2:4])
        rows.append((name, label, seconds, mb, status, summary))
        print(
            f"{name:10} {label:13} {seconds:6.1f} s  {mb:6.0f} MB  exit {status}  {summary}",
            flush=True,
        )
    return rows


def main() -> None:
    """Run the benchmark and check the targets."""
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine skews times)")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the generated interchange folder")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="guanxi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    sqlite = work / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(work / "export-sqlite", ignore_errors=True)
    results += bench("sqlite", f"sqlite:///{sqlite}", args.folder, work)
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres") and reset_postgres(url):
        shutil.rmtree(work / "export-postgres", ignore_errors=True)
        results += bench("postgres", url, args.folder, work)
    elif not url.startswith("postgres"):
        print("postgresql: skipped (set BENCH_DATABASE_URL=postgres://...)")
    for name in ("sqlite", "postgres"):
        a, b = work / f"export-{name}", work / "export-sqlite"
        if name == "postgres" and a.exists():
            same = all((a / f.name).read_bytes() == f.read_bytes() for f in b.iterdir())
            print(f"export on postgres byte-identical to export on sqlite: {same}")
    missed = [
        f"{db} {label} {s:.1f} s / {mb:.0f} MB"
        for db, label, s, mb, status, _ in results
        if status != 0
        or s > TARGETS["export" if label == "export" else "import"]
        or mb > TARGETS["memory_mb"]
    ]
    print(
        "targets (import ≤ 30 s, export ≤ 15 s, ≤ 1 GB):",
        "missed: " + "; ".join(missed) if missed else "all met",
    )


if __name__ == "__main__":
    main()
