"""The company-wide pages: the dashboard (our company view) and the competitors' views, for
the roles with company-wide numbers."""

from __future__ import annotations

from typing import Any

from guanxi.access import guarded
from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics import company_view
from guanxi.analytics.employees import competitor_orgs
from guanxi.analytics.graph import Workspace
from guanxi.analytics.targets import plan_targets
from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation

DEAL_ORDER = {"open": 0, "won": 1, "lost": 2}


def _company_numbers(user: Any) -> None:
    if not scope_of(user).company_numbers:
        raise guarded.Refused("Company-wide numbers are for admins, managers and viewers.")


def _recent(user: Any, count: int) -> list[AuditEvent]:
    """The latest business events of the audit log the user may see (not views or logins)."""
    from guanxi.web.recent import business_events

    events = business_events(restrict(user, AuditEvent.objects.all()))
    return list(events.order_by("-at", "-id")[:count])


def dashboard(user: Any, *, ws: Workspace, targets: int = 12, recent: int = 8) -> dict[str, Any]:
    """Our company view with its trend, the plan targets and the latest audit events (both
    only for roles that see people)."""
    view = guarded.company_for(user, workspace=ws)
    people = scope_of(user).people_level
    return {
        "view": view,
        "targets": plan_targets(ws, limit=targets) if people else [],
        "recent": _recent(user, recent) if people else [],
    }


def competitors(user: Any, *, ws: Workspace) -> dict[str, Any]:
    """Our company view and every competitor's (organisation index and view), without trends."""
    _company_numbers(user)
    sides = [{"org": o, "view": company_view(ws, ws.org_ids[o])} for o in competitor_orgs(ws)]
    return {"ours": company_view(ws), "sides": sides}


def deal_summaries(user: Any, ids: list[str]) -> list[dict[str, Any]]:
    """The deals of `ids` the user may see (open ones first, then by amount): id, name,
    status, stage, amount, currency, customer name and close date."""
    rows = list(
        restrict(user, Deal.objects.filter(ext_id__in=ids)).values(
            "ext_id",
            "name",
            "status",
            "stage",
            "amount",
            "currency",
            "organisation__name",
            "close_date",
        )
    )
    rows.sort(key=lambda d: (DEAL_ORDER.get(d["status"], 3), -(d["amount"] or 0), d["ext_id"]))
    return rows


def competitor(user: Any, side_id: str, *, ws: Workspace) -> dict[str, Any]:
    """One competitor's company view (with trend), ours, and the competitor's record key."""
    view = guarded.company_for(user, side_id, workspace=ws)
    pk = Organisation.objects.filter(ext_id=view["side"]).values_list("pk", flat=True).first()
    return {"view": view, "ours": company_view(ws), "pk": pk}
