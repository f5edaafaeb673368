"""`/api/people`: list, read, create, change and delete people.

A person's `reports_to_id` is their reporting line (a `reports_to` tie), read and written
here as in people.csv. Sales add and change the people of their accounts; contributors
change only their own record.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import DELETE, restrict
from guanxi.access.visibility import unfiltered, visible_ids
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, invalid
from guanxi.api.lookup import (
    assign,
    changeable,
    confirm_deletion,
    ensure_new,
    keep_fixed,
    may_write_in,
    reference,
    visible,
)
from guanxi.api.schemas.common import PageIn, Ref, choice, page, text
from guanxi.api.schemas.people import PersonIn, PersonOut, PersonPage, PersonPatch
from guanxi.interchange.schema import PERSON_FIELDS
from guanxi.people.choices import PersonStatus, TieKind
from guanxi.people.deletion import delete_person as remove_person
from guanxi.people.deletion import person_deletion
from guanxi.people.models import Organisation, Person, Tie
from guanxi.people.services import delete_record, record_tie, save_person

router = Router(tags=["people"])
FIELDS = PERSON_FIELDS
NULLABLE = {"power"}


class PersonFilter(Schema):
    """Filters of the people list."""

    organization_id: Ref | None = None
    status: choice(PersonStatus) | None = None  # type: ignore[valid-type]
    q: text(200) | None = None


def people_base() -> Any:
    """People with their organisation and manager's id, ready for `people_out`."""
    manager = Tie.objects.filter(source=OuterRef("pk"), kind=TieKind.REPORTS_TO).values(
        "target__ext_id"
    )[:1]
    return Person.objects.select_related("organisation").annotate(manager_id=Subquery(manager))


def people_out(user: Any, rows: list[Person]) -> list[dict[str, Any]]:
    """People as the API shows them to `user`: a manager the user may not see is null, as an
    id must not name someone outside their scope."""
    managers = {m for p in rows if (m := getattr(p, "manager_id", None))}
    shown = managers if unfiltered(user) else visible_ids(user, managers)
    return [person_out(p, shown) for p in rows]


def person_out(person: Person, shown: set[str]) -> dict[str, Any]:
    """One person, naming their manager only if in `shown` (people.csv's columns)."""
    manager = getattr(person, "manager_id", None)
    return {
        "id": person.ext_id,
        "organization_id": person.organisation.ext_id,
        "name": person.name,
        "title": person.title,
        "department": person.department,
        "reports_to_id": manager if manager in shown else None,
        "power": person.power,
        "key": person.key,
        "is_sales": person.is_sales,
        "personality": person.personality,
        "status": person.status,
        "email": person.email,
        "phone": person.phone,
        "notes": person.notes,
    }


@router.get("/people", response={200: PersonPage, **ERRORS})
def list_people(request: HttpRequest, filters: Query[PersonFilter], paging: Query[PageIn]) -> Any:
    """People the user may see, by name; filter by organization_id, status, or q (name, id)."""
    user = user_of(request)
    people = restrict(user, people_base())
    if filters.organization_id:
        people = people.filter(organisation__ext_id=filters.organization_id)
    if filters.status:
        people = people.filter(status=filters.status)
    if filters.q:
        people = people.filter(Q(name__icontains=filters.q) | Q(ext_id__icontains=filters.q))
    return page(
        people.order_by("name", "ext_id"), paging, convert_all=lambda rows: people_out(user, rows)
    )


@router.get("/people/{id}", response={200: PersonOut, **ERRORS})
def get_person(request: HttpRequest, id: str) -> Any:
    """One person by their interchange id."""
    user = user_of(request)
    return people_out(user, [visible(user, people_base(), "person", "id", ext_id=id)])[0]


def _reread(user: Any, person: Person) -> dict[str, Any]:
    return people_out(user, [people_base().get(pk=person.pk)])[0]


def _set_manager(user: Any, person: Person, manager_id: str | None) -> None:
    """Point the person's reporting line at `manager_id`, or remove it (None)."""
    current = Tie.objects.filter(source=person, kind=TieKind.REPORTS_TO).first()
    if manager_id is None:
        # (A person the user may change has a manager they may see: the same organisation,
        # in their scope. So a null here never stands for a manager hidden from them.)
        if current is not None:
            delete_record(current, actor=user)
        return
    manager = reference(user, Person.objects.all(), manager_id, "person", "reports_to_id")
    if current is None or current.target_id != manager.pk:
        record_tie(source=person, target=manager, kind=TieKind.REPORTS_TO, actor=user)


def _apply(user: Any, person: Person, data: dict[str, Any]) -> Person:
    assign(person, data, FIELDS, NULLABLE)
    keep_fixed(user, person)
    save_person(person, actor=user)
    if "reports_to_id" in data:
        try:
            _set_manager(user, person, data["reports_to_id"])
        except ValidationError as exc:
            # A reporting-line problem is about reports_to_id here, whatever the tie says.
            raise invalid("reports_to_id", " ".join(exc.messages)) from None
    return person


@router.post("/people", response={201: PersonOut, **ERRORS})
@transaction.atomic
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    """Add a person to an organisation the user may change."""
    user = user_of(request)
    org = reference(
        user, Organisation.objects.all(), payload.organization_id, "organisation", "organization_id"
    )
    may_write_in(user, org)
    ensure_new(Person, payload.id, "A person")
    person = Person(ext_id=payload.id, organisation=org)
    data = payload.model_dump(exclude={"id", "organization_id"})
    if payload.reports_to_id is None:
        data.pop("reports_to_id")
    return Status(201, _reread(user, _apply(user, person, data)))


@router.patch("/people/{id}", response={200: PersonOut, **ERRORS})
@transaction.atomic
def update_person(request: HttpRequest, id: str, payload: PersonPatch) -> Any:
    """Change a person (only the fields sent); moving them needs the new organisation's
    rights too."""
    user = user_of(request)
    person = changeable(user, people_base(), "person", "id", ext_id=id)
    data = payload.model_dump(exclude_unset=True)
    if "organization_id" in data:
        if data["organization_id"] is None:
            raise invalid("organization_id", "This field cannot be null.")
        org = reference(
            user,
            Organisation.objects.all(),
            data["organization_id"],
            "organisation",
            "organization_id",
        )
        if org.pk != person.organisation_id:
            may_write_in(user, org)
            person.organisation = org
    return _reread(user, _apply(user, person, data))


@router.delete("/people/{id}", response={204: None, **ERRORS})
def delete_person(request: HttpRequest, id: str, confirm: bool = False) -> Any:
    """Delete a person. When their ties, decision roles, hand-over tasks or interactions
    would go or change with them, the answer is a 409 listing those (the ones you may see)
    unless `confirm=true`; an interaction left with one participant is deleted too. Every
    removed row is in the audit log."""
    user = user_of(request)
    person = changeable(user, people_base(), "person", "id", DELETE, ext_id=id)
    confirm_deletion(user, person_deletion(person), f"person {person.ext_id}", confirm)
    remove_person(person, actor=user)
    return Status(204, None)
