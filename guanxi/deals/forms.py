"""Forms that validate data entry of deals and decision roles (they never write)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import CHANGE, restrict
from guanxi.core.values import check_close_date, check_currency
from guanxi.deals.choices import Attitude, DealStatus
from guanxi.deals.models import Deal, DealRole
from guanxi.people.choices import OrgKind, PersonStatus
from guanxi.people.forms import DATE_INPUT, EntryForm, PersonField, clean_new_id, unique_ext_id
from guanxi.people.models import Organisation, Person
from guanxi.people.org_picker import OrganisationField, OrganisationsField

#: Stages offered as suggestions; any text is accepted (sales processes differ).
STAGES = ("qualification", "solution", "proposal", "negotiation", "closed")


class DealForm(EntryForm, forms.ModelForm):
    """Add or edit a deal: customer, name, stage, status, amount, close date, competitors."""

    layout = (
        ("name",),
        ("organisation", "ext_id"),
        ("stage", "status"),
        ("amount", "currency", "close_date"),
        ("owner",),
    )

    owner = PersonField(
        label=_("Owner"),
        required=False,
        help_text=_("One of our people, who answers for the deal and can be asked about it."),
    )

    organisation = OrganisationField(
        label=_("Customer"), help_text=_("Type the customer's name and pick it.")
    )
    competitors = OrganisationsField(
        label=_("Competitors in play"),
        required=False,
        help_text=_("Type a competitor's name to add it."),
    )

    class Meta:
        model = Deal
        fields = [
            "name",
            "organisation",
            "ext_id",
            "stage",
            "status",
            "amount",
            "currency",
            "close_date",
            "owner",
        ]
        widgets = {
            "close_date": DATE_INPUT,
            "stage": forms.TextInput(attrs={"list": "deal-stages", "autocomplete": "off"}),
            "currency": forms.TextInput(
                attrs={"maxlength": 3, "placeholder": "CNY", "style": "text-transform:uppercase"}
            ),
            "amount": forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Validation accepts any organisation the user may change, so the service can say
        # plainly why a deal cannot be on a non-customer; the suggestions offer customers.
        orgs = restrict(user, Organisation.objects.all(), CHANGE)
        field = self.fields["organisation"]
        field.queryset = orgs
        field.offered = orgs.filter(kind=OrgKind.CUSTOMER)
        if self.instance.pk and not self.is_bound:
            self.initial["organisation"] = self.instance.organisation.ext_id
        competitors = self.fields["competitors"]
        # any organisation the user sees is accepted, so the service can say why a customer
        # cannot be a competitor in play; the suggestions offer competitors
        competitors.queryset = restrict(user, Organisation.objects.all())
        competitors.offered = competitors.queryset.filter(kind=OrgKind.COMPETITOR)
        if self.instance.pk:
            competitors.initial = list(self.instance.competitors.values_list("ext_id", flat=True))
        self.fields["owner"].queryset = restrict(
            user,
            Person.objects.filter(organisation__kind=OrgKind.OWN, status=PersonStatus.ACTIVE),
        ).select_related("organisation")
        if self.instance.pk and self.instance.owner_id and not self.is_bound:
            self.initial["owner"] = self.instance.owner.ext_id
        elif not self.instance.pk and not self.is_bound:
            mine = getattr(getattr(user, "person", None), "ext_id", None)
            if mine and self.fields["owner"].queryset.filter(ext_id=mine).exists():
                self.initial["owner"] = mine
        ext = self.fields["ext_id"]
        ext.required = False
        ext.label = _("Id")
        ext.help_text = _("The interchange id; leave empty to make one.")
        if self.instance.pk:
            ext.disabled = True
            ext.help_text = _("Ids do not change once given.")

    def _get_validation_exclusions(self) -> set[str]:
        # The model only allows customers here and would say "not a valid choice"; the
        # service says plainly why a deal cannot be on a competitor or partner.
        exclude = super()._get_validation_exclusions()
        exclude.add("organisation")
        return exclude

    def clean_ext_id(self) -> str:
        """The id rule (printable, no spaces, '/' or ';', not like a formula)."""
        return clean_new_id(self)

    def clean_currency(self) -> str:
        """An ISO 4217 code, stored upper case."""
        code = (self.cleaned_data.get("currency") or "").strip().upper()
        problem = check_currency(code)
        if problem:
            raise forms.ValidationError(problem, code="currency")
        return code

    def clean_amount(self) -> Any:
        """Amounts are not negative."""
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."), code="negative")
        return amount

    def clean(self) -> dict[str, Any]:
        """Every check at once, each on its field; an id from the customer when none is given."""
        data = super().clean()
        org = data.get("organisation")
        if org is not None and org.kind != OrgKind.CUSTOMER:
            self.add_error(
                "organisation",
                _("A deal must be on a customer, not on %(name)s (%(kind)s).")
                % {"name": org, "kind": org.get_kind_display()},
            )
        if (
            data.get("amount") is not None
            and not data.get("currency")
            and "currency" not in self.errors
        ):
            self.add_error("currency", _("Say which currency the amount is in."))
        stored = self.instance.close_date if self.instance.pk else None
        problem = check_close_date(
            data.get("close_date"),
            is_open=(data.get("status") or DealStatus.OPEN) == DealStatus.OPEN,
            today=dt.date.today(),
            stored=stored,
        )
        if problem and "close_date" not in self.errors:
            self.add_error("close_date", problem)
        if not self.instance.pk and not data.get("ext_id") and org is not None:
            n = Deal.objects.filter(organisation=org).count() + 1
            data["ext_id"] = unique_ext_id(Deal, f"{org.ext_id}-d{n}", fallback=org.ext_id)
            self.instance.ext_id = data["ext_id"]
        return data


class DealRoleForm(EntryForm, forms.ModelForm):
    """A person of the deal's customer in a decision role, with their attitude toward us."""

    layout = (("person",), ("role", "attitude"), ("contact_level",))

    person = PersonField(label=_("Person"), help_text=_("Someone at the customer."))

    class Meta:
        model = DealRole
        fields = ["person", "role", "attitude", "contact_level", "personality", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "personality": _("Personality and decision orientation, e.g. cautious, data-driven."),
        }

    def __init__(self, *args: Any, deal: Deal, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deal = deal
        self.instance.deal = deal
        people = restrict(user, Person.objects.select_related("organisation"))
        self.fields["person"].queryset = people
        self.candidates = people.filter(organisation=deal.organisation, status=PersonStatus.ACTIVE)
        self.fields["attitude"].initial = Attitude.NEUTRAL
        if self.instance.pk:
            self.initial["person"] = self.instance.person.ext_id
            self.fields["person"].disabled = True
            self.fields["role"].disabled = True

    def clean_person(self) -> Person:
        """The person must be someone at the deal's customer (the service checks the rest)."""
        if self.instance.pk:
            return self.instance.person
        person = self.cleaned_data["person"]
        if person.organisation_id != self.deal.organisation_id:
            raise forms.ValidationError(
                _("%(person)s is not at %(customer)s; role holders are the customer's people."),
                code="other_org",
                params={"person": person, "customer": self.deal.organisation},
            )
        if person.status != PersonStatus.ACTIVE:
            raise forms.ValidationError(
                _("%(person)s has left %(customer)s."),
                code="left",
                params={"person": person, "customer": self.deal.organisation},
            )
        return person
