"""`guanxi credit show DEAL` and `guanxi credit recompute DEAL [--user NAME]`: the credit
recorded when a deal was won, and its explicit, audited recompute from today's relationships."""

from __future__ import annotations

import argparse
import json

from guanxi.commands.tables import table


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["show", "recompute"], help="show or recompute")
    parser.add_argument("deal", help="the won deal's id")
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="recompute as this login user (a manager or admin); default: the command line",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from guanxi.cli import CliError
    from guanxi.deals.credit import recompute_credit, stored_shares
    from guanxi.deals.models import Deal
    from guanxi.people.models import Person

    deal = Deal.objects.filter(ext_id=args.deal).first()
    if deal is None:
        raise CliError(f"credit: no deal with id '{args.deal}'", status=1)
    if args.action == "recompute":
        actor = "cli"
        if args.user is not None:
            actor = get_user_model().objects.filter(username=args.user, is_active=True).first()
            if actor is None:
                raise CliError(f"--user: no active user named '{args.user}'")
        try:
            recompute_credit(deal=deal, actor=actor)
        except PermissionDenied as exc:
            raise CliError(f"{args.user} may not recompute credit: {exc}", status=1) from None
        except ValueError as exc:
            raise CliError(f"credit: {exc}") from None
    deal.refresh_from_db()
    shares = stored_shares(deal)
    names = dict(Person.objects.filter(ext_id__in=shares).values_list("ext_id", "name"))
    amount = float(deal.amount) if deal.amount is not None else 0.0
    if args.json:
        recorded = deal.credit_recorded_at
        print(
            json.dumps(
                {
                    "deal_id": deal.ext_id,
                    "recorded_at": recorded.isoformat() if recorded else None,
                    "shares": [{"person_id": p, "share": s} for p, s in shares.items()],
                },
                ensure_ascii=False,
            )
        )
        return 0
    when = deal.credit_recorded_at
    head = f"{deal.name}: credit recorded {when:%Y-%m-%d %H:%M}" if when else f"{deal.name}: "
    print(head if when else head + "no credit recorded (the deal is not won)")
    if shares:
        rows = [
            [names.get(p, p), f"{s:.1%}", f"{s * amount:,.2f} {deal.currency}".rstrip()]
            for p, s in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        print(table(["employee", "share", "credit"], rows))
    return 0
