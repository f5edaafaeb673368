"""`guanxi user add NAME [--role ROLE] [--person ID] [--accounts ID,...] [--password P]`."""

from __future__ import annotations

import argparse
import getpass
import sys


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create or update a login user")
    add.add_argument("name", help="user name")
    add.add_argument(
        "--role",
        default="viewer",
        help="admin, manager, sales, contributor or viewer (default viewer)",
    )
    add.add_argument("--person", help="id of the person (one of ours) this user is")
    add.add_argument("--accounts", default="", help="comma-separated customer ids (account team)")
    add.add_argument("--password", help="password (asked for when omitted on a terminal)")
    actions.add_parser("list", help="list users with their roles")


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from guanxi.access.services import add_user, role_of
    from guanxi.cli import CliError
    from guanxi.people.models import Organisation, Person

    if args.action == "list":
        for user in get_user_model().objects.order_by("username").select_related("profile"):
            print(f"{user.username}\t{role_of(user)}")
        return 0

    person = None
    if args.person:
        person = Person.objects.filter(ext_id=args.person).select_related("organisation").first()
        if person is None:
            raise CliError(f"--person: no person with id '{args.person}'")
    ids = [a.strip() for a in args.accounts.split(",") if a.strip()]
    accounts = list(Organisation.objects.filter(ext_id__in=ids))
    missing = sorted(set(ids) - {a.ext_id for a in accounts})
    if missing:
        raise CliError(f"--accounts: no organisation with id {', '.join(missing)}")
    password = args.password
    if password is None and sys.stdin.isatty():
        password = getpass.getpass(f"Password for {args.name}: ")
    try:
        add_user(
            username=args.name,
            role=args.role,
            person=person,
            accounts=accounts,
            password=password,
            actor="cli",
        )
    except ValidationError as exc:
        messages = (
            [f"--{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
            if hasattr(exc, "error_dict")
            else [f"--password: {m}" for m in exc.messages]
        )
        raise CliError("; ".join(messages)) from None
    print(f"user {args.name} saved (role {args.role})")
    return 0
