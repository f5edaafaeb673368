"""The alerts inbox and each user's choice of alerts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guanxi.operations import services
from guanxi.operations.choices import AlertKind
from guanxi.operations.models import Alert, AlertPreference

PAGE = 200


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's open alerts, newest first (alerts are made per user, visibility applied)."""
    kind = request.GET.get("kind", "")
    alerts = Alert.objects.filter(user=request.user, cleared_on__isnull=True)
    if kind in AlertKind.values:
        alerts = alerts.filter(kind=kind)
    context = {
        "alerts": alerts.order_by("-raised_on", "kind", "id")[:PAGE],
        "unread": Alert.objects.filter(
            user=request.user, cleared_on__isnull=True, read_at__isnull=True
        ).count(),
        "kinds": AlertKind.choices,
        "kind": kind,
    }
    return render(request, "operations/inbox.html", context)


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark the user's open alerts as read."""
    n = services.mark_alerts_read(user=request.user)
    messages.success(request, _("%(n)s alerts marked as read.") % {"n": n})
    return redirect("operations:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Which alerts the user gets in the inbox and in the daily e-mail."""
    stored = {p.kind: p for p in AlertPreference.objects.filter(user=request.user)}
    if request.method == "POST":
        choices = {
            kind: (
                request.POST.get(f"{kind}-inbox") == "on",
                request.POST.get(f"{kind}-digest") == "on",
            )
            for kind in AlertKind.values
        }
        services.save_alert_preferences(user=request.user, choices=choices)
        messages.success(request, _("Your alert choices are saved."))
        return redirect("operations:alert_preferences")
    rows = [
        {
            "kind": kind,
            "label": label,
            "inbox": stored[kind].enabled if kind in stored else True,
            "digest": stored[kind].digest if kind in stored else True,
        }
        for kind, label in AlertKind.choices
    ]
    return render(request, "operations/alert_preferences.html", {"rows": rows})
