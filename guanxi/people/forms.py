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
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guanxi.access.permissions import CHANGE, restrict
from guanxi.access.writes import fixed_fields
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.core.values import check_past_date, spoken_list
from guanxi.people.choices import STRENGTH_WORDS, InteractionKind, PersonStatus, TieKind
from guanxi.people.models import Interaction, Organisation, Person, Tie
from guanxi.people.names import name_matches
from guanxi.people.rules import check_id, parse_strength

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def clean_new_id(form: forms.BaseForm) -> str:
    """A form's ext_id field checked against the id rule (empty: the form makes one)."""
    value = (form.cleaned_data.get("ext_id") or "").strip()
    if value and not form.fields["ext_id"].disabled:
        problem = check_id(value)
        if problem:
            raise forms.ValidationError(problem, code="id")
    return value


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
    #: fields shown folded under "Advanced" (interchange ids)
    advanced: tuple[str, ...] = ("ext_id",)

    def rows(self) -> list[list[forms.BoundField]]:
        """The visible fields grouped in rows, in the order of `layout` then the rest."""
        placed: set[str] = set(self.advanced)
        rows: list[list[forms.BoundField]] = []
        for names in self.layout:
            names = tuple(n for n in names if n not in self.advanced)
            row = [self[n] for n in names if n in self.fields and not self[n].is_hidden]
            placed.update(names)
            if row:
                rows.append(row)
        for bound in self.visible_fields():
            if bound.name not in placed:
                rows.append([bound])
        return rows

    def advanced_fields(self) -> list[forms.BoundField]:
        """The fields folded under "Advanced"."""
        return [self[n] for n in self.advanced if n in self.fields]


def person_label(person: Person) -> str:
    """How a picker names a person: name, then title or organisation (never the id)."""
    detail = person.title or getattr(person.organisation, "name", "")
    return f"{person.name} · {detail}" if detail else person.name


def find_person(pool: QuerySet[Person], typed: str) -> tuple[Person | None, str]:
    """The one person of `pool` with this id (typed in full) or this name, and else why not."""
    text = typed.strip()
    person = pool.filter(ext_id=text).first()
    if person is not None:
        return person, ""
    # candidates by the whole text first (it narrows most: among thousands of colleagues
    # the first 200 with the first word may miss the one), then by its first word (a name
    # written in another order or with its Chinese part)
    named: list[Person] = []
    for needle in dict.fromkeys([" ".join(text.split()), *text.split()[:1]]):
        named = [p for p in pool.filter(name__icontains=needle)[:200] if name_matches(p.name, text)]
        if named:
            break
    if len(named) == 1:
        return named[0], ""
    if named:
        return None, str(
            _("Several people are called '%(name)s': pick one from the suggestions.")
            % {"name": text}
        )
    return None, str(_("Nobody called '%(name)s' that you can see.") % {"name": text})


class PersonPicker(forms.Widget):
    """People chosen by name: chips for the chosen, a search box with suggestions (htmx).

    The hidden input holds the chosen ids (comma-separated when several may be chosen); a
    name typed but not picked from the suggestions is sent as NAME__text and found by name.
    """

    template_name = "people/person_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.suggest_url = ""
        self.pool: QuerySet[Person] | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        """The chosen ids plus, as one more entry, any name typed and not picked."""
        if self.multiple and hasattr(data, "getlist"):  # several ids also come as a list
            ids = ",".join(i.strip() for i in data.getlist(name) if i.strip())
        else:
            ids = (data.get(name) or "").strip()
        text = (data.get(f"{name}__text") or "").strip()
        if not text:
            return ids
        if ids and self.multiple:
            return f"{ids},{text}"
        return ids or text

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}__text" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if isinstance(value, Person):
            entries = [value.ext_id]
        elif isinstance(value, (list, tuple)):
            entries = [p.ext_id if isinstance(p, Person) else str(p) for p in value]
        else:
            entries = [e.strip() for e in str(value or "").split(",") if e.strip()]
        found = (
            {p.ext_id: p for p in self.pool.filter(ext_id__in=entries)}
            if self.pool is not None and entries
            else {}
        )
        chosen = [{"id": e, "label": person_label(found[e])} for e in entries if e in found]
        unresolved = [e for e in entries if e not in found]
        context["widget"].update(
            {
                "multiple": self.multiple,
                "ids": ",".join(c["id"] for c in chosen),
                "chosen": chosen,
                "text": ", ".join(unresolved),
                "suggest_url": self.suggest_url,
            }
        )
        return context


def visible_people(user: Any) -> QuerySet[Person]:
    """The people the user may see, the pool every person picker draws from."""
    return restrict(user, Person.objects.select_related("organisation"))


def changeable_people(user: Any) -> QuerySet[Person]:
    """The people the user is responsible for (a tie or interaction must involve one)."""
    return restrict(user, Person.objects.all(), CHANGE)


class PersonField(forms.CharField):
    """A person chosen by name (or id typed in full) among `queryset`, refused in place."""

    widget = PersonPicker

    def __init__(
        self, *, queryset: QuerySet[Person] | None = None, max_length: int = 500, **kwargs: Any
    ) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.queryset = queryset

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name == "queryset" and hasattr(self, "widget"):
            self.widget.pool = value

    def prepare_value(self, value: Any) -> Any:
        return value

    def clean(self, value: Any) -> Person | None:
        """The Person picked or named, if the user may see them."""
        text = super().clean(value).strip()
        if not text:
            return None
        if self.queryset is None:
            raise forms.ValidationError(
                _("Nobody called '%(name)s' that you can see."), params={"name": text}
            )
        person, problem = find_person(self.queryset, text)
        if person is None:
            raise forms.ValidationError(problem, code="unknown")
        return person


class PersonForm(EntryForm, forms.ModelForm):
    """Add or edit a person; the organisation is one the user may change."""

    layout = (
        ("name", "ext_id"),
        ("organisation",),
        ("title", "department"),
        ("reports_to",),
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
            "power": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            "email": forms.EmailInput(),
        }
        help_texts = {
            "power": _(
                "A whole number from 0 to 100; leave empty to compute it from the reporting tree."
            ),
            "is_sales": _("For our own people: a sales role (non-sales staff count too)."),
        }

    reports_to = PersonField(
        label=_("Reports to"),
        required=False,
        help_text=_("Their manager, someone in the same organisation."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = visible_people(user)
        if self.instance.pk and not self.is_bound:
            manager = (
                Tie.objects.filter(kind=TieKind.REPORTS_TO, source=self.instance)
                .values_list("target__ext_id", flat=True)
                .first()
            )
            if manager:
                self.initial["reports_to"] = manager
        from guanxi.people.org_picker import OrganisationField  # it builds on this module

        orgs = restrict(user, Organisation.objects.all(), CHANGE)
        if self.instance.pk:
            # A contributor may edit their own record without being able to move it.
            orgs = orgs | Organisation.objects.filter(pk=self.instance.organisation_id)
        field = OrganisationField(
            label=_("Organisation"),
            help_text=_("Where they work: type the name of a customer, competitor or partner."),
        )
        field.queryset = orgs.distinct()
        self.fields["organisation"] = field
        if self.instance.pk and not self.is_bound:
            self.initial["organisation"] = self.instance.organisation.ext_id
        self.fields["name"].label = pgettext_lazy("person", "Name")  # 姓名, not 名称
        self.fields["ext_id"].required = False
        self.fields["status"].required = False
        self.fields["ext_id"].label = _("Id")
        self.fields["ext_id"].help_text = _("The interchange id; leave empty to make one.")
        if self.instance.pk:
            self.fields["ext_id"].disabled = True
            self.fields["ext_id"].help_text = _("Ids do not change once given.")
        for name in fixed_fields(user, Person):
            self.fields[name].disabled = True

    def clean_ext_id(self) -> str:
        """The id rule (printable, no spaces, '/' or ';', not like a formula)."""
        return clean_new_id(self)

    def clean_email(self) -> str:
        """An e-mail address someone could write to, or nothing."""
        value = (self.cleaned_data.get("email") or "").strip()
        if value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("'%(value)s' is not an e-mail address (name@example.com)."),
                    code="email",
                    params={"value": value},
                ) from None
        return value

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
    # The words in the reader's language: the strength parser reads 强/中/弱 as well.
    words = spoken_list(f"{_(w)} = {n}" for w, n in STRENGTH_WORDS.items())
    return str(_("A number from 0 to 100, or a word: %(words)s.")) % {"words": words}


class TieForm(EntryForm):
    """Record a tie: who, to whom, which kind, how strong (a number or strong/medium/weak)."""

    layout = (("source", "target"), ("kind", "strength"))

    source = PersonField(label=_("From"))
    target = PersonField(label=_("To"))
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

    def clean_since(self) -> dt.date | None:
        """Since when they know each other: a past date, not before 1950."""
        since = self.cleaned_data.get("since")
        problem = check_past_date(since, today=dt.date.today())
        if problem:
            raise forms.ValidationError(problem, code="range")
        return since

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


class ParticipantsField(PersonField):
    """Participants chosen by name as chips (two or more); ids typed in full also work."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PersonPicker(multiple=True))
        super().__init__(max_length=5000, **kwargs)

    def clean(self, value: Any) -> list[Person]:  # type: ignore[override]
        """The chosen people, in order, each one the user may see."""
        text = forms.CharField.clean(self, value)
        entries = list(
            dict.fromkeys(e.strip() for e in text.replace(";", ",").split(",") if e.strip())
        )
        people: list[Person] = []
        problems: list[str] = []
        for entry in entries:
            person, problem = find_person(self.queryset, entry)
            if person is None:
                problems.append(problem)
            elif person not in people:
                people.append(person)
        if problems:
            raise forms.ValidationError(problems, code="unknown")
        if len(people) < 2:
            raise forms.ValidationError(
                _("An interaction needs at least two people."), code="too_few"
            )
        return people


class InteractionForm(EntryForm):
    """Record a dated touchpoint with the people who took part (both sides)."""

    layout = (("date", "kind"),)

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=dt.date.today)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=InteractionKind.choices, initial=InteractionKind.MEETING
    )
    participants = ParticipantsField(
        label=_("Participants"),
        help_text=_("Our people and theirs: type a name and pick from the suggestions."),
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
        problem = check_past_date(date, today=dt.date.today())
        if problem:
            raise forms.ValidationError(problem, code="range")
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
