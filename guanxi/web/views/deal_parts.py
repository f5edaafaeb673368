"""The v2 parts of the deal page: the odds range and what we don't know, the outcome of a
closed deal, credit recorded at the win, and the new warnings in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from guanxi.core.values import spoken_list
from guanxi.deals.choices import ContactLevel, DealStatus
from guanxi.deals.models import Deal

#: Odds closer than this (percentage points) are shown as one number, not a range.
RANGE_MIN = 0.5


def add_intel(holders: list[dict[str, Any]], roles: list[dict[str, Any]]) -> None:
    """Put on each holder's card whether we know where the competitors stand with them."""
    for h, row in zip(holders, roles, strict=True):
        h["intel_known"] = bool(row.get("intel_known", True))
        h["checked"] = bool(row.get("competitors_checked", False))


def odds_context(
    deal: Deal, view: dict[str, Any], holders: list[dict[str, Any]], competitors: dict[str, str]
) -> dict[str, Any]:
    """What the odds card says: outcome and odds at close, unknown odds, a range, or one number."""
    closed = deal.status != DealStatus.OPEN
    odds = view.get("win_odds")
    low = view.get("win_odds_low")
    unknown: list[dict[str, Any]] = []
    seen: set[str] = set()
    for h in holders:
        if not h.get("intel_known", True) and h["id"] not in seen:
            seen.add(h["id"])
            unknown.append(h)
    ranged = odds is not None and low is not None and odds - low >= RANGE_MIN
    return {
        "closed": closed,
        "outcome": deal.get_status_display() if closed else "",
        "odds_at_close": getattr(deal, "odds_at_close", None),
        "odds_unknown": odds is None,
        "odds_low": low if ranged else None,
        "unknown_holders": unknown,
        "unknown_sentence": _unknown_sentence(unknown, competitors) if ranged else "",
        "intel_coverage": view.get("intel_coverage"),
    }


def _unknown_sentence(unknown: list[dict[str, Any]], competitors: dict[str, str]) -> str:
    """ "we don't know where Contoso stands with the CFO" for the range's low end."""
    names = list(competitors.values())
    if len(names) == 1:
        who = names[0]
        verb_one = _("we don't know where %(competitor)s stands with %(people)s")
    else:
        who = spoken_list(names)
        verb_one = _("we don't know where %(competitor)s stand with %(people)s")
    named = (
        _("%(name)s (%(role)s)") % {"name": h["name"], "role": h["role_label"]} for h in unknown
    )
    people = spoken_list(list(named)[:3]) + (
        _(" and %(n)d more") % {"n": len(unknown) - 3} if len(unknown) > 3 else ""
    )
    return verb_one % {"competitor": who, "people": people}


def warning(
    w: dict[str, Any], holders: list[dict[str, Any]], competitors: dict[str, str]
) -> dict[str, Any] | None:
    """The v2 warnings (uncovered_decider, no_intelligence) in the user's language; None for
    the others, which the deal view words itself."""
    person = next((h for h in holders if h["id"] == w["person"]), None)
    code = w["code"]
    if code == "uncovered_decider":
        if person is None:
            reason = w["reason"]
        elif person["contact_level"] == ContactLevel.INITIAL:
            reason = _("%(name)s (%(role)s) has had only initial contact with us.") % {
                "name": person["name"],
                "role": person["role_label"],
            }
        else:
            reason = _("%(name)s (%(role)s) has had no contact with us.") % {
                "name": person["name"],
                "role": person["role_label"],
            }
        return {
            "code": code,
            "title": _("Decider not covered"),
            "person": person,
            "reason": reason,
        }
    if code == "no_intelligence":
        reason = w["reason"]
        if person is not None:
            reason = _(
                "We don't know where %(competitors)s stand with %(name)s (%(role)s): no tie "
                "recorded and nobody has checked."
            ) % {
                "competitors": ", ".join(competitors.values()),
                "name": person["name"],
                "role": person["role_label"],
            }
        return {"code": code, "title": _("No intelligence"), "person": person, "reason": reason}
    return None


def credit_context(user: Any, deal: Deal) -> dict[str, Any]:
    """A won deal's credit as recorded at the win (people the user may not see said hidden),
    and whether the user may recompute it."""
    if deal.status != DealStatus.WON:
        return {}
    from guanxi.access import facade

    shown, hidden = facade.deal_credit(user, deal)
    amount = float(deal.amount or 0)
    credit = sorted(
        ({**c, "amount": c["share"] * amount} for c in shown),
        key=lambda c: (-c["share"], c["person"]),
    )
    return {
        "credit": credit,
        "credit_hidden": hidden > 0,
        "credit_recorded_at": deal.credit_recorded_at,
    }
