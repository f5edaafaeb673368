"""Fixtures of the page tests: the demo workspace once per module, and a logged-in client."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from guanxi.demo.load import load_demo

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo workspace, loaded once for the module and rolled back after it (each test
    still runs in its own transaction inside)."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=MD5),
        transaction.atomic(),
    ):
        load_demo(actor="test")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def as_user(demo, db, client):
    """Log the test client in as one of the demo users."""

    def login(username: str):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return login
