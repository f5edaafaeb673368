"""Introduction pages: ask from a best path, answer, log when it happened."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guanxi.access.permissions import restrict, scope_of
from guanxi.operations import introductions as intros
from guanxi.operations.models import Introduction
from guanxi.people.choices import InteractionKind
from guanxi.people.models import Person


def _errors(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


def _back(request: HttpRequest) -> HttpResponse:
    nxt = request.POST.get("next", "")
    return redirect(
        nxt if nxt.startswith("/") and not nxt.startswith("//") else "operations:introductions"
    )


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    """Introductions asked of me (to answer or log) and asked by me."""
    asked_of_me, asked_by_me = intros.introductions_for(request.user)
    context = {
        "asked_of_me": asked_of_me[:200],
        "asked_by_me": asked_by_me[:200],
        "kinds": InteractionKind.choices,
    }
    return render(request, "operations/introductions.html", context)


@login_required
@require_POST
def introduction_new(request: HttpRequest) -> HttpResponse:
    """Ask the colleague at the start of a best path for an introduction."""
    people = restrict(request.user, Person.objects.all())
    target = people.filter(ext_id=request.POST.get("target", "")).first()
    introducer = people.filter(ext_id=request.POST.get("introducer", "")).first()
    if target is None or introducer is None:
        raise Http404("No such person that you can see.")
    route = [r for r in request.POST.get("route", "").split() if r][:6]
    try:
        intros.request_introduction(
            target=target,
            introducer=introducer,
            route=route,
            message=request.POST.get("message", "")[:2000],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return _back(request)
    messages.success(
        request, _("%(name)s has been asked for the introduction.") % {"name": introducer.name}
    )
    return _back(request)


def _mine(request: HttpRequest, pk: int) -> Introduction:
    asked_of_me, asked_by_me = intros.introductions_for(request.user)
    found = (asked_of_me | asked_by_me).filter(pk=pk).first()
    if found is None and scope_of(request.user).everything:
        # Admins and managers may answer on a colleague's behalf (the service checks).
        found = Introduction.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such introduction that you can see.")
    return found


@login_required
@require_POST
def introduction_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline a request (the colleague asked)."""
    intro = _mine(request, pk)
    try:
        intros.answer_introduction(
            introduction=intro,
            accept=request.POST.get("accept") == "1",
            answer=request.POST.get("answer", "")[:2000],
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return _back(request)


@login_required
@require_POST
def introduction_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Log that the introduction happened (an interaction of the three people)."""
    intro = _mine(request, pk)
    try:
        date = dt.date.fromisoformat(request.POST["date"]) if request.POST.get("date") else None
    except ValueError:
        messages.error(request, _("The date must be YYYY-MM-DD."))
        return _back(request)
    kind = request.POST.get("kind") or InteractionKind.MEETING
    if kind not in InteractionKind.values:
        messages.error(request, _("Unknown kind of interaction."))
        return _back(request)
    try:
        intros.complete_introduction(introduction=intro, date=date, kind=kind, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return _back(request)
    messages.success(request, _("The introduction is logged as an interaction."))
    return _back(request)
