"""Who is calling: an API token (`Authorization: Bearer TOKEN`) or the browser session.

A request with a Bearer header is judged by the token alone (a bad token is a 401 even with
a session cookie). A session request that changes something (POST, PATCH, PUT, DELETE) must
carry the CSRF token, as Django's forms do; token requests need none (no cookie, no CSRF).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from guanxi.access.tokens import verify_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gx_...`: verified by its hash; revoked tokens are refused."""

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get(self.header, "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        """The token's user, also set as `request.user` for the permission choke point."""
        user = verify_token(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        """Unused: __call__ decides from `request.user` (Django's session middleware)."""
        return None  # pragma: no cover


def user_of(request: HttpRequest) -> Any:
    """The authenticated user of an API request."""
    return request.auth  # type: ignore[attr-defined]


#: Tried in this order by every operation.
AUTH = [TokenAuth(), SessionAuth()]
