"""Suite-wide pytest configuration: 'no skipped test in CI', a cold analysis workspace, and
the row copy stored right after a write."""

from __future__ import annotations

import os

import pytest

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every test must run: a skipped test fails the run."""
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI: {len(_skipped)} test(s) were skipped; every test must run in CI:")
        for nodeid in _skipped:
            print(f"  {nodeid}")


@pytest.fixture(autouse=True)
def _cold_analysis_workspace():
    """Each test starts without a warm analysis workspace: a rolled-back test database can
    return to an earlier data version with different rows."""
    from guanxi.scoring.engine import forget_warm_workspace

    forget_warm_workspace()
    yield
    forget_warm_workspace()


@pytest.fixture(autouse=True, scope="session")
def _row_copy_right_after_a_write():
    """In tests the writer stores the row copy right after a write, not after two quiet
    seconds: a background read still running when a test database is flushed would lock it."""
    from guanxi.scoring import refresh

    refresh.COPY_AFTER_QUIET = 0.0
    refresh.COPY_BEHIND = 1
    yield


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A test client's request in Chinese leaves Chinese active in the thread; the next test
    starts in the default language, whatever ran before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_deferred_writes_after_each_test():
    """Writes a test's requests queued for after their response go with the test: left
    queued, the background retry would try them during a later test, on a database that
    no longer holds their rows."""
    yield
    from guanxi.core import deferred

    deferred.forget_pending()
