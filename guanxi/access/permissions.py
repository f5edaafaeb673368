"""The one permission choke point: who may see and change what.

Every list, detail, search, graph, API route, export and CLI read goes through `restrict()`
(querysets) or `scope_of()` (the analysis views), so a rule is written once.

Roles:
- admin: everything, including users (changed and deactivated, never deleted).
- manager: every account and every analysis; sees every user, changes sales, contributor and
  viewer logins.
- sales: the customers whose account team they are on, our people, and the competitors'
  people who have a tie into those customers; their own employee view.
- contributor (non-sales staff): their own person, ties and interactions, the people they
  know, their own employee view, and paths to a person (the path itself).
- viewer: read-only dashboards: organisations and company-wide numbers, no person-level data.

Writes (CHANGE/DELETE): sales change the people, ties, deals and roles of their accounts, and
an interaction only when they may see all its participants; only admins and managers delete
organisations (or change their kind, parent, tier: guanxi.access.writes); a contributor
changes their own record (not its power, key, is_sales), ties and interactions, and never
deletes themself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from guanxi.access.choices import UserRole

VIEW, CHANGE, DELETE = "view", "change", "delete"
#: Snapshot metrics about one person (guanxi.analytics.history): a customer person's
#: closeness is seen with that person; an employee's resources with their employee view.
PERSON_METRICS = ("closeness", "resources")
ACTIONS = (VIEW, CHANGE, DELETE)
#: the roles a manager may give and change (admins and managers are an admin's to change)
MANAGED_BY_MANAGERS = (UserRole.SALES, UserRole.CONTRIBUTOR, UserRole.VIEWER)


@dataclass(frozen=True)
class Scope:
    """What one user may reach: role, own person, and visible customers (None = all)."""

    role: str
    person_id: int | None
    account_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        """Admins and managers see every account and every analysis."""
        return self.role in (UserRole.ADMIN, UserRole.MANAGER)

    @property
    def company_numbers(self) -> bool:
        """Company-wide scores (capability, all accounts, all employees, competitors)."""
        return self.role in (UserRole.ADMIN, UserRole.MANAGER, UserRole.VIEWER)

    @property
    def writes(self) -> bool:
        """May record anything at all (viewers are read-only)."""
        return self.role != UserRole.VIEWER

    @property
    def people_level(self) -> bool:
        """May see individual people and ties (viewers see dashboards only)."""
        return self.role != UserRole.VIEWER

    def sees_account(self, org_pk: int) -> bool:
        """May open this customer's relationship graph."""
        if self.everything:
            return True
        return self.account_ids is not None and org_pk in self.account_ids

    def sees_employee(self, person_pk: int) -> bool:
        """May open this employee's resource view (their own, or everyone's for managers)."""
        return self.everything or self.role == UserRole.VIEWER or person_pk == self.person_id


ANONYMOUS = Scope(role="none", person_id=None, account_ids=frozenset())


def scope_of(user: Any) -> Scope:
    """The user's scope, computed once per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_guanxi_scope", None)
    if cached is not None:
        return cached
    from guanxi.access.services import role_of
    from guanxi.people.models import Person

    role = role_of(user)
    person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    accounts: frozenset[int] | None = None
    if role in (UserRole.SALES, UserRole.CONTRIBUTOR, UserRole.VIEWER):
        profile = getattr(user, "profile", None)
        ids = profile.accounts.values_list("pk", flat=True) if profile and role == "sales" else []
        accounts = frozenset(ids)
    scope = Scope(role=role, person_id=person_id, account_ids=accounts)
    user._guanxi_scope = scope
    return scope


def _people_q(scope: Scope, prefix: str = "") -> Q:
    """People visible to a non-manager, as a filter on a Person relation at `prefix`."""
    p = prefix
    if scope.role == UserRole.SALES:
        accounts = scope.account_ids or frozenset()
        in_accounts = Q(**{f"{p}organisation_id__in": accounts})
        ours = Q(**{f"{p}organisation__kind": "own"})
        tied_in = Q(**{f"{p}ties_out__target__organisation_id__in": accounts}) | Q(
            **{f"{p}ties_in__source__organisation_id__in": accounts}
        )
        competitor = Q(**{f"{p}organisation__kind": "competitor"}) & tied_in
        return in_accounts | ours | competitor
    if scope.role == UserRole.CONTRIBUTOR and scope.person_id is not None:
        me = scope.person_id
        return (
            Q(**{f"{p}pk": me})
            | Q(**{f"{p}ties_out__target_id": me})
            | Q(**{f"{p}ties_in__source_id": me})
        )
    return Q(pk__in=[])


def _users(scope: Scope, queryset: QuerySet, action: str) -> QuerySet:
    """Login users: admins see and change all; managers see all and change only the sales,
    contributor and viewer logins (never an admin's or a manager's); nobody else any."""
    if scope.role == UserRole.ADMIN:
        return queryset if action != DELETE else queryset.none()  # deactivated, never deleted
    if scope.role == UserRole.MANAGER:
        if action == VIEW:
            return queryset
        if action == CHANGE:
            return queryset.filter(is_superuser=False).filter(
                Q(profile__role__in=MANAGED_BY_MANAGERS) | Q(profile__isnull=True)
            )
    return queryset.none()


def unrestricted(user: Any, model: type, action: str = VIEW) -> bool:
    """True when `restrict` leaves the user every record of `model` for `action` (admins and
    managers; never the audit log or the logins, which have rules of their own), so that a
    caller holding records already need not ask again which the user may reach."""
    from guanxi.core.models import AuditEvent

    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    scope = scope_of(user)
    if scope.role == "none" or (action != VIEW and not scope.writes):
        return False
    if model is AuditEvent or model is get_user_model():
        return False
    return scope.everything


def restrict(user: Any, queryset: QuerySet, action: str = VIEW) -> QuerySet:
    """The part of `queryset` the user may see (VIEW) or change/delete (CHANGE/DELETE)."""
    from guanxi.core.models import AuditEvent, Snapshot
    from guanxi.deals.models import Deal, DealRole
    from guanxi.people.models import Interaction, Organisation, Person, Tie

    model = queryset.model
    if unrestricted(user, model, action):  # (it refuses an unknown action)
        return queryset
    scope = scope_of(user)
    none = queryset.none()
    if scope.role == "none" or (action != VIEW and not scope.writes):
        return none
    if model is AuditEvent:
        allowed = scope.role in (UserRole.ADMIN, UserRole.MANAGER) and action == VIEW
        return queryset if allowed else none
    if model is get_user_model():
        return _users(scope, queryset, action)
    if scope.role == UserRole.VIEWER:
        if model is Snapshot:
            # Dashboards and employee views, but no customer person by name (ours, or a
            # competitor's closeness@COMPETITOR).
            return queryset.exclude(metric__startswith="closeness")
        return queryset if model is Organisation else none

    accounts = scope.account_ids or frozenset()
    contributor = scope.role == UserRole.CONTRIBUTOR
    me = scope.person_id
    if model is Person:
        if action != VIEW:
            # Sales change their accounts' people; contributors change only their own record
            # and never delete it (their ties would go with it).
            if contributor:
                return queryset.filter(pk=me) if action == CHANGE else none
            return queryset.filter(organisation_id__in=accounts)
        return queryset.filter(_people_q(scope)).distinct()
    if model is Organisation:
        if action == DELETE or (action == CHANGE and contributor):
            # Deleting an organisation, like changing its kind, parent or tier
            # (guanxi.access.writes), is for admins and managers.
            return none
        if action == CHANGE:
            return queryset.filter(pk__in=accounts)
        if contributor:
            visible = Person.objects.filter(_people_q(scope)).values("organisation_id")
            return queryset.filter(Q(pk__in=visible) | Q(kind="own"))
        return queryset.filter(Q(pk__in=accounts) | Q(kind__in=["own", "competitor"]))
    if model is Tie:
        if contributor:
            return queryset.filter(Q(source_id=me) | Q(target_id=me))
        touches = Q(source__organisation_id__in=accounts) | Q(target__organisation_id__in=accounts)

        # ... and both of its people visible: a tie must not name someone outside the scope.
        # For a tie that touches her accounts that is: each end in her accounts, ours, or a
        # competitor's (who is then tied into her accounts by this very tie) — the same set
        # as _people_q, written without a subquery over every tie.
        def seen(end: str) -> Q:
            return Q(**{f"{end}__organisation_id__in": accounts}) | Q(
                **{f"{end}__organisation__kind__in": ["own", "competitor"]}
            )

        return queryset.filter(touches, seen("source"), seen("target"))
    if model is Interaction:
        if contributor:
            found = queryset.filter(participation__person_id=me).distinct()
        else:
            found = queryset.filter(participation__person__organisation_id__in=accounts).distinct()
        if action != VIEW:
            # Changing or deleting an interaction touches every participant, so it needs
            # every participant visible (a summit with hidden guests is read-only).
            from guanxi.people.models import Participation

            seen = Person.objects.filter(_people_q(scope)).values("pk")
            hidden = Participation.objects.exclude(person_id__in=seen).values("interaction_id")
            found = found.exclude(pk__in=hidden)
        return found
    if model is Deal:
        return none if contributor else queryset.filter(organisation_id__in=accounts)
    if model is DealRole:
        if contributor:
            return none
        # A role names its holder: only roles of people the user may see.
        seen = Person.objects.filter(_people_q(scope)).values("pk")
        return queryset.filter(deal__organisation_id__in=accounts, person_id__in=seen)
    if model is Snapshot:
        mine = Person.objects.filter(pk=me).values("ext_id")
        if contributor:
            return queryset.filter(metric="resources", subject_id__in=mine)
        ids = Organisation.objects.filter(pk__in=accounts).values_list("ext_id", flat=True)
        people = restrict(user, Person.objects.all()).values("ext_id")
        return queryset.filter(
            Q(subject_id__in=list(ids))
            & ~Q(metric__in=PERSON_METRICS)
            & ~Q(metric__startswith="closeness@")
            | Q(metric="closeness", subject_id__in=people)
            | Q(metric="resources", subject_id__in=mine)
        )
    return none
