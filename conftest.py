"""Suite-wide pytest configuration: 'no skipped test in CI' and a cold analysis workspace."""

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
