"""Snapshots: the scores of a date, recorded so the company view can show a trend.

For each side (our company and every competitor) the capability score and the number of
customers at each level; for every customer our account score and each competitor's
(`score@COMPETITOR_ID`); our closeness to every power or influence centre and role holder
(`closeness`) and each of our employees' resources (`resources`), for the person-level trend
lines, and each competitor's closeness to the role holders of its open deals
(`closeness@COMPETITOR_ID`, for the overtaking alert) (guanxi.analytics.history). Recording a
date again replaces that date's values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction

from guanxi.analytics import company_view
from guanxi.analytics.company import SIDE_METRICS, trend_points
from guanxi.analytics.data import COMPETITOR
from guanxi.analytics.history import closeness_values, resource_values, rival_closeness_values
from guanxi.core import audit
from guanxi.core.changes import NOTHING
from guanxi.core.choices import AuditAction
from guanxi.core.models import Snapshot
from guanxi.scoring.engine import build_from_database, memo_key


def snapshot_values(date: dt.date, workspace: Any = None) -> list[tuple[str, str, float]]:
    """(subject id, metric, value) of every score as it stood on `date` (ties and
    interactions recorded after it are left out; decay is counted to that date), from
    `workspace` when the caller has built that date's already."""
    workspace = workspace or build_from_database(today=date, until=date)
    values: list[tuple[str, str, float]] = []
    competitors = [workspace.org_ids[o] for o in (workspace.org_kind == COMPETITOR).nonzero()[0]]
    sides = [None, *competitors] if workspace.own >= 0 else []
    for side in sides:
        view = company_view(workspace, side)
        values.append((view["side"], "score", round(view["score"], 4)))
        for level in ("strong", "medium", "weak"):
            values.append((view["side"], level, float(view["levels"][level])))
        metric = "score" if side is None else f"score@{side}"
        values.extend((a["id"], metric, round(a["score"], 4)) for a in view["accounts"])
        if side is None:
            values.extend(resource_values(view["employees"]))
    values.extend(closeness_values(workspace))
    values.extend(rival_closeness_values(workspace))
    return values


@transaction.atomic
def record_snapshot(*, date: dt.date, actor: Any, workspace: Any = None) -> int:
    """Record (or re-record) every score of `date` (from `workspace`, when given, built as of
    that date); returns how many values were written."""
    values = snapshot_values(date, workspace)
    Snapshot.objects.filter(date=date).delete()
    Snapshot.objects.bulk_create(
        Snapshot(date=date, subject_id=s, metric=m, value=v) for s, m, v in values
    )
    # a new data version (touching nothing the model reads): the trends kept per version
    # are read again
    audit.bump_data_version(NOTHING)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="snapshot",
        object_id=date.isoformat(),
        summary=f"snapshot of {date.isoformat()}: {len(values)} values",
    )
    return len(values)


#: the last trend read per (database, side), with the warm model it was read for (its
#: `memo_key`): snapshots are written only with a new data version (record_snapshot, an
#: import), so a busy server reads a side's trend once per model, not on every company view
_trends: dict[tuple[str, str], tuple[str, list[dict[str, Any]]]] = {}


def trend(side_id: str) -> list[dict[str, Any]]:
    """The side's capability score and level counts per snapshot date, oldest first."""
    stamp = memo_key()
    key = (connection.settings_dict.get("NAME", ""), side_id)
    kept = _trends.get(key)
    if stamp != "cold" and kept is not None and kept[0] == stamp:
        return kept[1]
    rows = Snapshot.objects.filter(subject_id=side_id, metric__in=SIDE_METRICS).order_by("date")
    points = trend_points(rows.values_list("date", "metric", "value"))
    if stamp != "cold":
        _trends[key] = (stamp, points)
    return points
