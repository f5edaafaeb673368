"""XLSX of a list page: exactly the rows the page shows the user (every page of it, with its
filters and sort), read from the page's own table, so the file never disagrees with it."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from openpyxl import Workbook

_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class _Table(HTMLParser):
    """The header and body cells of the table with one data-testid, as text."""

    def __init__(self, testid: str) -> None:
        super().__init__(convert_charrefs=True)
        self.testid = testid
        self.depth = 0  # >0 inside the wanted table (nested tables counted)
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.depth or dict(attrs).get("data-testid") == self.testid:
                self.depth += 1
            return
        if not self.depth:
            return
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self.header = self._row
            elif self._row and not (len(self._row) == 1 and len(self.header) > 1):
                self.rows.append(self._row)  # (a one-cell row is the list's "nothing" line)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self.depth and self._cell is not None:
            self._cell.append(data)


def table_of(html: str, testid: str) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the table `data-testid=testid` in a page."""
    parser = _Table(testid)
    parser.feed(html)
    return parser.header, parser.rows


Cell = str | int | float | bool


def workbook(title: str, header: list[str], rows: list[list[Cell]]) -> bytes:
    """An XLSX with one sheet: the header, then the rows (numbers, given as numbers or read
    from text, as numbers; text that a spreadsheet would run as a formula kept as text)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        cells = []
        for text in row:
            if not isinstance(text, str):
                cells.append(text)  # a number (or a yes/no) from a report, not a page
            elif _NUMBER.match(text):
                plain = text.replace(",", "")
                cells.append(float(plain) if "." in plain else int(plain))
            elif text[:1] in ("=", "+", "-", "@"):
                cells.append("'" + text)
            else:
                cells.append(text)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
