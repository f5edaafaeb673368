"""The API's JSON writer: guanxi.core.jsontext (orjson), with the encoder django-ninja uses
for what orjson does not write itself (a team's load asks for the 4 MB company view again
after every write)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from guanxi.core import jsontext

_ninja_default = NinjaJSONEncoder().default


class FastJSONRenderer(BaseRenderer):
    """django-ninja's renderer, writing with orjson."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        """The response body."""
        return jsontext.dumps(data, _ninja_default)
