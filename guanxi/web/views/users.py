"""Login users in the app: the list (admins and managers) and the edit form.

Who may see and change which login is the choke point's `restrict(user, User, ...)`; every
change goes through `guanxi.access.services.change_user` (audited; never a deletion, and
never the last active admin demoted or deactivated).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guanxi.access.choices import UserRole
from guanxi.access.permissions import CHANGE, restrict
from guanxi.access.services import change_user, role_of
from guanxi.people.models import Person
from guanxi.web.forms_admin import UserEditForm
from guanxi.web.views.common import require, scope
from guanxi.web.views.entry import done, render_form, show_service_errors, suggestions


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    """Every login with its role, linked employee, account team, and when it last logged in."""
    require(scope(request).everything)
    User = get_user_model()
    users = list(
        restrict(request.user, User.objects.all())
        .select_related("profile")
        .prefetch_related("profile__accounts")
        .order_by("-is_active", "username")
    )
    changeable = set(
        restrict(request.user, User.objects.all(), CHANGE).values_list("pk", flat=True)
    )
    linked = restrict(request.user, Person.objects.filter(user__in=[u.pk for u in users]))
    people = {p.user_id: p for p in linked}
    rows = [
        {
            "user": u,
            "role_label": UserRole(role_of(u)).label,
            "person": people.get(u.pk),
            "accounts": list(u.profile.accounts.all()) if hasattr(u, "profile") else [],
            "changeable": u.pk in changeable,
        }
        for u in users
    ]
    return render(request, "web/user_list.html", {"rows": rows})


@login_required
def user_edit(request: HttpRequest, username: str) -> HttpResponse:
    """Change a login's role, linked employee, account team, or deactivate it."""
    require(scope(request).everything)
    User = get_user_model()
    user = restrict(request.user, User.objects.filter(username=username), CHANGE).first()
    if user is None:
        if User.objects.filter(username=username).exists():
            require(False)
        raise Http404(_("No such user."))
    role = scope(request).role
    if request.GET.get("suggest"):
        return suggestions(request, UserEditForm(actor_role=role).fields["person"].queryset)
    linked = restrict(request.user, Person.objects.filter(user=user)).first()
    initial = {
        "role": role_of(user),
        "active": user.is_active,
        "person": linked.ext_id if linked else None,
        "accounts": [a.ext_id for a in user.profile.accounts.all()]
        if hasattr(user, "profile")
        else [],
    }
    form = UserEditForm(request.POST or None, initial=initial, actor_role=role)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_user(
                user=user,
                role=data["role"],
                person=data["person"],
                accounts=data["accounts"],
                active=data["active"],
                actor=request.user,
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": user.get_username()})
            return done(request, reverse("web:users"))
    return render_form(
        request,
        form,
        title=_("Change %(name)s") % {"name": user.get_username()},
        intro=_("Their role decides what they see and may change; a login is never deleted."),
    )
