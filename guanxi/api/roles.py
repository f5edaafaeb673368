"""`/api/deal_roles`: the decision roles people hold on deals, addressed as
`/api/deal_roles/{deal_id}/{person_id}/{role}` (deal_roles.csv's key columns)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import CHANGE, DELETE, restrict
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, conflict, forbidden
from guanxi.api.lookup import assign, changeable, reference, require_writer, visible
from guanxi.api.schemas.common import PageIn, Ref, choice, page
from guanxi.api.schemas.deals import DealRoleIn, DealRoleOut, DealRolePage, DealRolePatch
from guanxi.deals.choices import Role
from guanxi.deals.models import Deal, DealRole
from guanxi.deals.services import delete_deal_record, save_deal_role
from guanxi.people.models import Person

router = Router(tags=["deal roles"])


class RoleFilter(Schema):
    """Filters of the decision-role list."""

    deal_id: Ref | None = None
    person_id: Ref | None = None
    role: choice(Role) | None = None  # type: ignore[valid-type]


def _base() -> Any:
    return DealRole.objects.select_related("deal", "person")


def role_out(role: DealRole) -> dict[str, Any]:
    """A decision role as the API shows it (deal_roles.csv's columns)."""
    return {
        "deal_id": role.deal.ext_id,
        "person_id": role.person.ext_id,
        "role": role.role,
        "attitude": role.attitude,
        "contact_level": role.contact_level,
        "personality": role.personality,
        "notes": role.notes,
        "competitors_checked": role.competitors_checked,
    }


def _key(deal_id: str, person_id: str, role: str) -> dict[str, str]:
    return {"deal__ext_id": deal_id, "person__ext_id": person_id, "role": role}


@router.get("/deal_roles", response={200: DealRolePage, **ERRORS})
def list_roles(request: HttpRequest, filters: Query[RoleFilter], paging: Query[PageIn]) -> Any:
    """Decision roles the user may see; filter by deal_id, person_id, role."""
    roles = restrict(user_of(request), _base())
    if filters.deal_id:
        roles = roles.filter(deal__ext_id=filters.deal_id)
    if filters.person_id:
        roles = roles.filter(person__ext_id=filters.person_id)
    if filters.role:
        roles = roles.filter(role=filters.role)
    return page(roles.order_by("deal__ext_id", "role", "person__ext_id"), paging, role_out)


@router.get("/deal_roles/{deal_id}/{person_id}/{role}", response={200: DealRoleOut, **ERRORS})
def get_role(request: HttpRequest, deal_id: str, person_id: str, role: str) -> Any:
    """One decision role."""
    found = visible(
        user_of(request), _base(), "decision role", "deal_id", **_key(deal_id, person_id, role)
    )
    return role_out(found)


@router.post("/deal_roles", response={201: DealRoleOut, **ERRORS})
def create_role(request: HttpRequest, payload: DealRoleIn) -> Any:
    """Put a customer's person in a decision role on a deal the user may change."""
    user = user_of(request)
    require_writer(user)
    deal = reference(
        user, Deal.objects.select_related("organisation"), payload.deal_id, "deal", "deal_id"
    )
    if not restrict(user, Deal.objects.filter(pk=deal.pk), CHANGE).exists():
        raise forbidden(f"You may not change deal {deal.ext_id}.", "deal_id")
    person = reference(
        user,
        Person.objects.select_related("organisation"),
        payload.person_id,
        "person",
        "person_id",
    )
    if DealRole.objects.filter(deal=deal, person=person, role=payload.role).exists():
        raise conflict(
            None, f"{person.ext_id} already holds the role {payload.role} on {deal.ext_id}."
        )
    role = DealRole(
        deal=deal,
        person=person,
        role=payload.role,
        attitude=payload.attitude,
        contact_level=payload.contact_level,
        personality=payload.personality,
        notes=payload.notes,
        competitors_checked=payload.competitors_checked,
    )
    return Status(201, role_out(save_deal_role(role, actor=user)))


@router.patch("/deal_roles/{deal_id}/{person_id}/{role}", response={200: DealRoleOut, **ERRORS})
def update_role(
    request: HttpRequest, deal_id: str, person_id: str, role: str, payload: DealRolePatch
) -> Any:
    """Change a role's attitude, contact level, personality, notes or competitors_checked."""
    user = user_of(request)
    found = changeable(user, _base(), "decision role", "deal_id", **_key(deal_id, person_id, role))
    data = payload.model_dump(exclude_unset=True)
    assign(found, data, data)
    return role_out(save_deal_role(found, actor=user))


@router.delete("/deal_roles/{deal_id}/{person_id}/{role}", response={204: None, **ERRORS})
def delete_role(request: HttpRequest, deal_id: str, person_id: str, role: str) -> Any:
    """Remove a person from a decision role."""
    user = user_of(request)
    found = changeable(
        user, _base(), "decision role", "deal_id", DELETE, **_key(deal_id, person_id, role)
    )
    delete_deal_record(found, actor=user)
    return Status(204, None)
