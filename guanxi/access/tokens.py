"""The only writers of API tokens: create (the plain token is returned once), verify,
list and revoke.

A token is `gx_` and 43 URL-safe characters (256 random bits). The database keeps its
SHA-256 hash and its first characters (the prefix, which names the token in lists and in
`guanxi token --revoke`), never the token itself, so a copy of the database cannot call the
API. Every creation and revocation is audited; using a token only touches `last_used_at`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.access.models import ApiToken
from guanxi.core import audit, deferred
from guanxi.core.choices import AuditAction

#: Every token starts with this, so a leaked one is recognisable (secret scanners, logs).
TOKEN_START = "gx_"
#: Characters of the token kept in the clear to name it (start included).
PREFIX_LENGTH = 11
#: `last_used_at` is written at most this often per token (a write per request is waste).
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 hex digest.

    >>> len(hash_token("gx_example"))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(*, user: Any, actor: Any, label: str = "") -> tuple[ApiToken, str]:
    """Make a new token for `user`; return the stored record and the plain token.

    The plain token exists only in the return value: show it once and forget it.
    """
    if not getattr(user, "is_active", False):
        raise ValidationError({"user": _("%(user)s is not an active user.") % {"user": user}})
    label = label.strip()
    if len(label) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"label": _("The label is too long (100 characters at most).")})
    while True:
        plain = TOKEN_START + secrets.token_urlsafe(32)
        prefix = plain[:PREFIX_LENGTH]
        # Prefixes name tokens, so keep them unique (a clash is astronomically rare).
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    token = ApiToken.objects.create(
        user=user, name=label, prefix=prefix, key_hash=hash_token(plain)
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="api_token",
        object_id=prefix,
        summary=f"API token {prefix}… for {user.get_username()}" + (f" ({label})" if label else ""),
        changes={"user": [None, user.get_username()], "label": [None, label]},
    )
    return token, plain


def verify_token(token: str) -> Any | None:
    """The active user a plain token belongs to, or None (unknown, revoked, inactive user).

    Marks the token as used (at most once a minute).
    """
    if not token or not token.startswith(TOKEN_START) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        # after the response: a read must not wait for (or fail on) a busy write lock
        deferred.later(_mark_used, pk=record.pk, at=now)
    return record.user


def _mark_used(*, pk: int, at: Any) -> None:
    ApiToken.objects.filter(pk=pk).update(last_used_at=at)


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (revoked ones included, for the record)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


@transaction.atomic
def revoke_token(*, prefix: str, actor: Any) -> ApiToken:
    """Revoke the token whose prefix (or whole plain token) is given; it is refused from now on.

    Revoking an already revoked token is allowed and changes nothing.
    """
    text = prefix.strip()
    matches = ApiToken.objects.filter(prefix=text[:PREFIX_LENGTH])
    if len(text) > PREFIX_LENGTH:
        matches = matches.filter(key_hash=hash_token(text))
    elif len(text) < PREFIX_LENGTH:
        matches = ApiToken.objects.none()
    found = list(matches.select_related("user")[:2])
    if not found:
        raise ValidationError({"prefix": _("No API token with prefix '%(p)s'.") % {"p": text}})
    if len(found) > 1:  # pragma: no cover - prefixes are kept unique by create_token
        raise ValidationError({"prefix": _("Several tokens share this prefix.")})
    token = found[0]
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="api_token",
            object_id=token.prefix,
            summary=f"API token {token.prefix}… of {token.user.get_username()} revoked",
            changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        )
    return token
