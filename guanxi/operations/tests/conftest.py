"""The API tests' fixtures (demo workspace once per module, token clients) for this app, and
a demo without its plans, introductions and alerts: each test here builds its own."""

import pytest

from guanxi.api.tests.conftest import Api, anonymous, as_user, demo_db

__all__ = ["Api", "anonymous", "as_user", "demo_db"]


@pytest.fixture(autouse=True)
def _no_demo_operations(request):
    """Remove the demo's objectives, introductions, alerts and digests (rolled back after)."""
    if "demo_db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from guanxi.operations.models import Alert, Digest, Introduction, Objective

    for model in (Alert, Digest, Introduction, Objective):
        model.objects.all().delete()
