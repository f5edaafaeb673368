"""The only writers of login users and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guanxi.access.choices import UserRole
from guanxi.access.models import Profile
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.people.choices import OrgKind
from guanxi.people.models import Organisation, Person


@transaction.atomic
def add_user(
    *,
    username: str,
    actor: Any,
    role: str = UserRole.VIEWER,
    person: Person | None = None,
    accounts: Iterable[Organisation] = (),
    password: str | None = None,
    check_password: bool = True,
) -> Any:
    """Create (or update) a login user with a role, an optional person and account team."""
    if role not in UserRole.values:
        raise ValidationError(
            {
                "role": _("Unknown role '%(role)s'; use one of %(roles)s.")
                % {"role": role, "roles": ", ".join(UserRole.values)}
            }
        )
    accounts = list(accounts)
    wrong = [a.ext_id for a in accounts if a.kind != OrgKind.CUSTOMER]
    if wrong:
        raise ValidationError(
            {"accounts": _("Not customers: %(ids)s.") % {"ids": ", ".join(wrong)}}
        )
    if person is not None and person.organisation.kind != OrgKind.OWN:
        raise ValidationError(
            {"person": _("%(person)s is not one of our people.") % {"person": person}}
        )
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    creating = user is None
    if creating:
        user = User(username=username)
    if password is not None:
        if check_password:
            validate_password(password, user)
        user.set_password(password)
    elif creating:
        user.set_unusable_password()
    user.is_staff = role == UserRole.ADMIN
    user.is_superuser = role == UserRole.ADMIN
    user.save()
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.role = role
    profile.save()
    profile.accounts.set(accounts)
    if person is not None:
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    audit.record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        object_type="user",
        object_id=username,
        summary=f"user {username} ({role})",
        changes={
            "role": [None, role],
            "person": [None, person.ext_id if person else None],
            "accounts": [None, [a.ext_id for a in accounts]],
        },
    )
    return user


def role_of(user: Any) -> str:
    """The user's Guanxi role (superusers are admins; no profile means viewer)."""
    if getattr(user, "is_superuser", False):
        return UserRole.ADMIN
    profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
    return profile.role if profile else UserRole.VIEWER
