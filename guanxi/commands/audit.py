"""`guanxi audit [--since D] [--until D] [--user U] [--action A] [--limit N] [--json]`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from guanxi.commands.tables import table

DEFAULT_LIMIT = 100


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """The filters and the output format."""
    parser.add_argument("--since", help="from this day on (YYYY-MM-DD, inclusive)")
    parser.add_argument("--until", help="up to this day (YYYY-MM-DD, inclusive)")
    parser.add_argument("--user", help="only what this user did")
    parser.add_argument("--action", help="only this action (create, update, view, ...)")
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"newest events to show (default {DEFAULT_LIMIT}; 0 for all)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list instead")


def _day(option: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option as a date; a clear error otherwise."""
    from guanxi.cli import CliError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CliError(
            f"{option}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2025-06-01"
        ) from None


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the configured time zone."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def as_json(event: Any) -> dict[str, Any]:
    """One event as the JSON list shows it."""
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "changes": event.changes,
    }


def changed(changes: Any) -> str:
    """The changes in one line: field old → new; ..."""
    if not isinstance(changes, dict):
        return "" if not changes else json.dumps(changes, ensure_ascii=False)
    parts = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = (json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"{field}: {old} → {new}")
        else:
            parts.append(f"{field}: {json.dumps(value, ensure_ascii=False)}")
    text = "; ".join(parts)
    return text if len(text) <= 120 else text[:119] + "…"


def run(args: argparse.Namespace) -> int:
    """Print the newest matching events (--limit of them; the CLI is the operator's tool)."""
    from guanxi.cli import CliError
    from guanxi.core.choices import AuditAction
    from guanxi.core.models import AuditEvent

    since, until = _day("--since", args.since), _day("--until", args.until)
    if since and until and until < since:
        raise CliError(f"--until {until} is before --since {since}")
    if args.action and args.action not in AuditAction.values:
        raise CliError(
            f"--action: unknown action '{args.action}'; use one of " + ", ".join(AuditAction.values)
        )
    if args.limit < 0:
        raise CliError("--limit must be 0 (all) or more")
    events = AuditEvent.objects.order_by("-at", "-id")
    if since:
        events = events.filter(at__gte=day_start(since))
    if until:
        events = events.filter(at__lt=day_start(until + dt.timedelta(days=1)))
    if args.user:
        events = events.filter(actor_name__iexact=args.user)
    if args.action:
        events = events.filter(action=args.action)
    if args.limit:
        events = events[: args.limit]
    if args.json:
        print(json.dumps([as_json(e) for e in events], ensure_ascii=False, indent=2))
        return 0
    rows = [
        [
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            e.actor_name,
            e.action,
            e.object_type,
            e.object_id,
            e.summary[:60],
            changed(e.changes),
        ]
        for e in events
    ]
    if not rows:
        print("no audit events match")
        return 0
    print(table(["at", "actor", "action", "object_type", "object_id", "summary", "changes"], rows))
    return 0
