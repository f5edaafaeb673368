"""A production start (GUANXI_PRODUCTION=1) refuses the placeholder key and DEBUG, and is
otherwise clean under `check --deploy` with hardened cookies and headers."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error

from guanxi.core.checks import check_production
from guanxi.settings import PLACEHOLDER_SECRET_KEY

REPO = Path(__file__).resolve().parents[2]
REAL_KEY = secrets.token_urlsafe(50)


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Python in a fresh process with only the given GUANXI_* environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GUANXI_", "DATABASE_URL"))}
    base.update(
        DJANGO_SETTINGS_MODULE="guanxi.settings",
        PYTHONPATH=str(REPO),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], env=base, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def deploy_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return run(tmp_path, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", **env)


PRODUCTION = {
    "GUANXI_PRODUCTION": "1",
    "GUANXI_SECRET_KEY": REAL_KEY,
    "GUANXI_ALLOWED_HOSTS": "guanxi.example.com",
}


def test_a_proper_production_configuration_passes_check_deploy(tmp_path):
    result = deploy_check(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_placeholder_key_fails_check_deploy_with_a_clear_error(tmp_path):
    env = {**PRODUCTION, "GUANXI_SECRET_KEY": PLACEHOLDER_SECRET_KEY}
    result = deploy_check(tmp_path, **env)
    assert result.returncode != 0
    assert "guanxi.E001" in result.stderr and "placeholder" in result.stderr


def test_debug_in_production_fails_check_deploy(tmp_path):
    result = deploy_check(tmp_path, **PRODUCTION, GUANXI_DEBUG="1")
    assert result.returncode != 0
    assert "guanxi.E002" in result.stderr and "DEBUG" in result.stderr


def test_the_wsgi_application_refuses_to_start_with_the_placeholder_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "GUANXI_SECRET_KEY"}
    result = run(tmp_path, "-c", "import guanxi.wsgi", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Guanxi refuses to start" in result.stderr
    ok = run(tmp_path, "-c", "import guanxi.wsgi; print('ok')", **PRODUCTION)
    assert ok.returncode == 0 and ok.stdout.strip() == "ok", ok.stderr


def test_guanxi_serve_refuses_to_start_with_debug_in_production(tmp_path):
    # (call_command skips runserver's checks; the middleware guard refuses the handler)
    env = {**PRODUCTION, "GUANXI_DEBUG": "1"}
    result = run(tmp_path, "-m", "guanxi.cli", "serve", "--no-reload", "--port", "8765", **env)
    assert result.returncode != 0
    assert "Guanxi refuses to start" in result.stderr and "guanxi.E002" in result.stderr


def test_production_cookies_and_headers_are_hardened(tmp_path):
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "DEBUG",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = run(tmp_path, "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "DEBUG": False,
    }


@pytest.mark.parametrize(
    ("overrides", "ids"),
    [
        ({"PRODUCTION": False, "SECRET_KEY": PLACEHOLDER_SECRET_KEY, "DEBUG": True}, []),
        ({"PRODUCTION": True, "SECRET_KEY": REAL_KEY, "DEBUG": False}, []),
        ({"PRODUCTION": True, "SECRET_KEY": PLACEHOLDER_SECRET_KEY, "DEBUG": False}, ["E001"]),
        (
            {"PRODUCTION": True, "SECRET_KEY": "django-insecure-x" * 4, "DEBUG": True},
            ["E001", "E002"],
        ),
    ],
)
def test_the_check_itself(settings, overrides, ids):
    for name, value in overrides.items():
        setattr(settings, name, value)
    errors = check_production()
    assert all(isinstance(e, Error) for e in errors)
    assert [e.id for e in errors] == [f"guanxi.{i}" for i in ids]
