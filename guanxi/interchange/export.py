"""Write the workspace as interchange files: every file, deterministic order, streamed rows.

Rows come from raw queries sorted by the database in code-point order (COLLATE "C" on
PostgreSQL, SQLite's binary order), the order Python sorts strings in, and are fetched in
chunks, so a million ties never sit in memory at once. The folder export is exact: what an
import reads back is what was stored. Spreadsheet formula escaping is only for downloads that
ask for it (`escape_formulas`), because changing cells would break the round trip.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from guanxi.interchange.schema import (
    COLUMNS,
    CREDITS,
    DEALS,
    FILES,
    INTERACTIONS,
    ORGS,
    PEOPLE,
    ROLES,
    SNAPSHOTS,
    TIES,
)

FETCH = 20_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The export cannot write where it was asked to (the message says why)."""


def _c(expr: str) -> str:
    """`expr` compared in code-point order, the same on every database."""
    return f'{expr} COLLATE "C"' if connection.vendor == "postgresql" else expr


def _t(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _stream(sql: str, params: tuple = ()) -> Iterator[list]:
    """Chunks of rows of a raw query."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(FETCH):
            yield chunk


def _bool(value: Any) -> str:
    return "true" if value else "false"


def _amount(value: Any) -> str:
    return "" if value is None else f"{Decimal(str(value)):.2f}"


def _organisations() -> Iterator[list]:
    from guanxi.people.models import Organisation

    o = _t(Organisation)
    yield from _stream(
        f"SELECT o.ext_id, o.name, o.kind, o.tier, o.industry, p.ext_id FROM {o} o "
        f"LEFT JOIN {o} p ON p.id = o.parent_id ORDER BY {_c('o.ext_id')}"
    )


def _people() -> Iterator[list]:
    from guanxi.people.models import Organisation, Person, Tie

    p, o, t = _t(Person), _t(Organisation), _t(Tie)
    key = connection.ops.quote_name("key")
    for chunk in _stream(
        f"SELECT p.ext_id, o.ext_id, p.name, p.title, p.department, m.ext_id, p.power, "
        f"p.{key}, p.is_sales, p.personality, p.status, p.email, p.phone, p.notes "
        f"FROM {p} p JOIN {o} o ON o.id = p.organisation_id "
        f"LEFT JOIN {t} t ON t.source_id = p.id AND t.kind = 'reports_to' "
        f"LEFT JOIN {p} m ON m.id = t.target_id ORDER BY {_c('p.ext_id')}"
    ):
        for row in chunk:
            row = list(row)
            row[7], row[8] = _bool(row[7]), _bool(row[8])
            yield row


def _ties() -> Iterator[list]:
    from guanxi.people.models import Person, Tie

    p, t = _t(Person), _t(Tie)
    flip = f"t.kind = 'relationship' AND {_c('s.ext_id')} > {_c('g.ext_id')}"
    first = f"CASE WHEN {flip} THEN g.ext_id ELSE s.ext_id END"
    second = f"CASE WHEN {flip} THEN s.ext_id ELSE g.ext_id END"
    yield from _stream(
        f"SELECT {first}, {second}, t.kind, t.strength, t.since, t.notes FROM {t} t "
        f"JOIN {p} s ON s.id = t.source_id JOIN {p} g ON g.id = t.target_id "
        f"WHERE t.kind <> 'reports_to' ORDER BY {_c(first)}, {_c(second)}, t.kind"
    )


def _interactions() -> Iterator[list]:
    from guanxi.people.models import Interaction, Participation, Person

    i, pa, p = _t(Interaction), _t(Participation), _t(Person)
    current: list | None = None
    for chunk in _stream(
        f"SELECT i.ext_id, i.date, i.kind, i.notes, p.ext_id FROM {i} i "
        f"LEFT JOIN {pa} pa ON pa.interaction_id = i.id LEFT JOIN {p} p ON p.id = pa.person_id "
        f"ORDER BY {_c('i.ext_id')}, pa.position, pa.id"
    ):
        out = []
        for ext, date, kind, notes, person in chunk:
            if current is None or current[0] != ext:
                if current is not None:
                    out.append(_interaction_row(current))
                current = [ext, date, kind, notes, []]
            if person is not None:
                current[4].append(person)
        yield out
    if current is not None:
        yield [_interaction_row(current)]


def _interaction_row(item: list) -> list:
    ext, date, kind, notes, people = item
    return [ext, date, kind, ";".join(people), notes]


def _deals() -> Iterator[list]:
    from guanxi.deals.models import Deal
    from guanxi.people.models import Organisation, Person

    d, o = _t(Deal), _t(Organisation)
    through = Deal.competitors.through
    competitors: dict[int, list[str]] = {}
    for chunk in _stream(
        f"SELECT x.deal_id, o.ext_id FROM {_t(through)} x JOIN {o} o ON o.id = x.organisation_id "
        f"ORDER BY x.deal_id, {_c('o.ext_id')}"
    ):
        for deal, ext in chunk:
            competitors.setdefault(deal, []).append(ext)
    p = _t(Person)
    for chunk in _stream(
        f"SELECT d.id, d.ext_id, o.ext_id, d.name, d.stage, d.status, d.amount, d.currency, "
        f"d.close_date, p.ext_id FROM {d} d JOIN {o} o ON o.id = d.organisation_id "
        f"LEFT JOIN {p} p ON p.id = d.owner_id ORDER BY {_c('d.ext_id')}"
    ):
        yield [
            [
                *row[1:6],
                _amount(row[6]),
                row[7],
                row[8],
                ";".join(competitors.get(row[0], ())),
                row[9] or "",
            ]
            for row in chunk
        ]


def _roles() -> Iterator[list]:
    from guanxi.deals.choices import ATTITUDE_WORDS
    from guanxi.deals.models import Deal, DealRole
    from guanxi.people.models import Person

    word = {v: k for k, v in ATTITUDE_WORDS.items()}
    r, d, p = _t(DealRole), _t(Deal), _t(Person)
    for chunk in _stream(
        f"SELECT d.ext_id, p.ext_id, r.role, r.attitude, r.contact_level, r.personality, r.notes, "
        f"r.competitors_checked "
        f"FROM {r} r JOIN {d} d ON d.id = r.deal_id JOIN {p} p ON p.id = r.person_id "
        f"ORDER BY {_c('d.ext_id')}, {_c('p.ext_id')}, r.role"
    ):
        yield [[*row[:3], word.get(row[3], row[3]), *row[4:7], _bool(row[7])] for row in chunk]


def _credits() -> Iterator[list]:
    from guanxi.deals.models import Deal, DealCredit
    from guanxi.people.models import Person

    c, d, p = _t(DealCredit), _t(Deal), _t(Person)
    for chunk in _stream(
        f"SELECT d.ext_id, p.ext_id, c.share FROM {c} c JOIN {d} d ON d.id = c.deal_id "
        f"JOIN {p} p ON p.id = c.person_id ORDER BY {_c('d.ext_id')}, {_c('p.ext_id')}"
    ):
        # repr: the shortest text that reads back as the same float, on every database
        yield [[deal, person, repr(float(share))] for deal, person, share in chunk]


def _snapshots() -> Iterator[list]:
    from guanxi.core.models import Snapshot

    yield from _stream(
        f"SELECT date, subject_id, metric, value FROM {_t(Snapshot)} "
        f"ORDER BY date, {_c('subject_id')}, {_c('metric')}"
    )


#: file → function yielding chunks of rows in the file's column order
ROWS: dict[str, Callable[[], Iterable]] = {
    ORGS: _organisations,
    PEOPLE: lambda: _chunked(_people()),
    TIES: _ties,
    INTERACTIONS: _interactions,
    DEALS: _deals,
    ROLES: _roles,
    CREDITS: _credits,
    SNAPSHOTS: _snapshots,
}


def _chunked(rows: Iterator[list]) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= FETCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ' (for downloads only)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def write_file(
    name: str, out: IO[str], *, escape_formulas: bool = False, progress: Any = None
) -> int:
    """Write one interchange file (header and rows) to a text stream; returns the row count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[name])
    count = 0
    for chunk in ROWS[name]():
        if escape_formulas:
            chunk = [[spreadsheet_safe(c) for c in row] for row in chunk]
        writer.writerows(chunk)
        count += len(chunk)
        if progress is not None:
            progress.rows(name, count)
    return count


def _check_target(path: Path) -> None:
    """Refuse to write over anything but an earlier interchange export."""
    if path.suffix.lower() == ".zip":
        if path.is_dir():
            raise ExportError(_("%(path)s is a folder") % {"path": path})
        if path.exists() and not zipfile.is_zipfile(path):
            raise ExportError(
                _("%(path)s exists and is not a .zip; choose another name") % {"path": path}
            )
        return
    if path.exists() and not path.is_dir():
        raise ExportError(
            _("%(path)s is a file, not a folder; give a folder or a .zip name") % {"path": path}
        )
    if path.is_dir():
        ours = set(FILES) | {f".{n}.part" for n in FILES}
        others = sorted(p.name for p in path.iterdir() if p.name not in ours)
        if others:
            shown = ", ".join(others[:5]) + (" ..." if len(others) > 5 else "")
            raise ExportError(
                _(
                    "%(path)s holds other files than an interchange export (%(files)s); "
                    "choose an empty or new folder"
                )
                % {"path": path, "files": shown}
            )


def export_to(
    path: Path, *, actor: Any = None, escape_formulas: bool = False, progress: Any = None
) -> dict[str, int]:
    """Write every interchange file into folder `path` (or the .zip `path`); audit it once."""
    from guanxi.core import audit
    from guanxi.core.choices import AuditAction

    _check_target(path)
    counts: dict[str, int] = {}
    if progress is not None:
        progress.phase("exporting")
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # one snapshot for every file, so the files agree with each other
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if path.suffix.lower() == ".zip":
            temp = path.with_name(path.name + ".part")
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in FILES:
                    with archive.open(name, "w", force_zip64=True) as raw:
                        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                        counts[name] = write_file(
                            name, text, escape_formulas=escape_formulas, progress=progress
                        )
                        text.flush()
                        text.detach()
            os.replace(temp, path)
        else:
            path.mkdir(parents=True, exist_ok=True)
            for name in FILES:
                temp = path / f".{name}.part"
                with open(temp, "w", encoding="utf-8", newline="") as out:
                    counts[name] = write_file(
                        name, out, escape_formulas=escape_formulas, progress=progress
                    )
                os.replace(temp, path / name)
        audit.record(
            actor=actor,
            action=AuditAction.EXPORT,
            object_type="workspace",
            object_id=Path(path).name[:200],
            summary=f"export to {path}: " + ", ".join(f"{n} {c}" for n, c in counts.items()),
            changes={"rows": counts},
        )
    if progress is not None:
        progress.finish()
    return counts
