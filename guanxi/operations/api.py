"""The operations routes: what-if (CLI.md v2) and next best actions.

| route | who |
|---|---|
| POST /api/whatif | people-level roles, for people they can see (and a deal they see) |
| GET /api/accounts/{id}/actions | whoever may open the account |
| GET /api/deals/{id}/actions | roles that see deals, for a deal they see |

Nothing is written: a what-if is a question, so POST only carries the ties in its body.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from guanxi.api.analysis import _answer
from guanxi.api.errors import ERRORS
from guanxi.operations import guarded

router = Router(tags=["operations"])


class HypotheticalTie(Schema):
    """A relationship as if it existed: two people's ids and a strength 0-100."""

    source: str
    target: str
    strength: float = Field(..., ge=0, le=100)


class WhatIfIn(Schema):
    """The hypothetical ties and, optionally, a deal whose odds to recompute."""

    ties: list[HypotheticalTie] = Field(..., min_length=1)
    deal: str | None = None


class WhatIfAccount(Schema):
    """An account's closeness score S(O) before and after."""

    id: str
    before: float
    after: float


class WhatIfDeal(Schema):
    """A deal's relationship win odds before and after."""

    id: str
    before: float | None
    after: float | None


class WhatIfOut(Schema):
    """The ties as counted and the scores they would move."""

    ties: list[HypotheticalTie]
    accounts: list[WhatIfAccount]
    deal: WhatIfDeal | None


class Route(Schema):
    """The best path from the employee to the person."""

    people: list[str]
    strength: float


class Action(Schema):
    """One relationship to strengthen: who, with whom, from what to what, and the gain."""

    person: str
    person_name: str
    employee: str
    employee_name: str
    strength: float
    to: float
    gain: float
    route: Route
    introducer: str | None
    also: list[str]


@router.post("/whatif", response={200: WhatIfOut, **ERRORS})
def whatif(request: HttpRequest, body: WhatIfIn) -> Any:
    """Account scores and deal odds if these relationships existed (nothing is written)."""
    ties = [(t.source, t.target, t.strength) for t in body.ties]
    return _answer(request, guarded.whatif_for, ties, body.deal)


@router.get("/accounts/{id}/actions", response={200: list[Action], **ERRORS})
def account_actions(request: HttpRequest, id: str) -> Any:
    """The account's next best actions: relationships whose strengthening moves it most."""
    return _answer(request, guarded.account_actions_for, id)


@router.get("/deals/{id}/actions", response={200: list[Action], **ERRORS})
def deal_actions(request: HttpRequest, id: str) -> Any:
    """The deal's next best actions: relationships whose strengthening moves its odds most."""
    return _answer(request, guarded.deal_actions_for, id)
