"""`/api/interactions`: list, read, record, change and delete interactions.

Participants are given as `participant_ids` (two or more people the user can see, at least
one in their care: a contributor records only interactions they took part in). An interaction
is shown with the participants the user may see and the number of the others
(`hidden_participants`). Changing or deleting an interaction needs every participant visible
(`restrict(user, Interaction, "change")`), so nobody drops a participant they cannot see.
"""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import DELETE, restrict
from guanxi.access.visibility import unfiltered, visible_ids
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, invalid
from guanxi.api.lookup import (
    assign,
    changeable,
    ensure_new,
    references,
    require_writer,
    responsible_for_one,
    visible,
)
from guanxi.api.schemas.common import Date, PageIn, Ref, choice, page
from guanxi.api.schemas.people import (
    InteractionIn,
    InteractionOut,
    InteractionPage,
    InteractionPatch,
)
from guanxi.people.choices import InteractionKind
from guanxi.people.models import Interaction, Participation, Person
from guanxi.people.services import delete_record, save_interaction

router = Router(tags=["interactions"])


class InteractionFilter(Schema):
    """Filters of the interaction list."""

    kind: choice(InteractionKind) | None = None  # type: ignore[valid-type]
    person_id: Ref | None = None
    date_from: Date | None = None
    date_to: Date | None = None


def _base() -> Any:
    ordered = Participation.objects.select_related("person").order_by("position")
    return Interaction.objects.prefetch_related(
        Prefetch("participation_set", queryset=ordered, to_attr="ordered")
    )


def _people(ix: Interaction) -> list[Person]:
    parts = getattr(ix, "ordered", None)
    if parts is None:
        parts = ix.participation_set.select_related("person").order_by("position")
    return [p.person for p in parts]


def interactions_out(user: Any, rows: list[Interaction]) -> list[dict[str, Any]]:
    """Interactions as the API shows them to `user` (interactions.csv's columns), naming
    only the participants the user may see."""
    ids = {p.ext_id for ix in rows for p in _people(ix)}
    shown = ids if unfiltered(user) else visible_ids(user, ids)
    return [interaction_out(ix, shown) for ix in rows]


def interaction_out(ix: Interaction, shown: set[str]) -> dict[str, Any]:
    """One interaction with the participants whose ids are in `shown`."""
    people = [p.ext_id for p in _people(ix)]
    return {
        "id": ix.ext_id,
        "date": ix.date,
        "kind": ix.kind,
        "participant_ids": [i for i in people if i in shown],
        "hidden_participants": sum(1 for i in people if i not in shown),
        "notes": ix.notes,
    }


@router.get("/interactions", response={200: InteractionPage, **ERRORS})
def list_interactions(
    request: HttpRequest, filters: Query[InteractionFilter], paging: Query[PageIn]
) -> Any:
    """Interactions the user may see, newest first; filter by kind, person_id, dates."""
    user = user_of(request)
    rows = restrict(user, _base())
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.person_id:
        if not (unfiltered(user) or visible_ids(user, [filters.person_id])):
            rows = rows.none()  # someone the caller may not see: as for an unknown id
        rows = rows.filter(participation__person__ext_id=filters.person_id).distinct()
    if filters.date_from:
        rows = rows.filter(date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(date__lte=filters.date_to)
    return page(
        rows.order_by("-date", "ext_id"),
        paging,
        convert_all=lambda page_rows: interactions_out(user, page_rows),
    )


@router.get("/interactions/{id}", response={200: InteractionOut, **ERRORS})
def get_interaction(request: HttpRequest, id: str) -> Any:
    """One interaction by its interchange id."""
    user = user_of(request)
    return interactions_out(user, [visible(user, _base(), "interaction", "id", ext_id=id)])[0]


def _participants(
    user: Any, ids: list[str], hidden: list[tuple[int, Person]] | None = None
) -> list[Person]:
    """The people named by `ids` (each one the user can see), in that order, with the
    `hidden` ones (position, person) kept at their positions."""
    people = references(user, Person.objects.all(), ids, "person", "participant_ids")
    for position, person in hidden or ():
        if person not in people:
            people.insert(min(position, len(people)), person)
    if len(people) < 2:
        raise invalid("participant_ids", "An interaction needs at least two different people.")
    responsible_for_one(user, people, "participant_ids")
    return people


@router.post("/interactions", response={201: InteractionOut, **ERRORS})
def create_interaction(request: HttpRequest, payload: InteractionIn) -> Any:
    """Record an interaction (409 if the id is taken)."""
    user = user_of(request)
    require_writer(user)
    people = _participants(user, payload.participant_ids)
    ensure_new(Interaction, payload.id, "An interaction")
    ix = Interaction(ext_id=payload.id, date=payload.date, kind=payload.kind, notes=payload.notes)
    save_interaction(ix, participants=people, actor=user)
    return Status(201, interactions_out(user, [ix])[0])


@router.patch("/interactions/{id}", response={200: InteractionOut, **ERRORS})
def update_interaction(request: HttpRequest, id: str, payload: InteractionPatch) -> Any:
    """Change an interaction (participant_ids, when sent, replaces the participants the user
    can see; those they may not see stay)."""
    user = user_of(request)
    ix = changeable(user, _base(), "interaction", "id", ext_id=id)
    data = payload.model_dump(exclude_unset=True)
    assign(ix, data, ("date", "kind", "notes"))
    if data.get("participant_ids", []) is None:
        raise invalid("participant_ids", "This field cannot be null.")
    if "participant_ids" in data:
        current = _people(ix)
        seen = visible_ids(user, [p.ext_id for p in current])
        hidden = [(i, p) for i, p in enumerate(current) if p.ext_id not in seen]
        people = _participants(user, data["participant_ids"], hidden)
    else:
        people = _people(ix)
    save_interaction(ix, participants=people, actor=user)
    return interactions_out(user, [Interaction.objects.get(pk=ix.pk)])[0]


@router.delete("/interactions/{id}", response={204: None, **ERRORS})
def delete_interaction(request: HttpRequest, id: str) -> Any:
    """Delete an interaction."""
    user = user_of(request)
    delete_record(changeable(user, _base(), "interaction", "id", DELETE, ext_id=id), actor=user)
    return Status(204, None)
