"""Login throttling: count password checks atomically, slow repeated guessing, lock it out.

Before a password is checked, the attempt takes a slot of two counters (`LoginCounter`): its
user name *from its address* (`GUANXI_LOGIN_MAX_FAILURES` per `GUANXI_LOGIN_WINDOW_SECONDS`)
and its address (`GUANXI_LOGIN_MAX_FAILURES_PER_IP`). A slot is taken by one conditional
UPDATE (`attempts < limit`), atomic on SQLite and PostgreSQL alike, so parallel attempts
never check more passwords than the limit. A failure keeps its slots; a right password gives
them back. An attempt that finds no slot is refused unchecked (429) and counts nothing, so
the lock ends when the window says it does.

Counting per name and address means guessing from one address never locks the real user out
from theirs; guessing one name from many addresses is slowed instead: from the
`GUANXI_LOGIN_SLOW_AFTER`-th failure of the name (any address) on, every attempt waits
`GUANXI_LOGIN_DELAY_SECONDS` (at most one second). This module is the only writer of
LoginFailure and LoginCounter, and audits every failure.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from dataclasses import dataclass
from time import sleep

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from guanxi.access.models import LoginCounter, LoginFailure
from guanxi.core import audit
from guanxi.core.choices import AuditAction

MAX_DELAY_SECONDS = 1.0
#: The user name of an address's own counter: a space, which no normalised name can be.
ANY_NAME = " "


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


def _keys(username: str, ip: str | None, limit: Limits) -> list[tuple[str, str, int]]:
    """The counters an attempt takes a slot of: (name, address) and the address alone."""
    address = ip or ""
    return [(normalise(username), address, limit.per_user), (ANY_NAME, address, limit.per_ip)]


def _take(username: str, ip: str, most: int, limit: Limits) -> float:
    """Take one slot of this counter: 0 when taken, else the seconds until one frees up.

    Every write is a single conditional statement (create; restart an expired window if it
    is still the one read; add one while below `most`), so two attempts can never both take
    the last slot."""
    counters = LoginCounter.objects.filter(username=username, ip=ip)
    for _round in range(5):
        now = timezone.now()
        row = counters.values("pk", "attempts", "window_start").first()
        if row is None:
            try:
                with transaction.atomic():
                    LoginCounter.objects.create(
                        username=username, ip=ip, attempts=1, window_start=now
                    )
                return 0.0
            except IntegrityError:
                continue  # another attempt created it first: take a slot of that one
        same = LoginCounter.objects.filter(pk=row["pk"], window_start=row["window_start"])
        if row["window_start"] <= now - limit.window:
            if same.update(attempts=1, window_start=now):
                return 0.0
            continue
        if same.filter(attempts__lt=most).update(attempts=F("attempts") + 1):
            return 0.0
        if row["attempts"] >= most:
            return max(1.0, (row["window_start"] + limit.window - now).total_seconds())
    return 1.0  # still contended after several rounds: refuse this one, briefly


def _give_back(username: str, ip: str) -> None:
    LoginCounter.objects.filter(username=username, ip=ip, attempts__gt=0).update(
        attempts=F("attempts") - 1
    )


def take_attempt(username: str, ip: str | None) -> int:
    """Reserve one password check for this name from this address: 0 when reserved, else the
    whole seconds to wait (nothing is reserved then)."""
    limit = limits()
    taken: list[tuple[str, str]] = []
    for name, address, most in _keys(username, ip, limit):
        if most <= 0:
            continue
        wait = _take(name, address, most, limit)
        if wait:
            for key in taken:
                _give_back(*key)
            return math.ceil(wait)
        taken.append((name, address))
    return 0


def give_back(username: str, ip: str | None) -> None:
    """Return the slots of an attempt whose password was right (it was no guess)."""
    for name, address, most in _keys(username, ip, limits()):
        if most > 0:
            _give_back(name, address)


def locked_for(username: str, ip: str | None) -> int:
    """Seconds until this user name may try again from this address (0: not locked)."""
    limit, now = limits(), timezone.now()
    waits = [0.0]
    for name, address, most in _keys(username, ip, limit):
        row = LoginCounter.objects.filter(username=name, ip=address).first()
        if most > 0 and row and row.attempts >= most and row.window_start > now - limit.window:
            waits.append((row.window_start + limit.window - now).total_seconds())
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
    sleep(limit.delay)
    return limit.delay


@transaction.atomic
def record_failure(username: str, ip: str | None) -> None:
    """Remember one failed login and audit it (with the name tried and the address)."""
    limit = limits()
    now = timezone.now()
    # Rows past the window no longer count; the audit log keeps the history.
    LoginFailure.objects.filter(at__lt=now - limit.window).delete()
    LoginCounter.objects.filter(window_start__lt=now - limit.window).delete()
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


def clear(username: str, ip: str | None = None) -> None:
    """Forget a user name's failures (after a successful login), and its counter from this
    address."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
    LoginCounter.objects.filter(username=normalise(username), ip=ip or "").delete()
