"""`/competitors/` — the competitor relationship resource graph (竞争对手关系资源图谱).

The same company and employee views as ours, for each competitor: capability score, levels
and trend, the accounts where they are closer than we are, their people ranked by resources,
and the deals they compete in (the intelligence the graph is built from).
"""

from __future__ import annotations

import textwrap
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guanxi.access import facade
from guanxi.analytics.employees import compare_accounts, deals_in_play
from guanxi.scoring.engine import current_workspace
from guanxi.web import intel, threats
from guanxi.web.resources import side_graph
from guanxi.web.views.common import answer, scope, trend_chart

#: How many of a competitor's strongest people the list shows.
TOP_PEOPLE = 3


@login_required
def competitor_list(request: HttpRequest) -> HttpResponse:
    """Every competitor's capability, level counts, people, deals in play and the accounts
    where they are closer than we are."""
    ws = current_workspace()
    if ws.own < 0:
        answer(facade.competitors, request.user, ws=ws)  # the role's refusal first
        return render(request, "web/empty.html", {})
    sides = answer(facade.competitors, request.user, ws=ws)
    ours = sides["ours"]
    competitors = []
    for side in sides["sides"]:
        org, theirs = side["org"], side["view"]
        side_id = ws.org_ids[org]
        accounts = compare_accounts(ours, theirs)
        in_play = deals_in_play(ws, org)
        open_ids = {d for d in in_play if ws.deals.status[ws.deals.index[d]] == "open"}
        competitors.append(
            {
                "id": side_id,
                "name": ws.org_names[org],
                "view": theirs,
                "people": len(ws.members(org)),
                "stronger": [a for a in accounts if a["stronger"]],
                "closest": accounts[0] if accounts else None,
                "deals": len(in_play),
                "open_deals": len(open_ids),
                "top": [e for e in theirs["employees"] if e["resources"] > 0][:TOP_PEOPLE],
                "closer": theirs.get("closer_than_us", {"people": 0, "accounts": 0}),
            }
        )
    competitors.sort(key=lambda c: (-round(c["view"]["score"], 9), c["id"]))
    context = {
        "ours": ours,
        "competitors": competitors,
        "chart": _versus_chart(ours, competitors),
    }
    return render(request, "web/competitor_list.html", context)


def _versus_chart(ours: dict[str, Any], competitors: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars per customer: our closeness score beside each competitor's."""
    palette = ("#7c4dcc", "#c11574", "#0e9384", "#b54708", "#475467")
    accounts = ours["accounts"]
    series = [
        {"name": _("Us"), "values": [round(a["score"], 1) for a in accounts], "colour": "#15935a"}
    ]
    for i, c in enumerate(competitors):
        score = {a["id"]: a["score"] for a in c["view"]["accounts"]}
        series.append(
            {
                "name": c["name"],
                "values": [round(score.get(a["id"], 0.0), 1) for a in accounts],
                "colour": palette[i % len(palette)],
            }
        )
    return {"labels": ["\n".join(textwrap.wrap(a["name"], 20)) for a in accounts], "series": series}


@login_required
def competitor_detail(request: HttpRequest, org_id: str) -> HttpResponse:
    """One competitor's company view and employee view, against ours."""
    ws = current_workspace()
    answered = answer(facade.competitor, request.user, org_id, ws=ws)
    view, ours = answered["view"], answered["ours"]
    org = ws.org_of_id(view["side"])
    if org == ws.own:
        return redirect("web:home")
    accounts = compare_accounts(ours, view)
    labels = {
        "score": _("Capability score"),
        "strong": _("strong"),
        "medium": _("medium"),
        "weak": _("weak"),
    }
    people = answer(facade.employee_list, request.user, ws=ws, side_id=view["side"])["rows"]
    names = {p["id"]: p["name"] for p in people}
    for a in accounts:
        dep = a["top_dependency"]
        if dep:
            dep["name"] = names.get(dep["employee"], dep["employee"])
    key_names = {k: ws.person_names[ws.person_index[k]] for p in people for k in p["key_people"]}
    for p in people:
        p["key_named"] = [{"id": k, "name": key_names[k]} for k in p["key_people"]]
    in_play = deals_in_play(ws, org)
    people_level = scope(request).people_level
    ties: list[dict[str, Any]] = []
    if people_level:
        ties = intel.competitor_ties(request.user, answered["pk"])
    context = {
        "org": {"id": view["side"], "name": ws.org_names[org]},
        "view": view,
        "ours": ours,
        "accounts": accounts,
        "stronger": [a for a in accounts if a["stronger"]],
        "people": people,
        "graph": side_graph(request.user, ws, org),
        "trend_chart": trend_chart(view["trend"], labels),
        "deals": facade.deal_summaries(request.user, in_play),
        "deal_count": len(in_play),
        "people_level": people_level,
        "intel": ties,
        "threat_groups": threats.grouped(ws, view.get("threats", []), view["side"]),
        "closer": view.get("closer_than_us", {"people": 0, "accounts": 0}),
        "intel_summary": intel.summary(ties),
    }
    return render(request, "web/competitor_detail.html", context)
