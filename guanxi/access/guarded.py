"""The analysis reports as one user may see them: the permission rules of the choke point
applied to the account, key-person, paths, company and deal reports. The REST API and the
command line (`--user NAME`) both answer through these functions.

| report | who |
|---|---|
| account | whoever may open the account (`scope.sees_account`); a non-customer is no account |
| person (key-person view) | people-level roles, for a person `restrict()` shows them (a
  customer's person: with their account); audited |
| paths | a visible person; contributors: anyone, and they see the paths whole |
| company | roles with company-wide numbers (admin, manager, viewer) |
| deal | people-level roles, for a deal `restrict()` shows them (contributors: none) |

Refused (403) is for a role that has no such view at all, whatever the id, or a record the
user may see but not open there; Unseen (404) for a record they may not see, exactly as for
an unknown id. The pages (guanxi.access.facade) answer through these same functions.

Admins and managers get the full report; others get it without the people they may not see
(guanxi.access.visibility).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from guanxi.access import visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics.graph import Workspace
from guanxi.core import audit, deferred
from guanxi.core.choices import AuditAction
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person
from guanxi.scoring import reports


class Refused(Exception):
    """The user is known and may not see this report (HTTP 403)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unseen(Exception):
    """No such record, or one the user may not see — not told apart (HTTP 404)."""

    def __init__(self, message: str, field: str = "id") -> None:
        super().__init__(message)
        self.field = field


class BadArgument(Exception):
    """A well-formed request that names something unusable (HTTP 422)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _visible(user: Any, queryset: QuerySet, what: str, ext_id: str, field: str = "id") -> Any:
    found = restrict(user, queryset).filter(ext_id=ext_id).first() if "\x00" not in ext_id else None
    if found is None:
        raise Unseen(f"No {what} with id '{ext_id}' that you can see.", field)
    return found


def _people_level(user: Any) -> None:
    if not scope_of(user).people_level:
        raise Refused("Your role sees dashboards only, not individual people.")


def account_record(user: Any, account_id: str) -> Organisation:
    """The customer `account_id` if the user may open its graph: Unseen when hidden, unknown
    or not a customer (there is no such account); Refused when they may see the organisation
    but not open its graph."""
    org: Organisation = _visible(user, Organisation.objects.all(), "organisation", account_id)
    if org.kind != "customer":
        raise Unseen(f"No customer account with id '{account_id}'.")
    if not scope_of(user).sees_account(org.pk):
        raise Refused(f"You may not open the account {org.ext_id}.", "id")
    return org


def account_for(
    user: Any, account_id: str, *, workspace: Workspace | None = None
) -> dict[str, Any]:
    """The customer relationship graph of an account, as the user may see it."""
    org = account_record(user, account_id)
    view = reports.account_report(org.ext_id, workspace=workspace)
    return visibility.filter_account(user, view)


def opens_person(user: Any, person: Person) -> bool:
    """Whether the user may open the whole key-person view of a person they may see: a
    customer's person only with their account (contributors get the paths to them)."""
    if person.organisation.kind == "customer":
        return scope_of(user).sees_account(person.organisation_id)
    return True


def person_for(
    user: Any, person_id: str, *, channel: str, workspace: Workspace | None = None
) -> dict[str, Any]:
    """The key-person view, as the user may see it; every view is written to the audit log
    (it shows who knows a key person). `channel` says where it was asked (API, CLI)."""
    _people_level(user)
    people = Person.objects.select_related("organisation")
    person: Person = _visible(user, people, "person", person_id)
    if not opens_person(user, person):
        raise Refused(f"You may see the paths to {person.ext_id}, not the whole view.")
    report = reports.person_report(person.ext_id, workspace=workspace)
    view = visibility.filter_person(user, report)
    deferred.later(  # after the response: a read never waits for the write lock
        audit.record,
        actor=user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.ext_id,
        summary=f"key-person view of {person.name} ({channel})",
    )
    return view


def starts(user: Any) -> QuerySet:
    """Our active people the user may start paths from (a contributor: only themselves, as
    they see no one else's network)."""
    ours = restrict(user, Person.objects.filter(organisation__kind="own", status="active"))
    if scope_of(user).role == UserRole.CONTRIBUTOR:
        return ours.filter(pk=scope_of(user).person_id)
    return ours


def paths_for(
    user: Any,
    person_id: str,
    *,
    from_id: str | None = None,
    k: int = 3,
    workspace: Workspace | None = None,
) -> list[dict[str, Any]]:
    """The best paths to a person, as the user may see them. Contributors may ask for the
    paths to anyone and see them whole; others ask for people they can see and get only the
    paths whose every person they can see."""
    _people_level(user)
    people = Person.objects.all()
    target: Model | None
    if scope_of(user).role == UserRole.CONTRIBUTOR:
        target = people.filter(ext_id=person_id).first() if "\x00" not in person_id else None
        if target is None:
            raise Unseen(f"No person with id '{person_id}'.")
    else:
        target = _visible(user, people, "person", person_id)
    start = None
    if from_id is not None:
        start = starts(user).filter(ext_id=from_id).first()
        if start is None:
            raise BadArgument(f"'{from_id}' is not one of our people you can start from.", "from")
    paths = reports.paths_report(
        target.ext_id, from_id=start and start.ext_id, k=k, workspace=workspace
    )
    return visibility.filter_paths(user, paths)


def company_for(
    user: Any, side_id: str | None = None, *, workspace: Workspace | None = None
) -> dict[str, Any]:
    """Our (or a competitor's) relationship resources: company-wide numbers."""
    scope = scope_of(user)
    if not scope.company_numbers:
        raise Refused("Company-wide numbers are for admins, managers and viewers.")
    view = reports.company_report(side_id, workspace=workspace)
    if "threats" in view and not scope.people_level:
        # a viewer sees where a competitor leads, not who the customer's people are
        view["threats"] = [{**t, "person": None, "name": None} for t in view["threats"]]
    return visibility.filter_company(user, view)


def deal_record(user: Any, deal_id: str) -> Deal:
    """The deal if the user may see it: Refused for a role with no person-level pages
    (viewers), Unseen when hidden (contributors see no deal) or unknown."""
    _people_level(user)
    deals = Deal.objects.select_related("organisation", "owner").prefetch_related("competitors")
    return _visible(user, deals, "deal", deal_id)


def deal_for(user: Any, deal_id: str, *, workspace: Workspace | None = None) -> dict[str, Any]:
    """The decision chain of a deal, as the user may see it."""
    deal = deal_record(user, deal_id)
    return visibility.filter_deal(user, reports.deal_report(deal.ext_id, workspace=workspace))
