"""The demo shows a realistic week: alerts of every kind the demo's story can raise, spread
over the last seven days, read and unread; a digest each day; plans in progress; a quarter
of evaluation; and the demo's scores as its data gives them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from guanxi.analytics.evaluation import period_of
from guanxi.demo.load import load_demo
from guanxi.operations.evaluation import evaluate_period
from guanxi.operations.models import Alert, DailyRun, Digest, Objective
from guanxi.operations.plans import progress_rows

TODAY = dt.date(2026, 11, 20)
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def week(db):
    with override_settings(PASSWORD_HASHERS=MD5):
        load_demo(today=TODAY, actor="test")
    return {u.username: u for u in get_user_model().objects.all()}


def test_the_demo_has_a_week_of_alerts_digests_and_worker_days(week):
    # given the demo loaded on TODAY
    alerts = list(Alert.objects.values_list("kind", "raised_on", "read_at"))
    first = {}
    for kind, day, _read in sorted(alerts, key=lambda a: a[1]):
        first.setdefault(kind, day)
    # then every kind but at-risk (no demo account rests on one colleague) was raised in the
    # last seven days, each first on a day of its own
    week_days = {TODAY - dt.timedelta(days=n) for n in range(7)}
    assert set(first) == {"stale", "objective", "overtaken", "colleague_leaving", "key_person_left"}
    assert set(first.values()) <= week_days
    assert len(set(first.values())) == len(first)
    assert {day for _k, day, _r in alerts} == week_days
    # and the older ones were read, the last ones not
    assert any(read is not None for _k, _d, read in alerts)
    assert any(read is None for _k, _d, read in alerts)
    # and each day had a digest and the worker's three jobs
    assert set(Digest.objects.values_list("date", flat=True)) == week_days
    assert all(Digest.objects.values_list("sent_at", flat=True))
    assert set(DailyRun.objects.values_list("date", flat=True)) == week_days
    assert DailyRun.objects.count() == 3 * 7


def test_the_overtaking_is_lanxins_new_tie_with_qilins_decider(week):
    # given the demo's story: Lanxin met Qilin's manufacturing VP five days ago
    alert = Alert.objects.get(kind="overtaken", user=week["liangwenbo"])
    # then the manager was told that day, of that deal, person and competitor
    assert alert.raised_on == TODAY - dt.timedelta(days=5)
    assert alert.key == "qln-d1:qln-vp-mfg:lx"
    # and lina, who is not on Qilin's team, was not
    assert not Alert.objects.filter(kind="overtaken", user=week["lina"]).exists()


def test_plans_are_in_progress_and_the_quarter_has_an_evaluation(week):
    # given the demo's plans and this quarter
    states = {r["state"] for r in progress_rows(None, Objective.objects.all(), today=TODAY)}
    rows = evaluate_period(week["liangwenbo"], period_of(TODAY), "team")
    # then some objectives are on track and some are not
    assert {"on_track", "off_track"} <= states
    # and the quarter counts what happened in it: not every relationship ever recorded
    created = sum(r["relationships_created"] for r in rows)
    assert 0 < created < 333 // 4
    assert any(r["relationships_strengthened"] for r in rows)
    assert any(r["resources_gained"] for r in rows)
