"""Operations pages and partials: next best actions on the account and deal pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from guanxi.access.guarded import Refused, Unseen
from guanxi.operations import guarded


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
