"""Organisations chosen by name, as chips, the way people are (guanxi.people.forms).

A customer, a competitor in play or a group is picked from suggestions or typed by its name
(either script: "Dongfang Bank" or "东方银行"); an interchange id typed in full also works.
A name nobody can match is reported beside the field, never as an unknown id.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from guanxi.people.forms import PersonField, PersonPicker
from guanxi.people.models import Organisation
from guanxi.people.names import name_key, name_rank

SUGGESTIONS = 20


def org_label(org: Organisation) -> str:
    """How a picker names an organisation: its name and kind (never the id)."""
    return f"{org.name} · {org.get_kind_display()}"


def find_organisation(pool: QuerySet[Organisation], typed: str) -> tuple[Organisation | None, str]:
    """The one organisation of `pool` with this id (typed in full) or this name, else why not."""
    text = typed.strip()
    org = pool.filter(ext_id=text).first()
    if org is not None:
        return org, ""
    key = text.split()[0] if text.split() else text
    named = [o for o in pool.filter(name__icontains=key)[:200] if name_rank(o.name, text) == 0]
    if len(named) == 1:
        return named[0], ""
    if named:
        return None, str(
            _("Several organisations are called '%(name)s': pick one from the suggestions.")
            % {"name": text}
        )
    return None, str(_("No organisation called '%(name)s' that you can see.") % {"name": text})


def suggested_organisations(pool: QuerySet[Organisation], typed: str) -> list[Organisation]:
    """Organisations of `pool` whose name (or industry, or full id) matches, best first."""
    typed = typed.strip()[:100]
    if not typed:
        return []
    found = list(
        pool.filter(
            Q(name__icontains=typed) | Q(industry__icontains=typed) | Q(ext_id=typed)
        ).order_by("name")[: SUGGESTIONS * 5]
    )
    return sorted(found, key=lambda o: name_key(o.name, typed))[:SUGGESTIONS]


class OrganisationPicker(PersonPicker):
    """Chips of the chosen organisations and a search box with suggestions (htmx)."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        if isinstance(value, Organisation):
            entries = [value.ext_id]
        elif isinstance(value, (list, tuple)):
            entries = [o.ext_id if isinstance(o, Organisation) else str(o) for o in value]
        else:
            entries = [e.strip() for e in str(value or "").split(",") if e.strip()]
        found = (
            {o.ext_id: o for o in self.pool.filter(ext_id__in=entries)}
            if self.pool is not None and entries
            else {}
        )
        chosen = [{"id": e, "label": org_label(found[e])} for e in entries if e in found]
        context["widget"].update(
            {
                "multiple": self.multiple,
                "ids": ",".join(c["id"] for c in chosen),
                "chosen": chosen,
                "text": ", ".join(e for e in entries if e not in found),
                "suggest_url": self.suggest_url,
                "placeholder": _("Type a name to add one…")
                if self.multiple
                else _("Type an organisation's name…"),
            }
        )
        return context


class OrganisationField(PersonField):
    """An organisation chosen by name (or id typed in full) among `queryset`."""

    widget = OrganisationPicker

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: what the suggestions offer (e.g. customers only), when narrower than `queryset`
        self.offered: QuerySet[Organisation] | None = None

    def clean(self, value: Any) -> Organisation | None:  # type: ignore[override]
        """The organisation picked or named, if the user may see it."""
        text = forms.CharField.clean(self, value).strip()
        if not text:
            return None
        org, problem = find_organisation(self.queryset, text)
        if org is None:
            raise forms.ValidationError(problem, code="unknown")
        return org


class OrganisationsField(OrganisationField):
    """Several organisations chosen by name as chips (the competitors in play)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", OrganisationPicker(multiple=True))
        super().__init__(max_length=5000, **kwargs)

    def clean(self, value: Any) -> list[Organisation]:  # type: ignore[override]
        """The chosen organisations, each one the user may see; every unknown name reported."""
        text = forms.CharField.clean(self, value)
        entries = list(
            dict.fromkeys(e.strip() for e in text.replace(";", ",").split(",") if e.strip())
        )
        chosen, problems = [], []
        for entry in entries:
            org, problem = find_organisation(self.queryset, entry)
            if org is None:
                problems.append(problem)
            elif org not in chosen:
                chosen.append(org)
        if problems:
            raise forms.ValidationError(problems, code="unknown")
        return chosen


def org_fields(form: forms.BaseForm) -> dict[str, OrganisationField]:
    """The form's organisation pickers by field name."""
    return {n: f for n, f in form.fields.items() if isinstance(f, OrganisationField)}
