"""One error shape for every 4xx (and the rare 5xx) of the API.

    {"detail": [{"field": "strength", "message": "..."}, ...]}

`field` is the interchange column (or query/path parameter) the problem is about, or null
when it is about the request as a whole (authentication, permission, a conflict). Problems
from request validation (pydantic), the services (Django ValidationError), the database
(IntegrityError, ProtectedError), the reports (ReportError) and unknown ids all end up here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from guanxi.core.busy import RETRY_AFTER_SECONDS, is_busy
from guanxi.scoring.reports import ReportError

logger = logging.getLogger("guanxi.api")

#: Model field names (as services and full_clean name them) → interchange column names.
FIELD_NAMES = {
    "ext_id": "id",
    "organisation": "organization_id",
    "parent": "parent_id",
    "source": "source_id",
    "target": "target_id",
    "participants": "participant_ids",
    "competitors": "competitor_ids",
    "person": "person_id",
    "deal": "deal_id",
    "reports_to": "reports_to_id",
    "__all__": None,
}


#: Bare type names pydantic puts in an error location after the field's name.
TYPE_TAGS = frozenset({"int", "str", "float", "bool", "decimal"})


class Problem(Schema):
    """One problem: the field it is about (null: the request as a whole) and why."""

    field: str | None
    message: str


class ErrorOut(Schema):
    """The body of every error response."""

    detail: list[Problem]


#: The error responses every operation documents.
ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 409, 422, 503)}


class ApiError(Exception):
    """An error response to send: status and problems as (field, message) pairs."""

    def __init__(self, status: int, problems: Iterable[tuple[str | None, str]]) -> None:
        self.status = status
        self.problems = list(problems)
        super().__init__(self.problems)


def not_found(field: str | None, message: str) -> ApiError:
    """404: no such record, or one the user may not see (the two are not told apart)."""
    return ApiError(404, [(field, message)])


def forbidden(message: str, field: str | None = None) -> ApiError:
    """403: the user is known and may not do this."""
    return ApiError(403, [(field, message)])


def invalid(field: str | None, message: str) -> ApiError:
    """422: the request is well-formed but breaks a rule."""
    return ApiError(422, [(field, message)])


def conflict(field: str | None, message: str) -> ApiError:
    """409: the request clashes with stored data (a duplicate id, a record still in use)."""
    return ApiError(409, [(field, message)])


def body(problems: Iterable[tuple[str | None, str]]) -> dict[str, Any]:
    """The JSON body for these problems."""
    return {"detail": [{"field": f, "message": str(m)} for f, m in problems]}


def respond(status: int, problems: Iterable[tuple[str | None, str]]) -> HttpResponse:
    """An error response outside ninja (URL not found under /api/)."""
    return JsonResponse(body(problems), status=status, json_dumps_params={"ensure_ascii": False})


def django_problems(exc: DjangoValidationError) -> list[tuple[str | None, str]]:
    """A service's ValidationError as (interchange field, message) pairs."""
    if hasattr(exc, "error_dict"):
        return [
            (FIELD_NAMES.get(name, name), message)
            for name, errors in exc.message_dict.items()
            for message in errors
        ]
    return [(None, message) for message in exc.messages]


def _pydantic_field(loc: Iterable[Any]) -> str | None:
    """The field a pydantic location names: ["body", "payload", "tier"] → "tier"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] == "payload":
            parts.pop(0)
    # Unions add their member's type ("constrained-int", "literal[...]"); field names are
    # identifiers, so anything with "[" or "-" (or a bare type name) is not one.
    parts = [p for p in parts if not ("[" in p or "-" in p or p in TYPE_TAGS)]
    return ".".join(parts) or None


def validation_problems(errors: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    """Ninja's (pydantic's) request errors as (field, message) pairs, one per field."""
    seen: dict[str | None, str] = {}
    for error in errors:
        field = _pydantic_field(error.get("loc", ()))
        message = str(error.get("msg", "invalid value"))
        message = message.removeprefix("Value error, ")
        if field not in seen:
            seen[field] = message
        elif message not in seen[field]:
            seen[field] = f"{seen[field]}; or {message}"
    return list(seen.items())


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every exception into the one error shape."""

    def send(request: HttpRequest, status: int, problems: list) -> HttpResponse:
        return api.create_response(request, body(problems), status=status)

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return send(request, exc.status, exc.problems)

    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return send(request, 422, validation_problems(exc.errors))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            message = "Authentication required: log in, or send 'Authorization: Bearer TOKEN'."
            return send(request, 401, [(None, message)])
        return send(request, exc.status_code, [(None, str(exc))])

    def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return send(request, 422, django_problems(exc))

    def on_protected(request: HttpRequest, exc: ProtectedError | RestrictedError) -> HttpResponse:
        used_by = sorted({type(o)._meta.verbose_name_plural for o in exc.args[1]})
        message = (
            f"Still in use by other records ({', '.join(map(str, used_by))}); remove those first."
        )
        return send(request, 409, [(None, message)])

    def on_integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return send(request, 409, [(None, f"Conflicts with stored data: {exc}")])

    def on_report(request: HttpRequest, exc: ReportError) -> HttpResponse:
        return send(request, 404 if exc.not_found else 422, [(exc.field, str(exc))])

    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return send(request, 404, [(None, str(exc) or "Not found.")])

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return send(request, 403, [(None, str(exc) or "You may not do this.")])

    def on_database(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        if not is_busy(exc):
            return on_bug(request, exc)
        message = "The database is busy; nothing was saved. Try again in a moment."
        response = send(request, 503, [(None, message)])
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def on_bug(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A real bug: logged with its traceback, answered without one.
        logger.exception("API error on %s %s", request.method, request.path)
        return send(request, 500, [(None, "Internal error; it has been logged.")])

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(ProtectedError, on_protected)
    api.add_exception_handler(RestrictedError, on_protected)
    api.add_exception_handler(IntegrityError, on_integrity)
    api.add_exception_handler(ReportError, on_report)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(OperationalError, on_database)
    api.add_exception_handler(Exception, on_bug)
