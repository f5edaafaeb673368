"""`guanxi demo [--reset | --if-empty] [--today D] [--write FOLDER]`: the demo workspace."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reset",
        action="store_true",
        help="delete every organisation, person, tie, interaction, deal and snapshot first",
    )
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="load only into an empty workspace; otherwise say so and do nothing (exit 0)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        help="date the demo year ends on (default: today); the same date gives the same data",
    )
    parser.add_argument(
        "--write",
        metavar="FOLDER",
        type=Path,
        help="only write the demo as interchange CSV files into FOLDER (no database change)",
    )


def run(args: argparse.Namespace) -> int:
    from guanxi.cli import CliError
    from guanxi.demo.build import build_demo
    from guanxi.demo.load import DemoError, load_demo, workspace_is_empty, write_files

    today = args.today or dt.date.today()
    if args.write:
        write_files(build_demo(today), args.write)
        print(f"demo files written to {args.write}")
        return 0
    if args.if_empty and not args.reset and not workspace_is_empty():
        print("the workspace already holds data: demo not loaded")
        return 0
    started = time.perf_counter()
    try:
        summary = load_demo(today=today, reset=args.reset, actor="cli")
    except DemoError as exc:
        raise CliError(str(exc), status=1) from None
    for line in summary.lines():
        print(line)
    print(f"demo loaded in {time.perf_counter() - started:.1f} s — log in as demo / demo")
    return 0
