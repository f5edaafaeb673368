"""`/audit/` — the audit log: who did what, when, to which record, old → new values.

Admins only (the events come through the choke point, which lets managers read them on the
dashboard too). Filters by date range, user, action, object type and text; paginated.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict
from guanxi.core.choices import AuditAction
from guanxi.core.models import AuditEvent
from guanxi.core.values import spoken_list
from guanxi.web.recent import describe, field_label, type_label, value_label
from guanxi.web.views.common import require, scope

PAGE_SIZE = 50
#: longest value shown in a change before it is cut (the whole value is in the title)
SHOWN = 120
#: object type → page of that object (by interchange id)
OBJECT_PAGES = {"person": "web:person", "deal": "web:deal"}


class AuditFilter(forms.Form):
    """The filters of the audit log; every one optional."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("any action")), *AuditAction.choices]
    )
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=50)
    q = forms.CharField(label=_("Text"), required=False, max_length=200)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the current time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(qs: QuerySet[AuditEvent], data: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Events matching the cleaned filter values (dates are whole days, both ends included)."""
    if data.get("since"):
        qs = qs.filter(at__gte=day_start(data["since"]))
    if data.get("until"):
        qs = qs.filter(at__lt=day_start(data["until"] + dt.timedelta(days=1)))
    if data.get("user"):
        qs = qs.filter(actor_name__iexact=data["user"].strip())
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    if data.get("object_type"):
        qs = qs.filter(object_type__iexact=data["object_type"].strip())
    if data.get("q"):
        text = data["q"].strip()
        qs = qs.filter(
            Q(summary__icontains=text)
            | Q(object_id__icontains=text)
            | Q(actor_name__icontains=text)
        )
    return qs


#: the counts an import records per file, named for the reader
COUNT_WORDS = {"created": _("created"), "updated": _("updated"), "unchanged": _("unchanged")}


def shown(value: Any) -> str:
    """A stored value as a person reads it: — for nothing, lists joined, JSON otherwise."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return spoken_list(shown(v) for v in value) or "—"
    if isinstance(value, dict):
        colon = pgettext("label", ": ")
        return (
            pgettext("clause", ", ").join(
                f"{COUNT_WORDS.get(k, k)}{colon}{shown(v)}" for k, v in value.items()
            )
            or "—"
        )
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def change_rows(changes: Any, object_type: str = "") -> list[dict[str, Any]]:
    """{field: [old, new]} as rows of field, old and new text ("pair" False for plain facts)."""
    if not isinstance(changes, dict):
        return [{"field": "", "pair": False, "new": shown(changes)}] if changes else []
    rows = []
    for field, value in changes.items():
        pair = isinstance(value, list) and len(value) == 2
        if pair:
            value = [value_label(object_type, field, v) for v in value]
        old, new = (shown(value[0]), shown(value[1])) if pair else ("", shown(value))
        rows.append(
            {
                "field": field_label(object_type, field),
                "pair": pair,
                "old": old,
                "new": new,
                "old_short": old[:SHOWN] + ("…" if len(old) > SHOWN else ""),
                "new_short": new[:SHOWN] + ("…" if len(new) > SHOWN else ""),
                "added": pair and value[0] is None,
                "removed": pair and value[1] is None,
            }
        )
    return rows


def object_url(event: AuditEvent) -> str:
    """The page of the event's object, when there is one ('' otherwise)."""
    name = OBJECT_PAGES.get(event.object_type)
    if not name or not event.object_id or event.action == AuditAction.DELETE:
        return ""
    try:
        return reverse(name, args=[event.object_id])
    except NoReverseMatch:
        return ""


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log page, newest first."""
    require(scope(request).role == UserRole.ADMIN)
    events = restrict(request.user, AuditEvent.objects.all())
    form = AuditFilter(request.GET or None)
    if form.is_bound and form.is_valid():
        events = filter_events(events, form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    said = describe(list(page.object_list))
    rows = [
        {
            "event": e,
            "said": line["text"],
            "changes": change_rows(e.changes, e.object_type),
            "url": object_url(e),
            "type": type_label(e.object_type),
        }
        for e, line in zip(page.object_list, said, strict=True)
    ]
    types = (
        restrict(request.user, AuditEvent.objects.order_by("object_type"))
        .values_list("object_type", flat=True)
        .distinct()
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "object_types": [(t, type_label(t)) for t in types if t],
        "filtered": form.is_bound and any(v for k, v in request.GET.items() if k != "page"),
    }
    return render(request, "web/audit.html", context)
