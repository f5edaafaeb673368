"""A source's records as interchange rows, each remembering the file and line it came from.

A connector fills a `Bundle`; the services render it as interchange CSV files, import those
all-or-nothing, and translate any problem the interchange checks find back to the source's
own file and line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from guanxi.connectors.identity import Directory, Match, PersonInfo, org_key
from guanxi.interchange.report import ImportReport
from guanxi.interchange.schema import COLUMNS, DEALS, INTERACTIONS, ORGS, PEOPLE, ROLES, TIES

#: the people.csv columns a connector fills (the others keep their stored values)
PEOPLE_COLUMNS = ("id", "organization_id", "name", "title", "department", "email", "phone")


@dataclass(frozen=True)
class Origin:
    """Where a row came from: a file of the source and its line (or a message id)."""

    file: str
    line: int | None = None


@dataclass
class Review:
    """An uncertain match to put in the review queue."""

    source: str
    external_id: str
    name: str
    email: str
    organisation_name: str
    title: str
    reason: str
    candidates: list[str]  # people's ids, or organisations' for an organisation
    payload: dict
    kind: str = "person"


@dataclass
class Bundle:
    """Interchange rows per file, with their origins, plus what this app records itself."""

    source: str
    directory: Directory
    report: ImportReport
    people_columns: tuple[str, ...] = PEOPLE_COLUMNS
    rows: dict[str, dict[object, tuple]] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    refs: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    reviews: dict[tuple[str, str], Review] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def problem(self, origin: Origin, reason: str, column: str = "") -> None:
        """Report a problem of the source at its own file and line."""
        self.report.add(origin.file, origin.line, column, reason)

    def _put(self, file: str, key: object, row: tuple, origin: Origin, replace: bool) -> bool:
        rows = self.rows.setdefault(file, {})
        if key in rows and not replace:
            return False
        if key not in rows:
            self.origins.setdefault(file, []).append(origin)
        rows[key] = row
        return True

    def ref(self, external_id: str, kind: str, ext: str) -> None:
        """Keep `external_id` of this source as the id of record `ext` (person, organisation,
        deal or interaction) once the import is applied."""
        self.refs[(self.source, external_id)] = (kind, ext)
        self.directory.refs[(self.source, external_id)] = ext

    def org(self, origin: Origin, ext: str, name: str, kind: str, **extra: str) -> None:
        """An organisation row (industry, parent_id and tier optional; blank ones keep what
        an existing organisation has)."""
        tier, industry, parent = self.directory.org_fields.get(ext, ("", "", ""))
        row = (ext, name, kind, extra.get("tier") or tier, extra.get("industry") or industry)
        row += (extra.get("parent_id") or parent,)
        self._put(ORGS, ext, row, origin, replace=True)
        self.directory.add_org(ext, name, kind, extra.get("domain", ""))

    def person(self, origin: Origin, info: PersonInfo, **extra: str) -> None:
        """A people row; blank cells keep what an existing person already has."""
        old = self.directory.people.get(info.ext)
        if old is not None:
            for name in ("title", "department", "phone"):
                if not getattr(info, name):
                    setattr(info, name, getattr(old, name))
            if old.email:
                self.directory.remember_email(info.email, info.ext)
                info.email = old.email
        values = {
            "id": info.ext,
            "organization_id": info.org,
            "name": info.name,
            "title": info.title,
            "department": info.department,
            "email": info.email,
            "phone": info.phone,
            **extra,
        }
        self._put(
            PEOPLE, info.ext, tuple(values.get(c, "") for c in self.people_columns), origin, True
        )
        self.directory.add_person(info)

    def tie(
        self, origin: Origin, a: str, b: str, kind: str, strength: int | None, since: str = ""
    ) -> None:
        """A tie row (a relationship is one row per pair, whichever order)."""
        key = (min(a, b), max(a, b), kind) if kind == "relationship" else (a, b, kind)
        value = "" if strength is None else str(strength)
        self._put(TIES, key, (a, b, kind, value, since), origin, True)

    def interaction(
        self, origin: Origin, ext: str, date: str, kind: str, people: list[str], notes: str
    ) -> bool:
        """An interaction row (False when one with this id is already in the bundle)."""
        notes = " ".join(notes.split())
        return self._put(
            INTERACTIONS, ext, (ext, date, kind, ";".join(people), notes), origin, False
        )

    def deal(self, origin: Origin, ext: str, values: tuple) -> None:
        """A deals row: (organization_id, name, stage, status, amount, currency, close_date)."""
        self._put(DEALS, ext, (ext, *values), origin, True)

    def role(self, origin: Origin, deal: str, person: str, role: str) -> None:
        """A deal_roles row (deal, person, role)."""
        self._put(ROLES, (deal, person, role), (deal, person, role), origin, False)

    def review(self, review: Review) -> None:
        """Queue an uncertain match (once per source record; one ignored before stays so)."""
        key = (review.source, review.external_id)
        if self.directory.reviewed.get(key) in (None, "open"):
            self.reviews[key] = review

    def org_apart(
        self, origin: Origin, ext: str, name: str, match: Match, domain: str = "", key: str = ""
    ) -> None:
        """An organisation that matched none for certain: created apart as `ext`, and
        queued for a person to merge into a candidate or keep."""
        self.org(origin, ext, name, "customer", domain=domain)
        self.directory.org_pending.add(ext)
        key = key or f"org:{domain or org_key(name)}"[:255]
        payload = {"organisation": ext, "domain": domain}
        self.review(
            Review(self.source, key, name, "", name, "", match.reason, match.candidates,
                   payload, kind="organisation")
        )  # fmt: skip

    def columns(self, file: str) -> tuple[str, ...]:
        """The columns this bundle writes for `file`."""
        if file == PEOPLE:
            return self.people_columns
        if file == TIES:
            return ("source_id", "target_id", "kind", "strength", "since")
        if file == DEALS:  # no competitors and no owner: an import keeps the deal's own
            return tuple(c for c in COLUMNS[DEALS] if c not in ("competitor_ids", "owner"))
        if file == ROLES:
            return ("deal_id", "person_id", "role")
        return COLUMNS[file]

    def files(self) -> dict[str, bytes]:
        """The interchange files (organizations.csv and people.csv always, maybe empty)."""
        out: dict[str, bytes] = {}
        for file in (ORGS, PEOPLE, *self.rows):
            if file in out:
                continue
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(self.columns(file))
            writer.writerows(self.rows.get(file, {}).values())
            out[file] = buffer.getvalue().encode("utf-8")
        return out

    def origin_of(self, file: str, line: int | None) -> Origin | None:
        """The source row behind line `line` of a rendered interchange file."""
        origins = self.origins.get(file)
        if not origins or line is None or not 2 <= line < len(origins) + 2:
            return None
        return origins[line - 2]

    def counts(self) -> dict[str, int]:
        """Rows per interchange file (for the summary)."""
        return {file: len(rows) for file, rows in self.rows.items()}
