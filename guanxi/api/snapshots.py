"""`/api/snapshots`: the recorded scores behind the trends (read-only; `guanxi snapshot`
writes them)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from guanxi.access.permissions import restrict
from guanxi.api.auth import user_of
from guanxi.api.errors import ERRORS
from guanxi.api.schemas.common import Date, PageIn, Ref, page, text
from guanxi.api.schemas.deals import SnapshotPage
from guanxi.core.models import Snapshot

router = Router(tags=["snapshots"])


class SnapshotFilter(Schema):
    """Filters of the snapshot list."""

    subject_id: Ref | None = None
    metric: text(50) | None = None
    date_from: Date | None = None
    date_to: Date | None = None


def snapshot_out(s: Snapshot) -> dict[str, Any]:
    """A snapshot as the API shows it (snapshots.csv's columns)."""
    return {"date": s.date, "subject_id": s.subject_id, "metric": s.metric, "value": s.value}


@router.get("/snapshots", response={200: SnapshotPage, **ERRORS})
def list_snapshots(
    request: HttpRequest, filters: Query[SnapshotFilter], paging: Query[PageIn]
) -> Any:
    """Snapshots the user may see, by date; filter by subject_id, metric and dates."""
    rows = restrict(user_of(request), Snapshot.objects.all())
    if filters.subject_id:
        rows = rows.filter(subject_id=filters.subject_id)
    if filters.metric:
        rows = rows.filter(metric=filters.metric)
    if filters.date_from:
        rows = rows.filter(date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(date__lte=filters.date_to)
    return page(rows.order_by("date", "subject_id", "metric"), paging, snapshot_out)
