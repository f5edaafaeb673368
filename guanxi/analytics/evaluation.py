"""Evaluation periods and the change of a value over one.

>>> import datetime as dt
>>> period_bounds("2026-Q4")
(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
>>> period_bounds("2026-02")
(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
>>> gained([(dt.date(2026, 9, 30), 10.0), (dt.date(2026, 11, 30), 25.0)],
...        dt.date(2026, 10, 1), dt.date(2026, 12, 31))
15.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

_PERIOD = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$")


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a month (YYYY-MM) or quarter (YYYY-Qn); ValueError otherwise."""
    found = _PERIOD.match(period.strip())
    if not found:
        raise ValueError(f"'{period}' is not a month (YYYY-MM) or a quarter (YYYY-Qn)")
    year = int(found.group(1))
    if found.group(2):
        first = last = int(found.group(2))
    else:
        first = 3 * int(found.group(3)) - 2
        last = first + 2
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def period_of(day: dt.date, kind: str = "quarter") -> str:
    """The month or quarter containing a day, as its name."""
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def gained(points: Iterable[tuple[dt.date, float]], start: dt.date, end: dt.date) -> float:
    """Value at the end of the period (last point on or before `end`) minus the value at its
    start (last point before `start`; 0 when there is none)."""
    before = 0.0
    after = None
    for day, value in sorted(points):
        if day < start:
            before = value
        if day <= end:
            after = value
    return (after if after is not None else before) - before
