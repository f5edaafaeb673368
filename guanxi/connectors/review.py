"""The review queue: a person decides what an uncertain match is (merge, create or ignore),
of a person or of an organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.connectors.choices import ReviewKind, ReviewStatus
from guanxi.connectors.identity import DOMAIN_REF, PERSONAL_DOMAINS, email_key, id_words, org_key
from guanxi.connectors.merge import merge_organisations
from guanxi.connectors.models import ExternalRef, PersonEmail, ReviewItem
from guanxi.connectors.sources.common import short_hash
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.people.choices import OrgKind, TieKind, TieOrigin
from guanxi.people.models import Organisation, Person, Tie
from guanxi.people.services import record_tie, save_organisation, save_person


def _organisation(name: str, domain: str, actor: Any) -> Organisation:
    """The organisation called `name` (compared without case, accents or legal form), else a
    new customer; a personal mail domain never becomes one."""
    name = name.strip()
    if not name and domain and domain not in PERSONAL_DOMAINS:
        name = domain
    if not name:
        raise ValidationError({"organisation": _("Name the organisation this person works for.")})
    key = org_key(name)
    for org in Organisation.objects.all():
        if org_key(org.name) == key:
            return org
    base = f"org:{id_words(key)}"[:60] if key.isascii() else f"org:{short_hash(key)}"
    ext, n = base, 1
    while Organisation.objects.filter(ext_id=ext).exists():
        n += 1
        ext = f"{base}-{n}"
    return save_organisation(
        Organisation(ext_id=ext, name=name, kind=OrgKind.CUSTOMER), actor=actor
    )


def _tie(item: ReviewItem, person: Person, actor: Any) -> None:
    """The weak relationship the source asked for, unless a stronger one exists."""
    employee = item.payload.get("employee")
    strength = int(item.payload.get("strength") or 0)
    if not employee or not strength:
        return
    other = Person.objects.filter(ext_id=employee).first()
    if other is None or other.pk == person.pk:
        return
    a, b = sorted([other, person], key=lambda p: p.pk)
    current = Tie.objects.filter(kind=TieKind.RELATIONSHIP, source=a, target=b).first()
    if current is None or (current.strength or 0) < strength:
        record_tie(source=a, target=b, kind=TieKind.RELATIONSHIP, strength=strength,
                   actor=actor, origin=TieOrigin.IMPORTED)  # fmt: skip


def _link(item: ReviewItem, person: Person) -> None:
    """Remember the source's id and address for this person, so the next import matches."""
    ExternalRef.objects.update_or_create(
        source=item.source, external_id=item.external_id, defaults={"person": person}
    )
    email = email_key(item.email)
    if email and email != email_key(person.email):
        PersonEmail.objects.get_or_create(email=email, defaults={"person": person})


def _decide_organisation(
    item: ReviewItem, action: str, actor: Any, candidate: Organisation | None
) -> Organisation | None:
    """Merge the organisation created apart into a candidate, keep it, or ignore the
    question; the domain is remembered as the chosen organisation's either way."""
    under = item.organisation
    if action == "merge":
        if candidate is None:
            raise ValidationError({"candidate": _("Choose the organisation it is.")})
        if under is None:
            raise ValidationError(_("The organisation under review no longer exists."))
        chosen = merge_organisations(keep=candidate, drop=under, actor=actor)
        item.status = ReviewStatus.MERGED
    elif action == "create":
        chosen, item.status = under, ReviewStatus.CREATED
    elif action == "ignore":
        chosen, item.status = None, ReviewStatus.IGNORED
    else:
        raise ValidationError(_("Unknown action."))
    domain = item.payload.get("domain", "")
    if chosen is not None and domain:
        ExternalRef.objects.update_or_create(
            source=DOMAIN_REF, external_id=domain, defaults={"organisation": chosen}
        )
    item.organisation = chosen
    return chosen


@transaction.atomic
def resolve_review(
    item: ReviewItem,
    *,
    action: str,
    actor: Any,
    candidate: Person | None = None,
    organisation_name: str = "",
    candidate_org: Organisation | None = None,
) -> ReviewItem:
    """Merge the item with a candidate, create it (a new person; an organisation kept
    apart), or ignore it (audited)."""
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ReviewStatus.OPEN:
        raise ValidationError(_("This match was already decided."))
    if item.kind == ReviewKind.ORGANISATION:
        org = _decide_organisation(item, action, actor, candidate_org)
        return _close(item, actor, org.ext_id if org else "")
    if action == "merge":
        if candidate is None:
            raise ValidationError({"candidate": _("Choose the person it is.")})
        person = candidate
        item.status = ReviewStatus.MERGED
    elif action == "create":
        org = _organisation(
            organisation_name or item.organisation_name, item.payload.get("domain", ""), actor
        )
        # the same id a connector gives a new person (no '/' of a URL in page addresses)
        base = f"{item.source}:{short_hash(item.external_id)}"
        n, ext = 1, base
        while Person.objects.filter(ext_id=ext).exists():
            n += 1
            ext = f"{base}-{n}"
        person = save_person(
            Person(ext_id=ext, organisation=org, name=item.name, title=item.title,
                   email=item.email, phone=item.payload.get("phone", "")),
            actor=actor,
        )  # fmt: skip
        item.status = ReviewStatus.CREATED
    elif action == "ignore":
        person = None
        item.status = ReviewStatus.IGNORED
    else:
        raise ValidationError(_("Unknown action."))
    if person is not None:
        _link(item, person)
        _tie(item, person, actor)
    item.person = person
    return _close(item, actor, person.ext_id if person else "")


def _close(item: ReviewItem, actor: Any, as_id: str) -> ReviewItem:
    """Record the decision on the item, audited."""
    item.resolved_at = timezone.now()
    item.resolved_by = actor if getattr(actor, "pk", None) else None
    item.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="reviewitem",
        object_id=f"{item.source}:{item.external_id}",
        summary=f"review of {item.name}: {item.status}" + (f" as {as_id}" if as_id else ""),
        changes={"status": ["open", item.status]},
    )
    return item
