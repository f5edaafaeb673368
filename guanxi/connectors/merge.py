"""Merging two records of the same person: every tie, role, interaction and link is kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ForeignObjectRel, ManyToManyRel

from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.people.models import Person, Tie

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
        raise ValidationError({"drop": "a person cannot be merged with themself"})
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
