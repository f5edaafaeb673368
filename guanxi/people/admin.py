"""Admin for organisations, people, ties and interactions, writing through the services."""

from __future__ import annotations

from django.contrib import admin

from guanxi.core.admin_mixins import ServiceAdmin, service_form
from guanxi.people import services
from guanxi.people.models import (
    Handover,
    Interaction,
    Organisation,
    Participation,
    Person,
    Tie,
)


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["ext_id", "name", "title", "department", "status", "key", "is_sales"]
    extra = 0
    show_change_link = True
    max_num = 0  # people are added on their own form, where their rules are checked
    can_delete = False
    readonly_fields = fields


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    form = service_form(services.check_organisation)
    save_service = services.save_organisation
    list_display = ["name", "ext_id", "kind", "tier", "industry", "parent"]
    list_filter = ["kind", "tier", "industry"]
    search_fields = ["name", "ext_id", "industry"]
    autocomplete_fields = ["parent"]
    inlines = [PersonInline]


class TieOutInline(admin.TabularInline):
    model = Tie
    fk_name = "source"
    fields = ["kind", "target", "strength", "since", "origin", "last_confirmed"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "ties from this person"


@admin.register(Person)
class PersonAdmin(ServiceAdmin):
    form = service_form(services.check_person)
    save_service = services.save_person
    list_display = ["name", "ext_id", "organisation", "title", "department", "status", "key"]
    list_filter = ["status", "key", "is_sales", "organisation__kind", "organisation"]
    search_fields = ["name", "ext_id", "title", "department", "email"]
    autocomplete_fields = ["organisation", "user"]
    list_select_related = ["organisation"]
    inlines = [TieOutInline]


@admin.register(Tie)
class TieAdmin(ServiceAdmin):
    form = service_form(services.check_tie)
    save_service = services.save_tie
    list_display = ["source", "kind", "target", "strength", "origin", "last_confirmed"]
    list_filter = ["kind", "origin", "certainty", "source__organisation__kind"]
    search_fields = ["source__name", "target__name", "source__ext_id", "target__ext_id"]
    # pickers, not selects of every person and deal (a workspace may have a million people)
    autocomplete_fields = ["source", "target", "reported_by", "learned_in"]
    list_select_related = ["source", "target"]
    readonly_fields = ["recorded_by", "recorded_at"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["person"]
    extra = 2


@admin.register(Interaction)
class InteractionAdmin(ServiceAdmin):
    list_display = ["date", "kind", "ext_id", "notes"]
    list_filter = ["kind", "date"]
    search_fields = ["ext_id", "notes", "participants__name"]
    date_hierarchy = "date"
    inlines = [ParticipationInline]
    readonly_fields = ["recorded_by"]


@admin.register(Handover)
class HandoverAdmin(ServiceAdmin):
    list_display = ["departed", "contact", "successor", "owner", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["departed__name", "contact__name", "successor__name"]
    autocomplete_fields = ["departed", "contact", "successor", "owner"]
