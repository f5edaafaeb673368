"""What-if and next best actions from the warm workspace, for the CLI, the API and the pages.

The same pattern as guanxi.scoring.reports: plain dicts, errors as ReportError naming the
field. Visibility is applied by guanxi.operations.guarded."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from guanxi.analytics.actions import account_actions, deal_actions
from guanxi.analytics.data import CUSTOMER
from guanxi.analytics.graph import Workspace
from guanxi.analytics.whatif import WhatIfError, what_if
from guanxi.scoring.reports import ReportError


def _workspace(workspace: Workspace | None) -> Workspace:
    if workspace is not None:
        return workspace
    from guanxi.scoring.engine import current_workspace

    return current_workspace()


def whatif_report(
    ties: Iterable[Sequence[Any]],
    deal_id: str | None = None,
    *,
    workspace: Workspace | None = None,
) -> dict[str, Any]:
    """Account scores and deal odds before and after hypothetical ties (CLI.md v2)."""
    try:
        return what_if(_workspace(workspace), list(ties), deal_id)
    except WhatIfError as exc:
        not_found = str(exc).split(": ", 1)[-1].startswith("no ")
        raise ReportError(str(exc), field=exc.field, not_found=not_found) from None


def account_actions_report(
    account_id: str, *, workspace: Workspace | None = None
) -> list[dict[str, Any]]:
    """The account's next best actions (largest gain in its closeness score first)."""
    ws = _workspace(workspace)
    try:
        o = ws.org_of_id(account_id)
    except KeyError:
        raise ReportError(f"no organisation with id '{account_id}'") from None
    if ws.org_kind[o] != CUSTOMER:
        raise ReportError(f"'{account_id}' is not a customer", not_found=False)
    return account_actions(ws, account_id)


def deal_actions_report(
    deal_id: str, *, workspace: Workspace | None = None
) -> list[dict[str, Any]]:
    """The deal's next best actions (largest gain in its win odds first)."""
    ws = _workspace(workspace)
    if deal_id not in ws.deals.index:
        raise ReportError(f"no deal with id '{deal_id}'")
    return deal_actions(ws, deal_id)
