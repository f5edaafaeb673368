"""Competitor threat in words: "Lanxin is ahead with 2 key people at Tianyu" — the analytics'
threats (analytics.threats) grouped by competitor and account, the most important first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from guanxi.analytics.graph import Workspace


def grouped(
    ws: Workspace, threats: Iterable[dict[str, Any]], competitor: str | None = None
) -> list[dict[str, Any]]:
    """Threat rows (each with `competitor`, or all of `competitor`) as one group per
    competitor and account: its people in the analytics' order, how many are centres and how
    many hold a role on an open deal, how many decide one; groups with the most people first."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for t in threats:
        cid = t.get("competitor") or competitor or ""
        key = (cid, t["account"])
        if key not in groups:
            o = ws.org_index.get(cid)
            groups[key] = {
                "competitor": cid,
                "competitor_name": ws.org_names[o] if o is not None else cid,
                "account": t["account"],
                "account_name": t["account_name"],
                "people": [],
                "top": t["importance"],
            }
        groups[key]["people"].append(t)
    out = list(groups.values())
    for g in out:
        g["centres"] = sum(1 for p in g["people"] if p["centre"])
        g["deciders"] = sum(1 for p in g["people"] if p.get("decider"))
        g["on_deals"] = sum(1 for p in g["people"] if p["deals"])
    out.sort(key=lambda g: (-len(g["people"]), -g["top"], g["competitor"], g["account"]))
    return out


def all_competitors(ws: Workspace) -> list[dict[str, Any]]:
    """Every competitor's threats at every account (for the dashboard)."""
    from guanxi.analytics.data import COMPETITOR
    from guanxi.analytics.threats import competitor_threats

    rows: list[dict[str, Any]] = []
    for c in (ws.org_kind == COMPETITOR).nonzero()[0].tolist():
        cid = ws.org_ids[c]
        rows.extend({"competitor": cid, **t} for t in competitor_threats(ws, cid))
    return grouped(ws, rows)
