"""Property tests of the whole API against its own OpenAPI schema (schemathesis).

Every operation of /api/openapi.json is called in-process (WSGI) with generated requests,
as the demo admin with a Bearer token, and must never answer 5xx and always answer with a
status, content type and body its schema documents.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from guanxi.access.tokens import create_token

APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def admin_token(db, demo_db):
    """A Bearer token of the demo admin; the WSGI app keeps the test's database connection
    (Django's test client does the same), so every request sees the demo and rolls back."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _token, plain = create_token(user=get_user_model().objects.get(username="demo"), actor="test")
    yield plain
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_documented_and_never_5xx(case, admin_token):
    # given generated input for one operation, as the admin
    # when it is sent / then the answer is documented and not a server error
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"}, checks=CHECKS)
