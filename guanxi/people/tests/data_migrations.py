"""Running one data step of a migration against the test database, as `migrate` runs it."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace


def run_data_step(migration: str, step: str) -> None:
    """Call the RunPython function `step` of the migration module `migration` with the
    current apps and a schema editor on the test database's connection."""
    from django.apps import apps
    from django.db import connection

    getattr(import_module(migration), step)(apps, SimpleNamespace(connection=connection))
