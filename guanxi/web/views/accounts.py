"""`/accounts/` and `/accounts/<id>/` — the customer relationship graph (客户关系图谱).

The list scores every visible customer at once from the warm workspace (one company view,
kept on the workspace), so it costs the same few queries for 7 customers or 2,000. The detail
page is the whole-customer view of the article's figure 2: org chart with the influence map on
top, the account's closeness score and what it rests on, centres, targets, brokers, rivals.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from guanxi.access import facade
from guanxi.analytics.company import capability_score, company_view
from guanxi.analytics.graph import Workspace
from guanxi.analytics.rivals import rival_scores
from guanxi.analytics.targets import plan_targets
from guanxi.people.choices import Tier
from guanxi.scoring.engine import current_workspace
from guanxi.web import threats
from guanxi.web.graphs import account_elements, mark_role_holders
from guanxi.web.views.common import answer, level_of, scope

LEVELS = ("strong", "medium", "weak")
LEVEL_LABELS = {"strong": _("strong"), "medium": _("medium"), "weak": _("weak")}
#: ?sort= value → (row key, descending)
SORTS = {
    "-score": ("score", True),
    "score": ("score", False),
    "name": ("name", False),
    "-people": ("people", True),
    "-targets": ("targets", True),
    "-power": ("power_centres", True),
}
PAGE_SIZE = 100


def account_numbers(ws: Workspace) -> dict[str, dict[str, Any]]:
    """Per customer id: score, level, people, power centres, plan targets, top dependency.

    Computed once per workspace (the workspace never changes; a write builds a new one)."""

    def make() -> dict[str, dict[str, Any]]:
        n_org = len(ws.org_ids)
        members = ws.org_members
        owner = ws.person_org[members]
        people = np.diff(ws.org_ptr)
        power = np.bincount(owner, weights=ws.power_centre[members], minlength=n_org)
        out: dict[str, dict[str, Any]] = {}
        if ws.own < 0:
            return out
        view = company_view(ws)
        names = {e["id"]: e["name"] for e in view["employees"]}
        targets: dict[str, int] = {}
        for t in plan_targets(ws):
            targets[t["account"]] = targets.get(t["account"], 0) + 1
        for a in view["accounts"]:
            o = ws.org_of_id(a["id"])
            dep = a["top_dependency"]
            out[a["id"]] = {
                "score": a["score"],
                "level": a["level"],
                "people": int(people[o]),
                "power_centres": int(power[o]),
                "targets": targets.get(a["id"], 0),
                "dependency": (
                    {**dep, "name": names.get(dep["employee"], dep["employee"])} if dep else None
                ),
                "at_risk": a["at_risk"],
            }
        return out

    return ws.cached("web.account_numbers", make)


def _sort_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    key, desc = SORTS.get(sort, SORTS["-score"])
    if key == "name":
        return sorted(rows, key=lambda r: (r["name"].casefold(), r["id"]))
    rows = sorted(rows, key=lambda r: r["id"])
    return sorted(rows, key=lambda r: r[key], reverse=desc)


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    """Every customer the user may see with our closeness, centres, targets and dependency."""
    s = scope(request)
    ws = current_workspace()
    numbers = account_numbers(ws)
    tier = request.GET.get("tier", "")
    level = request.GET.get("level", "")
    sort = request.GET.get("sort", "-score")
    if sort not in SORTS:
        sort = "-score"
    empty = {
        "score": 0.0,
        "level": level_of(0.0),
        "people": 0,
        "power_centres": 0,
        "targets": 0,
        "dependency": None,
        "at_risk": False,
    }
    rows = []
    for org in facade.account_rows(request.user):
        n = numbers.get(org["id"], empty)
        rows.append(
            {
                **org,
                "tier": org["tier"] or Tier.STANDARD,
                "tier_label": org["tier_label"] or Tier.STANDARD.label,
                **n,
            }
        )
    counts = {lv: sum(1 for r in rows if r["level"] == lv) for lv in LEVELS}
    # The same tier-weighted figure as the dashboard's capability score (over every customer
    # for a role with company-wide numbers, else over the customers the user may see).
    capability = capability_score(
        [ws.settings.tier_weight(r["tier"]) for r in rows], [r["score"] for r in rows]
    )
    total = len(rows)
    if tier in Tier.values:
        rows = [r for r in rows if r["tier"] == tier]
    if level in LEVELS:
        rows = [r for r in rows if r["level"] == level]
    page = Paginator(_sort_rows(rows, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": page.object_list,
        "shown": len(rows),
        "total": total,
        "counts": counts,
        "capability": capability,
        "capability_level": level_of(capability),
        "company_numbers": s.company_numbers,
        "tiers": Tier.choices,
        "levels": list(LEVEL_LABELS.items()),
        "tier": tier,
        "level": level,
        "sort": sort,
        "show_people": s.people_level,
        "link_employees": s.everything,
    }
    return render(request, "web/account_list.html", context)


def _named(
    ids: list[str],
    nodes: dict[str, dict[str, Any]],
    people: dict[str, Any],
    contact: dict[str, Any] | None = None,
):
    """People rows for the side lists: id, name, title, their scores in the account and
    their last contact with us (`contact`, when known)."""
    out = []
    for pid in ids:
        node = nodes.get(pid, {})
        person = people.get(pid, {})
        closeness = person.get("closeness", 0.0)
        out.append(
            {
                "id": pid,
                "name": node.get("name", pid),
                "title": node.get("title", ""),
                "power": person.get("power", 0.0),
                "influence": person.get("influence", 0.0),
                "importance": person.get("importance", 0.0),
                "broker": person.get("broker", 0.0),
                "closeness": closeness,
                "level": level_of(closeness),
                "rival": max(person.get("competitor_closeness", {}).values(), default=0.0),
                "contact_known": contact is not None and pid in contact,
                "last_contact": (contact or {}).get(pid),
            }
        )
    return out


def _competitors(
    ws: Workspace, view: dict[str, Any], key_ids: list[str], nodes: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each competitor present at the account: its weighted closeness (the same formula as our
    score) and its closeness to each key person next to ours."""
    people = view["people"]
    by_id = {p["id"]: p for p in people}
    competitor_ids = sorted({c for p in people for c in p["competitor_closeness"]})
    scores = rival_scores(ws, view["id"], competitor_ids)
    out = []
    for cid in competitor_ids:
        score = scores[cid]
        key_people = []
        for pid in key_ids:
            p = by_id[pid]
            theirs = max(0.0, p["competitor_closeness"].get(cid, 0.0))
            key_people.append(
                {
                    "id": pid,
                    "name": nodes.get(pid, {}).get("name", pid),
                    "theirs": theirs,
                    "ours": p["closeness"],
                    "ahead": theirs > p["closeness"],
                }
            )
        o = ws.org_index.get(cid)
        out.append(
            {
                "id": cid,
                "name": ws.org_names[o] if o is not None else cid,
                "score": max(0.0, score),
                "level": level_of(max(0.0, score)),
                "key_people": key_people,
                "ahead": sum(1 for k in key_people if k["ahead"]),
            }
        )
    return sorted(out, key=lambda c: (-c["score"], c["id"]))


def _explain(view: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The contributions in plain words: the people and our ties the score rests on most."""
    contributions = view.get("contributions") or {"people": [], "employees": []}
    people = []
    for c in contributions["people"][:6]:
        ties = [
            {
                "id": t["employee"],
                "name": nodes.get(t["employee"], {}).get("name", t["employee"]),
                "strength": t["strength"],
            }
            for t in c["ties"][:3]
        ]
        node = nodes.get(c["id"], {})
        people.append(
            {**c, "name": node.get("name", c["id"]), "title": node.get("title", ""), "ties": ties}
        )
    employees = [
        {**e, "name": nodes.get(e["id"], {}).get("name", e["id"])}
        for e in contributions["employees"][:5]
        if e["share"] >= 0.005
    ]
    return {"people": people, "employees": employees}


@login_required
def account_detail(request: HttpRequest, org_id: str) -> HttpResponse:
    """Whole-customer view: power map, influence map, closeness score, centres and targets."""
    s = scope(request)
    org = answer(facade.account_record, request.user, org_id)
    ws = current_workspace()
    view = answer(facade.account_for, request.user, org_id, workspace=ws)
    ties = facade.account_relationships(request.user, org_id) if s.people_level else []
    elements = account_elements(request.user, view, ties)
    mark_role_holders(request.user, ws, org_id, elements)
    nodes = {n["id"]: n for n in elements["nodes"]}
    people = {p["id"]: p for p in view["people"]}
    key_ids = view["power_centres"] + view["influence_centres"]
    brokers = sorted(
        (p for p in view["people"] if p["broker"] > 0), key=lambda p: (-p["broker"], p["id"])
    )[:8]
    sides = {"ours": 0, "competitor": 0}
    for n in elements["nodes"]:
        if n["side"] in sides:
            sides[n["side"]] += 1
    listed = {*key_ids, *view["plan_targets"], *(p["id"] for p in brokers)}
    contact = facade.last_contact_of(request.user, listed) if s.people_level else {}
    context = {
        "org": org,
        "view": view,
        "ties": ties[:10],
        "ties_total": len(ties),
        "ties_stale": sum(1 for _, mark in ties if mark.stale),
        "people_level": s.people_level,
        "graph": elements,
        "counts": {
            "people": len(view["people"]),
            **sides,
            "influence": sum(1 for e in elements["edges"] if e["kind"] == "influence"),
        },
        "power_centres": _named(view["power_centres"], nodes, people, contact),
        "influence_centres": _named(view["influence_centres"], nodes, people, contact),
        "plan_targets": _named(view["plan_targets"], nodes, people, contact),
        "brokers": _named([p["id"] for p in brokers], nodes, people, contact),
        "competitors": _competitors(ws, view, key_ids, nodes),
        "explain": _explain(view, nodes),
        "threat_groups": threats.grouped(ws, view.get("threats", [])),
        "subsidiaries": list(facade.subsidiaries(request.user, org)),
        "writes": s.writes,
    }
    return render(request, "web/account_detail.html", context)
