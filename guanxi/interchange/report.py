"""What an import found and did: the problems (file, line, column, reason) and the counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from guanxi.interchange.schema import FILES

#: An import stops collecting details after this many problems (it still counts them), so a
#: million-row file of the wrong kind cannot flood memory or a terminal.
MAX_PROBLEMS = 5000


@dataclass(frozen=True)
class Problem:
    """One reason the import was refused, at a place a text editor can show."""

    file: str
    line: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = self.file or "import"
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.reason}"


@dataclass
class FileCounts:
    """Rows of one file the import creates, updates, or finds already equal."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts as a plain dict (for the audit record and JSON)."""
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportReport:
    """The outcome of an import or a dry run: problems, or what changes per file."""

    source: str = ""
    dry_run: bool = False
    applied: bool = False
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    seconds: float = 0.0
    counts: dict[str, FileCounts] = field(default_factory=dict)
    #: physical line of every cell of rows spanning several lines: {(file, row line): [lines]}
    cell_lines: dict[tuple[str, int], list[int]] = field(default_factory=dict, repr=False)
    #: column positions of each file's header, to find a cell's line in a multi-line row
    headers: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """True when the import had no problems (and so was, or would be, applied)."""
        return self.problem_count == 0

    def add(self, file: str, line: int | None, column: str, reason: str) -> None:
        """Record a problem at the cell `column` of the row starting on `line` of `file`."""
        self.problem_count += 1
        if len(self.problems) >= MAX_PROBLEMS:
            return
        if line is not None and column:
            lines = self.cell_lines.get((file, line))
            position = self.headers.get(file, {}).get(column)
            if lines is not None and position is not None and position < len(lines):
                line = lines[position]
        self.problems.append(Problem(file, line, column, reason))

    def count(self, file: str) -> FileCounts:
        """The (created, updated, unchanged) counter of `file`."""
        return self.counts.setdefault(file, FileCounts())

    def sorted_problems(self) -> list[Problem]:
        """Problems in file order (organizations.csv first), then by line."""
        order = {name: i for i, name in enumerate(FILES)}
        return sorted(
            self.problems,
            key=lambda p: (order.get(p.file, -1), p.file, p.line or 0),
        )

    def totals(self) -> FileCounts:
        """Created, updated and unchanged rows over all files."""
        total = FileCounts()
        for c in self.counts.values():
            total.created += c.created
            total.updated += c.updated
            total.unchanged += c.unchanged
        return total

    def summary_lines(self) -> list[str]:
        """One line per file: '<file>: 3 created, 1 updated, 10 unchanged'."""
        lines = []
        for name in FILES:
            if name in self.counts:
                c = self.counts[name]
                lines.append(
                    f"{name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
                )
        return lines

    def problem_lines(self) -> list[str]:
        """Every problem as 'file:line:column: reason', plus a note if some were left out."""
        lines = [str(p) for p in self.sorted_problems()]
        hidden = self.problem_count - len(self.problems)
        if hidden > 0:
            lines.append(f"... and {hidden} more problems (only the first {MAX_PROBLEMS} shown)")
        return lines

    def as_dict(self) -> dict:
        """The report as plain JSON-friendly data (for the web upload and --json)."""
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "ok": self.ok,
            "problem_count": self.problem_count,
            "problems": [
                {"file": p.file, "line": p.line, "column": p.column, "reason": p.reason}
                for p in self.sorted_problems()
            ],
            "counts": {name: c.as_dict() for name, c in self.counts.items()},
        }
