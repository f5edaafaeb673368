"""Login throttling: record failed logins, slow repeated guessing down, then lock it out.

A user name is locked after `GUANXI_LOGIN_MAX_FAILURES` failures within
`GUANXI_LOGIN_WINDOW_SECONDS`, an IP address after `GUANXI_LOGIN_MAX_FAILURES_PER_IP`; a locked
attempt is refused before any password is checked and is not counted again, so the lock ends
when the window says it does. From the `GUANXI_LOGIN_SLOW_AFTER`-th failure on, every attempt
waits `GUANXI_LOGIN_DELAY_SECONDS` (at most one second). This module is the only writer of
LoginFailure, and audits every failure.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from guanxi.access.models import LoginFailure
from guanxi.core import audit
from guanxi.core.choices import AuditAction

MAX_DELAY_SECONDS = 1.0


@dataclass(frozen=True)
class Limits:
    """The throttling limits in force (from settings, with safe defaults)."""

    per_user: int
    per_ip: int
    window: dt.timedelta
    slow_after: int
    delay: float


def limits() -> Limits:
    """The limits from settings; the delay is bounded to one second."""
    return Limits(
        per_user=int(getattr(settings, "GUANXI_LOGIN_MAX_FAILURES", 5)),
        per_ip=int(getattr(settings, "GUANXI_LOGIN_MAX_FAILURES_PER_IP", 20)),
        window=dt.timedelta(seconds=int(getattr(settings, "GUANXI_LOGIN_WINDOW_SECONDS", 900))),
        slow_after=int(getattr(settings, "GUANXI_LOGIN_SLOW_AFTER", 3)),
        delay=min(
            MAX_DELAY_SECONDS, max(0.0, float(getattr(settings, "GUANXI_LOGIN_DELAY_SECONDS", 1)))
        ),
    )


def normalise(username: str) -> str:
    """The key failures are counted under (case and spaces do not make a new name)."""
    return (username or "").strip().casefold()[:150]


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address: REMOTE_ADDR, or the header a trusted proxy sets
    (GUANXI_CLIENT_IP_HEADER, e.g. X-Real-IP); None when it is not an IP address."""
    header = getattr(settings, "GUANXI_CLIENT_IP_HEADER", "")
    raw = request.headers.get(header, "") if header else ""
    raw = (raw.split(",")[-1] if raw else request.META.get("REMOTE_ADDR", "")).strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _recent(limit: Limits, now: dt.datetime):
    return LoginFailure.objects.filter(at__gte=now - limit.window)


def locked_for(username: str, ip: str | None) -> int:
    """Seconds until this user name / IP address may try again (0: not locked)."""
    limit, now = limits(), timezone.now()
    recent = _recent(limit, now)
    waits = [0.0]
    checks = [(recent.filter(username=normalise(username)), limit.per_user)]
    if ip:
        checks.append((recent.filter(ip=ip), limit.per_ip))
    for rows, most in checks:
        # Locked until the most-th newest failure leaves the window (then fewer than `most`).
        times = list(rows.order_by("-at").values_list("at", flat=True)[:most])
        if most > 0 and len(times) >= most:
            waits.append((times[-1] + limit.window - now).total_seconds())
    return max(0, math.ceil(max(waits)))


def failures(username: str, ip: str | None) -> int:
    """Recent failures of this user name, or of this IP address scaled to the user limit
    (whichever is nearer its lock), to decide whether to slow the attempt down."""
    limit = limits()
    recent = _recent(limit, timezone.now())
    count = recent.filter(username=normalise(username)).count()
    if ip and limit.per_ip > 0:
        by_ip = recent.filter(ip=ip).count()
        count = max(count, by_ip * limit.per_user // limit.per_ip)
    return count


def slow_down(username: str, ip: str | None) -> float:
    """Wait (bounded) when this name or address has failed often; returns the seconds slept."""
    limit = limits()
    if limit.delay <= 0 or failures(username, ip) < limit.slow_after:
        return 0.0
    time.sleep(limit.delay)
    return limit.delay


@transaction.atomic
def record_failure(username: str, ip: str | None) -> None:
    """Remember one failed login and audit it (with the name tried and the address)."""
    limit = limits()
    now = timezone.now()
    # Rows past the window no longer count; the audit log keeps the history.
    LoginFailure.objects.filter(at__lt=now - limit.window).delete()
    name = (username or "")[:150]
    LoginFailure.objects.create(username=normalise(name), ip=ip)
    audit.record(
        actor="anonymous",
        action=AuditAction.LOGIN_FAILED,
        object_type="user",
        object_id=name,
        summary=f"failed login as {name!r} from {ip or 'unknown address'}",
        changes={"username": [None, name], "ip": [None, ip]},
    )


def clear(username: str) -> None:
    """Forget a user name's failures (after a successful login)."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
