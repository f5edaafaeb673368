"""The form for competitor intelligence learned in a deal (it validates; it never writes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import restrict
from guanxi.deals.models import Deal, DealRole
from guanxi.people.choices import Certainty, OrgKind, PersonStatus, TieKind
from guanxi.people.forms import DATE_INPUT, EntryForm, PersonField, TieForm, strength_help
from guanxi.people.models import Person


class IntelligenceForm(EntryForm):
    """What a competitor's person has with a role holder: kind, strength and provenance."""

    layout = (
        ("holder", "competitor_person"),
        ("kind", "strength"),
        ("certainty",),
        ("reported_by", "learned_on"),
    )

    holder = forms.ChoiceField(label=_("Role holder"))
    competitor_person = PersonField(
        label=_("Competitor's person"), help_text=_("Id or name of the competitor's person.")
    )
    kind = forms.ChoiceField(
        label=_("What they have"),
        choices=[
            (TieKind.RELATIONSHIP, _("a relationship (they know each other)")),
            (TieKind.INFLUENCE, _("influence (the competitor's person sways the role holder)")),
        ],
        initial=TieKind.RELATIONSHIP,
    )
    strength = forms.CharField(
        label=_("Strength"),
        max_length=20,
        widget=forms.TextInput(attrs={"list": "strength-words", "autocomplete": "off"}),
    )
    certainty = forms.ChoiceField(
        label=_("How sure are we?"),
        choices=Certainty.choices,
        widget=forms.RadioSelect,
    )
    reported_by = PersonField(
        label=_("Reported by"), required=False, help_text=_("Which of our people learned it.")
    )
    learned_on = forms.DateField(label=_("Learned on"), required=False, widget=DATE_INPUT)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    clean_strength = TieForm.clean_strength

    def __init__(self, *args: Any, deal: Deal, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deal = deal
        visible = restrict(user, Person.objects.select_related("organisation"))
        holders = visible.filter(
            pk__in=DealRole.objects.filter(deal=deal).values("person_id")
        ).order_by("name")
        self.holders = {p.ext_id: p for p in holders}
        self.fields["holder"].choices = [("", _("Choose a role holder"))] + [
            (p.ext_id, f"{p.name} · {p.title}" if p.title else p.name) for p in holders
        ]
        self.candidates = visible.filter(
            organisation__in=deal.competitors.all(),
            organisation__kind=OrgKind.COMPETITOR,
            status=PersonStatus.ACTIVE,
        )
        # Any competitor's person the user may see is accepted here, so the service can say
        # plainly when their company is not in play on this deal.
        self.fields["competitor_person"].queryset = visible
        self.fields["reported_by"].queryset = visible.filter(organisation__kind=OrgKind.OWN)
        self.fields["strength"].help_text = strength_help()
        self.fields["learned_on"].initial = dt.date.today()

    def clean_holder(self) -> Person:
        """One of the deal's role holders the user may see."""
        person = self.holders.get(self.cleaned_data.get("holder") or "")
        if person is None:
            raise forms.ValidationError(_("Choose one of the deal's role holders."), code="holder")
        return person

    def clean_competitor_person(self) -> Person | None:
        """Someone of a competitor (whether it is in play here, the service says)."""
        person = self.cleaned_data.get("competitor_person")
        if person is not None and person.organisation.kind != OrgKind.COMPETITOR:
            raise forms.ValidationError(
                _("%(name)s is not a competitor's person."),
                code="not_competitor",
                params={"name": person.name},
            )
        return person
