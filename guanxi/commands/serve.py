"""`guanxi serve` (the production server, or Django's with --dev) and `guanxi migrate`."""

from __future__ import annotations

import argparse
import io
import os

#: flag → the environment variable the settings read it from (flags win).
SERVER_FLAGS = {
    "host": "GUANXI_HOST",
    "port": "GUANXI_PORT",
    "workers": "GUANXI_WORKERS",
    "threads": "GUANXI_THREADS",
}


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name != "serve":
        return
    parser.add_argument("--host", help="address to listen on (GUANXI_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (GUANXI_PORT, default 8000)")
    parser.add_argument("--workers", type=int, help="worker processes (GUANXI_WORKERS, default 2)")
    parser.add_argument(
        "--threads", type=int, help="threads per worker (GUANXI_THREADS, default 4)"
    )
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="Django's development server instead: one process, debug pages, reloads on change",
    )
    parser.add_argument(
        "--no-reload", action="store_true", help="with --dev: do not restart when code changes"
    )


def prepare(args: argparse.Namespace) -> None:
    """Before Django reads its settings: flags become the environment the settings (and
    every worker) read, and the production server runs without DEBUG unless told so."""
    if args.command != "serve":
        return
    from guanxi.cli import CliError

    for flag, variable in SERVER_FLAGS.items():
        value = getattr(args, flag)
        if value is not None:
            os.environ[variable] = str(value)
    if args.port is not None and not 1 <= args.port <= 65535:
        raise CliError(f"--port {args.port} is not a port number (1–65535)")
    for flag in ("workers", "threads"):
        value = getattr(args, flag)
        if value is not None and not 1 <= value <= 64:
            raise CliError(f"--{flag} {value} is outside 1–64")
    if not args.dev:
        os.environ.setdefault("GUANXI_DEBUG", "0")


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    if args.command == "migrate":
        call_command("migrate", interactive=False)
        return 0
    return _run_dev(args) if args.dev else _run_production(args)


def _refuse_unsafe_start() -> None:
    """Django's system checks, and no debug pages outside --dev: plain errors, no start."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from guanxi.cli import CliError

    try:
        call_command("check", fail_level="ERROR", stdout=io.StringIO())
    except SystemCheckError as exc:
        raise CliError(f"Guanxi refuses to start:\n{exc}") from None
    if settings.DEBUG:
        raise CliError(
            "Guanxi refuses to start: GUANXI_DEBUG is on, and the production server never "
            "shows debug pages; use `guanxi serve --dev` for development."
        )


def _static_sources() -> str:
    """A fingerprint of every static source file (name, size, modification time)."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for name, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = os.stat(storage.path(name))
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collect_static_files() -> None:
    """The hashed, compressed static files whitenoise serves, collected again only when a
    source changed (compressing them all takes tens of seconds on a small machine)."""
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    stamp = root / ".guanxi-sources"
    sources = _static_sources()
    manifest = root / "staticfiles.json"
    if manifest.is_file() and stamp.is_file() and stamp.read_text() == sources:
        return
    print("Collecting static files (once after an install or an upgrade)…", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(sources)


def _run_production(args: argparse.Namespace) -> int:
    from django.conf import settings

    from guanxi.server import ServerOptions, serve

    _refuse_unsafe_start()
    _collect_static_files()
    serve(
        ServerOptions(
            host=settings.SERVER_HOST,
            port=settings.SERVER_PORT,
            workers=settings.SERVER_WORKERS,
            threads=settings.SERVER_THREADS,
            timeout=settings.SERVER_TIMEOUT,
            access_log=args.access_log,
        )
    )
    return 0


def _run_dev(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from guanxi.cli import CliError

    try:
        # runserver's own checks, so an unsafe production start is refused in plain words
        call_command(
            "runserver",
            f"{settings.SERVER_HOST}:{settings.SERVER_PORT}",
            use_reloader=settings.DEBUG and not args.no_reload,
            skip_checks=False,
        )
    except SystemCheckError as exc:
        raise CliError(f"Guanxi refuses to start:\n{exc}") from None
    return 0
