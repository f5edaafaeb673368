"""`/deals/` and `/deals/<id>/` — the deal decision chain (项目决策链, the article's figure 6).

The list shows every deal the user may see with its relationship win odds, coverage and
warnings; the detail page lays the role holders out in four lanes (approver, decision maker,
evaluator, user), explains the win odds holder by holder, draws the influence among them,
and shows who to work through to reach the holders we are not close to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guanxi.access import facade
from guanxi.core.values import spoken_list
from guanxi.deals.choices import Attitude, ContactLevel, DealStatus, Role
from guanxi.deals.credit import may_recompute, recompute_credit
from guanxi.deals.models import DealRole
from guanxi.scoring.engine import current_workspace
from guanxi.web.views import deal_parts
from guanxi.web.views.common import answer, require, scope

ATTITUDE_CLASS = {2: "champion", 1: "supporter", 0: "neutral", -1: "non-supporter", -2: "enemy"}
CONTACT_DEPTH = {c: i for i, c in enumerate(ContactLevel.values)}
#: the most influencers drawn between role holders (the strongest bridges first)
MAX_BRIDGES = 12
WEAK_BELOW = 40

LANE_HINTS = {
    Role.APPROVER: gettext_lazy("Signs off the budget and the contract."),
    Role.DECISION_MAKER: gettext_lazy("Chooses the vendor."),
    Role.EVALUATOR: gettext_lazy("Assesses the solutions and scores the bids."),
    Role.USER: gettext_lazy("Will use what is bought; their voice carries."),
}


#: deals per page of the list (the pipeline figures above it count them all)
PAGE_SIZE = 100


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    """Deals the user may see, by status and customer, with their decision-chain numbers."""
    status = request.GET.get("status", "")
    customer = request.GET.get("customer", "")
    ws = current_workspace()
    owner = request.GET.get("owner", "")
    items, customers, owners = answer(
        facade.deal_rows, request.user, ws=ws, status=status, customer=customer, owner=owner
    )
    for item in items:
        item["level"] = _odds_level(ws, item["win_odds"])
    open_items = [i for i in items if i["deal"].status == DealStatus.OPEN]
    pipeline: dict[str, Decimal] = defaultdict(Decimal)
    for i in open_items:
        if i["deal"].amount is not None:
            pipeline[i["deal"].currency or ""] += i["deal"].amount
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "items": page.object_list,
        "page": page,
        "customers": customers,
        "status": status,
        "customer": customer,
        "owners": owners,
        "owner": owner,
        "statuses": DealStatus.choices,
        "open_count": len(open_items),
        "pipeline": sorted(pipeline.items(), key=lambda kv: -kv[1]),
        "average_odds": _average([i["win_odds"] for i in open_items]),
        "with_warnings": sum(1 for i in open_items if i["warnings"]),
        "can_add": facade.may_add_deal(request.user),
    }
    return render(request, "web/deal_list.html", context)


def _odds_level(ws: Any, odds: float | None) -> str:
    """The level word of win odds; "unknown" when nobody holds a role (v2: no odds)."""
    return "unknown" if odds is None else ws.settings.level(odds)


def _average(odds: list[float | None]) -> float | None:
    """Mean of the known odds (None when none is known)."""
    known = [o for o in odds if o is not None]
    return sum(known) / len(known) if known else None


@login_required
def deal_detail(request: HttpRequest, deal_id: str) -> HttpResponse:
    """The decision chain of one deal: lanes, win odds explained, influence, warnings, paths."""
    ws = current_workspace()
    page = answer(facade.deal_page, request.user, deal_id, ws=ws)
    deal, view, account, stored = page.deal, page.view, page.account, page.stored
    competitors = {c.ext_id: c.name for c in deal.competitors.all()}
    level = ws.settings.level
    holders = [
        _holder(r, stored.get((r["person"], r["role"])), competitors, level) for r in view["roles"]
    ]
    deal_parts.add_intel(holders, view["roles"])
    total = sum(h["contribution"] for h in holders)
    graph = decision_graph(request.user, holders, account, page.ties)
    context = {
        "deal": deal,
        "view": view,
        "level": _odds_level(ws, view["win_odds"]),
        "lanes": _lanes(holders),
        "explanation": _explain(holders, total),
        "total": total,
        "warnings": [
            deal_parts.warning(w, holders, competitors) or _warning(w, holders, competitors)
            for w in view["warnings"]
        ],
        "paths": _paths(request.user, view["paths"], holders),
        "competitors": competitors,
        "graph": graph,
        "covered_roles": {h["role"] for h in holders if h["covered"]},
        "can_change": page.can_change,
        "can_write": scope(request).writes,
        "can_recompute": deal.status == DealStatus.WON and may_recompute(request.user),
        **deal_parts.odds_context(deal, view, holders, competitors),
        **deal_parts.credit_context(request.user, deal),
    }
    return render(request, "web/deal_detail.html", context)


@login_required
@require_POST
def credit_recompute(request: HttpRequest, deal_id: str) -> HttpResponse:
    """POST (managers and admins): record a won deal's credit again from today's
    relationships (audited), then back to the deal."""
    deal = answer(facade.deal_record, request.user, deal_id)
    require(may_recompute(request.user))
    if deal.status != DealStatus.WON:
        messages.error(request, _("Only a won deal has credit to recompute."))
    else:
        recompute_credit(deal=deal, actor=request.user)
        messages.success(request, _("Credit recomputed from today's relationships."))
    return redirect("web:deal", deal.ext_id)


def _holder(
    row: dict[str, Any],
    stored: DealRole | None,
    competitors: dict[str, str],
    level: Callable[[float], str],
) -> dict[str, Any]:
    """One role holder's card: the report's numbers with the stored person's details."""
    person = stored.person if stored else None
    attitude = int(row["attitude"])
    theirs = [
        {"id": c, "name": competitors.get(c, c), "closeness": max(0.0, v)}
        for c, v in sorted(row["competitor_closeness"].items())
    ]
    best = max((t["closeness"] for t in theirs), default=0.0)
    return {
        "id": row["person"],
        "name": row["name"],
        "title": person.title if person else "",
        "role": row["role"],
        "role_label": Role(row["role"]).label if row["role"] in Role.values else row["role"],
        "attitude": attitude,
        "attitude_label": Attitude(attitude).label,
        "attitude_class": ATTITUDE_CLASS.get(attitude, "neutral"),
        "contact_level": row["contact_level"],
        "contact_label": ContactLevel(row["contact_level"]).label,
        "contact_depth": CONTACT_DEPTH.get(row["contact_level"], 0),
        "covered": row["contact_level"] in (ContactLevel.REGULAR, ContactLevel.DEEP),
        "personality": (stored.personality if stored else "")
        or (person.personality if person else ""),
        "notes": stored.notes if stored else "",
        "closeness": max(0.0, row["closeness"]),
        "closeness_level": level(row["closeness"]),
        "theirs": theirs,
        "best_competitor": best,
        "gap": (row["closeness"] - best) / 100.0,
        "attitude_part": attitude / 2.0,
        "edge": row["edge"],
        "weight": row["weight"],
        "contribution": row["weight"] * row["edge"],
        "weak": row["closeness"] < WEAK_BELOW,
    }


def _lanes(holders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The four role lanes in decision order, each with its holders."""
    return [
        {
            "role": role,
            "label": label,
            "hint": LANE_HINTS[role],
            "holders": [h for h in holders if h["role"] == role],
        }
        for role, label in Role.choices
    ]


def _explain(holders: list[dict[str, Any]], total: float) -> dict[str, Any]:
    """Σ weight × edge in plain words: who pushes the odds up and who pulls them down."""
    ranked = sorted(holders, key=lambda h: -abs(h["contribution"]))
    largest = max((abs(h["contribution"]) for h in holders), default=0.0) or 1.0
    rows = []
    for h in ranked:
        if h["contribution"] > 0.005:
            direction = "up"
        elif h["contribution"] < -0.005:
            direction = "down"
        else:
            direction = "flat"
        reasons = []
        if h["theirs"]:
            reasons.append(
                _("closeness %(us)s vs %(them)s for the closest competitor")
                % {"us": round(h["closeness"]), "them": round(h["best_competitor"])}
            )
        else:
            reasons.append(_("closeness %(us)s") % {"us": round(h["closeness"])})
        reasons.append(h["attitude_label"])
        rows.append(
            {
                **h,
                "direction": direction,
                "reasons": reasons,
                "share": abs(h["contribution"]) / largest * 50,
            }
        )
    return {
        "rows": rows,
        "up": [r for r in rows if r["direction"] == "up"],
        "down": [r for r in rows if r["direction"] == "down"],
        "total": total,
    }


def _warning(
    w: dict[str, Any], holders: list[dict[str, Any]], competitors: dict[str, str]
) -> dict[str, Any]:
    """A warning with its reason in the user's language (the report's words as a fallback)."""
    person = next((h for h in holders if h["id"] == w["person"]), None)
    code = w["code"]
    reason = w["reason"]
    if code == "missing_role":
        role = next((r for r in Role.values if r.replace("_", " ") in w["reason"]), None)
        if role:
            reason = _("Nobody on the deal is known as the %(role)s.") % {"role": Role(role).label}
    elif code == "opposed_decider" and person:
        text = (
            _("%(name)s (%(role)s) is an enemy of ours.")
            if person["attitude"] <= -2
            else _("%(name)s (%(role)s) is a non-supporter of ours.")
        )
        reason = text % {"name": person["name"], "role": person["role_label"]}
    elif code == "competitor_stronger" and person:
        close = spoken_list(
            _("%(name)s (%(closeness)s)")
            % {"name": t["name"], "closeness": f"{t['closeness']:.0f}"}
            for t in person["theirs"]
            if t["closeness"] >= 70
        )
        reason = _("%(name)s is close to %(competitors)s but only %(us)s to us.") % {
            "name": person["name"],
            "competitors": close,
            "us": f"{max(0.0, person['closeness']):.0f}",
        }
    elif code == "no_support":
        reason = _("Nobody on the deal is a champion or supporter of ours.")
    elif code == "uncovered_decider" and person:
        text = (
            _("%(name)s (%(role)s) has had only initial contact with us.")
            if "initial contact" in w["reason"]
            else _("%(name)s (%(role)s) has had no contact with us.")
        )
        reason = text % {"name": person["name"], "role": person["role_label"]}
    elif code == "no_intelligence" and person:
        reason = _(
            "We don't know where %(competitors)s stand with %(name)s (%(role)s): no tie "
            "recorded and not marked as checked."
        ) % {
            "competitors": ", ".join(competitors.values()),
            "name": person["name"],
            "role": person["role_label"],
        }
    titles = {
        "missing_role": _("Missing role"),
        "opposed_decider": _("Opposed decider"),
        "competitor_stronger": _("Competitor closer"),
        "no_support": _("No support"),
        "uncovered_decider": _("Decider without contact"),
        "no_intelligence": _("No competitor intelligence"),
    }
    return {"code": code, "title": titles.get(code, code), "person": person, "reason": reason}


def _paths(
    user: Any, paths: dict[str, list[dict[str, Any]]], holders: list[dict[str, Any]]
) -> list[dict]:
    """Best paths to each weak role holder, with every step named."""
    ids = {pid for options in paths.values() for p in options for pid in p["people"]}
    facts = facade.person_facts(user, ids)
    out = []
    for h in holders:
        if h["id"] not in paths or any(o["holder"]["id"] == h["id"] for o in out):
            continue
        options = [
            {
                "strength": p["strength"],
                "steps": [
                    {
                        "id": pid,
                        "name": facts.get(pid, {}).get("name", pid),
                        "title": facts.get(pid, {}).get("title", ""),
                        "side": facts.get(pid, {}).get("side", "customer"),
                    }
                    for pid in p["people"]
                ],
            }
            for p in paths[h["id"]]
        ]
        out.append({"holder": h, "options": options})
    return out


def decision_graph(
    user: Any,
    holders: list[dict[str, Any]],
    account: dict[str, Any],
    touching: list[tuple[str, str, str, Any]],
) -> dict[str, Any]:
    """graph.js data: the role holders and the customer's people who tie two of them together.

    A bridge is an active person of the customer with a tie (influence, relationship or a
    reporting line) to at least two role holders (`touching`: the ties the read façade gives
    the user that touch a holder); the ties among all of them are drawn.
    """
    holder_ids = {h["id"] for h in holders}
    linked: dict[str, set[str]] = defaultdict(set)
    for source, target, _kind, _strength in touching:
        if source in holder_ids and target not in holder_ids:
            linked[target].add(source)
        if target in holder_ids and source not in holder_ids:
            linked[source].add(target)
    bridges = sorted((p for p, hs in linked.items() if len(hs) >= 2), key=lambda p: -len(linked[p]))
    nodes_ids = holder_ids | set(bridges[:MAX_BRIDGES])
    people = {p["id"]: p for p in account["people"]}
    power, influence = set(account["power_centres"]), set(account["influence_centres"])
    targets = set(account["plan_targets"])
    roles: dict[str, list[str]] = defaultdict(list)
    for h in holders:
        roles[h["id"]].append(str(h["role_label"]))
    facts = facade.person_facts(user, nodes_ids)
    nodes = []
    for pid in sorted(nodes_ids):
        f = facts.get(pid, {})
        p = people.get(pid, {})
        title = f.get("title", "")
        label = " · ".join(roles[pid]) if pid in roles else _("influencer")
        nodes.append(
            {
                "id": pid,
                "name": f.get("name", pid),
                "title": f"{label} — {title}" if title else label,
                "side": "customer",
                "org": f.get("org", ""),
                "importance": round(p["importance"], 4) if p else None,
                "closeness": round(p["closeness"], 1) if p else None,
                "power_centre": pid in power,
                "influence_centre": pid in influence,
                "plan_target": pid in targets,
                "key": bool(f.get("key")),
                "holder": pid in holder_ids,
            }
        )
    seen: set[tuple[str, str, str]] = set()
    edges = []
    for source, target, kind, strength in touching:
        key = (source, target, kind)
        if source in nodes_ids and target in nodes_ids and key not in seen:
            seen.add(key)
            edges.append({"source": source, "target": target, "kind": kind, "strength": strength})
    return {"nodes": nodes, "edges": edges, "layout": "hierarchy"}
