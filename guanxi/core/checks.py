"""System checks of a production start: never with the placeholder secret key, never DEBUG.

`check_production` is registered by guanxi.core.apps, so `manage.py check` (with or without
--deploy) and `guanxi serve` (runserver runs the checks first) report it as an Error when
GUANXI_PRODUCTION is set. A WSGI/ASGI server runs no checks, so `RefuseUnsafeProduction`, the
first middleware, runs the same checks when the application is built and refuses to build it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed

INSECURE_PREFIX = "django-insecure-"


def check_production(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Errors that must stop a production start (nothing when not in production)."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    key = settings.SECRET_KEY or ""
    placeholder = getattr(settings, "PLACEHOLDER_SECRET_KEY", None)
    if not key or key == placeholder or key.startswith(INSECURE_PREFIX):
        errors.append(
            Error(
                "GUANXI_PRODUCTION is set but the secret key is the development placeholder "
                "(or empty); refusing to start.",
                hint="Set GUANXI_SECRET_KEY to a long random value, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="guanxi.E001",
            )
        )
    if settings.DEBUG:
        errors.append(
            Error(
                "GUANXI_PRODUCTION is set together with DEBUG; refusing to start "
                "(DEBUG pages show settings and data to anyone who triggers an error).",
                hint="Unset GUANXI_DEBUG (or set it to 0) in production.",
                id="guanxi.E002",
            )
        )
    return errors


def register() -> None:
    """Register the checks (called once from CoreConfig.ready)."""
    from django.core.checks import register as add

    add(check_production, Tags.security)


class RefuseUnsafeProduction:
    """Middleware run once when the application is built: raise ImproperlyConfigured on a
    production check error (the server does not start), else take itself out of the chain."""

    def __init__(self, get_response: Any) -> None:
        errors = check_production()
        if errors:
            lines = [f"{e.id}: {e.msg} {e.hint}" for e in errors]
            raise ImproperlyConfigured("Guanxi refuses to start:\n" + "\n".join(lines))
        raise MiddlewareNotUsed

    def __call__(self, request: Any) -> Any:  # pragma: no cover - never in the chain
        raise NotImplementedError
