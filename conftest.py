"""Suite-wide pytest configuration: shared data location and 'no skipped test in CI'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent


def shared_data_dir() -> Path:
    """The real networks folder: $GUANXI_SHARED_DIR/data or ../shared/data beside the repo."""
    base = os.environ.get("GUANXI_SHARED_DIR")
    root = Path(base) if base else REPO_DIR.parent / "shared"
    return root / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.fail(f"real network data not found at {path} (set GUANXI_SHARED_DIR)")
    return path


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
