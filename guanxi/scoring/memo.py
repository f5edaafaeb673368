"""Answers computed once per warm workspace, that is per data version, date and settings.

The warm workspace is replaced whenever any of those moves, so keeping an answer on the
workspace object itself can never serve one older than the data: the company view and the
API's rendered company JSON are computed once per version instead of once per request, by
the first request that asks (the others wait for it), and go with their model.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def per_workspace(workspace: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once for this workspace object and key; later calls get the same value."""
    return workspace.cached(("memo", key), compute)
