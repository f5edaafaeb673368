"""`/` — our relationship resource graph, company view (我司关系资源图谱)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guanxi.access import facade
from guanxi.scoring.engine import current_workspace, memo_key
from guanxi.web import threats
from guanxi.web.recent import describe
from guanxi.web.views.common import answer, scope, trend_chart
from guanxi.web.views.handover import open_summary

#: customers listed on the dashboard (the customers page lists them all)
DASHBOARD_ACCOUNTS = 25


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Capability score, account levels and their trend, accounts at risk, plan targets."""
    s = scope(request)
    if not s.company_numbers:
        # Sales and contributors start from what they may see.
        return redirect("web:accounts" if s.role == "sales" else "web:employees")
    ws = current_workspace()
    if ws.own < 0:
        return render(request, "web/empty.html", {})
    page = answer(facade.dashboard, request.user, ws=ws)
    view = page["view"]
    names = {e["id"]: e["name"] for e in view["employees"]}
    for account in view["accounts"]:
        dep = account["top_dependency"]
        if dep:
            dep["name"] = names.get(dep["employee"], dep["employee"])
    at_risk = [a for a in view["accounts"] if a["at_risk"]]
    labels = {
        "score": _("Capability score"),
        "strong": _("strong"),
        "medium": _("medium"),
        "weak": _("weak"),
    }
    context = {
        "view": view,
        # at a glance: the first rows, with the whole list one click away (a workspace of
        # thousands of customers would otherwise render them all after every write)
        "accounts_shown": view["accounts"][:DASHBOARD_ACCOUNTS],
        "memo_key": memo_key(),
        "at_risk": at_risk,
        "targets": page["targets"],
        "trend_chart": trend_chart(view["trend"], labels),
        "recent": describe(page["recent"]),
        "people_level": s.people_level,
        "threat_groups": threats.all_competitors(ws)[:6],
        "top_employees": view["employees"][:8],
        # Hand-overs span every account: managers and admins only.
        "handovers": open_summary(request, ws, limit=5) if s.everything else None,
    }
    return render(request, "web/dashboard.html", context)
