"""Progress of a plan objective ("raise our closeness with P to T by D") from P's history.

- current: the last recorded closeness on or before today (the baseline before any);
- progress = (current - baseline) / (target - baseline), within 0..1 (1 when the baseline
  already met the target);
- expected = the share of the time from start to due that has passed;
- state: `achieved` (current >= target), `overdue` (past due, not achieved), `on_track`
  (progress >= expected - slack), else `off_track`.

>>> import datetime as dt
>>> p = objective_progress(baseline=20, target=60, start=dt.date(2026, 1, 1),
...     due=dt.date(2026, 3, 2), points=[(dt.date(2026, 1, 31), 30.0)], today=dt.date(2026, 2, 1))
>>> p["current"], p["progress"], round(p["expected"], 2), p["state"]
(30.0, 0.25, 0.52, 'off_track')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

SLACK = 0.1
"""How far behind the straight line from baseline to target still counts as on track."""


def objective_progress(
    *,
    baseline: float,
    target: float,
    start: dt.date,
    due: dt.date,
    points: Iterable[tuple[dt.date, float]],
    today: dt.date,
    slack: float = SLACK,
) -> dict[str, Any]:
    """Current closeness, progress, expected progress and state of one objective."""
    current = float(baseline)
    for date, value in sorted(points):
        if date < start or date > today:
            continue
        current = float(value)
    gap = target - baseline
    progress = 1.0 if gap <= 0 else min(max((current - baseline) / gap, 0.0), 1.0)
    span = (due - start).days
    expected = 1.0 if span <= 0 else min(max((today - start).days / span, 0.0), 1.0)
    if current >= target:
        state = "achieved"
    elif today > due:
        state = "overdue"
    elif progress >= expected - slack:
        state = "on_track"
    else:
        state = "off_track"
    return {"current": current, "progress": progress, "expected": expected, "state": state}
