"""`/api/deals`: list, read, create, change and delete deals (with `competitor_ids`).

Sales add and change deals on their accounts; contributors and viewers see no deals.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from guanxi.access.permissions import DELETE, restrict
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, conflict, forbidden, invalid
from guanxi.api.lookup import (
    assign,
    changeable,
    ensure_new,
    may_write_in,
    reference,
    references,
    visible,
)
from guanxi.api.schemas.common import PageIn, Ref, choice, page, text
from guanxi.api.schemas.deals import DealIn, DealOut, DealPage, DealPatch
from guanxi.deals.choices import DealStatus
from guanxi.deals.credit import may_recompute, recompute_credit, stored_shares
from guanxi.deals.models import Deal
from guanxi.deals.services import delete_deal_record, save_deal
from guanxi.people.models import Organisation, Person

router = Router(tags=["deals"])
FIELDS = ("name", "stage", "status", "amount", "currency", "close_date")
NULLABLE = {"amount", "close_date"}


class DealFilter(Schema):
    """Filters of the deal list."""

    status: choice(DealStatus) | None = None  # type: ignore[valid-type]
    organization_id: Ref | None = None
    owner: Ref | None = None
    q: text(200) | None = None


def deals_base() -> Any:
    """Deals with their customer and competitors, ready for `deal_out`."""
    return Deal.objects.select_related("organisation", "owner").prefetch_related("competitors")


def deal_out(deal: Deal) -> dict[str, Any]:
    """A deal as the API shows it (deals.csv's columns)."""
    return {
        "id": deal.ext_id,
        "organization_id": deal.organisation.ext_id,
        "name": deal.name,
        "stage": deal.stage,
        "status": deal.status,
        "amount": float(deal.amount) if deal.amount is not None else None,
        "currency": deal.currency,
        "close_date": deal.close_date,
        "competitor_ids": sorted(c.ext_id for c in deal.competitors.all()),
        "owner": deal.owner.ext_id if deal.owner_id else None,
    }


@router.get("/deals", response={200: DealPage, **ERRORS})
def list_deals(request: HttpRequest, filters: Query[DealFilter], paging: Query[PageIn]) -> Any:
    """Deals the user may see, by id; filter by status, organization_id, owner (a person id),
    or q (name, id)."""
    deals = restrict(user_of(request), deals_base())
    if filters.status:
        deals = deals.filter(status=filters.status)
    if filters.organization_id:
        deals = deals.filter(organisation__ext_id=filters.organization_id)
    if filters.owner:
        deals = deals.filter(owner__ext_id=filters.owner)
    if filters.q:
        deals = deals.filter(Q(name__icontains=filters.q) | Q(ext_id__icontains=filters.q))
    return page(deals.order_by("ext_id"), paging, deal_out)


@router.get("/deals/{id}", response={200: DealOut, **ERRORS})
def get_deal(request: HttpRequest, id: str) -> Any:
    """One deal by its interchange id."""
    return deal_out(visible(user_of(request), deals_base(), "deal", "id", ext_id=id))


def _apply(user: Any, deal: Deal, data: dict[str, Any]) -> Deal:
    assign(deal, data, FIELDS, NULLABLE)
    if data.get("owner") is not None:
        # one of our people the user can see; services.check_deal refuses anyone else
        deal.owner = reference(user, Person.objects.all(), data["owner"], "person", "owner")
    elif "owner" in data:
        deal.owner = None
    competitors = None
    if "competitor_ids" in data:
        if data["competitor_ids"] is None:
            raise invalid("competitor_ids", "This field cannot be null; send [] for none.")
        competitors = references(
            user,
            Organisation.objects.all(),
            data["competitor_ids"],
            "organisation",
            "competitor_ids",
        )
    return save_deal(deal, actor=user, competitors=competitors)


def _customer(user: Any, org_id: str) -> Organisation:
    org = reference(user, Organisation.objects.all(), org_id, "organisation", "organization_id")
    may_write_in(user, org)
    return org


@router.post("/deals", response={201: DealOut, **ERRORS})
@transaction.atomic
def create_deal(request: HttpRequest, payload: DealIn) -> Any:
    """Add a deal on a customer the user may change (409 if the id is taken)."""
    user = user_of(request)
    org = _customer(user, payload.organization_id)
    ensure_new(Deal, payload.id, "A deal")
    deal = _apply(user, Deal(ext_id=payload.id, organisation=org), payload.model_dump())
    return Status(201, deal_out(deals_base().get(pk=deal.pk)))


@router.patch("/deals/{id}", response={200: DealOut, **ERRORS})
@transaction.atomic
def update_deal(request: HttpRequest, id: str, payload: DealPatch) -> Any:
    """Change a deal (competitor_ids, when sent, replaces the competitors in play)."""
    user = user_of(request)
    deal = changeable(user, deals_base(), "deal", "id", ext_id=id)
    data = payload.model_dump(exclude_unset=True)
    if "organization_id" in data:
        if data["organization_id"] is None:
            raise invalid("organization_id", "This field cannot be null.")
        org = _customer(user, data["organization_id"])
        deal.organisation = org
    deal = _apply(user, deal, data)
    return deal_out(deals_base().get(pk=deal.pk))


@router.delete("/deals/{id}", response={204: None, **ERRORS})
def delete_deal(request: HttpRequest, id: str) -> Any:
    """Delete a deal with its decision roles."""
    user = user_of(request)
    deal = changeable(user, deals_base(), "deal", "id", DELETE, ext_id=id)
    delete_deal_record(deal, actor=user)
    return Status(204, None)


class CreditShare(Schema):
    """One of our people's recorded share of a won deal's credit (0–1)."""

    person_id: str
    share: float


class DealCreditOut(Schema):
    """The credit recorded for a won deal: when, and each person's share."""

    deal_id: str
    recorded_at: str | None
    shares: list[CreditShare]


def _credit_out(deal: Deal) -> dict[str, Any]:
    shares = stored_shares(deal)
    recorded = Deal.objects.filter(pk=deal.pk).values_list("credit_recorded_at", flat=True)[0]
    return {
        "deal_id": deal.ext_id,
        "recorded_at": recorded.isoformat() if recorded else None,
        "shares": [{"person_id": p, "share": s} for p, s in shares.items()],
    }


@router.get("/deals/{id}/credit", response={200: DealCreditOut, **ERRORS})
def get_credit(request: HttpRequest, id: str) -> Any:
    """The credit recorded when the deal was won (v2: it stays as recorded)."""
    return _credit_out(visible(user_of(request), deals_base(), "deal", "id", ext_id=id))


@router.post("/deals/{id}/credit/recompute", response={200: DealCreditOut, **ERRORS})
def recompute_deal_credit(request: HttpRequest, id: str) -> Any:
    """Re-record a won deal's credit from today's relationships (managers and admins;
    audited with the shares before and after)."""
    user = user_of(request)
    deal = visible(user, deals_base(), "deal", "id", ext_id=id)
    if not may_recompute(user):
        raise forbidden("Only managers and admins may recompute credit.")
    if deal.status != DealStatus.WON:
        raise conflict("id", f"Deal {deal.ext_id} is not won, so it has no credit.")
    recompute_credit(deal=deal, actor=user)
    return _credit_out(deal)
