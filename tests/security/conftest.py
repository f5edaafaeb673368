"""Fixtures of the security tests: the demo workspace and logged-in clients per demo user."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from guanxi.demo.load import load_demo
from guanxi.scoring.engine import forget_warm_workspace

#: demo users by role (guanxi.demo.load.DEMO_USERS)
ROLES = {
    "admin": "demo",
    "manager": "liangwenbo",
    "sales": "lina",
    "contributor": "chenjing",
    "viewer": "guest",
}


@pytest.fixture
def fast_hashing(settings):
    """MD5 passwords (the demo creates five users) and no login slow-down in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GUANXI_LOGIN_DELAY_SECONDS = 0


@pytest.fixture
def demo(db, fast_hashing):
    """The demo workspace with its five users."""
    forget_warm_workspace()
    load_demo(actor="test")
    yield
    forget_warm_workspace()


def client_for(username: str, **kwargs) -> Client:
    """A test client logged in as `username`."""
    client = Client(**kwargs)
    client.force_login(get_user_model().objects.get(username=username))
    return client
