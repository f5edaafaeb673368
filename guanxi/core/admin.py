"""Admin for the audit log (read-only), snapshots and workspace settings."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from guanxi.core.admin_mixins import ServiceAdmin
from guanxi.core.models import AuditEvent, Snapshot, Workspace


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type", "at"]
    search_fields = ["actor_name", "object_id", "summary"]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ServiceAdmin):
    list_display = ["date", "subject_id", "metric", "value"]
    list_filter = ["metric", "date"]
    search_fields = ["subject_id"]
    date_hierarchy = "date"


@admin.register(Workspace)
class WorkspaceAdmin(ServiceAdmin):
    list_display = ["__str__", "data_version"]
    readonly_fields = ["data_version"]

    def has_add_permission(self, request: Any) -> bool:
        return not Workspace.objects.exists()

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
