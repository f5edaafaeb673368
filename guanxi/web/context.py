"""Template context for every page: the navigation the user's role allows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import scope_of

#: (url prefix, label, needs company-wide numbers, needs person-level data)
NAV = (
    ("/", _("Our relationships"), True, False),
    ("/accounts/", _("Customers"), False, False),
    ("/employees/", _("Employees"), False, True),
    ("/deals/", _("Deals"), False, True),
    ("/ops/plans/", _("Plans"), False, True),
    ("/ops/inbox/", _("Inbox"), False, False),
    ("/competitors/", _("Competitors"), True, False),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Navigation items the user may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    path = request.path
    items = []
    for prefix, label, company, people in NAV:
        if (company and not scope.company_numbers) or (people and not scope.people_level):
            continue
        current = path == "/" if prefix == "/" else path.startswith(prefix)
        items.append({"url": prefix, "label": label, "current": current})
    return {"nav_items": items, "scope": scope}
