"""Plain-text tables for the read commands (CJK characters count as two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any


def width(text: str) -> int:
    """Display width of text on a terminal (wide East Asian characters take two columns)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Figure(str):
    """A number already formatted for its kind (right-aligned like a number)."""


def score(value: float | None) -> Figure | None:
    """A 0–100 figure (score, closeness, strength, resources, odds): one decimal."""
    return None if value is None else Figure(f"{value:.1f}")


def fraction(value: float | None) -> Figure | None:
    """A 0–1 figure (power, influence, importance, broker, weight): two decimals."""
    return None if value is None else Figure(f"{value:.2f}")


def signed(value: float | None) -> Figure | None:
    """An edge (−2.5..2.5): two decimals with its sign."""
    return None if value is None else Figure(f"{value:+.2f}")


def share(value: float | None) -> Figure | None:
    """A share of a whole (of a score, of a credit): a percentage, one decimal."""
    return None if value is None else Figure(f"{value:.1%}")


def money(value: float | None) -> Figure | None:
    """An amount: thousands separated, two decimals."""
    return None if value is None else Figure(f"{value:,.2f}")


def cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 1 or value == 0 else f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A left-aligned table with a header rule; numbers are right-aligned."""
    texts = [[cell(v) for v in row] for row in rows]
    numeric = [
        all(
            (isinstance(row[i], (int, float, Figure)) and not isinstance(row[i], bool))
            or row[i] is None
            for row in rows
        )
        for i in range(len(headers))
    ]
    widths = [max([width(h)] + [width(r[i]) for r in texts]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in texts)
    return "\n".join(out)
