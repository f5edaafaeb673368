"""`/export/` — download the whole workspace as an interchange .zip (managers and admins).

The page explains what the download holds; the download itself is a POST (it is audited and
costs a full export, so no link or image on another site can start one). Cells a spreadsheet
would run as formulas are neutralised, since people open these files in Excel.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from guanxi.interchange.export import export_to
from guanxi.interchange.schema import FILES
from guanxi.web.views.common import require, scope


def export_name() -> str:
    """The download's file name, with today's date (guanxi-export-2025-06-01.zip)."""
    return f"guanxi-export-{timezone.localdate():%Y-%m-%d}.zip"


@login_required
@require_http_methods(["GET", "POST"])
def export_download(request: HttpRequest) -> HttpResponse:
    """GET: what the export holds; POST: the .zip (the exporter records the audit event)."""
    require(scope(request).everything)
    if request.method != "POST":
        return render(request, "web/export.html", {"files": FILES, "name": export_name()})
    name = export_name()
    with tempfile.TemporaryDirectory(prefix="guanxi-export-") as folder:
        path = Path(folder) / name
        export_to(path, actor=request.user, escape_formulas=True)
        # The open file outlives the folder's removal (POSIX), so nothing is left on disk.
        stream = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    response = FileResponse(
        stream, as_attachment=True, filename=name, content_type="application/zip"
    )
    response["Cache-Control"] = "no-store"
    return response
