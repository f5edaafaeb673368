"""A database too busy to take a write in time answers 503 with Retry-After, never 500.

SQLite lets one writer at a time: a write that cannot get the lock within the bound
(settings.DB_LOCK_TIMEOUT) fails, is rolled back whole, and the user is told to try again in
a moment. PostgreSQL's pool answers the same when no connection frees up within the bound,
and so does a database refusing connections (too many clients).
"""

from __future__ import annotations

import sys
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

#: What a client is told to wait before trying again.
RETRY_AFTER_SECONDS = 5

_BUSY_WORDS = (
    "database is locked",
    "database table is locked",
    "couldn't get a connection",
    "too many clients",
    "remaining connection slots",
)


def is_busy(exc: BaseException) -> bool:
    """True for an error that says the database is busy, not that something is wrong."""
    if not isinstance(exc, OperationalError):
        return False
    text = " ".join(str(e).lower() for e in (exc, exc.__cause__) if e is not None)
    return any(word in text for word in _BUSY_WORDS)


def busy_page(request: HttpRequest) -> HttpResponse:
    """The plain "busy, try again in a moment" page, in the app's layout (just its card for
    an htmx request, which shows it where the form was: base.html lets htmx show a 503)."""
    template = "busy_card.html" if request.headers.get("HX-Request") else "503.html"
    html = render_to_string(template, {"retry_after": RETRY_AFTER_SECONDS}, request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyMiddleware:
    """Turns a busy database into the busy page (the API answers its own JSON 503)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        """The busy page for a busy database; anything else goes on to the 500 page."""
        return busy_page(request) if is_busy(exc) else None


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler (urls.handler500): called while the exception is being handled, so
    a busy database met anywhere (a middleware asking for the user, too) answers 503."""
    exc = sys.exc_info()[1]
    if exc is not None and is_busy(exc):
        if request.path.startswith("/api/"):
            message = "The database is busy; nothing was saved. Try again in a moment."
            response: HttpResponse = JsonResponse(
                {"detail": [{"field": None, "message": message}]}, status=503
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return busy_page(request)
    if request.path.startswith("/api/"):
        message = "Internal error; it has been logged."
        return JsonResponse({"detail": [{"field": None, "message": message}]}, status=500)
    return defaults.server_error(request)
