"""Competitor intelligence on record: each tie of a competitor's people with a customer's
people, with its provenance, and how much of it is recent and how much hearsay."""

from __future__ import annotations

import datetime as dt
from typing import Any

from guanxi.access import facade
from guanxi.people.choices import Certainty, TieOrigin
from guanxi.people.models import Tie
from guanxi.scoring.engine import settings_in_use


def competitor_ties(user: Any, competitor_pk: int) -> list[dict[str, Any]]:
    """The competitor's relationship and influence ties with customer people the user may see,
    most recently learned first, each with where it was learned, from whom, how sure, when."""
    ties = facade.competitor_intelligence(user, competitor_pk)
    rows = []
    for t in ties:
        own_first = t.source.organisation_id == competitor_pk
        person, customer = (t.source, t.target) if own_first else (t.target, t.source)
        rows.append(
            {
                "person": person,
                "customer": customer,
                "kind": t.kind,
                "kind_label": t.get_kind_display(),
                "strength": t.strength,
                "deal": t.learned_in,
                "reported_by": t.reported_by,
                "certainty": t.certainty,
                "certainty_label": t.get_certainty_display() if t.certainty else "",
                "when": _learned(t),
            }
        )
    rows.sort(
        key=lambda r: (
            r["when"] is None,
            -(r["when"].toordinal() if r["when"] else 0),
            r["person"].name,
            r["customer"].name,
        )
    )
    return rows


def _learned(tie: Tie) -> dt.date | None:
    """When we learned of the tie: as reported, else when someone last confirmed it on a page;
    an imported tie without a reported date is undated (the import's day says nothing)."""
    if tie.learned_on:
        return tie.learned_on
    return tie.last_confirmed if tie.origin == TieOrigin.ENTERED else None


def summary(rows: list[dict[str, Any]], today: dt.date | None = None) -> dict[str, Any]:
    """How many ties, how many learned recently (within the interactions' half-life), how many
    hearsay, and how many with no provenance at all."""
    today = today or dt.date.today()
    recent_days = int(settings_in_use().half_life_days)
    since = today - dt.timedelta(days=recent_days)
    return {
        "total": len(rows),
        "recent": sum(1 for r in rows if r["when"] is not None and r["when"] >= since),
        "undated": sum(1 for r in rows if r["when"] is None),
        "recent_days": recent_days,
        "hearsay": sum(1 for r in rows if r["certainty"] == Certainty.HEARSAY),
        "unsourced": sum(1 for r in rows if not r["certainty"] and r["deal"] is None),
    }
