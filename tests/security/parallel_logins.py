"""Run 60 wrong logins for one user in 20 parallel threads, each with its own database
connection, against the database of DATABASE_URL; print what happened as JSON.

Run in a process of its own by test_login_throttle.py, so that SQLite is a file with its
busy timeout and WAL, as in production (the test runner's in-memory SQLite shares one cache
and cannot take parallel writers).
"""

from __future__ import annotations

import json
import os
import threading
import time


def main() -> None:
    """Migrate, add the user, guess in parallel, and print the counts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import forms as auth_forms
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    from guanxi.access.models import LoginFailure
    from guanxi.access.services import add_user

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GUANXI_LOGIN_DELAY_SECONDS = 0
    call_command("migrate", verbosity=0)
    add_user(username="ann", role="manager", password="a-Long-pass-42", actor=None)
    connections.close_all()

    real = auth_forms.authenticate
    checks: list[str] = []
    statuses: list[int] = []
    guard = threading.Lock()

    def counted(*args, **kwargs):
        with guard:
            checks.append(kwargs.get("username", ""))
        time.sleep(0.02)  # a slow hash widens the gap a non-atomic count would leave
        return real(*args, **kwargs)

    auth_forms.authenticate = counted
    start = threading.Barrier(20)

    def guess() -> None:
        try:
            start.wait()
            for _ in range(3):
                response = Client(REMOTE_ADDR="192.0.2.50").post(
                    "/login/", {"username": "ann", "password": "wrong"}
                )
                with guard:
                    statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = {
        "answers": len(statuses),
        "checks": len(checks),
        "refused": statuses.count(429),
        "failures": LoginFailure.objects.count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
