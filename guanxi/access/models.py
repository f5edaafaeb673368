"""Who a login user is in Guanxi: their role, their person record, their account team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanxi.access.choices import UserRole
from guanxi.people.models import Organisation


class Profile(models.Model):
    """A user's role and the customer accounts whose team they are on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=UserRole.choices, default=UserRole.VIEWER
    )
    accounts = models.ManyToManyField(
        Organisation,
        verbose_name=_("account team of"),
        blank=True,
        related_name="team_profiles",
        limit_choices_to={"kind": "customer"},
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=UserRole.values),
                name="profile_role_valid",
                violation_error_message=_("Unknown role."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class LoginFailure(models.Model):
    """A failed login, kept to slow down and lock repeated guessing."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class LoginCounter(models.Model):
    """Password checks of one (user name, address) pair, or of one address (`username` " "),
    in the current window: taken atomically before each check, so parallel attempts never
    check more passwords than the limit (guanxi.access.throttle)."""

    username = models.CharField(max_length=150, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()

    class Meta:
        verbose_name = _("login counter")
        verbose_name_plural = _("login counters")
        constraints = [
            models.UniqueConstraint(fields=["username", "ip"], name="one_login_counter_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.username or '*'}@{self.ip or '?'}: {self.attempts}"
