"""Where interchange files come from (a folder, a .zip, uploaded files) and how rows are read.

Rows are streamed with the csv module; each comes with the line a text editor shows for it
(header = line 1, quoted cells spanning several lines counted), so problems point at the cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import stat
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from guanxi.interchange.report import ImportReport
from guanxi.interchange.schema import COLUMNS, FILES, REQUIRED_COLUMNS

# Notes can be long; the csv module's default limit (128 KiB per cell) would reject them.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))

_PROGRESS_EVERY = 50_000


class Source:
    """A set of named interchange files: `names` and `open(name)` (binary)."""

    label = ""

    def names(self) -> list[str]:
        """The interchange file names present (organizations.csv, ...)."""
        raise NotImplementedError

    def open(self, name: str) -> IO[bytes]:
        """A binary stream of the file `name`."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the source holds open."""


def _known_csvs(candidates: Mapping[str, Any], where: str, report: ImportReport) -> dict[str, Any]:
    """Keep interchange files; a .csv that is not one is an error (a typo loses data silently)."""
    found: dict[str, Any] = {}
    for name, ref in sorted(candidates.items()):
        base = posixpath.basename(name)
        if base.startswith(".") or not base.lower().endswith(".csv"):
            continue  # README, .DS_Store, ... are not ours to judge
        if base not in COLUMNS:
            report.add(
                base,
                None,
                "",
                _("not an interchange file name (in %(where)s); expected one of: %(files)s")
                % {"where": where, "files": ", ".join(FILES)},
            )
            continue
        if base in found:
            report.add(base, None, "", _("appears twice in %(where)s") % {"where": where})
            continue
        found[base] = ref
    return found


class FolderSource(Source):
    """The CSV files directly inside a folder."""

    def __init__(self, folder: Path, report: ImportReport) -> None:
        self.label = str(folder)
        entries = {p.name: p for p in folder.iterdir() if p.is_file()}
        self._files = _known_csvs(entries, _("folder %(path)s") % {"path": folder}, report)

    def names(self) -> list[str]:
        """The interchange files in the folder."""
        return list(self._files)

    def open(self, name: str) -> IO[bytes]:
        """Open one of the folder's files for reading."""
        return open(self._files[name], "rb")  # noqa: SIM115 - the caller closes it


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member must not be trusted, or None when it is fine."""
    name = info.filename
    if "\\" in name:
        return _("a backslash in its path")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return _("an absolute path")
    if ".." in name.split("/"):
        return _("'..' in its path (it would leave the folder)")
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("it is a symbolic link")
    if info.flag_bits & 0x1:
        return _("it is encrypted")
    return None


class ZipSource(Source):
    """The CSV files of a .zip, at its root or inside one top-level folder; never unpacked."""

    def __init__(self, file: str | Path | IO[bytes], label: str, report: ImportReport) -> None:
        from django.conf import settings

        self.label = label
        self._zip: zipfile.ZipFile | None = None
        self._files: dict[str, zipfile.ZipInfo] = {}
        try:
            self._zip = zipfile.ZipFile(file)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            report.add(label, None, "", _("not a readable .zip file (%(error)s)") % {"error": exc})
            return
        bad = False
        for info in infos:
            why = _unsafe_member(info)
            if why:
                report.add(
                    label,
                    None,
                    "",
                    _("unsafe entry '%(name)s': %(why)s") % {"name": info.filename, "why": why},
                )
                bad = True
        limit = getattr(settings, "GUANXI_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
        if sum(i.file_size for i in infos) > limit:
            report.add(
                label,
                None,
                "",
                _("unpacks to more than %(limit)s bytes; refused") % {"limit": f"{limit:,}"},
            )
            bad = True
        if bad:
            return
        members = {
            i.filename: i
            for i in infos
            if not i.is_dir() and not i.filename.startswith("__MACOSX/")
        }
        csvs = {n: i for n, i in members.items() if n.lower().endswith(".csv")}
        folders = {posixpath.dirname(n) for n in csvs}
        if len(folders) > 1:
            report.add(
                label,
                None,
                "",
                _(
                    "CSV files in several folders (%(folders)s); "
                    "put them all at the top or in one folder"
                )
                % {"folders": ", ".join(sorted(f or "/" for f in folders))},
            )
            return
        if folders and folders.pop().count("/") > 0:
            report.add(label, None, "", _("CSV files are nested too deep; use one folder at most"))
            return
        self._files = _known_csvs(csvs, label, report)

    def names(self) -> list[str]:
        """The interchange files in the zip."""
        return list(self._files)

    def open(self, name: str) -> IO[bytes]:
        """A stream of one member (sizes and CRC are checked by zipfile as it reads)."""
        assert self._zip is not None
        return self._zip.open(self._files[name])

    def close(self) -> None:
        """Close the zip file."""
        if self._zip is not None:
            self._zip.close()


class MappingSource(Source):
    """In-memory files (a web upload): {name: bytes or binary file}."""

    def __init__(self, files: Mapping[str, bytes | IO[bytes]], report: ImportReport) -> None:
        self.label = "upload"
        self._files = _known_csvs(dict(files), _("the upload"), report)
        for name, data in self._files.items():
            if not isinstance(data, bytes | bytearray | memoryview):
                data.seek(0)
                self._files[name] = data.read()

    def names(self) -> list[str]:
        """The interchange files uploaded."""
        return list(self._files)

    def open(self, name: str) -> IO[bytes]:
        """A binary stream over the uploaded content."""
        return io.BytesIO(bytes(self._files[name]))


def source_for_path(path: str | Path, report: ImportReport) -> Source | None:
    """The source of a folder or .zip path, or None (with a problem) when it is neither."""
    p = Path(path)
    if p.is_dir():
        return FolderSource(p, report)
    if p.is_file() and zipfile.is_zipfile(p):
        return ZipSource(p, str(p), report)
    if p.exists():
        report.add(str(p), None, "", _("not a folder or a .zip file"))
    else:
        report.add(str(p), None, "", _("no such file or folder"))
    return None


def source_for_files(files: Mapping[str, bytes | IO[bytes]], report: ImportReport) -> Source:
    """The source of uploaded files; a single .zip among them is read as the archive."""
    zips = [n for n in files if n.lower().endswith(".zip")]
    if len(files) == 1 and zips:
        data = files[zips[0]]
        stream = io.BytesIO(bytes(data)) if isinstance(data, bytes | bytearray) else data
        return ZipSource(stream, zips[0], report)
    return MappingSource(files, report)


def first_non_utf8(stream: IO[bytes]) -> tuple[int, int] | None:
    """(line, byte value) of the first byte that is not UTF-8, or None if all of it is UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines_before = 0
    while True:
        chunk = stream.read(1 << 20)
        try:
            decoder.decode(chunk, not chunk)
        except UnicodeDecodeError as exc:
            # exc.object is the decoder's carried-over bytes (never a newline) + this chunk
            data = exc.object
            line = newlines_before + data[: exc.start].count(b"\n") + 1
            return line, data[exc.start] if exc.start < len(data) else 0
        if not chunk:
            return None
        newlines_before += chunk.count(b"\n")


class CsvFile:
    """One interchange file: its checked header and its rows with their editor line numbers."""

    def __init__(self, source: Source, name: str, report: ImportReport, progress: Any) -> None:
        self.name = name
        self.source = source
        self.report = report
        self.progress = progress
        self.usable = False
        self.index: dict[str, int] = {}
        self.width = 0
        with source.open(name) as raw:
            bad = first_non_utf8(raw)
        if bad is not None:
            line, byte = bad
            report.add(
                name,
                line,
                "",
                _(
                    "not UTF-8 text (byte 0x%(byte)02x on this line); "
                    "save the file as UTF-8 (in Excel: 'CSV UTF-8')"
                )
                % {"byte": byte},
            )
            return
        self._open_and_check_header()

    def _open_and_check_header(self) -> None:
        name, report = self.name, self.report
        with self._text() as text:
            reader = csv.reader(text, strict=True)
            try:
                header = next(reader, None)
            except csv.Error as exc:
                report.add(
                    name, 1, "", _("the header row is not valid CSV (%(error)s)") % {"error": exc}
                )
                return
        if not header or all(not h.strip() for h in header):
            report.add(
                name,
                1,
                "",
                _("empty file; the first line must name the columns: %(columns)s")
                % {"columns": ",".join(COLUMNS[name])},
            )
            return
        known = set(COLUMNS[name])
        for position, raw_col in enumerate(header):
            col = raw_col.strip()
            if col in self.index:
                report.add(
                    name,
                    1,
                    col,
                    _("column '%(column)s' appears twice in the header") % {"column": col},
                )
            elif col not in known:
                shown = col or _("(empty, position %(position)s)") % {"position": position + 1}
                report.add(
                    name,
                    1,
                    col,
                    _("unknown column '%(column)s'; the columns of %(file)s are: %(columns)s")
                    % {
                        # escaped as repr() shows it, so a stray control character is visible
                        "column": repr(shown)[1:-1],
                        "file": name,
                        "columns": ", ".join(COLUMNS[name]),
                    },
                )
            else:
                self.index[col] = position
        missing = [c for c in COLUMNS[name] if c in REQUIRED_COLUMNS[name] and c not in self.index]
        for col in missing:
            report.add(name, 1, col, _("missing required column '%(column)s'") % {"column": col})
        self.width = len(header)
        report.headers[name] = dict(self.index)
        self.usable = not missing

    def _text(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(self.source.open(self.name), encoding="utf-8-sig", newline="")

    def col(self, name: str) -> int | None:
        """Position of column `name` in this file's header, or None if the file lacks it."""
        return self.index.get(name)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (line, cells) for every non-blank row; malformed rows are reported and skipped."""
        if not self.usable:
            return
        name, report, width, progress = self.name, self.report, self.width, self.progress
        with self._text() as text:
            reader = csv.reader(text, strict=True)
            next(reader)
            previous_end = reader.line_num
            count = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    report.add(
                        name, previous_end + 1, "", _("not valid CSV: %(error)s") % {"error": exc}
                    )
                    previous_end = reader.line_num
                    continue
                start, end = previous_end + 1, reader.line_num
                previous_end = end
                if not cells:
                    continue
                if len(cells) != width:
                    if len(cells) == 1 and not cells[0].strip():
                        continue
                    report.add(
                        name,
                        start,
                        "",
                        _(
                            "this row has %(cells)s cells but the header has %(width)s"
                            " (a comma in a cell that is not in quotes?)"
                        )
                        % {"cells": len(cells), "width": width},
                    )
                    continue
                if end > start:
                    report.cell_lines[(name, start)] = _cell_lines(start, cells)
                count += 1
                if progress is not None and count % _PROGRESS_EVERY == 0:
                    progress.rows(name, count)
                yield start, cells
            if progress is not None:
                progress.rows(name, count, done=True)


def _cell_lines(start: int, cells: list[str]) -> list[int]:
    """The line on which each cell of a multi-line row starts."""
    lines, line = [], start
    for cell in cells:
        lines.append(line)
        line += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
    return lines
