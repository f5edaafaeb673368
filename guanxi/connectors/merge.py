"""Merging two records of the same person, or of the same organisation: every tie, role,
interaction, person, deal and link is kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ForeignObjectRel, ManyToManyRel
from django.utils.translation import gettext as _

from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.people.choices import OrgKind
from guanxi.people.models import Organisation, Person, Tie

#: fields a kept person takes from the merged one when its own are blank
FILLED = ("title", "department", "email", "phone", "personality", "notes")


def _move_ties(keep: Person, drop: Person) -> int:
    """Re-point drop's ties at keep; where keep already has that tie, the stronger stays."""
    moved = 0
    for tie in list(Tie.objects.filter(source=drop) | Tie.objects.filter(target=drop)):
        source = keep if tie.source_id == drop.pk else tie.source
        target = keep if tie.target_id == drop.pk else tie.target
        if source.pk == target.pk:
            tie.delete()  # a tie between the two records of one person
            continue
        if tie.kind == "relationship" and source.pk > target.pk:
            source, target = target, source
        if tie.kind == "reports_to":
            twin = Tie.objects.filter(kind="reports_to", source=source).exclude(pk=tie.pk)
        else:
            twin = Tie.objects.filter(kind=tie.kind, source=source, target=target)
        twin = twin.exclude(pk=tie.pk).first()
        if twin is not None:
            if tie.kind != "reports_to" and (tie.strength or 0) > (twin.strength or 0):
                twin.strength = tie.strength
                twin.save(update_fields=["strength"])
            tie.delete()
            continue
        tie.source, tie.target = source, target
        tie.save(update_fields=["source", "target"])
        moved += 1
    return moved


def _move_rows(keep: Person, drop: Person) -> dict[str, int]:
    """Every other row naming drop (participations, roles, hand-overs, addresses, external
    ids...) re-pointed at keep; a row keep already has the same of is dropped."""
    counts: dict[str, int] = {}
    for rel in Person._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.related_model is Tie:
            continue
        if isinstance(rel, ManyToManyRel):
            through = rel.through
            name = next(
                f.name for f in through._meta.fields if getattr(f, "related_model", None) is Person
            )
        else:
            through, name = rel.related_model, rel.field.name
        for row in through.objects.filter(**{name: drop}):
            setattr(row, name, keep)
            try:
                with transaction.atomic():
                    row.save(update_fields=[name])
                label = through._meta.model_name
                counts[label] = counts.get(label, 0) + 1
            except IntegrityError:
                row.delete()  # keep already has this one (same interaction, role...)
    return counts


@transaction.atomic
def merge_people(*, keep: Person, drop: Person, actor: Any) -> Person:
    """Merge `drop` into `keep`: its ties, roles, interactions, addresses and external ids
    move to `keep`, blanks of `keep` are filled from it, and `drop` is deleted (audited)."""
    from guanxi.connectors.models import PersonEmail

    if keep.pk == drop.pk:
        raise ValidationError({"drop": _("A person cannot be merged with themself.")})
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    drop = Person.objects.select_for_update().get(pk=drop.pk)
    before = {"keep": keep.ext_id, "drop": drop.ext_id, "drop_name": drop.name}
    ties = _move_ties(keep, drop)
    rows = _move_rows(keep, drop)
    for field in FILLED:
        if not getattr(keep, field) and getattr(drop, field):
            setattr(keep, field, getattr(drop, field))
    if keep.user_id is None and drop.user_id is not None:
        keep.user_id, drop.user_id = drop.user_id, None
        drop.save(update_fields=["user"])
    keep.save()
    other = (drop.email or "").strip().lower()
    if other and other != (keep.email or "").strip().lower():
        PersonEmail.objects.get_or_create(email=other, defaults={"person": keep})
    drop.delete()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="person",
        object_id=keep.ext_id,
        summary=f"merged {before['drop_name']} ({before['drop']}) into {keep.name}",
        changes={"merged": before, "ties": ties, **rows},
    )
    audit.bump_data_version()
    return keep


def _move_org_rows(keep: Organisation, drop: Organisation) -> dict[str, int]:
    """Every row naming drop (people, deals, subsidiaries, account scopes, external ids,
    objectives...) re-pointed at keep; a link keep already has (a deal's competitor, a
    user's account) is dropped; a record (a person, a deal) is never dropped."""
    counts: dict[str, int] = {}
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or isinstance(rel, ManyToManyRel):
            continue
        model, name = rel.related_model, rel.field.name
        link = model._meta.auto_created or not model._meta.managed
        for row in model.objects.filter(**{name: drop}):
            if model is Organisation and row.pk == keep.pk:
                continue  # keep was drop's subsidiary: it takes drop's parent instead
            setattr(row, name, keep)
            try:
                with transaction.atomic():
                    row.save(update_fields=[name])
            except IntegrityError:
                if not link:
                    raise ValidationError(
                        _("%(record)s cannot move to %(name)s: it would clash with one there.")
                        % {"record": row, "name": keep.name}
                    ) from None
                row.delete()  # keep already has this link
                continue
            label = model._meta.model_name
            counts[label] = counts.get(label, 0) + 1
    return counts


@transaction.atomic
def merge_organisations(*, keep: Organisation, drop: Organisation, actor: Any) -> Organisation:
    """Merge `drop` into `keep`: its people, deals, subsidiaries, account scopes and external
    ids move to `keep` (so ties and roles stay as they were), blanks of `keep` are filled
    from it, its name is remembered for later imports, and `drop` is deleted (audited)."""
    from guanxi.connectors.identity import NAME_REF, org_key
    from guanxi.connectors.models import ExternalRef

    if keep.pk == drop.pk:
        raise ValidationError({"drop": _("An organisation cannot be merged with itself.")})
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    drop = Organisation.objects.select_for_update().get(pk=drop.pk)
    if OrgKind.OWN in (keep.kind, drop.kind):
        raise ValidationError({"drop": _("Our own company is not merged with another.")})
    before = {"keep": keep.ext_id, "drop": drop.ext_id, "drop_name": drop.name}
    if keep.parent_id == drop.pk:
        keep.parent_id = drop.parent_id if drop.parent_id != keep.pk else None
    rows = _move_org_rows(keep, drop)
    for field in ("industry", "tier"):
        if not getattr(keep, field) and getattr(drop, field):
            setattr(keep, field, getattr(drop, field))
    keep.save()
    drop.refresh_from_db()
    drop.delete()
    alias = org_key(before["drop_name"])
    if alias and alias != org_key(keep.name):
        ExternalRef.objects.update_or_create(
            source=NAME_REF, external_id=alias[:255], defaults={"organisation": keep}
        )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="organisation",
        object_id=keep.ext_id,
        summary=f"merged {before['drop_name']} ({before['drop']}) into {keep.name}",
        changes={"merged": before, **rows},
    )
    audit.bump_data_version()
    return keep
