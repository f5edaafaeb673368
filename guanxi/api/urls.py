"""URLs under /api/: the ninja API, the docs' assets, and a JSON 404 for anything else.

The API answers anonymous callers itself (401 JSON), so its views are exempt from the
site-wide LoginRequiredMiddleware, which would redirect them to the login page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from guanxi.api.api import api
from guanxi.api.docs import docs_asset
from guanxi.api.errors import respond


@login_not_required
def unknown(request: HttpRequest) -> HttpResponse:
    """Any other URL under /api/: the API's own 404 rather than the site's HTML page."""
    return respond(404, [(None, f"No API route {request.path}.")])


def _api_patterns() -> list:
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns


app_name = "api"
urlpatterns = [
    *_api_patterns(),
    path("docs/assets/<str:name>", login_not_required(docs_asset), name="docs-asset"),
    re_path(r"^.*$", unknown),
]
