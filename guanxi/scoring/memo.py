"""Answers computed once per warm workspace, that is per data version, date and settings.

The warm workspace is replaced whenever any of those moves, so keying on the workspace
object itself can never serve an answer older than the data: the company view, the
dashboards' numbers and the API's rendered company JSON are computed once per version
instead of once per request.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
# a weak reference: the answers must not keep a replaced model (hundreds of MB) alive
_workspace: weakref.ref[Any] | None = None
_answers: dict[Hashable, Any] = {}


def per_workspace(workspace: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once for this workspace object and key; later calls get the same value."""
    global _workspace, _answers
    with _lock:
        if _workspace is not None and _workspace() is workspace and key in _answers:
            return _answers[key]
    value = compute()
    with _lock:
        if _workspace is None or _workspace() is not workspace:
            _workspace, _answers = weakref.ref(workspace), {}
        _answers[key] = value
    return value
