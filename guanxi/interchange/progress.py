"""Progress of a long import or export on a terminal: the phase and rows read per file."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    """Writes '[phase] file: N rows' on one line of stderr, at most a few times a second."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.25) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self._last = 0.0
        self._phase = ""
        self._width = 0

    def phase(self, name: str) -> None:
        """Start a phase (reading, checking, writing...)."""
        self._phase = name
        self._show(f"[{name}]", force=True)

    def rows(self, file: str, count: int, done: bool = False) -> None:
        """`count` rows of `file` handled so far."""
        self._show(f"[{self._phase}] {file}: {count:,} rows", force=done)

    def finish(self) -> None:
        """Clear the progress line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)


def terminal_progress() -> TerminalProgress | None:
    """A progress display when stderr is a terminal, else None (logs and pipes stay clean)."""
    try:
        return TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    except (AttributeError, ValueError):
        return None
