"""The key-person page: the whole view for whoever may open it, the paths alone for a
contributor, our own people sent to their employee view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from guanxi.access import guarded, visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics.graph import Workspace
from guanxi.core import audit, deferred
from guanxi.core.choices import AuditAction
from guanxi.people.forms import find_person
from guanxi.people.models import Person
from guanxi.scoring import reports


@dataclass
class KeyPerson:
    """What the key-person page shows: the person, the (filtered) view, whether it is whole
    (else the paths only), the colleagues paths may start from and a problem with `from`."""

    person: Person
    employee: bool = False
    full: bool = False
    view: dict[str, Any] = field(default_factory=dict)
    #: every colleague paths may start from, as (id, name) by name, when there are at most
    #: LISTED of them (a list to pick from); else empty, and the page offers a search field
    colleagues: list[tuple[str, str]] = field(default_factory=list)
    #: many colleagues: the page searches them by name (suggesting those who know the person)
    colleague_search: bool = False
    #: the colleague the paths start from (`from` as an id, or a name typed in the search)
    start: Person | None = None
    from_error: str = ""


#: up to this many colleagues, the start of the paths is picked from a list of all of them
LISTED = 60


def _paths_only(person: Person, paths: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": person.ext_id,
        "name": person.name,
        "closeness": None,
        "inside": [],
        "ours": {"direct": [], "indirect": []},
        "competitors": {},
        "paths": paths,
        "deals": [],
    }


def colleagues(pool: QuerySet[Person]) -> list[tuple[str, str]]:
    """The colleagues of `pool` (those the user may start paths from), as (id, name) by
    name."""
    rows = pool.values_list("ext_id", "name")
    return sorted(rows, key=lambda t: (t[1].casefold(), t[0]))


def path_starts(user: Any) -> QuerySet[Person]:
    """Our active people the user may start best paths from (the colleague search)."""
    return guarded.starts(user).select_related("organisation")


def key_person(user: Any, person_id: str, *, from_id: str, ws: Workspace) -> KeyPerson:
    """The key-person page of `person_id` as the user may see it, with the paths from one
    colleague when `from_id` names one; the view is written to the audit log."""
    scope = scope_of(user)
    found = Person.objects.select_related("organisation").filter(ext_id=person_id)
    person = found.first() if "\x00" not in person_id else None
    visible = person is not None and restrict(user, found).exists()
    if person is not None and person.organisation.kind == "own":
        if not (visible or scope.sees_employee(person.pk)):
            raise guarded.Unseen(f"No person with id '{person_id}' that you can see.")
        return KeyPerson(person=person, employee=True)
    if not scope.people_level:
        raise guarded.Refused("Your role sees dashboards only, not individual people.")
    contributor = scope.role == UserRole.CONTRIBUTOR  # the paths to anyone
    if person is None or not (visible or contributor):
        raise guarded.Unseen(f"No person with id '{person_id}' that you can see.")
    full = visible and guarded.opens_person(user, person)
    if not full and not contributor:
        raise guarded.Refused(f"You may not open the key-person view of {person_id}.")
    pool = guarded.starts(user)
    page = KeyPerson(person=person, full=full)
    if pool.count() > LISTED:
        page.colleague_search = True
    else:
        page.colleagues = colleagues(pool)
    chosen = None
    if from_id:
        # by id, else by name (a NUL byte names nobody, and PostgreSQL refuses it)
        page.start = None if "\x00" in from_id else find_person(pool, from_id)[0]
        if page.start is None:
            page.from_error = "not-a-colleague"
            chosen = []
        else:
            chosen = reports.paths_report(person_id, from_id=page.start.ext_id, workspace=ws)
    if full:
        view = reports.person_report(person_id, workspace=ws)
    else:
        paths = reports.paths_report(person_id, workspace=ws) if chosen is None else chosen
        view = _paths_only(person, paths)
    if chosen is not None:
        view["paths"] = chosen
    if full:
        view = visibility.filter_person(user, view)
    else:
        view["paths"] = visibility.filter_paths(user, view["paths"])
    page.view = view
    # Who looked at a key person is accountable: one insert, only for a page actually shown.
    deferred.later(  # after the response: a read never waits for the write lock
        audit.record,
        actor=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.ext_id,
        summary=f"viewed {person.name}" + ("" if full else " (paths only)"),
    )
    return page
