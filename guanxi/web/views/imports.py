"""`/import/` — upload an interchange .zip, or a Salesforce, LinkedIn, vCard, calendar or mail
export (--format): a dry run first, then apply it for real.

The upload is kept between the two steps in a private temporary file named by a random token
that only this session knows; the apply step imports that very file (all or nothing, the
importer's own guarantee) and then deletes it. Managers and admins only.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from guanxi.connectors.choices import NEEDS_EMPLOYEE, Format
from guanxi.interchange import import_files
from guanxi.interchange.schema import FILES, REQUIRED_FILES
from guanxi.web.views.common import require, scope

SESSION_KEY = "guanxi_import"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
#: uploads left behind (a closed tab between the two steps) are removed after this long
STALE_SECONDS = 24 * 3600


def upload_dir() -> Path:
    """The private folder where uploads wait between the dry run and the apply."""
    folder = Path(tempfile.gettempdir()) / "guanxi-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    """Remove uploads older than a day (never applied)."""
    limit = time.time() - STALE_SECONDS
    for old in folder.glob("*.zip"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            continue


def _pending(request: HttpRequest) -> tuple[dict[str, Any], Path] | None:
    """The upload this session checked and may apply, if its file is still there."""
    info = request.session.get(SESSION_KEY)
    if not isinstance(info, dict) or not TOKEN.match(str(info.get("token", ""))):
        return None
    path = upload_dir() / f"{info['token']}.zip"
    return (info, path) if path.is_file() else None


def _forget(request: HttpRequest) -> None:
    """Drop the session's pending upload and its file."""
    found = _pending(request)
    if found is not None:
        found[1].unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)


def _choices(request: HttpRequest) -> tuple[str, str]:
    """The chosen format (interchange unless a known one) and employee id."""
    fmt = request.POST.get("format", Format.INTERCHANGE)
    if fmt not in Format.values:
        fmt = Format.INTERCHANGE
    return fmt, request.POST.get("employee", "").strip()


def _employees() -> list[tuple[str, str]]:
    """Our active people, for 'whose export is this' (id, name)."""
    from guanxi.people.models import Person

    return list(
        Person.objects.filter(organisation__kind="own", status="active")
        .order_by("name", "ext_id")
        .values_list("ext_id", "name")
    )


def _check_upload(request: HttpRequest, fmt: str = Format.INTERCHANGE) -> tuple[Any, str]:
    """The uploaded file, or None with the reason it is refused."""
    limit = settings.GUANXI_IMPORT_MAX_BYTES
    too_big = _("The file is larger than the import limit of %(limit)s.") % {
        "limit": filesizeformat(limit)
    }
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > limit + 64 * 1024:  # refuse before reading the body at all
        return None, too_big
    upload = request.FILES.get("file")
    if upload is None:
        return None, _("Choose a .zip file to upload.")
    if upload.size > limit:
        return None, too_big
    if fmt != Format.INTERCHANGE:
        return upload, ""
    if not upload.name.lower().endswith(".zip") or not zipfile.is_zipfile(upload):
        return None, _(
            "'%(name)s' is not a .zip file. Upload a .zip of the interchange CSV files."
        ) % {"name": upload.name}
    upload.seek(0)
    return upload, ""


def _run(
    path: Path,
    name: str,
    *,
    dry_run: bool,
    actor: Any,
    fmt: str = Format.INTERCHANGE,
    employee: str = "",
) -> Any:
    """Import (or dry-run) the kept upload under its original name, so problems name it."""
    if fmt != Format.INTERCHANGE:
        from guanxi.connectors.inputs import InputError, inputs_for_upload
        from guanxi.connectors.services import ConnectorReport, import_source

        try:
            inputs = inputs_for_upload(name, path.read_bytes())
        except InputError as exc:
            report = ConnectorReport(source=name, dry_run=dry_run, format=fmt)
            report.add(name, None, "", str(exc))
            return report
        report = import_source(
            inputs, format=fmt, employee=employee or None, dry_run=dry_run, actor=actor
        )
        report.source = name
        return report
    with open(path, "rb") as stream:
        report = import_files({name: stream}, dry_run=dry_run, actor=actor)
    report.source = name
    return report


def _result(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The result panel alone for htmx, or the whole page around it."""
    context.setdefault("files", FILES)
    context.setdefault("required", REQUIRED_FILES)
    context.setdefault("limit", settings.GUANXI_IMPORT_MAX_BYTES)
    context.setdefault("formats", Format.choices)
    context.setdefault("needs_employee", sorted(NEEDS_EMPLOYEE))
    if "employees" not in context and request.headers.get("HX-Request") != "true":
        context["employees"] = _employees()
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/partials/import_result.html", context)
    return render(request, "web/import.html", context)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload (dry run, step 1) and apply (step 2) of an interchange .zip."""
    s = scope(request)
    require(s.everything and s.writes)
    if request.method != "POST":
        return _result(request, {})
    step = request.POST.get("step", "check")
    if step == "apply":
        return _apply(request)
    if step == "cancel":
        _forget(request)
        return _result(request, {"cancelled": True})
    return _dry_run(request)


def _dry_run(request: HttpRequest) -> HttpResponse:
    """Keep the upload under a fresh token and report what importing it would do."""
    _forget(request)
    fmt, employee = _choices(request)
    upload, refusal = _check_upload(request, fmt)
    if upload is None:
        return _result(request, {"refusal": refusal, "format": fmt, "employee": employee})
    folder = upload_dir()
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    path = folder / f"{token}.zip"
    with open(path, "xb") as out:
        shutil.copyfileobj(upload, out, length=1024 * 1024)
    path.chmod(0o600)
    report = _run(path, upload.name, dry_run=True, actor=request.user, fmt=fmt, employee=employee)
    if report.ok:
        request.session[SESSION_KEY] = {
            "token": token,
            "name": upload.name,
            "size": upload.size,
            "format": fmt,
            "employee": employee,
        }
    else:
        path.unlink(missing_ok=True)
    context = {"report": report, "name": upload.name, "token": token, "format": fmt}
    return _result(request, {**context, "employee": employee})


def _apply(request: HttpRequest) -> HttpResponse:
    """Import the checked upload for real (it is checked again: nothing half-applies)."""
    found = _pending(request)
    if found is None or request.POST.get("token") != found[0]["token"]:
        return _result(
            request,
            {"refusal": _("That upload is no longer waiting to be applied; upload it again.")},
        )
    info, path = found
    try:
        report = _run(
            path,
            info["name"],
            dry_run=False,
            actor=request.user,
            fmt=info.get("format", Format.INTERCHANGE),
            employee=info.get("employee", ""),
        )
    finally:
        _forget(request)
    return _result(request, {"report": report, "name": info["name"], "applied": report.applied})
