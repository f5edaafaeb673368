"""The files a connector reads: a folder (walked), one file, or an upload (.zip or files)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _


class Inputs:
    """Named files (relative paths with '/'), read as bytes."""

    def __init__(self, label: str) -> None:
        self.label = label

    def names(self) -> list[str]:
        """Every file's relative name, sorted."""
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        """The bytes of one file."""
        raise NotImplementedError

    def path(self, name: str) -> Path | None:
        """A real path of the file when it is on disk (mailbox.mbox needs one), else None."""
        return None

    def is_folder(self) -> bool:
        """True when the input is a folder or an archive, not one file."""
        return True


class FolderInputs(Inputs):
    """The files under a folder, hidden ones left out."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self._names = sorted(
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )

    def names(self) -> list[str]:
        """The files found under the folder."""
        return self._names

    def read(self, name: str) -> bytes:
        """Read one file of the folder."""
        return (self.folder / name).read_bytes()

    def path(self, name: str) -> Path | None:
        """The file's path on disk."""
        return self.folder / name


class FileInputs(Inputs):
    """One file on disk."""

    def __init__(self, file: Path) -> None:
        super().__init__(str(file))
        self.file = file

    def names(self) -> list[str]:
        """The file's own name."""
        return [self.file.name]

    def read(self, name: str) -> bytes:
        """Read the file."""
        return self.file.read_bytes()

    def path(self, name: str) -> Path | None:
        """The file's path."""
        return self.file

    def is_folder(self) -> bool:
        """One file, not a folder."""
        return False


class MemoryInputs(Inputs):
    """Files held in memory (an upload, or the members of a .zip)."""

    def __init__(self, label: str, files: Mapping[str, bytes], folder: bool) -> None:
        super().__init__(label)
        self.files = dict(files)
        self._folder = folder

    def names(self) -> list[str]:
        """The files' names."""
        return sorted(self.files)

    def read(self, name: str) -> bytes:
        """One file's bytes."""
        return self.files[name]

    def is_folder(self) -> bool:
        """True for the members of an archive."""
        return self._folder


class InputError(ValueError):
    """An archive that is refused before anything is read from it (unsafe or too big)."""


def _zip_members(stream: IO[bytes]) -> dict[str, bytes]:
    """The regular files of a .zip, with one common top folder stripped; unsafe names skipped.

    Refused (InputError) when it is not a readable .zip, or unpacks to more than the import
    limit (GUANXI_IMPORT_MAX_BYTES), so a small archive cannot fill the memory.
    """
    from django.conf import settings

    limit = getattr(settings, "GUANXI_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
    files: dict[str, bytes] = {}
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(_("not a readable .zip file (%(error)s)") % {"error": exc}) from None
    with archive:
        if sum(i.file_size for i in archive.infolist()) > limit:
            raise InputError(
                _("unpacks to more than %(limit)s bytes; refused") % {"limit": f"{limit:,}"}
            )
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or name.startswith("/") or ".." in name.split("/"):
                continue
            if any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
                continue
            files[name] = archive.read(info)
    tops = {n.split("/")[0] for n in files}
    if len(tops) == 1 and all("/" in n for n in files):
        top = tops.pop() + "/"
        files = {n[len(top) :]: data for n, data in files.items()}
    return files


def inputs_for_path(path: Path) -> Inputs:
    """A folder, a .zip (read as the folder it holds) or a single file."""
    if path.is_dir():
        return FolderInputs(path)
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with open(path, "rb") as stream:
            return MemoryInputs(str(path), _zip_members(stream), folder=True)
    return FileInputs(path)


def inputs_for_upload(name: str, data: bytes) -> Inputs:
    """An uploaded file: a .zip is read as a folder, anything else as the one file."""
    if name.lower().endswith(".zip") and zipfile.is_zipfile(io.BytesIO(data)):
        return MemoryInputs(name, _zip_members(io.BytesIO(data)), folder=True)
    return MemoryInputs(name, {posixpath.basename(name): data}, folder=False)
