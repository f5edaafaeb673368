"""The Guanxi REST API (django-ninja): OpenAPI 3 at /api/openapi.json, docs at /api/docs.

Every operation needs a Bearer token or the browser session (guanxi.api.auth); every error
has one shape (guanxi.api.errors); every query goes through `restrict()`.
"""

from __future__ import annotations

from ninja import NinjaAPI

from guanxi.api import (
    analysis,
    deals,
    errors,
    interactions,
    organisations,
    people,
    roles,
    snapshots,
    ties,
)
from guanxi.api.auth import AUTH
from guanxi.api.docs import LocalSwagger
from guanxi.api.render import FastJSONRenderer
from guanxi.operations import api as operations

DESCRIPTION = """
Business relationship management: the analysis of CLI.md (same JSON) and create / read /
update / delete of every entity, with fields named as the interchange columns and records
addressed by their interchange ids.

**Authentication**: the browser session (unsafe methods need the `X-CSRFToken` header), or
`Authorization: Bearer TOKEN` with a token from `guanxi token USER`.

**Errors**: every 4xx body is `{"detail": [{"field": ..., "message": ...}]}`; `field` is the
column or parameter at fault, or null. 401 not authenticated, 403 not allowed, 404 unknown
(or not visible to you), 409 conflicts with stored data, 422 invalid input.

**Deletes**: deleting a person or an organisation that other records depend on answers 409
with one problem per record that would go or change with it (ties, decision roles, hand-over
tasks, interactions that would be left with one participant, account teams, competitors in
play; those you may not see are counted); repeat with `?confirm=true` to delete it with them.
Every removed row has its own audit record.

**Lists**: `limit` (1–500, default 100) and `offset`; the body gives `count` and `items`.
"""

api = NinjaAPI(
    title="Guanxi API",
    version="1",
    description=DESCRIPTION.strip(),
    auth=AUTH,
    docs=LocalSwagger(),
    urls_namespace="api",
    renderer=FastJSONRenderer(),
)
errors.install(api)
# Paths with a fixed word must come before /people/{id}, /deals/{id} (first match wins).
api.add_router("", analysis.router)
api.add_router("", operations.router)
api.add_router("", organisations.router)
api.add_router("", people.router)
api.add_router("", ties.router)
api.add_router("", interactions.router)
api.add_router("", deals.router)
api.add_router("", roles.router)
api.add_router("", snapshots.router)
