"""The JavaScript libraries the pages use, served from node_modules (installed by npm from
package-lock.json) under static/vendor/ — only these files, never a CDN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

#: URL name under static/vendor/ → path inside node_modules.
VENDOR_FILES: dict[str, str] = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "cytoscape-dagre.min.js": "cytoscape-dagre/dist/cytoscape-dagre.min.js",
    # named by the file above (sourceMappingURL): the static manifest needs it to exist
    "cytoscape-dagre.min.js.map": "cytoscape-dagre/dist/cytoscape-dagre.min.js.map",
    "echarts.min.js": "echarts/dist/echarts.min.js",
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
}


class VendorFinder(BaseFinder):
    """A staticfiles finder for exactly the files in VENDOR_FILES."""

    prefix = "vendor/"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = Path(settings.NODE_MODULES_DIR)
        self.storage = FileSystemStorage(location=str(self.root))
        self.storage.prefix = "vendor"

    def check(self, **kwargs: Any) -> list[Error]:
        missing = [n for n, p in VENDOR_FILES.items() if not (self.root / p).is_file()]
        if missing:
            return [
                Error(
                    f"JavaScript libraries missing from {self.root}: {', '.join(missing)}",
                    hint="Run `make install` (npm ci) to install them from package-lock.json.",
                    id="guanxi.E001",
                )
            ]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if not path.startswith(self.prefix):
            return [] if find_all else None
        relative = VENDOR_FILES.get(path[len(self.prefix) :])
        if relative is None or not (self.root / relative).is_file():
            return [] if find_all else None
        found = str(self.root / relative)
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        for name, relative in VENDOR_FILES.items():
            if (self.root / relative).is_file():
                yield name, _RenamingStorage(self.root, relative, name)


class _RenamingStorage(FileSystemStorage):
    """Storage that makes collectstatic copy one node_modules file as vendor/<name>."""

    def __init__(self, root: Path, relative: str, name: str) -> None:
        super().__init__(location=str(root))
        self.prefix = "vendor"
        self._relative, self._name = relative, name

    def path(self, name: str) -> str:
        return super().path(self._relative if name == self._name else name)

    def open(self, name: str, mode: str = "rb") -> Any:
        return super().open(self._relative if name == self._name else name, mode)
