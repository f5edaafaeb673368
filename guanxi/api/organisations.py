"""`/api/organisations`: list, read, create, change and delete organisations.

Admins and managers add organisations; sales change their own accounts; every list and
read goes through `restrict()`.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import DELETE, restrict, scope_of
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, forbidden
from guanxi.api.lookup import (
    assign,
    changeable,
    confirm_deletion,
    ensure_new,
    keep_fixed,
    reference,
    require_writer,
    visible,
)
from guanxi.api.schemas.common import PageIn, choice, page, text
from guanxi.api.schemas.people import (
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    OrganisationPatch,
)
from guanxi.people.choices import OrgKind, Tier
from guanxi.people.deletion import delete_organisation as remove_organisation
from guanxi.people.deletion import organisation_deletion
from guanxi.people.models import Organisation
from guanxi.people.services import check_organisation, save_organisation

router = Router(tags=["organisations"])


class OrganisationFilter(Schema):
    """Filters of the organisation list."""

    kind: choice(OrgKind) | None = None  # type: ignore[valid-type]
    tier: choice(Tier) | None = None  # type: ignore[valid-type]
    q: text(200) | None = None


def organisation_out(org: Organisation) -> dict[str, Any]:
    """An organisation as the API shows it."""
    return {
        "id": org.ext_id,
        "name": org.name,
        "kind": org.kind,
        "tier": org.tier or None,
        "industry": org.industry,
        "parent_id": org.parent.ext_id if org.parent_id else None,
    }


def _base() -> Any:
    return Organisation.objects.select_related("parent")


@router.get("/organisations", response={200: OrganisationPage, **ERRORS})
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilter], paging: Query[PageIn]
) -> Any:
    """Organisations the user may see, by name; filter by kind, tier, or q (name or id)."""
    orgs = restrict(user_of(request), _base())
    if filters.kind:
        orgs = orgs.filter(kind=filters.kind)
    if filters.tier:
        orgs = orgs.filter(tier=filters.tier)
    if filters.q:
        orgs = orgs.filter(Q(name__icontains=filters.q) | Q(ext_id__icontains=filters.q))
    return page(orgs.order_by("name", "ext_id"), paging, organisation_out)


@router.get("/organisations/{id}", response={200: OrganisationOut, **ERRORS})
def get_organisation(request: HttpRequest, id: str) -> Any:
    """One organisation by its interchange id."""
    org = visible(user_of(request), _base(), "organisation", "id", ext_id=id)
    return organisation_out(org)


def _apply(user: Any, org: Organisation, data: dict[str, Any]) -> Organisation:
    assign(org, data, ("name", "kind", "industry"))
    if "tier" in data:
        org.tier = data["tier"] or ""
    if "parent_id" in data:
        parent_id = data["parent_id"]
        org.parent = (
            None
            if parent_id is None
            else reference(user, Organisation.objects.all(), parent_id, "organisation", "parent_id")
        )
    keep_fixed(user, org)
    # The service's own rules first: they name the field (kind, parent), where the database
    # constraints checked by full_clean would speak of the record as a whole.
    check_organisation(org)
    return save_organisation(org, actor=user)


@router.post("/organisations", response={201: OrganisationOut, **ERRORS})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Any:
    """Add an organisation (admins and managers)."""
    user = user_of(request)
    require_writer(user)
    if not scope_of(user).everything:
        raise forbidden("Only admins and managers add organisations.")
    ensure_new(Organisation, payload.id, "An organisation")
    org = _apply(user, Organisation(ext_id=payload.id), payload.model_dump(exclude={"id"}))
    return Status(201, organisation_out(org))


@router.patch("/organisations/{id}", response={200: OrganisationOut, **ERRORS})
def update_organisation(request: HttpRequest, id: str, payload: OrganisationPatch) -> Any:
    """Change an organisation (only the fields sent)."""
    user = user_of(request)
    org = changeable(user, _base(), "organisation", "id", ext_id=id)
    org = _apply(user, org, payload.model_dump(exclude_unset=True))
    return organisation_out(org)


@router.delete("/organisations/{id}", response={204: None, **ERRORS})
def delete_organisation(request: HttpRequest, id: str, confirm: bool = False) -> Any:
    """Delete an organisation that has no people, deals or subsidiaries left (else 409);
    admins and managers. When it is on account teams or among a deal's competitors in play,
    the answer is a 409 listing those unless `confirm=true`."""
    user = user_of(request)
    org = changeable(user, _base(), "organisation", "id", DELETE, ext_id=id)
    confirm_deletion(user, organisation_deletion(org), f"organisation {org.ext_id}", confirm)
    remove_organisation(org, actor=user)
    return Status(204, None)
