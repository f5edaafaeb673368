"""The customer accounts a user may see: the list's rows and an account's subsidiaries (the
account's graph itself is `guarded.account_for`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from guanxi.access.permissions import restrict, scope_of
from guanxi.people.models import Organisation


def account_rows(user: Any) -> list[dict[str, Any]]:
    """Every customer the user may see, by name: id, name, tier, industry, parent and whether
    they may open its graph (`opens`)."""
    scope = scope_of(user)
    orgs = restrict(user, Organisation.objects.filter(kind="customer"))
    parents = restrict(user, Organisation.objects.all()).values_list("pk", flat=True)
    seen_parents = set(parents) if not scope.everything else None
    rows = []
    for org in orgs.select_related("parent").order_by("name"):
        parent = org.parent
        if parent is not None and seen_parents is not None and parent.pk not in seen_parents:
            parent = None  # a parent the user may not see is not there for them
        rows.append(
            {
                "id": org.ext_id,
                "pk": org.pk,
                "name": org.name,
                "tier": org.tier,
                "tier_label": org.get_tier_display(),
                "industry": org.industry,
                "parent": parent,
                "opens": scope.sees_account(org.pk),
            }
        )
    return rows


def subsidiaries(user: Any, org: Organisation) -> QuerySet[Organisation]:
    """The customer subsidiaries of `org` the user may see, by name."""
    return restrict(user, org.subsidiaries.filter(kind="customer")).order_by("name")
