"""The analysis routes: the CLI's JSON (CLI.md) over HTTP, through the permission rules.

| route | who |
|---|---|
| GET /api/accounts/{id}/analysis | whoever may open the account (`scope.sees_account`) |
| GET /api/people/{id}/view | people-level roles, for a person `restrict()` shows them; audited |
| GET /api/people/{id}/paths?from=&k= | a visible person; contributors: anyone |
| GET /api/company?side= | roles with company-wide numbers (admin, manager, viewer) |
| GET /api/deals/{id}/analysis | roles that see deals, for a deal `restrict()` shows them |

Admins and managers get exactly the CLI's JSON; others get it without the people they may
not see (guanxi.access.visibility). An unknown or invisible id is a 404; a role that never
sees this kind of analysis, or an account the user can see but not open, is a 403.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from guanxi.access import visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict, scope_of
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, forbidden, invalid, not_found
from guanxi.api.lookup import visible
from guanxi.api.schemas.analysis import (
    AccountAnalysis,
    CompanyView,
    DealAnalysis,
    Path,
    PersonView,
)
from guanxi.api.schemas.common import Ref
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person
from guanxi.scoring import reports

router = Router(tags=["analysis"])


def _json(request: HttpRequest, data: Any) -> HttpResponse:
    """Send a report's own dict, so the JSON is the CLI's key for key and number for number."""
    from guanxi.api.api import api

    return api.create_response(request, data, status=200)


def _people_level(user: Any) -> None:
    if not scope_of(user).people_level:
        raise forbidden("Your role sees dashboards only, not individual people.")


@router.get("/accounts/{id}/analysis", response={200: AccountAnalysis, **ERRORS})
def account_analysis(request: HttpRequest, id: str) -> Any:
    """The customer relationship graph of an account (`guanxi account ID --json`)."""
    user = user_of(request)
    org = visible(user, Organisation.objects.all(), "organisation", "id", ext_id=id)
    if not scope_of(user).sees_account(org.pk):
        raise forbidden(f"You may not open the account {org.ext_id}.", "id")
    view = reports.account_report(org.ext_id)
    return _json(request, visibility.filter_account(user, view))


@router.get("/people/{id}/view", response={200: PersonView, **ERRORS})
def person_view(request: HttpRequest, id: str) -> Any:
    """The key-person view (`guanxi person ID --json`); every view is written to the audit
    log, as it shows who knows a key person."""
    user = user_of(request)
    _people_level(user)
    person = visible(user, Person.objects.all(), "person", "id", ext_id=id)
    view = visibility.filter_person(user, reports.person_report(person.ext_id))
    audit.record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.ext_id,
        summary=f"key-person view of {person.name} (API)",
    )
    return _json(request, view)


class PathsQuery(Schema):
    """Where the paths start (one of our people; default: any) and how many."""

    from_: Ref | None = Field(None, alias="from")
    k: int = Field(3, ge=1, le=50)


@router.get("/people/{id}/paths", response={200: list[Path], **ERRORS})
def person_paths(request: HttpRequest, id: str, query: Query[PathsQuery]) -> Any:
    """The best paths to a person (`guanxi paths ID --json`), strongest first.

    Contributors may ask for the paths to anyone and see them whole; other roles ask for
    people they can see and get only the paths whose every person they can see.
    """
    user = user_of(request)
    _people_level(user)
    people = Person.objects.all()
    if scope_of(user).role == UserRole.CONTRIBUTOR:
        target = people.filter(ext_id=id).first() if "\x00" not in id else None
        if target is None:
            raise not_found("id", f"No person with id '{id}'.")
    else:
        target = visible(user, people, "person", "id", ext_id=id)
    start = None
    if query.from_ is not None:
        start = restrict(user, people).filter(ext_id=query.from_).first()
        if start is None:
            raise invalid("from", f"No person with id '{query.from_}' that you can see.")
    paths = reports.paths_report(target.ext_id, from_id=start and start.ext_id, k=query.k)
    return _json(request, visibility.filter_paths(user, paths))


class CompanyQuery(Schema):
    """Whose resources: a competitor's id, or ours (default)."""

    side: Ref | None = None


@router.get("/company", response={200: CompanyView, **ERRORS})
def company(request: HttpRequest, query: Query[CompanyQuery]) -> Any:
    """Our (or a competitor's) relationship resources (`guanxi company --json`)."""
    user = user_of(request)
    if not scope_of(user).company_numbers:
        raise forbidden("Company-wide numbers are for admins, managers and viewers.")
    return _json(request, reports.company_report(query.side))


@router.get("/deals/{id}/analysis", response={200: DealAnalysis, **ERRORS})
def deal_analysis(request: HttpRequest, id: str) -> Any:
    """The decision chain of a deal (`guanxi deal ID --json`)."""
    user = user_of(request)
    scope = scope_of(user)
    if not scope.everything and scope.role != UserRole.SALES:
        raise forbidden("Your role does not see deals.")
    deal = visible(user, Deal.objects.all(), "deal", "id", ext_id=id)
    return _json(request, visibility.filter_deal(user, reports.deal_report(deal.ext_id)))
