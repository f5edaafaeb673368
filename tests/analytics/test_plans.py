"""Objective progress from a person's closeness history, computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxi.analytics.plans import objective_progress

START, DUE = dt.date(2026, 1, 1), dt.date(2026, 4, 11)  # 100 days


def progress(points, today, baseline=20.0, target=70.0):
    return objective_progress(
        baseline=baseline, target=target, start=START, due=DUE, points=points, today=today
    )


def test_progress_is_the_latest_recorded_closeness_since_the_start():
    # given snapshots before the start, during, and after today
    points = [
        (dt.date(2025, 12, 31), 50.0),
        (dt.date(2026, 1, 31), 30.0),
        (dt.date(2026, 2, 28), 45.0),
        (dt.date(2026, 3, 31), 65.0),
    ]
    # when asked on 2026-03-02 (60 days in)
    p = progress(points, dt.date(2026, 3, 2))
    # then the current value is February's 45: (45 - 20) / 50 = 0.5 against 0.6 expected
    assert p["current"] == 45.0
    assert p["progress"] == pytest.approx(0.5)
    assert p["expected"] == pytest.approx(0.6)
    assert p["state"] == "on_track"  # within the 0.1 slack


def test_progress_off_track_overdue_and_achieved():
    # given one snapshot at 25 a month in
    points = [(dt.date(2026, 1, 31), 25.0)]
    # then 70 days in it is off track (0.1 against 0.7), after the due date overdue
    assert progress(points, dt.date(2026, 3, 12))["state"] == "off_track"
    assert progress(points, dt.date(2026, 4, 12))["state"] == "overdue"
    # and a value at the target is achieved whatever the date
    assert progress([(dt.date(2026, 2, 1), 70.0)], dt.date(2026, 2, 2))["state"] == "achieved"
    # with no snapshot since the start the baseline counts: nothing gained
    assert progress([], dt.date(2026, 1, 5))["current"] == 20.0
