"""Forms with which admins and managers add customers, competitors and users in the app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from guanxi.access.choices import UserRole
from guanxi.people.choices import OrgKind, PersonStatus
from guanxi.people.forms import EntryForm, PersonField, clean_new_id, unique_ext_id
from guanxi.people.models import Organisation, Person
from guanxi.people.org_picker import OrganisationField

#: the kinds an organisation added in the app may have (our own company exists already)
ADDABLE_KINDS = [c for c in OrgKind.choices if c[0] != OrgKind.OWN]


class OrganisationForm(EntryForm, forms.ModelForm):
    """A new customer, competitor or partner: name, kind, industry, tier, group."""

    layout = (("name",), ("kind", "tier"), ("industry", "parent"))

    parent = OrganisationField(
        label=_("Part of the group"),
        required=False,
        help_text=_("The group it belongs to, if any: type the group's name."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "tier", "industry", "parent", "ext_id"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ADDABLE_KINDS
        self.fields["parent"].queryset = Organisation.objects.exclude(kind=OrgKind.OWN)
        ext = self.fields["ext_id"]
        ext.required = False
        ext.label = _("Id")
        ext.help_text = _("The interchange id; leave empty to make one.")

    def clean_ext_id(self) -> str:
        """The id rule (printable, no spaces, '/' or ';', not like a formula)."""
        return clean_new_id(self)

    def clean(self) -> dict[str, Any]:
        """An id from the name when none is given."""
        data = super().clean()
        if not data.get("ext_id") and data.get("name"):
            data["ext_id"] = unique_ext_id(Organisation, data["name"], fallback="org")
            self.instance.ext_id = data["ext_id"]
        return data

    def _get_validation_exclusions(self) -> set[str]:
        # The id may be made in clean(); the service checks uniqueness with the final id.
        exclude = super()._get_validation_exclusions()
        exclude.add("ext_id")
        return exclude


class UserForm(EntryForm):
    """A new login: user name, first password, role, which of our people, account team."""

    layout = (("username", "role"), ("password",), ("person",), ("accounts",))
    advanced = ()

    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("A first password; they can change it after logging in."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=UserRole.choices, initial=UserRole.SALES)
    person = PersonField(
        label=_("One of our people"),
        required=False,
        help_text=_("Who this login is (their relationships are theirs)."),
    )
    accounts = forms.ModelMultipleChoiceField(
        label=_("Account team"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ext_id",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The customers a sales user or contributor works on."),
    )

    def __init__(self, *args: Any, actor_role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actor_role != UserRole.ADMIN:  # a manager may not make admins or managers
            self.fields["role"].choices = [
                c for c in UserRole.choices if c[0] not in (UserRole.ADMIN, UserRole.MANAGER)
            ]
        self.fields["person"].queryset = Person.objects.filter(
            organisation__kind=OrgKind.OWN, status=PersonStatus.ACTIVE
        ).select_related("organisation")
        self.fields["accounts"].queryset = Organisation.objects.filter(
            kind=OrgKind.CUSTOMER
        ).order_by("name")

    def clean_username(self) -> str:
        """A user name nobody has yet."""
        name = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("'%(name)s' is taken."), params={"name": name})
        return name

    def clean(self) -> dict[str, Any]:
        """The password must pass the site's password rules for this user name."""
        data = super().clean()
        password = data.get("password")
        if password and data.get("username"):
            try:
                validate_password(password, get_user_model()(username=data["username"]))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class UserEditForm(EntryForm):
    """A login's role, linked employee, account team and whether it may log in."""

    layout = (("role", "active"), ("person",), ("accounts",))
    advanced = ()

    role = forms.ChoiceField(label=_("Role"), choices=UserRole.choices)
    active = forms.BooleanField(
        label=_("May log in"),
        required=False,
        help_text=_("Untick to deactivate: the login stays, with its history, but cannot log in."),
    )
    person = PersonField(
        label=_("Linked employee"),
        required=False,
        help_text=_("Which of our people this login is (their relationships are theirs)."),
    )
    accounts = forms.ModelMultipleChoiceField(
        label=_("Account team"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ext_id",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The customers a sales user works on (their scope)."),
    )

    def __init__(self, *args: Any, actor_role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actor_role != UserRole.ADMIN:  # a manager gives only the roles a manager manages
            self.fields["role"].choices = [
                c for c in UserRole.choices if c[0] not in (UserRole.ADMIN, UserRole.MANAGER)
            ]
        self.fields["person"].queryset = Person.objects.filter(
            organisation__kind=OrgKind.OWN
        ).select_related("organisation")
        self.fields["accounts"].queryset = Organisation.objects.filter(
            kind=OrgKind.CUSTOMER
        ).order_by("name")
