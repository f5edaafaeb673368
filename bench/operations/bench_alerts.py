"""Alert evaluation over the whole workspace (target ≤ 10 s) and the digests of 5,000 users
(target ≤ 60 s), on an imported 1.09M-tie database.

    .venv/bin/python bench/import/generate.py /tmp/ws              # 1,093,000 ties
    DATABASE_URL=sqlite:////tmp/b.sqlite3 .venv/bin/guanxi import /tmp/ws
    DATABASE_URL=sqlite:////tmp/b.sqlite3 .venv/bin/python -m bench.operations.bench_alerts

Adds (once) 5,000 sales users, each on the account team of three customers, linked to one of
our people and with an e-mail address; then times the alert evaluation with the analysis
workspace cold (built from the database, as a fresh worker does) and warm, and the digests
(rendered and handed to Django's in-memory e-mail backend, so the time is ours, not a mail
server's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time


def setup_users(n: int) -> None:
    """n sales users on three account teams each, linked to our people (idempotent)."""
    from django.contrib.auth import get_user_model

    from guanxi.access.models import Profile
    from guanxi.people.models import Organisation, Person

    User = get_user_model()
    if User.objects.filter(username__startswith="bench-").count() >= n:
        return
    rng = random.Random(3)
    customers = list(Organisation.objects.filter(kind="customer").values_list("pk", flat=True))
    ours = list(
        Person.objects.filter(organisation__kind="own", user__isnull=True).values_list(
            "pk", flat=True
        )
    )
    users = User.objects.bulk_create(
        User(username=f"bench-{i:05d}", email=f"bench-{i:05d}@example.com", password="!")
        for i in range(n)
    )
    profiles = Profile.objects.bulk_create(Profile(user=u, role="sales") for u in users)
    through = Profile.accounts.through
    through.objects.bulk_create(
        through(profile_id=p.pk, organisation_id=o)
        for p in profiles
        for o in rng.sample(customers, 3)
    )
    for u, pk in zip(users, ours, strict=False):
        Person.objects.filter(pk=pk).update(user=u)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5000)
    opts = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    from guanxi.cli import setup_django

    setup_django()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    from guanxi.operations.alerts import evaluate_alerts
    from guanxi.operations.digests import send_digests
    from guanxi.operations.models import Alert, Digest
    from guanxi.scoring.engine import current_workspace, forget_warm_workspace

    print(f"load average: {os.getloadavg()[0]:.1f}", flush=True)
    setup_users(opts.users)
    today = dt.date.today()
    Alert.objects.all().delete()
    Digest.objects.all().delete()
    forget_warm_workspace()
    start = time.perf_counter()
    counts = evaluate_alerts(date=today, actor="bench")
    cold = time.perf_counter() - start
    print(f"alert evaluation, workspace cold: {cold:.1f} s ({counts})")
    current_workspace()
    Alert.objects.all().delete()
    start = time.perf_counter()
    counts = evaluate_alerts(date=today, actor="bench")
    warm = time.perf_counter() - start
    print(f"alert evaluation, workspace warm: {warm:.1f} s ({counts})")
    start = time.perf_counter()
    again = evaluate_alerts(date=today + dt.timedelta(days=1), actor="bench")
    print(f"next day, nothing changed: {time.perf_counter() - start:.1f} s ({again})")
    # Every bench user gets at least one open alert, so that 5,000 digests are due: the
    # workspace's own conditions reach only the users on the affected accounts' teams.
    from django.contrib.auth import get_user_model

    have = set(Alert.objects.values_list("user_id", flat=True))
    sample = Alert.objects.values_list("kind", "key", "params").first()
    Alert.objects.bulk_create(
        Alert(user_id=u, kind=sample[0], key=sample[1], params=sample[2], raised_on=today)
        for u in get_user_model()
        .objects.filter(username__startswith="bench-")
        .exclude(pk__in=have)
        .values_list("pk", flat=True)
    )
    mail.outbox = []
    start = time.perf_counter()
    sent = send_digests(date=today, actor="bench")
    took = time.perf_counter() - start
    users = Alert.objects.values("user_id").distinct().count()
    print(f"digests: {sent} sent to users with alerts ({users}) in {took:.1f} s")


if __name__ == "__main__":
    main()
