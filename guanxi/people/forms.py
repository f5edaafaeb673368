"""Forms that validate data entry of people, ties and interactions (they never write).

People are picked by their interchange id (a text input with suggestions), so a form works
the same for a 20-person customer and a 20,000-person one. Every queryset a form offers comes
from the permission choke point: a form never lets a user pick what they may not see.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import CHANGE, restrict
from guanxi.access.writes import fixed_fields
from guanxi.core.ids import validate_ext_id
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.people.choices import STRENGTH_WORDS, InteractionKind, PersonStatus, TieKind
from guanxi.people.models import Interaction, Organisation, Person
from guanxi.people.rules import parse_strength

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unique_ext_id(model: Any, base: str, *, fallback: str) -> str:
    """A new interchange id for `model` from `base` (slugified), made unique with -2, -3, ...

    Names in Chinese only slugify to nothing; those get `fallback` and a random suffix.
    """
    stem = slugify(base)[:60].strip("-") or f"{fallback}-{secrets.token_hex(3)}"
    taken = set(model.objects.filter(ext_id__startswith=stem).values_list("ext_id", flat=True))
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


class EntryForm(forms.Form):
    """Shared behaviour: rows of fields for the drawer layout, CSS classes on widgets."""

    #: field names laid out side by side; fields not listed get a row of their own
    layout: tuple[tuple[str, ...], ...] = ()

    def rows(self) -> list[list[forms.BoundField]]:
        """The visible fields grouped in rows, in the order of `layout` then the rest."""
        placed: set[str] = set()
        rows: list[list[forms.BoundField]] = []
        for names in self.layout:
            row = [self[n] for n in names if n in self.fields and not self[n].is_hidden]
            placed.update(names)
            if row:
                rows.append(row)
        for bound in self.visible_fields():
            if bound.name not in placed:
                rows.append([bound])
        return rows


class PersonPicker(forms.TextInput):
    """A text input for a person's interchange id, with suggestions by name as one types."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"autocomplete": "off", "spellcheck": "false", "data-person-picker": "1"}
        super().__init__({**base, **(attrs or {})})


def visible_people(user: Any) -> QuerySet[Person]:
    """The people the user may see, the pool every person picker draws from."""
    return restrict(user, Person.objects.select_related("organisation"))


def changeable_people(user: Any) -> QuerySet[Person]:
    """The people the user is responsible for (a tie or interaction must involve one)."""
    return restrict(user, Person.objects.all(), CHANGE)


class PersonField(forms.CharField):
    """A person chosen by interchange id among `queryset` (unknown ids are refused in place)."""

    widget = PersonPicker

    def __init__(self, *, queryset: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(max_length=200, **kwargs)
        self.queryset = queryset

    def clean(self, value: Any) -> Person | None:
        """The Person with this id, if the user may see them."""
        text = super().clean(value).strip()
        if not text:
            return None
        person = self.queryset.filter(ext_id=text).first() if self.queryset is not None else None
        if person is None:
            raise forms.ValidationError(
                _("No person with id '%(id)s' that you can see."),
                code="unknown",
                params={"id": text},
            )
        return person


class PersonForm(EntryForm, forms.ModelForm):
    """Add or edit a person; the organisation is one the user may change."""

    layout = (
        ("name", "ext_id"),
        ("organisation",),
        ("title", "department"),
        ("power", "status"),
        ("key", "is_sales"),
        ("email", "phone"),
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "ext_id",
            "organisation",
            "title",
            "department",
            "power",
            "status",
            "key",
            "is_sales",
            "personality",
            "email",
            "phone",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "power": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        help_texts = {
            "power": _("Leave empty to compute it from the reporting tree."),
            "is_sales": _("For our own people: a sales role (non-sales staff count too)."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = restrict(user, Organisation.objects.all(), CHANGE)
        if self.instance.pk:
            # A contributor may edit their own record without being able to move it.
            orgs = orgs | Organisation.objects.filter(pk=self.instance.organisation_id)
        field = self.fields["organisation"]
        field.queryset = orgs.distinct().order_by("kind", "name")
        field.to_field_name = "ext_id"
        field.empty_label = _("Choose an organisation")
        if self.instance.pk and not self.is_bound:
            self.initial["organisation"] = self.instance.organisation.ext_id
        self.fields["ext_id"].required = False
        self.fields["ext_id"].validators.append(validate_ext_id)
        self.fields["status"].required = False
        self.fields["ext_id"].label = _("Id")
        self.fields["ext_id"].help_text = _("The interchange id; leave empty to make one.")
        if self.instance.pk:
            self.fields["ext_id"].disabled = True
            self.fields["ext_id"].help_text = _("Ids do not change once given.")
        for name in fixed_fields(user, Person):
            self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        """Active unless said otherwise; an id from the organisation and the name if none."""
        data = super().clean()
        if not data.get("status"):
            data["status"] = PersonStatus.ACTIVE
        if not self.instance.pk and not data.get("ext_id") and data.get("organisation"):
            org = data["organisation"]
            data["ext_id"] = unique_ext_id(
                Person, f"{org.ext_id}-{data.get('name', '')}", fallback=org.ext_id
            )
            self.instance.ext_id = data["ext_id"]
        return data


def strength_help() -> str:
    """The help text for a strength field: the words and the numbers they stand for."""
    words = ", ".join(f"{w} = {n}" for w, n in STRENGTH_WORDS.items())
    return str(_("A number from 0 to 100, or a word: %(words)s.")) % {"words": words}


class TieForm(EntryForm):
    """Record a tie: who, to whom, which kind, how strong (a number or strong/medium/weak)."""

    layout = (("source", "target"), ("kind", "strength"))

    source = PersonField(label=_("From"), help_text=_("Id or name of the first person."))
    target = PersonField(label=_("To"), help_text=_("Id or name of the second person."))
    kind = forms.ChoiceField(label=_("Kind"), choices=TieKind.choices, initial=TieKind.RELATIONSHIP)
    strength = forms.CharField(
        label=_("Strength"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"list": "strength-words", "autocomplete": "off"}),
    )
    since = forms.DateField(label=_("Since"), required=False, widget=DATE_INPUT)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        people = visible_people(user)
        self.fields["source"].queryset = people
        self.fields["target"].queryset = people
        self.fields["strength"].help_text = strength_help()

    def clean_strength(self) -> int | None:
        """strong/medium/weak or a whole number 0–100 (parse_strength's rules)."""
        text = (self.cleaned_data.get("strength") or "").strip()
        if not text:
            return None
        try:
            return parse_strength(text)
        except ValueError:
            try:
                float(text)
            except ValueError:
                raise forms.ValidationError(
                    _("'%(value)s' is not a number from 0 to 100 nor strong, medium or weak."),
                    code="invalid",
                    params={"value": text},
                ) from None
            raise forms.ValidationError(
                _("Strength must be a whole number from 0 to 100 (got %(value)s)."),
                code="range",
                params={"value": text},
            ) from None

    def clean(self) -> dict[str, Any]:
        """A strength unless reporting; one of the two people must be in the user's care."""
        data = super().clean()
        source, target, kind = data.get("source"), data.get("target"), data.get("kind")
        needs_strength = kind and kind != TieKind.REPORTS_TO and "strength" not in self.errors
        if needs_strength and data.get("strength") is None:
            self.add_error("strength", _("Influence and relationship ties need a strength."))
        if source and target and source != target:  # a tie with oneself: the service says why
            mine = changeable_people(self.user).filter(pk__in=[source.pk, target.pk])
            if not mine.exists():
                self.add_error(
                    None,
                    _("You may only record ties that involve people you are responsible for."),
                )
        return data


class ParticipantsField(forms.CharField):
    """Participants as a comma-separated list of interchange ids (two or more)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=5000, **kwargs)
        self.queryset: QuerySet[Person] | None = None

    def clean(self, value: Any) -> list[Person]:
        """The listed people, in order, each one the user may see."""
        text = super().clean(value)
        ids = list(dict.fromkeys(i.strip() for i in text.replace(";", ",").split(",") if i.strip()))
        found = {p.ext_id: p for p in self.queryset.filter(ext_id__in=ids)} if ids else {}
        unknown = [i for i in ids if i not in found]
        if unknown:
            raise forms.ValidationError(
                _("No person with id %(ids)s that you can see."),
                code="unknown",
                params={"ids": ", ".join(f"'{i}'" for i in unknown)},
            )
        if len(ids) < 2:
            raise forms.ValidationError(
                _("An interaction needs at least two people."), code="too_few"
            )
        return [found[i] for i in ids]


class InteractionForm(EntryForm):
    """Record a dated touchpoint with the people who took part (both sides)."""

    layout = (("date", "kind"),)

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=dt.date.today)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=InteractionKind.choices, initial=InteractionKind.MEETING
    )
    participants = ParticipantsField(
        label=_("Participants"),
        help_text=_("Ids separated by commas: our people and theirs. Type a name below to add."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-participants": "1"}),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["participants"].queryset = visible_people(user)

    def clean_date(self) -> dt.date:
        """Interactions are records of what happened, so not in the future."""
        date = self.cleaned_data["date"]
        if date > dt.date.today():
            raise forms.ValidationError(_("The date is in the future."), code="future")
        return date

    def clean(self) -> dict[str, Any]:
        """At least one participant must be someone the user is responsible for."""
        data = super().clean()
        people = data.get("participants") or []
        if (
            people
            and not changeable_people(self.user).filter(pk__in=[p.pk for p in people]).exists()
        ):
            self.add_error(
                "participants",
                _("Include at least one person you are responsible for (for example yourself)."),
            )
        return data

    def new_interaction(self) -> Interaction:
        """An unsaved interaction with a fresh interchange id, for save_interaction."""
        data = self.cleaned_data
        ext_id = f"ix-{data['date']:%Y%m%d}-{secrets.token_hex(4)}"
        return Interaction(ext_id=ext_id, date=data["date"], kind=data["kind"], notes=data["notes"])
