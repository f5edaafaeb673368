"""Operations pages and partials: next best actions on the account and deal pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from guanxi.access.guarded import Refused, Unseen
from guanxi.operations import guarded
from guanxi.operations.history import trend_for


def _actions(make: Any, user: Any, record_id: str) -> list[dict[str, Any]]:
    try:
        return make(user, record_id)
    except Refused:
        raise PermissionDenied from None
    except Unseen as exc:
        raise Http404(str(exc)) from None


@login_required
def account_actions(request: HttpRequest, org_id: str) -> HttpResponse:
    """The account's next best actions (an htmx partial of the account page)."""
    actions = _actions(guarded.account_actions_for, request.user, org_id)
    return render(
        request, "operations/partials/actions.html", {"actions": actions, "measure": "score"}
    )


@login_required
def deal_actions(request: HttpRequest, deal_id: str) -> HttpResponse:
    """The deal's next best actions (an htmx partial of the deal page)."""
    actions = _actions(guarded.deal_actions_for, request.user, deal_id)
    return render(
        request, "operations/partials/actions.html", {"actions": actions, "measure": "odds"}
    )


TREND_LABELS = {
    "person": _("Our closeness"),
    "employee": _("Relationship resources"),
    "account": _("Relationship closeness"),
}


@login_required
def trend(request: HttpRequest, kind: str, subject_id: str) -> HttpResponse:
    """A subject's trend line from the snapshots (an htmx partial of its page)."""
    try:
        points = trend_for(request.user, kind, subject_id)
    except Refused:
        raise PermissionDenied from None
    except Unseen as exc:
        raise Http404(str(exc)) from None
    chart = {
        "labels": [d.isoformat() for d, _v in points],
        "scoreName": "",  # the legend names the one line
        # Resources have no ceiling; closeness and scores are 0-100.
        "max": None if kind == "employee" else 100,
        "series": [
            {
                "name": str(TREND_LABELS[kind]),
                "values": [round(v, 1) for _d, v in points],
                "colour": "#1d4ed8",
                "type": "line",
            }
        ],
    }
    context = {"points": points, "chart": chart, "script_id": f"trend-{kind}-data", "kind": kind}
    return render(request, "operations/partials/trend.html", context)
