"""Shared fixtures of the demo tests: the demo built once for a fixed day, as rows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from guanxi.demo import build_demo

TODAY = dt.date(2025, 6, 1)


def as_rows(files: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """{file name: [row dict]} of CSV texts."""
    return {name: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}


@pytest.fixture(scope="session")
def demo_files() -> dict[str, str]:
    return build_demo(TODAY)


@pytest.fixture(scope="session")
def demo(demo_files) -> dict[str, list[dict[str, str]]]:
    return as_rows(demo_files)
