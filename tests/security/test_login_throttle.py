"""Login throttling: failures recorded and audited, slowed after 3, locked after 5 per name
from one address (20 per address) for 15 minutes without checking the password, cleared by
a success; parallel attempts never check more passwords than the limit."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from guanxi.access import throttle
from guanxi.access.models import LoginCounter, LoginFailure
from guanxi.access.services import add_user
from guanxi.access.views import ThrottledAdminAuthenticationForm
from guanxi.core.models import AuditEvent

pytestmark = pytest.mark.django_db
REPO_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "a-Long-pass-42"


@pytest.fixture
def ann(fast_hashing):
    return add_user(username="ann", role="manager", password=PASSWORD, actor=None)


def attempt(username: str, password: str = "wrong", ip: str = "10.0.0.1"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post("/login/", {"username": username, "password": password})
    return response, client


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_each_failure_is_recorded_and_audited_with_name_and_address(ann):
    response, _ = attempt("ann", ip="192.0.2.7")
    assert response.status_code == 200
    assert list(LoginFailure.objects.values_list("username", "ip")) == [("ann", "192.0.2.7")]
    event = AuditEvent.objects.get(action="login_failed")
    assert event.object_id == "ann"
    assert event.changes == {"username": [None, "ann"], "ip": [None, "192.0.2.7"]}
    assert "192.0.2.7" in event.summary


def test_five_failures_lock_the_name_without_checking_the_password(ann, monkeypatch):
    for _ in range(5):
        attempt("ann")
    checked = []
    monkeypatch.setattr("django.contrib.auth.forms.authenticate", lambda *a, **k: checked.append(k))
    # when the right password comes next
    response, client = attempt("ann", PASSWORD)
    # then it is refused, unchecked, with how long to wait
    assert response.status_code == 429
    assert "too many failed attempts; try again in 15 minutes" in response.content.decode()
    assert checked == []
    assert not logged_in(client)
    # and the refusal is not counted again (the lock ends when it said it would)
    assert LoginFailure.objects.count() == 5


def test_the_lock_ends_when_the_failures_leave_the_window(ann):
    for _ in range(5):
        attempt("ann")
    started = LoginCounter.objects.get(username="ann").window_start
    LoginCounter.objects.update(window_start=started - dt.timedelta(minutes=14))
    response, _ = attempt("ann", PASSWORD)
    assert "try again in 1 minute" in response.content.decode()
    LoginCounter.objects.update(window_start=started - dt.timedelta(minutes=16))
    response, client = attempt("ann", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_four_failures_then_success_logs_in_and_clears_the_names_failures(ann):
    for _ in range(4):
        attempt("ann")
    attempt("other")
    response, client = attempt("ann", PASSWORD)
    assert response.status_code == 302 and logged_in(client)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["other"]


def test_a_locked_name_does_not_lock_another_name(ann, fast_hashing):
    add_user(username="bob", role="viewer", password=PASSWORD, actor=None)
    for _ in range(5):
        attempt("ann", ip="10.0.0.1")
    response, client = attempt("bob", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302 and logged_in(client)


def test_twenty_failures_from_one_address_lock_that_address(ann):
    for i in range(20):
        attempt(f"guess{i}", ip="203.0.113.9")
    response, client = attempt("ann", PASSWORD, ip="203.0.113.9")
    assert response.status_code == 429 and not logged_in(client)
    response, client = attempt("ann", PASSWORD, ip="203.0.113.10")
    assert response.status_code == 302 and logged_in(client)


def test_attempts_after_three_failures_are_slowed_by_a_bounded_delay(ann, settings, monkeypatch):
    slept: list[float] = []
    # (this module's sleep only: the process's time.sleep is every thread's)
    monkeypatch.setattr(throttle, "sleep", slept.append)
    settings.GUANXI_LOGIN_DELAY_SECONDS = 0.25
    for _ in range(3):
        attempt("ann")
    assert slept == []
    attempt("ann")
    assert slept == [0.25]
    settings.GUANXI_LOGIN_DELAY_SECONDS = 30
    attempt("ann", PASSWORD)
    assert slept == [0.25, 1.0]


def test_names_differing_only_in_case_or_spaces_share_their_count(ann):
    for name in ("ann", "ANN", " Ann", "aNn ", "ann"):
        attempt(name)
    response, _ = attempt("ann", PASSWORD)
    assert response.status_code == 429


def test_the_admin_login_form_is_throttled_the_same_way(ann, rf):
    for _ in range(5):
        attempt("ann")
    request = rf.post("/admin/login/", REMOTE_ADDR="10.0.0.1")
    form = ThrottledAdminAuthenticationForm(request, data={"username": "ann", "password": PASSWORD})
    assert not form.is_valid() and form.throttled


def test_the_real_user_logs_in_from_their_address_while_another_is_locked(ann):
    """Hole f: five wrong attempts from one address locked the real user out everywhere."""
    for _ in range(5):
        attempt("ann", ip="198.51.100.66")
    locked, _ = attempt("ann", PASSWORD, ip="198.51.100.66")
    response, client = attempt("ann", PASSWORD, ip="10.0.0.1")
    assert locked.status_code == 429
    assert response.status_code == 302 and logged_in(client)


def test_a_non_staff_users_right_password_at_the_admin_login_is_no_failure(ann):
    """Hole f: the admin refuses a non-staff user with the right password; that is no guess."""
    for _ in range(6):
        response = Client(REMOTE_ADDR="10.0.0.1").post(
            "/admin/login/", {"username": "ann", "password": PASSWORD}
        )
        assert response.status_code == 200
    assert LoginFailure.objects.count() == 0
    assert not AuditEvent.objects.filter(action="login_failed").exists()
    response, client = attempt("ann", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_never_check_more_than_the_limit(tmp_path):
    """Hole f: 60 parallel wrong passwords for one user were all checked, as the lock's check
    and its count were separate steps. Now each check first takes a slot atomically: 20
    threads with their own connections check 5 passwords and refuse the other 55 unchecked.
    (On SQLite a database file of its own; on PostgreSQL the test database.)"""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'parallel.sqlite3'}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO_DIR)}

    run = subprocess.run(
        [sys.executable, "-m", "tests.security.parallel_logins"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {"answers": 60, "checks": 5, "refused": 55, "failures": 5}
