"""The analysis routes: the CLI's JSON (CLI.md) over HTTP, through the permission rules.

| route | who |
|---|---|
| GET /api/accounts/{id}/analysis | whoever may open the account (`scope.sees_account`) |
| GET /api/people/{id}/view | people-level roles, for a person `restrict()` shows them; audited |
| GET /api/people/{id}/paths?from=&k= | a visible person; contributors: anyone |
| GET /api/company?side= | roles with company-wide numbers (admin, manager, viewer) |
| GET /api/deals/{id}/analysis | roles that see deals, for a deal `restrict()` shows them |

The rules are guanxi.access.guarded's (shared with the command line's --user): admins and
managers get exactly the CLI's JSON, others get it without the people they may not see. An
unknown or invisible id is a 404; a role that never sees this kind of analysis, or an
account the user can see but not open, is a 403.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from guanxi.access import facade
from guanxi.access.permissions import scope_of
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS, forbidden, invalid, not_found
from guanxi.api.schemas.analysis import (
    AccountAnalysis,
    CompanyView,
    DealAnalysis,
    Path,
    PersonView,
)
from guanxi.api.schemas.common import Ref
from guanxi.scoring import reports
from guanxi.scoring.engine import current_workspace
from guanxi.scoring.memo import per_workspace

router = Router(tags=["analysis"])


def _json(request: HttpRequest, data: Any, memo_key: Any = None) -> HttpResponse:
    """Send a report's own dict, so the JSON is the CLI's key for key and number for number;
    with `memo_key(data)`, the rendered JSON is kept for the warm workspace's version."""
    from guanxi.api.api import api

    if memo_key is None:
        return api.create_response(request, data, status=200)
    body = per_workspace(
        current_workspace(),
        memo_key(data),
        lambda: api.create_response(request, data, status=200).content,
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _answer(
    request: HttpRequest, make: Any, *args: Any, memo_key: Any = None, **kwargs: Any
) -> HttpResponse:
    """Run a guarded report for the request's user, mapping refusals to the API's errors."""
    try:
        return _json(request, make(user_of(request), *args, **kwargs), memo_key)
    except facade.Refused as exc:
        raise forbidden(str(exc), exc.field) from None
    except facade.Unseen as exc:
        raise not_found(exc.field, str(exc)) from None
    except facade.BadArgument as exc:
        raise invalid(exc.field, str(exc)) from None
    except reports.ReportError as exc:
        error = not_found if exc.not_found else invalid
        raise error(exc.field, str(exc)) from None


@router.get("/accounts/{id}/analysis", response={200: AccountAnalysis, **ERRORS})
def account_analysis(request: HttpRequest, id: str) -> Any:
    """The customer relationship graph of an account (`guanxi account ID --json`)."""
    return _answer(request, facade.account_for, id)


@router.get("/people/{id}/view", response={200: PersonView, **ERRORS})
def person_view(request: HttpRequest, id: str) -> Any:
    """The key-person view (`guanxi person ID --json`); every view is audited."""
    return _answer(request, facade.person_for, id, channel="API")


class PathsQuery(Schema):
    """Where the paths start (one of our people; default: any) and how many."""

    from_: Ref | None = Field(None, alias="from")
    k: int = Field(3, ge=1, le=50)


@router.get("/people/{id}/paths", response={200: list[Path], **ERRORS})
def person_paths(request: HttpRequest, id: str, query: Query[PathsQuery]) -> Any:
    """The best paths to a person (`guanxi paths ID --json`), strongest first."""
    return _answer(request, facade.paths_for, id, from_id=query.from_, k=query.k)


class CompanyQuery(Schema):
    """Whose resources: a competitor's id, or ours (default)."""

    side: Ref | None = None


@router.get("/company", response={200: CompanyView, **ERRORS})
def company(request: HttpRequest, query: Query[CompanyQuery]) -> Any:
    """Our (or a competitor's) relationship resources (`guanxi company --json`)."""
    # The company JSON is the same for every user of one kind of sight (people-level or
    # not: a viewer's threats name nobody): rendered once per version and kind, and per
    # trend, which snapshots extend without a new version.
    people_level = scope_of(user_of(request)).people_level

    def key(view: dict[str, Any]) -> tuple[Any, ...]:
        trend = tuple(tuple(sorted(point.items())) for point in view["trend"])
        return ("company.json", people_level, view["side"], trend)

    return _answer(request, facade.company_for, query.side, memo_key=key)


@router.get("/deals/{id}/analysis", response={200: DealAnalysis, **ERRORS})
def deal_analysis(request: HttpRequest, id: str) -> Any:
    """The decision chain of a deal (`guanxi deal ID --json`)."""
    return _answer(request, facade.deal_for, id)
