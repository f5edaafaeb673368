"""Admin for organisations, people, ties and interactions, writing through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from guanxi.core.admin_mixins import ServiceAdmin, service_form
from guanxi.people import deletion, services
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


class PlannedDeleteAdmin(ServiceAdmin):
    """Deletes through guanxi.people.deletion: the confirmation page lists what goes or
    changes with each record (and what blocks it), and every row is audited."""

    plan: Any = None
    remove: Any = None

    def get_deleted_objects(self, objs: Any, request: Any) -> tuple[list, dict, set, list]:
        listed: list[Any] = []
        blocked: list[str] = []
        for obj in objs:
            plan = type(self).plan(obj)
            listed += [str(obj), [c.text for c in plan.consequences]]
            blocked += [f"{obj}: {b}" for b in plan.blockers]
        return listed, {self.model._meta.verbose_name_plural: len(objs)}, set(), blocked

    def delete_model(self, request: Any, obj: Any) -> None:
        type(self).remove(obj, actor=request.user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            type(self).remove(obj, actor=request.user)


@admin.register(Organisation)
class OrganisationAdmin(PlannedDeleteAdmin):
    plan = deletion.organisation_deletion
    remove = deletion.delete_organisation
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
class PersonAdmin(PlannedDeleteAdmin):
    plan = deletion.person_deletion
    remove = deletion.delete_person
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
    extra = 0
    # An interaction is between two people at least, in the admin as everywhere else.
    min_num = 2
    validate_min = True


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
