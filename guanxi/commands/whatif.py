"""`guanxi whatif --tie A,B,STRENGTH [--tie ...] [--deal ID] [--json]`: scores if ties existed."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from guanxi.commands.tables import table


def _tie(text: str) -> tuple[str, str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not all(parts):
        raise argparse.ArgumentTypeError(f"'{text}' is not SOURCE,TARGET,STRENGTH")
    return parts[0], parts[1], parts[2]


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tie",
        type=_tie,
        action="append",
        required=True,
        metavar="A,B,STRENGTH",
        help="a relationship as if it existed (strength 0-100 or strong/medium/weak); repeat",
    )
    parser.add_argument("--deal", help="also recompute this deal's win odds")
    parser.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead")
    parser.add_argument("--user", metavar="NAME", help="answer as this login user may see it")


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model

    from guanxi.access import guarded
    from guanxi.cli import CliError
    from guanxi.operations.guarded import whatif_for
    from guanxi.operations.reports import whatif_report
    from guanxi.scoring.reports import ReportError

    try:
        if args.user is None:
            result = whatif_report(args.tie, args.deal)
        else:
            user = get_user_model().objects.filter(username=args.user, is_active=True).first()
            if user is None:
                raise CliError(f"--user: no active user named '{args.user}'")
            result = whatif_for(user, args.tie, args.deal)
    except ReportError as exc:
        where = "--deal" if exc.field == "deal" else "--tie"
        raise CliError(f"{where}: {exc}", status=1 if exc.not_found else 2) from None
    except guarded.Refused as exc:
        raise CliError(f"{args.user} may not see this: {exc}", status=1) from None
    except guarded.Unseen as exc:
        raise CliError(f"--tie: {exc}", status=1) from None
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None))
    else:
        print(render(result))
    return 0


def render(v: dict[str, Any]) -> str:
    """The what-if as a table of accounts (and the deal's odds)."""
    rows = [
        [a.get("name", a["id"]), a["id"], a["before"], a["after"], a["after"] - a["before"]]
        for a in v["accounts"]
    ]
    parts = [table(["account", "id", "before", "after", "change"], rows)]
    deal = v["deal"]
    if deal is not None:
        parts.append("")
        parts.append(f"deal {deal['id']}: win odds {deal['before']:.1f}% → {deal['after']:.1f}%")
    return "\n".join(parts)
