"""Hand-over in bulk: one successor for all of a departed colleague's open tasks, or for
those at one account, instead of choosing task by task."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guanxi.people import handover as services
from guanxi.people.choices import HandoverStatus
from guanxi.people.forms import EntryForm, PersonField
from guanxi.people.models import Handover, Organisation, Person


class BulkForm(EntryForm):
    """Successor (by name), owner and which tasks: all open ones or one account's."""

    layout = (("successor",), ("account", "owner"))
    advanced = ()

    successor = PersonField(label=_("Successor"))
    account = forms.ChoiceField(label=_("Tasks"), required=False)
    owner = forms.ChoiceField(label=_("Owner of the tasks"))

    def __init__(self, *args: Any, departed: Person, pool: Any, owners: list, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = pool.select_related("organisation")
        per_account = (
            Handover.objects.filter(departed=departed, status=HandoverStatus.OPEN)
            .values("contact__organisation__ext_id", "contact__organisation__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "contact__organisation__name")
        )
        total = sum(a["n"] for a in per_account)
        choices = [("", _("All open tasks (%(n)s)") % {"n": total})]
        choices += [
            (a["contact__organisation__ext_id"], f"{a['contact__organisation__name']} ({a['n']})")
            for a in per_account
        ]
        self.fields["account"].choices = choices
        self.fields["owner"].choices = [(str(u.pk), u.get_username()) for u in owners]


def bulk_form(request: HttpRequest, person: Person, *, pool: Any, owners: list) -> BulkForm:
    """The bulk form of a departed colleague's page (the user as owner when they may be)."""
    mine = next((u for u in owners if u.pk == request.user.pk), None)
    initial = {"owner": str(mine.pk)} if mine else {}
    form = BulkForm(
        request.POST if request.POST.get("action") == "assign_all" else None,
        departed=person,
        pool=pool,
        owners=owners,
        initial=initial,
    )
    form.fields["successor"].widget.suggest_url = f"{request.path}?suggest=successor"
    return form


def assign_all(request: HttpRequest, person: Person, *, pool: Any, owners: list) -> HttpResponse:
    """POST: give the chosen tasks one successor; errors come back as a message."""
    form = bulk_form(request, person, pool=pool, owners=owners)
    if form.is_valid():
        data = form.cleaned_data
        account = (
            Organisation.objects.filter(ext_id=data["account"]).first() if data["account"] else None
        )
        owner = next((u for u in owners if str(u.pk) == data["owner"]), None)
        try:
            done = services.assign_all(
                person,
                successor=data["successor"],
                owner=owner,
                actor=request.user,
                account=account,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(successor)s takes over %(n)d relationship.",
                    "%(successor)s takes over %(n)d relationships.",
                    len(done),
                )
                % {"successor": data["successor"], "n": len(done)},
            )
    else:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return redirect("web:handover", person.ext_id)
