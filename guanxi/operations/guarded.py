"""What-if and next best actions as one user may see them, through the permission choke point.

| report | who |
|---|---|
| what-if | people-level roles, for people `restrict()` shows them; a deal by the deal's rule |
| account actions | whoever may open the account; actions naming a hidden person are left out |
| deal actions | the deal's rule (admins, managers, sales on a deal they see) |
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guanxi.access import visibility
from guanxi.access.guarded import Refused, Unseen
from guanxi.access.permissions import restrict, scope_of
from guanxi.deals.models import Deal
from guanxi.operations import reports
from guanxi.people.models import Organisation


def _visible_actions(user: Any, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if visibility.unfiltered(user):
        return actions
    named = {i for a in actions for i in (a["person"], a["employee"], *a["route"]["people"])}
    ok = visibility.visible_ids(user, named)
    return [
        a
        for a in actions
        if a["person"] in ok and a["employee"] in ok and all(i in ok for i in a["route"]["people"])
    ]


def whatif_for(
    user: Any, ties: Sequence[Sequence[Any]], deal_id: str | None = None
) -> dict[str, Any]:
    """The what-if, for a user who may see every person the ties name (and the deal)."""
    if not scope_of(user).people_level:
        raise Refused("Your role sees dashboards only, not individual people.")
    named = {str(p) for tie in ties for p in tie[:2]}
    seen = visibility.visible_ids(user, named) if not visibility.unfiltered(user) else named
    for i, tie in enumerate(ties, start=1):
        for field, pid in zip(("source", "target"), tie[:2], strict=False):
            if str(pid) not in seen:
                raise Unseen(f"tie {i}: no person with id '{pid}' that you can see.", field)
    if deal_id is not None:
        scope = scope_of(user)
        if not scope.everything and scope.role != "sales":
            raise Refused("Your role does not see deals.", "deal")
        if not restrict(user, Deal.objects.filter(ext_id=deal_id)).exists():
            raise Unseen(f"No deal with id '{deal_id}' that you can see.", "deal")
    return reports.whatif_report(ties, deal_id)


def account_actions_for(user: Any, account_id: str) -> list[dict[str, Any]]:
    """The account's next best actions, for whoever may open the account."""
    org = restrict(user, Organisation.objects.filter(ext_id=account_id)).first()
    if org is None:
        raise Unseen(f"No organisation with id '{account_id}' that you can see.")
    if not scope_of(user).sees_account(org.pk):
        raise Refused(f"You may not open the account {org.ext_id}.", "id")
    return _visible_actions(user, reports.account_actions_report(org.ext_id))


def deal_actions_for(user: Any, deal_id: str) -> list[dict[str, Any]]:
    """The deal's next best actions, by the deal view's rule."""
    scope = scope_of(user)
    if not scope.everything and scope.role != "sales":
        raise Refused("Your role does not see deals.")
    deal = restrict(user, Deal.objects.filter(ext_id=deal_id)).first()
    if deal is None:
        raise Unseen(f"No deal with id '{deal_id}' that you can see.")
    return _visible_actions(user, reports.deal_actions_report(deal.ext_id))
