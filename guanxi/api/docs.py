"""The interactive API docs (Swagger UI) with its JavaScript and CSS served from here.

django-ninja ships Swagger UI's files but, unless "ninja" is an installed app, its page
loads them from a CDN; users may be offline, so this page points at `/api/docs/assets/...`,
a view that serves the few files from the installed ninja package.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

import ninja
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape
from ninja.openapi.docs import Swagger

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
#: The only files the asset view serves.
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"})

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{assets}swagger-ui.css">
<link rel="icon" href="{assets}favicon.png" type="image/png">
</head>
<body data-csrf-token="{csrf}" data-api-csrf="true">
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}swagger-ui-init.js"></script>
</body>
</html>
"""


class LocalSwagger(Swagger):
    """Swagger UI from local files; "Try it out" uses the session (with CSRF) or a token."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        """The docs page."""
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # "</" cannot end the script element early: JSON allows escaping "/".
        settings_json = json.dumps(settings).replace("</", "<\\/")
        html = PAGE.format(
            title=escape(api.title),
            assets=reverse(f"{api.urls_namespace}:docs-asset", args=["x"])[:-1],
            csrf=escape(get_token(request)),
            settings=settings_json,
        )
        return HttpResponse(html)


def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    """One of Swagger UI's files, from the installed django-ninja package."""
    if name not in ASSETS:
        raise Http404(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse((ASSETS_DIR / name).read_bytes(), content_type=content_type)
    response["Cache-Control"] = "max-age=86400"
    return response
