"""Import and export of the interchange format (INTERCHANGE.md).

Public API (imported lazily, so Django can load this app before its models are ready):
`import_path`, `import_files`, `export_path` and the `ImportReport` they return.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ImportReport", "export_path", "import_files", "import_path"]


def __getattr__(name: str) -> Any:
    if name in ("import_path", "import_files", "export_path"):
        from guanxi.interchange import services

        return getattr(services, name)
    if name == "ImportReport":
        from guanxi.interchange.report import ImportReport

        return ImportReport
    raise AttributeError(name)
