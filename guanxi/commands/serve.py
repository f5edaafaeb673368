"""`guanxi serve` and `guanxi migrate`."""

from __future__ import annotations

import argparse


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "serve":
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument(
            "--no-reload", action="store_true", help="do not restart when code changes"
        )


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    if args.command == "migrate":
        call_command("migrate", interactive=False)
        return 0
    from django.conf import settings

    if not (1 <= args.port <= 65535):
        from guanxi.cli import CliError

        raise CliError(f"--port {args.port} is not a port number (1–65535)")
    from django.core.management.base import SystemCheckError

    try:
        # runserver's own checks, so an unsafe production start is refused in plain words
        call_command(
            "runserver",
            f"127.0.0.1:{args.port}",
            use_reloader=settings.DEBUG and not args.no_reload,
            skip_checks=False,
        )
    except SystemCheckError as exc:
        from guanxi.cli import CliError

        raise CliError(f"Guanxi refuses to start:\n{exc}") from None
    return 0
