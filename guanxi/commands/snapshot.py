"""`guanxi snapshot [--date D]`: record the scores of a date for trends."""

from __future__ import annotations

import argparse
import datetime as dt


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=_date, help="the date (YYYY-MM-DD; default today)")


def run(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from guanxi.cli import CliError
    from guanxi.scoring.snapshots import record_snapshot

    date = args.date or timezone.localdate()
    if date > timezone.localdate():
        raise CliError(f"--date: {date} is in the future")
    count = record_snapshot(date=date, actor="cli")
    print(f"snapshot of {date.isoformat()}: {count} values recorded")
    return 0
