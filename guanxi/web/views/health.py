"""`/healthz` for load balancers: is the database reachable, and which data version is
this worker's model at. No login, no data beyond two numbers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from guanxi.core.audit import current_data_version
from guanxi.scoring.engine import warm_version


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok", ...} when the database answers, 503 when it does not."""
    try:
        version = current_data_version()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "data_version": version,
            "model_version": warm_version(),
        }
    )
