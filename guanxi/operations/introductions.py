"""Introductions: asking the colleague at the start of a best path to introduce the asker to
the person at its end; accepting or declining; and logging the introduction, when it
happens, as an interaction (through guanxi.people.services, so it counts like any other).

Every write checks who may make it, runs in a transaction and writes its audit record."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.access import visibility
from guanxi.access.permissions import restrict, scope_of
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.operations.choices import IntroductionStatus
from guanxi.operations.models import Introduction
from guanxi.people.choices import InteractionKind
from guanxi.people.models import Interaction, Person
from guanxi.people.services import save_interaction

logger = logging.getLogger("guanxi.operations")


def _record(actor: Any, intro: Introduction, action: str, summary: str) -> None:
    audit.record(
        actor=actor,
        action=action,
        object_type="introduction",
        object_id=str(intro.pk),
        summary=summary,
    )


def _mail(intro: Introduction) -> bool:
    """E-mail the introducer when e-mail is configured and they have an address."""
    to = intro.introducer.email
    if not settings.GUANXI_EMAIL_CONFIGURED or not to:
        return False
    asker = intro.requester_person.name if intro.requester_person else str(intro.requester)
    subject = _("%(asker)s asks you for an introduction to %(target)s") % {
        "asker": asker,
        "target": intro.target.name,
    }
    body = "\n\n".join(
        part
        for part in (
            subject + ".",
            intro.message,
            " → ".join(intro.route),
            _("Answer in Guanxi: /ops/introductions/"),
        )
        if part
    )
    try:
        send_mail(subject, body, None, [to])
    except OSError:
        # The request stands in the app; a mail server that is down must not undo it.
        logger.warning("introduction %s: the e-mail to %s could not be sent", intro.pk, to)
        return False
    return True


@transaction.atomic
def request_introduction(
    *,
    target: Person,
    introducer: Person,
    actor: Any,
    route: list[str] | None = None,
    message: str = "",
) -> Introduction:
    """Ask a colleague (the first person of a best path) to introduce the actor to a person."""
    scope = scope_of(actor)
    if not scope.writes or not scope.people_level:
        raise ValidationError({"target": _("Your role cannot ask for introductions.")})
    if restrict(actor, Person.objects.filter(pk=target.pk)).first() is None:
        raise ValidationError({"target": _("No such person that you can see.")})
    if introducer.organisation.kind != "own" or introducer.status != "active":
        raise ValidationError({"introducer": _("The introducer must be an active colleague.")})
    if introducer.pk == scope.person_id:
        raise ValidationError(
            {"introducer": _("You are on this path yourself: contact them directly.")}
        )
    if introducer.pk == target.pk:
        raise ValidationError({"introducer": _("The introducer cannot be the person to meet.")})
    if Introduction.objects.filter(
        requester=actor,
        target=target,
        status__in=(IntroductionStatus.REQUESTED, IntroductionStatus.ACCEPTED),
    ).exists():
        raise ValidationError({"target": _("You have already asked for this introduction.")})
    me = Person.objects.filter(pk=scope.person_id).first() if scope.person_id else None
    intro = Introduction.objects.create(
        requester=actor if getattr(actor, "pk", None) else None,
        requester_person=me,
        introducer=introducer,
        target=target,
        route=list(route or [introducer.ext_id, target.ext_id]),
        message=message.strip(),
    )
    _record(
        actor, intro, AuditAction.CREATE, f"asked {introducer.ext_id} to introduce {target.ext_id}"
    )
    transaction.on_commit(lambda: _mail(intro))
    return intro


def _may_answer(actor: Any, intro: Introduction) -> None:
    scope = scope_of(actor)
    if not (scope.everything and scope.writes) and intro.introducer_id != scope.person_id:
        raise ValidationError({"status": _("Only the colleague asked can answer.")})


@transaction.atomic
def answer_introduction(
    *, introduction: Introduction, accept: bool, actor: Any, answer: str = ""
) -> Introduction:
    """The colleague asked accepts or declines."""
    _may_answer(actor, introduction)
    if introduction.status != IntroductionStatus.REQUESTED:
        raise ValidationError({"status": _("This request has been answered already.")})
    introduction.status = IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED
    introduction.answer = answer.strip()
    introduction.answered_at = timezone.now()
    introduction.save(update_fields=["status", "answer", "answered_at"])
    _record(actor, introduction, AuditAction.UPDATE, f"introduction {introduction.status}")
    return introduction


@transaction.atomic
def complete_introduction(
    *,
    introduction: Introduction,
    actor: Any,
    date: dt.date | None = None,
    kind: str = InteractionKind.MEETING,
    notes: str = "",
) -> Introduction:
    """Log the introduction that happened as an interaction of the asker, the introducer and
    the person met; it then counts as evidence like any other interaction."""
    scope = scope_of(actor)
    allowed = introduction.introducer_id == scope.person_id or (
        introduction.requester_id == getattr(actor, "pk", None)
    )
    if not allowed and not (scope.everything and scope.writes):
        raise ValidationError({"status": _("Only the asker or the colleague asked can log it.")})
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise ValidationError({"status": _("Only an accepted introduction can be logged.")})
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("An introduction cannot be logged in the future.")})
    people = [
        p
        for p in (introduction.requester_person, introduction.introducer, introduction.target)
        if p
    ]
    interaction = Interaction(
        ext_id=f"intro-{introduction.pk}",
        date=date,
        kind=kind,
        notes=notes or _("Introduction by %(name)s") % {"name": introduction.introducer.name},
    )
    save_interaction(interaction, participants=people, actor=actor)
    introduction.status = IntroductionStatus.DONE
    introduction.interaction = interaction
    introduction.done_on = date
    introduction.save(update_fields=["status", "interaction", "done_on"])
    _record(actor, introduction, AuditAction.UPDATE, f"introduction done on {date}")
    return introduction


def introductions_for(user: Any) -> tuple[QuerySet[Introduction], QuerySet[Introduction]]:
    """(asked of me, asked by me), each about people the user may see."""
    me = scope_of(user).person_id
    visible = restrict(user, Person.objects.all()).values("pk")
    every = Introduction.objects.select_related(
        "introducer", "target", "requester", "requester_person", "target__organisation"
    )
    base = every.filter(target_id__in=visible)
    # A contributor sees paths whole (their role's documented exception: a path is exactly
    # who to ask for an introduction), so the person at the end of a path from them too.
    asked = every if visibility.whole_paths(user) else base
    asked_of_me = asked.filter(introducer_id=me) if me else base.none()
    asked_by_me = base.filter(Q(requester=user))
    return asked_of_me, asked_by_me
