"""The login page with throttling: failures are recorded, repeated guessing slowed and locked.

The throttle sits in the authentication form, so any login page using these forms (ours, and
the admin's with `admin.site.login_form = ThrottledAdminAuthenticationForm`) is covered.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import ngettext

from guanxi.access import throttle

THROTTLED = "throttled"


class ThrottledFormMixin:
    """Refuse a locked name or address unchecked, slow frequent failers, record failures."""

    request: Any
    data: Any

    def clean(self) -> dict[str, Any]:
        """Take a slot (or refuse unchecked), slow down, then Django's authentication; a
        wrong password keeps its slot and is recorded, a right one gives it back."""
        username = self.data.get("username", "") if self.data else ""
        ip = throttle.client_ip(self.request) if self.request is not None else None
        wait = throttle.take_attempt(username, ip)
        if wait:
            minutes = max(1, -(-wait // 60))
            raise ValidationError(
                ngettext(
                    "too many failed attempts; try again in %(n)d minute",
                    "too many failed attempts; try again in %(n)d minutes",
                    minutes,
                )
                % {"n": minutes},
                code=THROTTLED,
            )
        throttle.slow_down(username, ip)
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except ValidationError:
            if getattr(self, "user_cache", None) is None:
                throttle.record_failure(username, ip)
            else:
                # The right password of a user refused for another reason (inactive, or not
                # staff at /admin/login/): no guess, so it counts as no failure.
                throttle.give_back(username, ip)
            raise
        throttle.give_back(username, ip)
        throttle.clear(username, ip)
        return cleaned

    @property
    def throttled(self) -> bool:
        """True when the form was refused because of the lock."""
        return any(e.code == THROTTLED for e in self.errors.as_data().get("__all__", []))


class ThrottledAuthenticationForm(ThrottledFormMixin, AuthenticationForm):
    """The login form of /login/."""


class ThrottledAdminAuthenticationForm(ThrottledFormMixin, AdminAuthenticationForm):
    """The admin's login form, throttled the same way (the admin site must be told to use it)."""


class ThrottledLoginView(LoginView):
    """Django's LoginView with the throttled form; a refusal for the lock is a 429."""

    form_class = ThrottledAuthenticationForm

    def form_invalid(self, form: Any) -> HttpResponse:
        """The form with its errors; 429 Too Many Requests when refused for the lock."""
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response
