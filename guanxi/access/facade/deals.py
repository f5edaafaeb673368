"""The deal pages: the list of the deals a user may see with their decision-chain numbers,
and one deal's decision chain with the customer's account view and the ties that link its
role holders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guanxi.access import guarded, visibility
from guanxi.access.permissions import CHANGE, restrict, scope_of
from guanxi.analytics.graph import Workspace
from guanxi.deals.choices import DealStatus
from guanxi.deals.models import Deal, DealRole
from guanxi.people.choices import OrgKind, PersonStatus
from guanxi.people.models import Organisation, Person, Tie
from guanxi.scoring import reports

STATUS_ORDER = {DealStatus.OPEN: 0, DealStatus.WON: 1, DealStatus.LOST: 2}


@dataclass
class DealPage:
    """One deal as the user may see it: the record, its filtered decision chain and account
    view, the stored roles of the holders shown, the ties touching them inside the customer
    (source, target, kind, strength) and whether the user may change the deal."""

    deal: Deal
    view: dict[str, Any]
    account: dict[str, Any]
    stored: dict[tuple[str, str], DealRole]
    ties: list[tuple[str, str, str, float | None]]
    can_change: bool


def _inside_ties(user: Any, deal: Deal, holders: set[str]) -> list[tuple[str, str, str, Any]]:
    """The ties the user may see between active people of the deal's customer that touch a
    role holder (to find who bridges two of them)."""
    org = deal.organisation_id
    active = {"source__status": PersonStatus.ACTIVE, "target__status": PersonStatus.ACTIVE}
    inside = restrict(
        user, Tie.objects.filter(source__organisation_id=org, target__organisation_id=org, **active)
    )
    columns = ("source__ext_id", "target__ext_id", "kind", "strength")
    return list(inside.filter(source__ext_id__in=holders).values_list(*columns)) + list(
        inside.filter(target__ext_id__in=holders).values_list(*columns)
    )


def deal_page(user: Any, deal_id: str, *, ws: Workspace) -> DealPage:
    """The decision chain page of one deal: Refused for a role without person-level pages,
    Unseen for a deal the user may not see."""
    deal = guarded.deal_record(user, deal_id)
    view = visibility.filter_deal(user, reports.deal_report(deal.ext_id, workspace=ws))
    account = visibility.filter_account(
        user, reports.account_report(deal.organisation.ext_id, workspace=ws)
    )
    holders = {r["person"] for r in view["roles"]}
    stored = {
        (r.person.ext_id, r.role): r
        for r in DealRole.objects.filter(deal=deal, person__ext_id__in=holders).select_related(
            "person"
        )
    }
    return DealPage(
        deal=deal,
        view=view,
        account=account,
        stored=stored,
        ties=_inside_ties(user, deal, holders),
        can_change=restrict(user, Deal.objects.filter(pk=deal.pk), CHANGE).exists(),
    )


def may_add_deal(user: Any) -> bool:
    """Whether the user may record a deal on some customer (their accounts, or any)."""
    return restrict(user, Organisation.objects.filter(kind=OrgKind.CUSTOMER), CHANGE).exists()


def deal_rows(
    user: Any, *, ws: Workspace, status: str = "", customer: str = "", owner: str = ""
) -> tuple[list[dict[str, Any]], list[Organisation], list[Person]]:
    """The deals the user may see (open first, then by close date), each with its win odds,
    coverage, number of warnings and of holders, filtered by status, customer and owner id;
    and the customers and owners of those deals. Refused for a role without person-level
    pages."""
    if not scope_of(user).people_level:
        raise guarded.Refused("Your role sees dashboards only, not deals.")
    deals = restrict(user, Deal.objects.select_related("organisation", "owner"))
    owners = list(
        restrict(user, Person.objects.all())
        .filter(pk__in=deals.values("owner_id"))
        .order_by("name")
    )
    customers = list(
        restrict(user, Organisation.objects.filter(kind=OrgKind.CUSTOMER))
        .filter(pk__in=deals.values("organisation_id"))
        .order_by("name")
    )
    if status in DealStatus.values:
        deals = deals.filter(status=status)
    if customer:
        deals = deals.filter(organisation__ext_id=customer)
    if owner:
        deals = deals.filter(owner__ext_id=owner)
    rows = list(deals)
    rows.sort(
        key=lambda d: (
            STATUS_ORDER.get(d.status, 3),
            d.close_date is None,
            d.close_date,
            d.ext_id,
        )
    )
    views = [reports.deal_report(deal.ext_id, workspace=ws) for deal in rows]
    named = {r["person"] for v in views for r in v["roles"]}
    named |= {w["person"] for v in views for w in v["warnings"] if w["person"]}
    # One look-up for every deal's people: a warning about someone hidden is not counted.
    ok = named if visibility.unfiltered(user) else visibility.visible_ids(user, named)
    items = []
    for deal, view in zip(rows, views, strict=True):
        items.append(
            {
                "deal": deal,
                "win_odds": view["win_odds"],
                "coverage": view["coverage"],
                "warnings": sum(
                    1 for w in view["warnings"] if not w["person"] or w["person"] in ok
                ),
                "holders": len({r["person"] for r in view["roles"] if r["person"] in ok}),
            }
        )
    return items, customers, owners


def deal_credit(user: Any, deal: Deal) -> tuple[list[dict[str, Any]], int]:
    """A won deal's recorded credit shares of the people the user may see (person id, name,
    share, whether the user may open their employee page), and how many shares are hidden."""
    from guanxi.deals.models import DealCredit

    rows = list(DealCredit.objects.filter(deal=deal).select_related("person"))
    visible = set(
        restrict(user, Person.objects.filter(pk__in=[r.person_id for r in rows])).values_list(
            "pk", flat=True
        )
    )
    scope = scope_of(user)
    shown = [
        {
            "person": r.person.ext_id,
            "name": r.person.name,
            "share": r.share,
            "link": scope.sees_employee(r.person_id),
        }
        for r in rows
        if r.person_id in visible
    ]
    return shown, len(rows) - len(shown)


def competitor_intelligence(user: Any, competitor_pk: int) -> list[Tie]:
    """The competitor's relationship and influence ties with customer people that the user
    may see, with where each was learned and who reported it."""
    from django.db.models import Q

    from guanxi.people.choices import TieKind

    theirs = Q(source__organisation_id=competitor_pk, target__organisation__kind=OrgKind.CUSTOMER)
    theirs |= Q(target__organisation_id=competitor_pk, source__organisation__kind=OrgKind.CUSTOMER)
    return list(
        restrict(user, Tie.objects.all())
        .filter(theirs, kind__in=[TieKind.RELATIONSHIP, TieKind.INFLUENCE])
        .select_related("source__organisation", "target__organisation", "learned_in", "reported_by")
    )
