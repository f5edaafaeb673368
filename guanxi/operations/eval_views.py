"""Evaluation by period: a page per month or quarter (mine, my team's, everyone's) and its
CSV and XLSX exports (the same columns; the XLSX headed in the reader's language)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanxi.access.permissions import scope_of
from guanxi.analytics.evaluation import period_bounds, period_of
from guanxi.connectors.xlsx import workbook
from guanxi.operations.evaluation import COLUMNS, evaluate_period

WHO = {"mine": _("mine"), "team": _("my team's"), "all": _("everyone's")}
#: the XLSX heading of each CSV column
HEADINGS = {
    "period": _("Period"),
    "employee": _("Employee id"),
    "name": _("Name"),
    "sales": _("Sales"),
    "resources_gained": _("Resources gained"),
    "relationships_created": _("Relationships created"),
    "relationships_strengthened": _("Relationships strengthened"),
    "introductions": _("Introductions made"),
    "credit": _("Credit on deals won"),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


@login_required
def evaluation_xlsx(request: HttpRequest) -> HttpResponse:
    """The CSV's columns and rows as a workbook: headings in the reader's language, numbers
    as numbers."""
    period, who, error = _ask(request)
    if error:
        return HttpResponse(error, status=422, content_type="text/plain; charset=utf-8")
    header = [str(HEADINGS[c]) for c in ("period", *COLUMNS)]
    rows = [
        [period, *(row[c] for c in COLUMNS)] for row in evaluate_period(request.user, period, who)
    ]
    title = f"{_('Evaluation')} {period}"
    response = HttpResponse(workbook(title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{period}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
