"""Admin that writes through the services, so stewards' fixes are checked and audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms import ModelForm

from guanxi.core.ids import validate_ext_id
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.core.services import delete_audited, save_audited


def service_form(check: Callable[[Any], None]) -> type[ModelForm]:
    """A ModelForm whose clean() runs a service's rule check, so errors show in place."""

    class ServiceCheckedForm(ModelForm):
        def _post_clean(self) -> None:
            super()._post_clean()
            if self.errors:
                return
            try:
                check(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)

    return ServiceCheckedForm


class ServiceAdmin(admin.ModelAdmin):
    """Saves and deletes through the given service (default: audited save/delete)."""

    save_service: Callable[..., Any] | None = None

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        """The model's form, with the id rule on an editable interchange id and the bound on
        notes (guanxi.core.limits)."""
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("ext_id")
        if field is not None and validate_ext_id not in field.validators:
            field.validators = [*field.validators, validate_ext_id]
        texts = self._text_fields()
        for name, field in form.base_fields.items():
            if name in texts and getattr(field, "max_length", None) is None:
                field.max_length = TEXT_MAX_LENGTH
                field.validators = [*field.validators, MaxLengthValidator(TEXT_MAX_LENGTH)]
        return form

    def _text_fields(self) -> set[str]:
        """The model's unbounded text fields (notes), bounded by guanxi.core.limits."""
        return {
            f.name
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.TextField) and f.max_length is None
        }

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        saver = type(self).save_service or save_audited
        saver(obj, actor=request.user)

    def delete_model(self, request: Any, obj: Any) -> None:
        delete_audited(obj, actor=request.user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            delete_audited(obj, actor=request.user)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_audited(obj, actor=request.user)
        for obj in instances:
            save_audited(obj, actor=request.user)
        formset.save_m2m()
