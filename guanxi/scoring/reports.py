"""The analysis reports of CLI.md (account, person, paths, company, deal) from the warm
workspace: the same JSON for the CLI, the API and the pages.

Django is imported only when no workspace is passed in, so a cold CLI process that builds its
workspace without Django (guanxi.scoring.coldread) answers through these same functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guanxi.analytics import account_view, company_view, deal_view, paths_view, person_view
from guanxi.analytics.data import COMPETITOR, CUSTOMER
from guanxi.analytics.graph import Workspace


class ReportError(Exception):
    """A request the reports cannot answer: an unknown id or the wrong kind of record."""

    def __init__(self, message: str, *, field: str = "id", not_found: bool = True) -> None:
        super().__init__(message)
        self.field = field
        self.not_found = not_found


def _workspace(workspace: Workspace | None) -> Workspace:
    if workspace is not None:
        return workspace
    from guanxi.scoring.engine import current_workspace

    return current_workspace()


def _org(ws: Workspace, org_id: str, field: str = "id") -> int:
    try:
        return ws.org_of_id(org_id)
    except KeyError:
        raise ReportError(f"no organisation with id '{org_id}'", field=field) from None


def _person(ws: Workspace, person_id: str, field: str = "id") -> int:
    try:
        return ws.person_of_id(person_id)
    except KeyError:
        raise ReportError(f"no person with id '{person_id}'", field=field) from None


def account_report(account_id: str, *, workspace: Workspace | None = None) -> dict[str, Any]:
    """Customer relationship graph of one account (whole-customer view)."""
    ws = _workspace(workspace)
    org = _org(ws, account_id)
    if ws.org_kind[org] != CUSTOMER:
        raise ReportError(f"'{account_id}' is not a customer", not_found=False)
    return account_view(ws, account_id)


def person_report(
    person_id: str, *, k: int | None = None, workspace: Workspace | None = None
) -> dict[str, Any]:
    """Key-person view of one person."""
    ws = _workspace(workspace)
    _person(ws, person_id)
    return person_view(ws, person_id, k=k)


def paths_report(
    person_id: str,
    *,
    from_id: str | None = None,
    k: int | None = None,
    workspace: Workspace | None = None,
) -> list[dict[str, Any]]:
    """Best paths to a person, from any of our people or from one colleague."""
    ws = _workspace(workspace)
    _person(ws, person_id)
    if k is not None and not 1 <= k <= 50:
        raise ReportError("k must be between 1 and 50", field="k", not_found=False)
    if from_id is not None:
        start = _person(ws, from_id, field="from")
        if ws.person_org[start] != ws.own:
            raise ReportError(
                f"'{from_id}' is not one of our people", field="from", not_found=False
            )
    return paths_view(ws, person_id, from_id=from_id, k=k)


def company_report(
    side_id: str | None = None,
    *,
    workspace: Workspace | None = None,
    trend: Callable[[str], list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Our (or a competitor's) relationship resources with the trend from snapshots
    (`trend(side_id)`; default: the snapshots in the database)."""
    ws = _workspace(workspace)
    if side_id is not None:
        org = _org(ws, side_id, field="side")
        if org != ws.own and ws.org_kind[org] != COMPETITOR:
            raise ReportError(
                f"'{side_id}' is not our company or a competitor", field="side", not_found=False
            )
    elif ws.own < 0:
        raise ReportError("the workspace has no 'own' organisation yet", field="side")
    from guanxi.scoring.memo import per_workspace

    # computed once per workspace; a copy of the top level, which gets this call's trend
    view = dict(per_workspace(ws, ("company", side_id), lambda: company_view(ws, side_id)))
    if trend is None:
        from guanxi.scoring.snapshots import trend
    view["trend"] = trend(view["side"])
    return view


def deal_report(deal_id: str, *, workspace: Workspace | None = None) -> dict[str, Any]:
    """Decision chain of one deal."""
    ws = _workspace(workspace)
    try:
        return deal_view(ws, deal_id)
    except KeyError:
        raise ReportError(f"no deal with id '{deal_id}'") from None
