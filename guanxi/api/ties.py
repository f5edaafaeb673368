"""`/api/ties`: list, read, record, change and delete ties.

A tie is addressed by its two people and its kind: `/api/ties/{source_id}/{target_id}/{kind}`
(a relationship in either order). Recording one needs both people visible and one of them
in the user's care (a contributor: themselves); changing or deleting one goes through
`restrict(user, Tie, "change"/"delete")`.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import CHANGE, DELETE, restrict
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, conflict, invalid, not_found
from guanxi.api.lookup import changeable, reference, responsible_for_one
from guanxi.api.schemas.common import PageIn, Ref, choice, page
from guanxi.api.schemas.people import TieIn, TieOut, TiePage, TiePatch
from guanxi.people.choices import TieKind
from guanxi.people.models import Person, Tie
from guanxi.people.services import delete_record, record_tie, save_tie

router = Router(tags=["ties"])


class TieFilter(Schema):
    """Filters of the tie list: kind, and a person at either end (or one end)."""

    kind: choice(TieKind) | None = None  # type: ignore[valid-type]
    person_id: Ref | None = None
    source_id: Ref | None = None
    target_id: Ref | None = None


def _base() -> Any:
    return Tie.objects.select_related("source", "target")


def tie_out(tie: Tie) -> dict[str, Any]:
    """A tie as the API shows it (ties.csv's columns, plus origin and last confirmation)."""
    return {
        "source_id": tie.source.ext_id,
        "target_id": tie.target.ext_id,
        "kind": tie.kind,
        "strength": tie.strength,
        "since": tie.since,
        "notes": tie.notes,
        "origin": tie.origin,
        "last_confirmed": tie.last_confirmed,
    }


def _pair(source_id: str, target_id: str, kind: str) -> Q:
    """The stored tie between two people: a relationship may be stored in either order."""
    q = Q(source__ext_id=source_id, target__ext_id=target_id, kind=kind)
    if kind == TieKind.RELATIONSHIP:
        q |= Q(source__ext_id=target_id, target__ext_id=source_id, kind=kind)
    return q


def _find(user: Any, source_id: str, target_id: str, kind: str, action: str | None) -> Tie:
    """The addressed tie: 404 if unknown or invisible, 403 if it may not be changed."""
    if kind not in TieKind.values:
        raise not_found("kind", f"No tie kind '{kind}'; use one of {', '.join(TieKind.values)}.")
    ids = (source_id, target_id)
    if any("\x00" in i or len(i) > 200 for i in ids):
        raise not_found("source_id", "No such tie.")
    tie = restrict(user, _base()).filter(_pair(source_id, target_id, kind)).first()
    if tie is None:
        raise not_found("source_id", f"No {kind} tie {source_id} → {target_id} that you can see.")
    if action is None:
        return tie
    return changeable(user, _base(), "tie", "source_id", action, pk=tie.pk)


@router.get("/ties", response={200: TiePage, **ERRORS})
def list_ties(request: HttpRequest, filters: Query[TieFilter], paging: Query[PageIn]) -> Any:
    """Ties the user may see; filter by kind, person_id (either end), source_id, target_id."""
    ties = restrict(user_of(request), _base())
    if filters.kind:
        ties = ties.filter(kind=filters.kind)
    if filters.person_id:
        p = filters.person_id
        ties = ties.filter(Q(source__ext_id=p) | Q(target__ext_id=p))
    if filters.source_id:
        ties = ties.filter(source__ext_id=filters.source_id)
    if filters.target_id:
        ties = ties.filter(target__ext_id=filters.target_id)
    return page(ties.order_by("source__ext_id", "target__ext_id", "kind"), paging, tie_out)


@router.get("/ties/{source_id}/{target_id}/{kind}", response={200: TieOut, **ERRORS})
def get_tie(request: HttpRequest, source_id: str, target_id: str, kind: str) -> Any:
    """One tie by its two people and kind."""
    return tie_out(_find(user_of(request), source_id, target_id, kind, None))


@router.post("/ties", response={201: TieOut, **ERRORS})
def create_tie(request: HttpRequest, payload: TieIn) -> Any:
    """Record a tie (409 if the two people already have one of this kind)."""
    user = user_of(request)
    people = Person.objects.select_related("organisation")
    source = reference(user, people, payload.source_id, "person", "source_id")
    target = reference(user, people, payload.target_id, "person", "target_id")
    responsible_for_one(user, [source, target], "source_id")
    if payload.kind != TieKind.REPORTS_TO and payload.strength is None:
        raise invalid("strength", "Influence and relationship ties need a strength.")
    existing = Tie.objects.filter(_pair(source.ext_id, target.ext_id, payload.kind))
    if payload.kind == TieKind.REPORTS_TO:
        existing = Tie.objects.filter(source=source, kind=TieKind.REPORTS_TO)
    if existing.exists():
        what = (
            "already reports to someone"
            if payload.kind == TieKind.REPORTS_TO
            else ("already have a tie of this kind")
        )
        raise conflict(None, f"{source.ext_id} and {target.ext_id}: {what}; change that tie.")
    tie = record_tie(
        source=source,
        target=target,
        kind=payload.kind,
        strength=payload.strength,
        since=payload.since,
        notes=payload.notes,
        actor=user,
    )
    return Status(201, tie_out(tie))


@router.patch("/ties/{source_id}/{target_id}/{kind}", response={200: TieOut, **ERRORS})
def update_tie(
    request: HttpRequest, source_id: str, target_id: str, kind: str, payload: TiePatch
) -> Any:
    """Change a tie's strength, since or notes."""
    user = user_of(request)
    tie = _find(user, source_id, target_id, kind, CHANGE)
    data = payload.model_dump(exclude_unset=True)
    if "strength" in data:
        if data["strength"] is None and tie.kind != TieKind.REPORTS_TO:
            raise invalid("strength", "Influence and relationship ties need a strength.")
        tie.strength = data["strength"]
    if "since" in data:
        tie.since = data["since"]
    if "notes" in data:
        if data["notes"] is None:
            raise invalid("notes", "This field cannot be null.")
        tie.notes = data["notes"]
    return tie_out(save_tie(tie, actor=user))


@router.delete("/ties/{source_id}/{target_id}/{kind}", response={204: None, **ERRORS})
def delete_tie(request: HttpRequest, source_id: str, target_id: str, kind: str) -> Any:
    """Delete a tie."""
    user = user_of(request)
    delete_record(_find(user, source_id, target_id, kind, DELETE), actor=user)
    return Status(204, None)
