"""The daily digest e-mail: each user's open alerts of the kinds they take by e-mail, sent
once per user and date (a Digest row), only when something is new since their last digest.
Django's e-mail backend sends it (the console backend when no SMTP host is configured)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.operations.models import Alert, AlertPreference, Digest

BATCH = 500


def digest_messages(date: dt.date) -> list[tuple[Any, EmailMessage, int]]:
    """(user, message, alert count) of everyone whose digest of `date` is due."""
    alerts: dict[int, list[Alert]] = defaultdict(list)
    for a in Alert.objects.filter(cleared_on__isnull=True, raised_on__lte=date).order_by(
        "user_id", "kind", "-raised_on", "id"
    ):
        alerts[a.user_id].append(a)
    if not alerts:
        return []
    off = set(
        AlertPreference.objects.filter(user_id__in=alerts, digest=False).values_list(
            "user_id", "kind"
        )
    )
    sent = set(
        Digest.objects.filter(date=date, user_id__in=alerts).values_list("user_id", flat=True)
    )
    last = dict(
        Digest.objects.filter(user_id__in=alerts, date__lt=date, sent_at__isnull=False)
        .values("user_id")
        .annotate(last=Max("date"))
        .values_list("user_id", "last")
    )
    users = get_user_model().objects.filter(pk__in=alerts, is_active=True).exclude(email="")
    out = []
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            if user.pk in sent:
                continue
            mine = [a for a in alerts[user.pk] if (user.pk, a.kind) not in off]
            since = last.get(user.pk)
            new = [a for a in mine if since is None or a.raised_on > since]
            if not new:
                continue
            body = render_to_string(
                "operations/digest.txt",
                {
                    "user": user,
                    "date": date,
                    "new": new,
                    "older": [a for a in mine if a not in new],
                },
            )
            subject = _("Guanxi digest of %(date)s: %(count)s new alerts") % {
                "date": date.isoformat(),
                "count": len(new),
            }
            out.append((user, EmailMessage(subject, body, None, [user.email]), len(mine)))
    return out


def send_digests(*, date: dt.date, actor: Any = "worker", connection: Any = None) -> int:
    """Send the digests of `date` in batches over one connection (default: the configured
    e-mail backend's); returns how many went."""
    messages = digest_messages(date)
    connection = connection or get_connection()
    total = 0
    for start in range(0, len(messages), BATCH):
        batch = messages[start : start + BATCH]
        with transaction.atomic():
            # The rows first: a digest claimed twice (two workers) fails here, not in inboxes.
            Digest.objects.bulk_create(
                [Digest(user=u, date=date, alerts=n, sent_at=None) for u, _m, n in batch]
            )
            connection.send_messages([m for _u, m, _n in batch])
            Digest.objects.filter(date=date, user__in=[u for u, _m, _n in batch]).update(
                sent_at=dt.datetime.now(dt.UTC)
            )
        total += len(batch)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="digests",
        object_id=date.isoformat(),
        summary=f"digests of {date.isoformat()}: {total} sent",
    )
    return total
