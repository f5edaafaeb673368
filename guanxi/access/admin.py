"""Admin for login profiles (role, person, account team), API tokens and failed logins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from guanxi.access.models import ApiToken, LoginFailure, Profile
from guanxi.core.admin_mixins import ServiceAdmin


@admin.register(Profile)
class ProfileAdmin(ServiceAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user", "accounts"]


@admin.register(ApiToken)
class ApiTokenAdmin(ServiceAdmin):
    """Tokens are created with `guanxi token NAME`; here they can be seen and revoked."""

    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "ip"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
