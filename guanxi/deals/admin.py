"""Admin for deals and their decision roles, writing through the services."""

from __future__ import annotations

from django.contrib import admin

from guanxi.core.admin_mixins import ServiceAdmin, service_form
from guanxi.deals import services
from guanxi.deals.models import Deal, DealRole


class DealRoleInline(admin.TabularInline):
    model = DealRole
    autocomplete_fields = ["person"]
    form = service_form(services.check_deal_role)
    fields = ["person", "role", "attitude", "contact_level", "personality", "competitors_checked"]
    extra = 0


@admin.register(Deal)
class DealAdmin(ServiceAdmin):
    form = service_form(services.check_deal)
    save_service = services.save_deal  # records the credit when a deal becomes won
    list_display = ["name", "ext_id", "organisation", "stage", "status", "amount", "currency"]
    list_filter = ["status", "stage", "organisation"]
    search_fields = ["name", "ext_id", "organisation__name"]
    autocomplete_fields = ["organisation", "competitors"]
    date_hierarchy = "close_date"
    inlines = [DealRoleInline]


@admin.register(DealRole)
class DealRoleAdmin(ServiceAdmin):
    form = service_form(services.check_deal_role)
    save_service = services.save_deal_role
    list_display = ["deal", "person", "role", "attitude", "contact_level"]
    list_filter = ["role", "attitude", "contact_level"]
    search_fields = ["deal__name", "person__name", "deal__ext_id", "person__ext_id"]
    autocomplete_fields = ["deal", "person"]
