"""Helpers shared by the page views: reports with permission checks, levels, chart data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from guanxi.access.permissions import Scope, restrict, scope_of
from guanxi.scoring.reports import ReportError


def scope(request: HttpRequest) -> Scope:
    """The permission scope of the request's user."""
    return scope_of(request.user)


def report(make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a report; an unknown id is a 404, a wrong kind of record a 404 too."""
    try:
        return make(*args, **kwargs)
    except ReportError as exc:
        raise Http404(str(exc)) from None


def answer(make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Ask the read façade: what the user may not see is a 404 (as an unknown id), what
    they may know exists but not open here a 403."""
    from guanxi.access import facade

    try:
        return make(*args, **kwargs)
    except facade.Unseen as exc:
        raise Http404(str(exc)) from None
    except facade.Refused:
        raise PermissionDenied from None
    except (facade.BadArgument, ReportError) as exc:
        raise Http404(str(exc)) from None


def require(allowed: bool) -> None:
    """403 unless allowed (the choke point's verdict for this page)."""
    if not allowed:
        raise PermissionDenied


def shows(user: Any, record: Any) -> bool:
    """Whether the choke point shows this one record (a model instance) to the user."""
    return restrict(user, type(record).objects.filter(pk=record.pk)).exists()


def refuse(user: Any, record: QuerySet[Any], unknown: str) -> NoReturn:
    """Refuse a page about one record: 403 when the user may see that the record exists
    (the choke point shows it to them), otherwise the very 404 of an unknown id, so a page
    never confirms an id the user may not see."""
    if restrict(user, record).exists():
        raise PermissionDenied
    raise Http404(unknown)


def level_of(score: float) -> str:
    """strong / medium / weak of a 0–100 score (the workspace's thresholds)."""
    from guanxi.scoring.engine import settings_in_use

    return settings_in_use().level(score)


def trend_chart(trend: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """ECharts data of a company trend: the score as a line, level counts as stacked bars."""
    return {
        "labels": [t["date"] for t in trend],
        "scoreName": labels["score"],
        "series": [
            {
                "name": labels["strong"],
                "values": [t["strong"] for t in trend],
                "colour": "#12b76a",
                "type": "bar",
                "stack": "levels",
                "axis": 1,
            },
            {
                "name": labels["medium"],
                "values": [t["medium"] for t in trend],
                "colour": "#fdb022",
                "type": "bar",
                "stack": "levels",
                "axis": 1,
            },
            {
                "name": labels["weak"],
                "values": [t["weak"] for t in trend],
                "colour": "#f97066",
                "type": "bar",
                "stack": "levels",
                "axis": 1,
            },
            {
                "name": labels["score"],
                "values": [round(t["score"], 1) for t in trend],
                "colour": "#1d4ed8",
                "type": "line",
                "axis": 0,
            },
        ],
    }
