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
