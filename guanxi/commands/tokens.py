"""`guanxi token NAME [--label L]`, `guanxi token NAME --list`, `guanxi token --revoke PREFIX`.

A new token is printed once (only its hash is stored); lists show the prefix, label, dates
and whether it is revoked.
"""

from __future__ import annotations

import argparse


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the user the token is for (or whose to list)")
    parser.add_argument("--label", default="", help="what the token is for (shown in lists)")
    parser.add_argument("--list", action="store_true", help="list the user's tokens")
    parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token with this prefix")


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from guanxi.access.tokens import create_token, revoke_token, tokens_of
    from guanxi.cli import CliError
    from guanxi.commands.tables import table

    if args.revoke:
        if args.name or args.list or args.label:
            raise CliError("--revoke takes only the token's prefix")
        try:
            token = revoke_token(prefix=args.revoke, actor="cli")
        except ValidationError as exc:
            raise CliError(f"--revoke: {' '.join(exc.messages)}", status=1) from None
        print(f"token {token.prefix}… of {token.user.get_username()} revoked")
        return 0
    if not args.name:
        raise CliError("give a user name (guanxi token NAME), or --revoke PREFIX")
    user = get_user_model().objects.filter(username=args.name).first()
    if user is None:
        raise CliError(f"no user named '{args.name}' (see: guanxi user list)", status=1)
    if args.list:
        rows = [
            [
                t.prefix + "…",
                t.name,
                _when(t.created_at),
                _when(t.last_used_at),
                _when(t.revoked_at),
            ]
            for t in tokens_of(user)
        ]
        print(table(["prefix", "label", "created", "last used", "revoked"], rows))
        return 0
    try:
        _token, plain = create_token(user=user, actor="cli", label=args.label)
    except ValidationError as exc:
        raise CliError("; ".join(exc.messages)) from None
    print(plain)
    return 0
