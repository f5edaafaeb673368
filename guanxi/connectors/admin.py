"""Admin views of the connectors' tables (read mostly: imports and the review page write)."""

from django.contrib import admin

from guanxi.connectors.models import Exclusion, ExternalRef, PersonEmail, ReviewItem


@admin.register(ExternalRef)
class ExternalRefAdmin(admin.ModelAdmin):
    list_display = ("source", "external_id", "person", "organisation", "deal", "interaction")
    list_filter = ("source",)
    search_fields = ("external_id",)
    raw_id_fields = ("person", "organisation", "deal", "interaction")


@admin.register(PersonEmail)
class PersonEmailAdmin(admin.ModelAdmin):
    list_display = ("email", "person")
    search_fields = ("email", "person__name")
    raw_id_fields = ("person",)


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ("employee", "kind", "value", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("employee",)


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "source", "status", "reason", "created_at")
    list_filter = ("kind", "status", "source")
    search_fields = ("name", "email", "external_id")
    raw_id_fields = ("candidates", "person", "org_candidates", "organisation")
