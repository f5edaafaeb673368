"""What the source modules share: reading a CSV with its line numbers, dates, our company."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin
from guanxi.connectors.identity import CJK

#: our company's interchange id when an import has to create it (an empty workspace)
OWN_ID = "our-company"
OWN_NAME = "Our company"


def decode(ctx, name: str, data: bytes) -> str | None:
    """The file as text (UTF-8, a BOM allowed); a problem naming the line when it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        ctx.bundle.problem(
            Origin(name, line),
            _("is not UTF-8 text (byte 0x%(byte)02x); export it again as UTF-8")
            % {"byte": data[exc.start]},
        )
        return None


def csv_rows(
    ctx, name: str, text: str, required: tuple[str, ...], header_line: int = 1
) -> Iterator[tuple[Origin, dict[str, str]]]:
    """Rows of a CSV text as {column: cell}, each with the line a text editor shows.

    A missing required column, or a row whose cells do not match the header (a truncated or
    broken file), is reported; such rows are not yielded.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        ctx.bundle.problem(Origin(name, header_line), _("is empty: no header row"))
        return
    except csv.Error as exc:
        ctx.bundle.problem(
            Origin(name, header_line), _("is not a CSV file (%(error)s)") % {"error": exc}
        )
        return
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        ctx.bundle.problem(
            Origin(name, header_line),
            _("missing column(s): %(missing)s; the header has: %(header)s")
            % {"missing": ", ".join(missing), "header": ", ".join(header)},
        )
        return
    offset = header_line - 1  # lines before the header (a preamble)
    end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.bundle.problem(
                Origin(name, offset + end + 1), _("cannot be read (%(error)s)") % {"error": exc}
            )
            return
        line = offset + end + 1
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            ctx.bundle.problem(
                Origin(name, line),
                _(
                    "has %(cells)d cells where the header has %(header)d "
                    "(a truncated or broken file?)"
                )
                % {"cells": len(cells), "header": len(header)},
            )
            continue
        yield Origin(name, line), dict(zip(header, cells, strict=True))


def iso_date(text: str) -> str:
    """A date as YYYY-MM-DD from 'YYYY-MM-DD' or an ISO date-time; ValueError otherwise."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(_("'%(text)s' is not a date (YYYY-MM-DD)") % {"text": text}) from None


def own_org(ctx) -> str:
    """Our company's interchange id, planned for creation when the workspace has none."""
    directory = ctx.directory
    if directory.own is None:
        ctx.bundle.org(Origin(ctx.inputs.label), OWN_ID, OWN_NAME, "own")
        directory.own = OWN_ID
        ctx.note(
            _("our company created as '%(name)s' (id %(id)s); rename it in the admin")
            % {"name": OWN_NAME, "id": OWN_ID}
        )
    return directory.own


def short_hash(text: str) -> str:
    """A short stable digest of `text`, for interchange ids made from long source ids."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def person_name(first: str, last: str) -> str:
    """A full name from its parts: family name first and no space for a Chinese name."""
    first, last = " ".join(first.split()), " ".join(last.split())
    if CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(f"{first} {last}".split())


def known_participants(ctx, addresses: list[str]) -> list[str] | None:
    """The known people among these addresses, when one of ours and an outsider are both
    there (an outsider an employee there keeps out of capture does not count); else None."""
    d = ctx.directory
    people: dict[str, str] = {}
    for address in addresses:
        ext = d.by_email.get(address)
        if ext is not None and ext not in people:
            people[ext] = address
    ours = [p for p in people if d.people[p].org == d.own]
    if not ours:
        return None
    if ctx.exclusions:
        for ext, address in list(people.items()):
            if ext not in ours and any(ctx.excluded(e, address) for e in ours):
                del people[ext]
    if len(people) == len(ours):
        return None
    return list(people)
