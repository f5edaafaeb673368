"""Evaluation by period: a page per month or quarter (mine, my team's, everyone's) and its
CSV export."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import scope_of
from guanxi.analytics.evaluation import period_bounds, period_of
from guanxi.operations.evaluation import COLUMNS, evaluate_period

WHO = {"mine": _("mine"), "team": _("my team's"), "all": _("everyone's")}


def _ask(request: HttpRequest) -> tuple[str, str, str]:
    period = request.GET.get("period") or period_of(timezone.localdate())
    who = request.GET.get("who", "team" if scope_of(request.user).everything else "mine")
    if who not in WHO:
        who = "mine"
    try:
        period_bounds(period)
    except ValueError:
        return (
            period_of(timezone.localdate()),
            who,
            str(
                _("'%(period)s' is not a month (YYYY-MM) or a quarter (YYYY-Qn).")
                % {"period": period}
            ),
        )
    return period, who, ""


@login_required
def evaluation(request: HttpRequest) -> HttpResponse:
    """Per employee, what the period's relationship work brought."""
    period, who, error = _ask(request)
    rows = evaluate_period(request.user, period, who)
    start, end = period_bounds(period)
    context = {
        "rows": rows,
        "period": period,
        "start": start,
        "end": end,
        "who": who,
        "choices": list(WHO.items()) if scope_of(request.user).everything else [],
        "error": error,
    }
    return render(request, "operations/evaluation.html", context, status=422 if error else 200)


@login_required
def evaluation_csv(request: HttpRequest) -> HttpResponse:
    """The same rows as CSV (spreadsheet formulas neutralised)."""
    period, who, error = _ask(request)
    if error:
        return HttpResponse(error, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{period}.csv"'
    writer = csv.writer(response)
    writer.writerow(["period", *COLUMNS])
    for row in evaluate_period(request.user, period, who):
        cells = [row[c] for c in COLUMNS]
        writer.writerow(
            [
                period,
                *(f"'{c}" if str(c)[:1] in "=+-@" and isinstance(c, str) else c for c in cells),
            ]
        )
    return response
