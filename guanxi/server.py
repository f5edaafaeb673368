"""The production server `guanxi serve` runs: gunicorn, pre-forked workers with threads.

The application is built once in the master (an unsafe production configuration refuses
to start there, in plain words) and shared by the forked workers; each worker then loads
its own warm analysis model before it takes requests, so no user waits for it, and follows
every write (its own or another worker's) in a background thread.
docs/decisions.md says why gunicorn.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

logger = logging.getLogger("guanxi.server")


@dataclass(frozen=True)
class ServerOptions:
    """Where and how wide to serve."""

    host: str
    port: int
    workers: int
    threads: int
    timeout: int
    access_log: bool = False


def _return_freed_memory_to_the_system() -> None:
    """glibc keeps freed memory of a replaced model (hundreds of MB of numpy arrays) in its
    heaps unless large blocks are mapped on their own; fix the mmap threshold at 1 MB (no
    dynamic raise) and use few arenas, so a worker's memory stays at about one model.
    Nothing happens off glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        m_mmap_threshold, m_arena_max = -3, -8
        libc.mallopt(m_mmap_threshold, 1 << 20)
        libc.mallopt(m_arena_max, 2)
    except (OSError, AttributeError):
        return


#: the collector's first threshold in a worker: allocations between two young collections
YOUNG_COLLECTION_EVERY = 50_000


def _tune_the_collector() -> None:
    """Make Python's cyclic garbage collector cheap in a warm worker.

    A worker holds a model whose Python containers are large (lists and indexes of 105,100
    ids and names): a full collection walks them all (56 ms at 1.09M ties), and a busy
    worker's requests allocate enough to set one off every second or two, besides hundreds
    of young collections. What is alive once the worker is warm (Django, the templates, the
    model) is frozen out of collections, and young collections run every 50,000
    allocations instead of 700, so the older generations fill, and are walked, about 70
    times less often. Measured under the 50-user load: 46.1 and 47.7 requests/s without,
    49.1 and 50.5 with (docs/decisions.md)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 20, 20)


def _close_database_connections() -> None:
    """Close every connection (and PostgreSQL pool) of this process: a forked worker must
    never share the master's sockets."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()


def _warm_worker(worker: Any) -> None:
    """Load the analysis model, its path index and company view before this worker takes
    its first request (best effort: a worker that cannot is still useful, its first
    request builds what it needs)."""
    from django.db import connections

    from guanxi.analytics.paths import path_index
    from guanxi.scoring.engine import current_workspace
    from guanxi.scoring.refresh import follow_writes
    from guanxi.scoring.reports import ReportError, company_report

    try:
        workspace = current_workspace()
        # and what every model's first readers would each wait for: the best-path index
        # (a quarter second at a million ties) and the company view
        path_index(workspace)
        with contextlib.suppress(ReportError):  # a workspace without our company yet
            company_report(workspace=workspace)
    except Exception:  # noqa: BLE001 - the server runs without a warm model too
        logger.exception("worker %s could not load the analysis model ahead", worker.pid)
    finally:
        _tune_the_collector()
        # writes through any worker reach this one's model before its next request does
        follow_writes()
        # back to this worker's pool (which stays: closing it would leave its connections
        # ending on the server while a new pool opens others)
        connections.close_all()


def _ready(server: Any) -> None:
    options = server.app.options
    print(
        f"Guanxi is serving http://{options.host}:{options.port}/ "
        f"({options.workers} workers × {options.threads} threads; Ctrl+C stops it)",
        flush=True,
    )


class GuanxiServer(BaseApplication):
    """gunicorn running Guanxi's WSGI application with the given options."""

    def __init__(self, application: Any, options: ServerOptions) -> None:
        self.application = application
        self.options = options
        super().__init__(prog="guanxi serve")

    def load_config(self) -> None:
        """gunicorn's settings from the options (nothing read from a gunicorn config file)."""
        o = self.options
        settings = {
            "bind": [f"[{o.host}]:{o.port}" if ":" in o.host else f"{o.host}:{o.port}"],
            "workers": o.workers,
            "threads": o.threads,
            "worker_class": "gthread",
            "timeout": o.timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "preload_app": True,
            "proc_name": "guanxi",
            "accesslog": "-" if o.access_log else None,
            "errorlog": "-",
            "loglevel": "warning",
            "post_worker_init": _warm_worker,
            "when_ready": _ready,
            "control_socket_disable": True,
        }
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        """The application built by the caller."""
        return self.application


def serve(options: ServerOptions) -> None:
    """Build the application and serve it until stopped (SIGINT/SIGTERM)."""
    from django.core.wsgi import get_wsgi_application

    _return_freed_memory_to_the_system()
    application = get_wsgi_application()
    _close_database_connections()
    GuanxiServer(application, options).run()
