"""`guanxi worker` (daily jobs and queued tasks) and `guanxi run` (the server with a worker)."""

from __future__ import annotations

import argparse


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0.1 <= value <= 3600:
        raise argparse.ArgumentTypeError("the interval must be between 0.1 and 3600 seconds")
    return value


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "worker":
        parser.add_argument("--once", action="store_true", help="one tick, then exit")
        parser.add_argument(
            "--interval", type=_interval, default=10.0, help="seconds between ticks (default 10)"
        )
    else:
        from guanxi.commands import serve

        serve.add_arguments("serve", parser)


def run(args: argparse.Namespace) -> int:
    if args.command == "worker":
        from guanxi.operations.worker import work

        return work(once=args.once, interval=args.interval)
    return _serve_with_worker(args)


def _serve_with_worker(args: argparse.Namespace) -> int:
    """The server in the foreground and `guanxi worker` beside it, stopped with it."""
    import subprocess
    import sys

    from guanxi.commands import serve

    child = subprocess.Popen([sys.executable, "-m", "guanxi.cli", "worker"])
    try:
        args.command = "serve"
        return serve.run(args)
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
