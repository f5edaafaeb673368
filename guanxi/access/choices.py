"""Roles of the people who log in (enforced by guanxi.access.permissions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UserRole(models.TextChoices):
    ADMIN = "admin", _("admin")
    MANAGER = "manager", _("manager")
    SALES = "sales", _("sales")
    CONTRIBUTOR = "contributor", _("contributor")
    VIEWER = "viewer", _("viewer")
