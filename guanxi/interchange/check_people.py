"""Checks of organizations.csv, people.csv and ties.csv against each other and the database.

Every problem is added to the report and checking goes on, so one pass finds them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guanxi.interchange.parse import (
    KEEP,
    enum_reader,
    id_problem,
    read_bool,
    read_date,
    read_power,
    read_strength,
    row_id_problem,
    text_problem,
)
from guanxi.interchange.reader import CsvFile
from guanxi.interchange.report import ImportReport
from guanxi.interchange.schema import COLUMNS, ORGS, PEOPLE, TIES
from guanxi.interchange.state import KIND_CODE, ManagerClaim, Row, State, tie_key
from guanxi.people.choices import OrgKind, PersonStatus, TieKind, Tier
from guanxi.people.rules import all_reporting_cycles

read_org_kind = enum_reader(OrgKind.values, gettext_lazy("kind of organisation"))
read_tier = enum_reader(Tier.values, gettext_lazy("tier"), default="")
read_status = enum_reader(
    PersonStatus.values, gettext_lazy("status"), default=PersonStatus.ACTIVE.value
)
read_tie_kind = enum_reader(TieKind.values, gettext_lazy("kind of tie"))


def kind_phrase(kind: str | None) -> str:
    """'a customer', 'our own company', ... for messages."""
    phrases = {
        OrgKind.OWN: _("our own company"),
        OrgKind.CUSTOMER: _("a customer"),
        OrgKind.COMPETITOR: _("a competitor"),
        OrgKind.PARTNER: _("a partner"),
    }
    return phrases.get(kind, f"a {kind}")


def unknown_reason(what: str, ext: str, home: str) -> str:
    """Why an id cell names nothing: 'unknown person 'x' (not in people.csv nor the database)'."""
    values = {"id": ext, "file": home}
    if what == "organisation":
        return _("unknown organisation '%(id)s' (not in %(file)s nor the database)") % values
    if what == "deal":
        return _("unknown deal '%(id)s' (not in %(file)s nor the database)") % values
    return _("unknown person '%(id)s' (not in %(file)s nor the database)") % values


def missing(column: str) -> str:
    """'missing name': a required cell left empty."""
    return _("missing %(column)s") % {"column": column}


def text_reason(column: str, why: str) -> str:
    """'notes is longer than 2000 characters (2001)': a text cell the database cannot store."""
    return _("%(column)s is %(why)s") % {"column": column, "why": why}


def max_length(model: Any, name: str) -> int | None:
    """The max_length of a model field (so the import refuses what the database would)."""
    return model._meta.get_field(name).max_length


@dataclass
class Context:
    """What every check needs: the state being built and the report receiving problems."""

    state: State
    report: ImportReport
    unchanged: dict[str, int] = field(default_factory=dict)

    def add(self, file: str, line: int | None, column: str, reason: str) -> None:
        """Report a problem at a cell."""
        self.report.add(file, line, column, reason)

    def unknown(self, file: str, line: int, column: str, what: str, ext: str, home: str) -> None:
        """Report an id that names nothing, unless the file defining such ids was unreadable."""
        if home not in self.state.broken:
            self.add(file, line, column, unknown_reason(what, ext, home))

    def organisation(self, file: str, line: int, column: str, ext: str) -> str | None:
        """The organisation a required id cell names, or None once reported missing or
        unknown (in organizations.csv nor the database)."""
        if not ext.strip():
            self.add(file, line, column, missing(column))
            return None
        if ext not in self.state.org_file and ext not in self.state.org_db:
            self.unknown(file, line, column, "organisation", ext, ORGS)
            return None
        return ext

    def text(self, file: str, line: int, column: str, text: str, limit: int | None) -> str:
        """`text` when it can be stored; otherwise reports why and returns it anyway."""
        why = text_problem(text, limit)
        if why:
            self.add(file, line, column, text_reason(column, why))
        return text

    def required(self, file: str, line: int, column: str, text: str, limit: int | None) -> str:
        """A text cell that must not be empty."""
        if not text.strip():
            self.add(file, line, column, missing(column))
            return text
        return self.text(file, line, column, text, limit)


def _cell(cells: list[str], position: int | None) -> Any:
    return KEEP if position is None else cells[position]


def check_organisations(ctx: Context, f: CsvFile) -> None:
    """Rows of organizations.csv, then parents (known, no loops) and the single `own`."""
    from guanxi.people.models import Organisation

    st, add = ctx.state, ctx.add
    pos = {c: f.col(c) for c in ("id", "name", "kind", "tier", "industry", "parent_id")}
    id_len = max_length(Organisation, "ext_id") or 200
    name_len = max_length(Organisation, "name")
    industry_len = max_length(Organisation, "industry")
    for line, c in f.rows():
        ext = c[pos["id"]]
        why = row_id_problem(ext, id_len, st.org_file)
        if why:
            add(ORGS, line, "id", why)
            continue
        name = ctx.required(ORGS, line, "name", c[pos["name"]], name_len)
        try:
            kind = read_org_kind(c[pos["kind"]])
        except ValueError as exc:
            add(ORGS, line, "kind", str(exc))
            kind = None
        tier = _cell(c, pos["tier"])
        if tier is not KEEP:
            try:
                tier = read_tier(tier)
            except ValueError as exc:
                add(ORGS, line, "tier", str(exc))
        industry = _cell(c, pos["industry"])
        if industry is not KEEP:
            ctx.text(ORGS, line, "industry", industry, industry_len)
        parent = _cell(c, pos["parent_id"])
        st.org_file[ext] = Row(line, (name, kind, tier, industry, parent))

    parents: dict[str, str] = {ext: v[4] for ext, v in st.org_db.items() if v[4]}
    for ext, row in st.org_file.items():
        parent = row.values[4]
        if parent is KEEP:
            continue
        parents.pop(ext, None)
        if not parent:
            continue
        if parent == ext:
            add(ORGS, row.line, "parent_id", _("an organisation cannot be its own parent"))
        elif parent not in st.org_file and parent not in st.org_db:
            ctx.unknown(ORGS, row.line, "parent_id", "organisation", parent, ORGS)
        else:
            parents[ext] = parent
    for loop in all_reporting_cycles(parents):
        blame = next((m for m in loop if m in st.org_file), None)
        if blame is not None:
            add(
                ORGS,
                st.org_file[blame].line,
                "parent_id",
                _("the group tree would loop: %(loop)s") % {"loop": " → ".join(loop)},
            )

    owns = [ext for ext, v in st.org_db.items() if v[1] == OrgKind.OWN and ext not in st.org_file]
    owns += sorted(
        (ext for ext, row in st.org_file.items() if row.values[1] == OrgKind.OWN),
        key=lambda e: st.org_file[e].line,
    )
    for ext in owns[1:]:
        first = owns[0]
        where = (
            _("line %(line)s") % {"line": st.org_file[first].line}
            if first in st.org_file
            else _("already in the database")
        )
        add(
            ORGS,
            st.org_file[ext].line,
            "kind",
            _(
                "a second 'own' organisation: '%(first)s' (%(where)s) is already ours; "
                "a workspace has exactly one"
            )
            % {"first": first, "where": where},
        )


def check_people(ctx: Context, f: CsvFile) -> None:
    """Rows of people.csv: ids, organisation, values, and the reports_to_id each states."""
    from guanxi.people.models import Person

    st, add = ctx.state, ctx.add
    cols = COLUMNS[PEOPLE]
    pos = {c: f.col(c) for c in cols}
    texts_cols = ("name", "title", "department", "personality", "email", "phone", "notes")
    limits = {c: max_length(Person, c) for c in texts_cols}
    id_len = max_length(Person, "ext_id") or 200
    claims: list[tuple[int, str, int]] = []
    for line, c in f.rows():
        ext = c[pos["id"]]
        idx = st.add_person(ext) if id_problem(ext, id_len) is None else -1
        why = row_id_problem(ext, id_len, st.person_file, key=idx)
        if why:
            add(PEOPLE, line, "id", why)
            continue
        org = ctx.organisation(PEOPLE, line, "organization_id", c[pos["organization_id"]])
        name = ctx.required(PEOPLE, line, "name", c[pos["name"]], limits["name"])
        texts = {}
        for col in ("title", "department", "personality", "email", "phone", "notes"):
            value = _cell(c, pos[col])
            if value is not KEEP and value:
                ctx.text(PEOPLE, line, col, value, limits[col])
            texts[col] = value
        power = _cell(c, pos["power"])
        if power is not KEEP:
            try:
                power = read_power(power)
            except ValueError as exc:
                add(PEOPLE, line, "power", str(exc))
        flags = []
        for col in ("key", "is_sales"):
            value = _cell(c, pos[col])
            if value is not KEEP:
                try:
                    value = read_bool(value)
                except ValueError as exc:
                    add(PEOPLE, line, col, str(exc))
            flags.append(value)
        status = _cell(c, pos["status"])
        if status is not KEEP:
            try:
                status = read_status(status)
            except ValueError as exc:
                add(PEOPLE, line, "status", str(exc))
        st.person_file[idx] = Row(
            line,
            (
                org,
                name,
                texts["title"],
                texts["department"],
                power,
                flags[0],
                flags[1],
                texts["personality"],
                status,
                texts["email"],
                texts["phone"],
                texts["notes"],
            ),
        )
        manager = _cell(c, pos["reports_to_id"])
        if manager is not KEEP and manager:
            claims.append((idx, manager, line))
    for idx, manager, line in claims:
        m = st.person_index.get(manager)
        if m is None:
            ctx.unknown(PEOPLE, line, "reports_to_id", "person", manager, PEOPLE)
        elif m == idx:
            add(PEOPLE, line, "reports_to_id", _("a person cannot report to themself"))
        else:
            st.manager_file[idx] = ManagerClaim(m, PEOPLE, line, "reports_to_id")


def check_ties(ctx: Context, f: CsvFile) -> None:
    """Rows of ties.csv: people known, kind, strength, dates, no self ties, no duplicates.

    The hot loop of a big import: ties are compared with the database as they are read and
    only those to create or update are kept.
    """
    st, add = ctx.state, ctx.add
    index = st.person_index
    i_s, i_t, i_k = f.col("source_id"), f.col("target_id"), f.col("kind")
    i_str, i_since, i_notes = f.col("strength"), f.col("since"), f.col("notes")
    kind_code = KIND_CODE
    seen = st.tie_lines
    tie_db = st.tie_db
    create, update = st.tie_create, st.tie_update
    unchanged = 0
    people_broken = PEOPLE in st.broken
    for line, c in f.rows():
        s_ext, t_ext = c[i_s], c[i_t]
        s, t = index.get(s_ext), index.get(t_ext)
        bad = False
        if s is None:
            bad = True
            if not s_ext.strip():
                add(TIES, line, "source_id", missing("source_id"))
            elif not people_broken:
                ctx.unknown(TIES, line, "source_id", "person", s_ext, PEOPLE)
        if t is None:
            bad = True
            if not t_ext.strip():
                add(TIES, line, "target_id", missing("target_id"))
            elif not people_broken:
                ctx.unknown(TIES, line, "target_id", "person", t_ext, PEOPLE)
        try:
            code = kind_code[read_tie_kind(c[i_k])]
        except ValueError as exc:
            add(TIES, line, "kind", str(exc))
            code, bad = None, True
        strength = None
        if i_str is not None:
            try:
                strength = read_strength(c[i_str])
            except ValueError as exc:
                add(TIES, line, "strength", str(exc))
                strength, bad = 0, True
        since = KEEP
        if i_since is not None:
            try:
                since = read_date(c[i_since])
            except ValueError as exc:
                add(TIES, line, "since", str(exc))
                bad = True
        notes = KEEP if i_notes is None else c[i_notes]
        why = text_problem(notes, None) if notes and notes is not KEEP else None
        if why:
            add(TIES, line, "notes", text_reason("notes", why))
            bad = True
        if code and strength is None:
            add(
                TIES,
                line,
                "strength",
                _(
                    "missing strength (0–100 or strong/medium/weak); "
                    "influence and relationship ties need one"
                ),
            )
            bad = True
        if s is None or t is None or code is None:
            continue
        if s == t:
            add(TIES, line, "target_id", _("a tie of '%(id)s' with themself") % {"id": s_ext})
            continue
        if code == 0:
            if not bad:
                _claim_manager(ctx, s, t, line, (strength, since, notes))
            continue
        key = tie_key(s, t, code)
        first = seen.get(key)
        if first is not None:
            values = {"source": s_ext, "target": t_ext, "line": first}
            if code == 2:
                reason = _(
                    "duplicate tie: the relationship between '%(source)s' and '%(target)s' is "
                    "already on line %(line)s (a relationship is one tie in either direction)"
                )
            else:
                reason = _(
                    "duplicate tie: the influence of '%(source)s' on '%(target)s' is already "
                    "on line %(line)s"
                )
            add(TIES, line, "target_id", reason % values)
            continue
        seen[key] = line
        if bad:
            continue
        seen[key] = line
        old = tie_db.get(key)
        if old is None:
            create.append(
                (
                    s,
                    t,
                    code,
                    strength,
                    None if since is KEEP else since,
                    "" if notes is KEEP else notes,
                )
            )
            continue
        new_since = old[2] if since is KEEP else since
        new_notes = old[3] if notes is KEEP else notes
        if old[1] != strength or old[2] != new_since or old[3] != new_notes:
            update.append((old[0], strength, new_since, new_notes))
        else:
            unchanged += 1
    ctx.unchanged[TIES] = ctx.unchanged.get(TIES, 0) + unchanged


def _claim_manager(ctx: Context, s: int, t: int, line: int, tie: tuple) -> None:
    """A reports_to row of ties.csv: the same as people.csv's reports_to_id, or a conflict."""
    st = ctx.state
    claim = st.manager_file.get(s)
    if claim is None:
        st.manager_file[s] = ManagerClaim(t, TIES, line, "target_id", tie)
        return
    pext = st.person_ext
    if claim.manager == t and claim.tie is None:
        claim.tie = tie  # people.csv says the same; this row adds strength, since, notes
        return
    if claim.manager == t:
        ctx.add(
            TIES,
            line,
            "target_id",
            _("duplicate tie: '%(person)s' reports to '%(manager)s' is already on line %(line)s")
            % {"person": pext[s], "manager": pext[t], "line": claim.line},
        )
        return
    ctx.add(
        TIES,
        line,
        "target_id",
        _(
            "'%(person)s' would have two managers: '%(first)s' (%(file)s line %(line)s) and "
            "'%(second)s' here; a person reports to at most one manager"
        )
        % {
            "person": pext[s],
            "first": pext[claim.manager],
            "file": claim.file,
            "line": claim.line,
            "second": pext[t],
        },
    )


def check_managers(ctx: Context) -> None:
    """Reporting lines after the import: inside one organisation, and no cycles."""
    st, add = ctx.state, ctx.add
    pext = st.person_ext
    managers = st.managers()
    for p, m in managers.items():
        op, om = st.person_org(p), st.person_org(m)
        if op is None or om is None or op == om:
            continue
        claim = st.manager_file.get(p)
        if claim is not None:
            add(
                claim.file,
                claim.line,
                claim.column,
                _(
                    "'%(person)s' (%(org)s) cannot report to '%(manager)s' (%(manager_org)s): "
                    "reporting lines stay inside one organisation"
                )
                % {"person": pext[p], "org": op, "manager": pext[m], "manager_org": om},
            )
        else:
            moved = p if p in st.person_file else m
            add(
                PEOPLE,
                st.person_file[moved].line,
                "organization_id",
                _(
                    "moving '%(moved)s' to %(org)s would leave the reporting line "
                    "'%(person)s' → '%(manager)s' across organisations"
                )
                % {
                    "moved": pext[moved],
                    "org": st.person_org(moved),
                    "person": pext[p],
                    "manager": pext[m],
                },
            )
    for loop in all_reporting_cycles({pext[p]: pext[m] for p, m in managers.items()}):
        blame = next(
            (
                st.manager_file[st.person_index[x]]
                for x in loop
                if st.person_index[x] in st.manager_file
            ),
            None,
        )
        if blame is not None:
            add(
                blame.file,
                blame.line,
                blame.column,
                _("reporting cycle: %(loop)s") % {"loop": " → ".join(loop)},
            )
