"""Credit on won deals, recorded when a deal is won (MODEL.md v2), and the odds at close.

The shares come from the analytics (`guanxi.analytics.company.credit_shares`) over the
workspace as it stands inside the writer's transaction, are stored as `DealCredit` rows and
stay: later ties, interactions or departures do not move them. Re-computing them from today's
workspace is an explicit, audited act of a manager or admin (`recompute_credit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guanxi.core import audit
from guanxi.core.changes import DEALS
from guanxi.core.choices import AuditAction
from guanxi.deals.choices import DealStatus
from guanxi.deals.models import Deal, DealCredit
from guanxi.people.models import Person

CLOSED = (DealStatus.WON.value, DealStatus.LOST.value)


def _workspace() -> Any:
    """The workspace as the current transaction sees it (never the warm or stored copy: a
    write in progress must not be cached under a version it may roll back)."""
    from guanxi.scoring.engine import scoring_settings
    from guanxi.scoring.loader import load_rows
    from guanxi.scoring.rowformat import workspace_of

    return workspace_of(load_rows(), today=timezone.localdate(), settings=scoring_settings())


def stored_shares(deal: Deal) -> dict[str, float]:
    """{person id: share} recorded for a deal."""
    return dict(
        DealCredit.objects.filter(deal=deal)
        .order_by("person__ext_id")
        .values_list("person__ext_id", "share")
    )


def _store(deal: Deal, shares: Iterable[tuple[str, float]], when: Any) -> dict[str, float]:
    """Replace the deal's recorded shares (by person id) and mark its credit recorded."""
    shares = dict(shares)
    people = dict(Person.objects.filter(ext_id__in=shares).values_list("ext_id", "pk"))
    DealCredit.objects.filter(deal=deal).delete()
    DealCredit.objects.bulk_create(
        DealCredit(deal=deal, person_id=people[ext], share=share, recorded_at=when)
        for ext, share in sorted(shares.items())
    )
    Deal.objects.filter(pk=deal.pk).update(credit_recorded_at=when)
    deal.credit_recorded_at = when
    return shares


def after_status_change(deal: Deal, before: str | None, *, actor: Any) -> None:
    """Keep a deal's closing records right after its status moved from `before`: record the
    credit when it becomes won (forget it when it stops being won), and the win odds when it
    closes (forget them when it reopens). Audited; the caller holds the transaction."""
    now = deal.status
    if now == before:
        return
    ws = None
    if now in CLOSED and before not in CLOSED:
        from guanxi.analytics import deal_view

        ws = _workspace()
        odds = deal_view(ws, deal.ext_id)["win_odds"]
        Deal.objects.filter(pk=deal.pk).update(odds_at_close=odds)
        deal.odds_at_close = odds
    elif now not in CLOSED:
        Deal.objects.filter(pk=deal.pk).update(odds_at_close=None)
        deal.odds_at_close = None
    if now == DealStatus.WON:
        from guanxi.analytics.company import credit_shares

        ws = ws or _workspace()
        shares = _store(deal, credit_shares(ws, deal.ext_id), timezone.now())
        _audit(deal, actor, "credit recorded at the win", {}, shares)
    elif before == DealStatus.WON:
        old = stored_shares(deal)
        DealCredit.objects.filter(deal=deal).delete()
        Deal.objects.filter(pk=deal.pk).update(credit_recorded_at=None)
        deal.credit_recorded_at = None
        _audit(deal, actor, "recorded credit removed: the deal is no longer won", old, {})


def _audit(deal: Deal, actor: Any, summary: str, old: dict, new: dict) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="deal",
        object_id=deal.ext_id,
        summary=f"{deal}: {summary}",
        changes={"credit": [old, new]},
    )
    audit.bump_data_version(DEALS)


def may_recompute(actor: Any) -> bool:
    """Only managers and admins (and the command line, acting as the system) recompute."""
    if actor is None or isinstance(actor, str):
        return True
    from guanxi.access.permissions import scope_of

    return scope_of(actor).everything


@transaction.atomic
def recompute_credit(*, deal: Deal, actor: Any) -> dict[str, float]:
    """Re-record a won deal's credit from today's workspace (an explicit act, audited with the
    shares before and after); returns the new shares by person id."""
    if not may_recompute(actor):
        raise PermissionDenied(_("Only managers and admins may recompute credit."))
    if deal.status != DealStatus.WON:
        raise ValueError(_("Only a won deal has credit; '%(deal)s' is not won.") % {"deal": deal})
    from guanxi.analytics.company import credit_shares

    old = stored_shares(deal)
    shares = _store(deal, credit_shares(_workspace(), deal.ext_id), timezone.now())
    _audit(deal, actor, "credit recomputed from today's relationships", old, shares)
    return shares


def record_missing_credits(*, actor: Any) -> list[str]:
    """After an import: record the credit of every won deal that has none recorded and the
    odds of every closed deal that has none, from one workspace; forget them on deals no
    longer won or closed. Returns the ids of the deals whose credit was recorded. The caller
    holds the transaction."""
    DealCredit.objects.exclude(deal__status=DealStatus.WON).delete()
    Deal.objects.exclude(status=DealStatus.WON).exclude(credit_recorded_at=None).update(
        credit_recorded_at=None
    )
    Deal.objects.exclude(status__in=CLOSED).exclude(odds_at_close=None).update(odds_at_close=None)
    missing = list(Deal.objects.filter(status=DealStatus.WON, credit_recorded_at=None))
    unodded = list(Deal.objects.filter(status__in=CLOSED, odds_at_close=None))
    if not missing and not unodded:
        return []
    from guanxi.analytics import deal_view
    from guanxi.analytics.company import credit_shares

    ws = _workspace()
    now = timezone.now()
    for deal in unodded:
        odds = deal_view(ws, deal.ext_id)["win_odds"]
        if odds is not None:
            Deal.objects.filter(pk=deal.pk).update(odds_at_close=odds)
    for deal in missing:
        _store(deal, credit_shares(ws, deal.ext_id), now)
    if missing:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="workspace",
            summary=f"credit recorded for {len(missing)} won deals at the import",
            changes={"credit_recorded": [d.ext_id for d in missing]},
        )
        audit.bump_data_version()
    return [d.ext_id for d in missing]
