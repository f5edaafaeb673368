"""Fixtures of the API tests: the demo workspace (loaded once per module), API tokens of the
demo users, and a client that sends a Bearer token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

from guanxi.access.tokens import create_token
from guanxi.demo.load import load_demo

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo workspace, loaded once for the module (each test still rolls back)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        load_demo(actor="test")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


class Api:
    """A test client speaking JSON to /api/ as one user (Bearer token), or anonymously."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, url: str, data: Any = None, **params: Any) -> Any:
        """Send one request; the response gets `.data` (its JSON body, or None)."""
        kwargs: dict[str, Any] = {"headers": self.headers}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        if params:
            kwargs["QUERY_STRING"] = "&".join(f"{k}={v}" for k, v in params.items())
        response = getattr(self.client, method)(url, **kwargs)
        text = response.content.decode()
        is_json = response.get("Content-Type", "").startswith("application/json")
        response.data = json.loads(text) if text and is_json else None
        return response

    def get(self, url: str, **params: Any) -> Any:
        return self.call("get", url, **params)

    def post(self, url: str, data: Any) -> Any:
        return self.call("post", url, data)

    def patch(self, url: str, data: Any) -> Any:
        return self.call("patch", url, data)

    def delete(self, url: str) -> Any:
        return self.call("delete", url)


@pytest.fixture
def as_user(db, demo_db):
    """An API client holding a fresh token of the named demo user."""

    def make(username: str) -> Api:
        user = get_user_model().objects.get(username=username)
        _token, plain = create_token(user=user, actor="test", label="tests")
        return Api(plain)

    return make


@pytest.fixture
def anonymous(db, demo_db) -> Api:
    """An API client without credentials."""
    return Api()


def fields(response: Any) -> list[Any]:
    """The fields an error response names."""
    return [p["field"] for p in response.data["detail"]]
