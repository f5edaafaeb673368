"""Admin for login profiles (role, person, account team)."""

from django.contrib import admin

from guanxi.access.models import Profile
from guanxi.core.admin_mixins import ServiceAdmin


@admin.register(Profile)
class ProfileAdmin(ServiceAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user", "accounts"]
