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
def _checked_team(accounts: Iterable[Any], person: Any) -> list[Any]:
    """The account team as a list, refused (naming the field) unless every account is a
    customer and the linked person, if any, is one of our people."""
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
    return accounts


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
    accounts = _checked_team(accounts, person)
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


def _active_admins(User: Any) -> Any:
    """Active users who are admins (by their profile's role, or as superusers)."""
    from django.db.models import Q

    return User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(profile__role=UserRole.ADMIN)
    )


@transaction.atomic
def change_user(
    *,
    user: Any,
    actor: Any,
    role: str,
    person: Person | None,
    accounts: Iterable[Organisation],
    active: bool,
) -> Any:
    """Change a login's role, person, account team and whether it may log in (never deleted:
    its audit trail stays), leaving at least one active admin."""
    if role not in UserRole.values:
        raise ValidationError({"role": _("Unknown role '%(role)s'.") % {"role": role}})
    accounts = _checked_team(accounts, person)
    User = get_user_model()
    # lock the admins while counting them, so two admins cannot demote each other at once
    others = list(_active_admins(User).exclude(pk=user.pk).select_for_update(of=("self",)))
    if role_of(user) == UserRole.ADMIN and user.is_active and not others:
        if role != UserRole.ADMIN:
            raise ValidationError(
                {
                    "role": _("%(name)s is the last admin; make someone else admin first.")
                    % {"name": user.get_username()}
                }
            )
        if not active:
            raise ValidationError(
                {
                    "active": _("%(name)s is the last admin and cannot be deactivated.")
                    % {"name": user.get_username()}
                }
            )
    profile, _created = Profile.objects.get_or_create(user=user)
    old_person = Person.objects.filter(user=user).values_list("ext_id", flat=True).first()
    before = {
        "role": role_of(user),
        "person": old_person,
        "accounts": sorted(profile.accounts.values_list("ext_id", flat=True)),
        "active": user.is_active,
    }
    after = {
        "role": role,
        "person": person.ext_id if person else None,
        "accounts": sorted(a.ext_id for a in accounts),
        "active": active,
    }
    user.is_staff = user.is_superuser = role == UserRole.ADMIN
    user.is_active = active
    user.save(update_fields=["is_staff", "is_superuser", "is_active"])
    profile.role = role
    profile.save(update_fields=["role"])
    profile.accounts.set(accounts)
    Person.objects.filter(user=user).exclude(pk=getattr(person, "pk", None)).update(user=None)
    if person is not None and person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="user",
            object_id=user.get_username(),
            summary=f"user {user.get_username()} ({role}{'' if active else ', deactivated'})",
            changes=changes,
        )
    return user
