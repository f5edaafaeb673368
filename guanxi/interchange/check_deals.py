"""Checks of interactions.csv, deals.csv, deal_roles.csv and snapshots.csv.

Also the rules that tie organisation kinds to what the database already holds: a customer with
deals stays a customer, a competitor in play stays a competitor, role holders stay at customers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guanxi.deals.choices import ContactLevel, DealStatus, Role
from guanxi.interchange.check_people import (
    Context,
    _cell,
    kind_phrase,
    max_length,
    missing,
    text_reason,
)
from guanxi.interchange.parse import (
    KEEP,
    enum_reader,
    read_amount,
    read_attitude,
    read_bool,
    read_date,
    read_float,
    read_list,
    row_id_problem,
    text_problem,
)
from guanxi.interchange.reader import CsvFile
from guanxi.interchange.schema import (
    CREDITS,
    DEALS,
    INTERACTIONS,
    ORGS,
    PEOPLE,
    ROLES,
    SNAPSHOTS,
)
from guanxi.interchange.state import Row
from guanxi.people.choices import InteractionKind, OrgKind

read_interaction_kind = enum_reader(InteractionKind.values, gettext_lazy("kind of interaction"))
read_deal_status = enum_reader(
    DealStatus.values, gettext_lazy("deal status"), default=DealStatus.OPEN.value
)
read_role = enum_reader(Role.values, gettext_lazy("role"))
read_contact = enum_reader(
    ContactLevel.values, gettext_lazy("contact level"), default=ContactLevel.NONE.value
)


def check_interactions(ctx: Context, f: CsvFile) -> None:
    """Rows of interactions.csv: id, date, kind, and two or more known, distinct participants."""
    from guanxi.people.models import Interaction

    st, add = ctx.state, ctx.add
    pos = {c: f.col(c) for c in ("id", "date", "kind", "participant_ids", "notes")}
    id_len = max_length(Interaction, "ext_id") or 200
    for line, c in f.rows():
        ext = c[pos["id"]]
        why = row_id_problem(ext, id_len, st.interaction_file)
        if why:
            add(INTERACTIONS, line, "id", why)
            continue
        date = None
        try:
            date = read_date(c[pos["date"]])
            if date is None:
                add(INTERACTIONS, line, "date", missing("date"))
        except ValueError as exc:
            add(INTERACTIONS, line, "date", str(exc))
        try:
            kind = read_interaction_kind(c[pos["kind"]])
        except ValueError as exc:
            add(INTERACTIONS, line, "kind", str(exc))
            kind = None
        people: list[int] = []
        for item in read_list(c[pos["participant_ids"]]):
            idx = st.person_index.get(item)
            if idx is None:
                ctx.unknown(INTERACTIONS, line, "participant_ids", "person", item, PEOPLE)
            elif idx in people:
                add(
                    INTERACTIONS,
                    line,
                    "participant_ids",
                    _("'%(id)s' is listed twice") % {"id": item},
                )
            else:
                people.append(idx)
        if len(people) < 2 and len(read_list(c[pos["participant_ids"]])) < 2:
            add(
                INTERACTIONS,
                line,
                "participant_ids",
                _("an interaction needs at least two people (ids separated by ';')"),
            )
        notes = _cell(c, pos["notes"])
        if notes is not KEEP and notes:
            ctx.text(INTERACTIONS, line, "notes", notes, None)
        st.interaction_file[ext] = Row(line, (date, kind, notes, tuple(people)))


def check_deals(ctx: Context, f: CsvFile) -> None:
    """Rows of deals.csv: on a customer, values, competitors in play that are competitors."""
    from guanxi.deals.models import Deal

    st, add = ctx.state, ctx.add
    cols = (
        "id",
        "organization_id",
        "name",
        "stage",
        "status",
        "amount",
        "currency",
        "close_date",
        "competitor_ids",
        "owner",
    )
    pos = {c: f.col(c) for c in cols}
    limits = {c: max_length(Deal, c) for c in ("name", "stage", "currency")}
    id_len = max_length(Deal, "ext_id") or 200
    for line, c in f.rows():
        ext = c[pos["id"]]
        why = row_id_problem(ext, id_len, st.deal_file)
        if why:
            add(DEALS, line, "id", why)
            continue
        org = ctx.organisation(DEALS, line, "organization_id", c[pos["organization_id"]])
        if org is not None and st.org_kind(org) not in (OrgKind.CUSTOMER, None):
            add(
                DEALS,
                line,
                "organization_id",
                _("a deal must be on a customer, and '%(org)s' is %(kind)s")
                % {"org": org, "kind": kind_phrase(st.org_kind(org))},
            )
        name = ctx.required(DEALS, line, "name", c[pos["name"]], limits["name"])
        values: list = [org, name]
        for col, reader in (
            ("stage", None),
            ("status", read_deal_status),
            ("amount", read_amount),
            ("currency", None),
            ("close_date", read_date),
        ):
            value = _cell(c, pos[col])
            if value is not KEEP:
                if reader is None:
                    ctx.text(DEALS, line, col, value, limits[col])
                else:
                    try:
                        value = reader(value)
                    except ValueError as exc:
                        add(DEALS, line, col, str(exc))
            values.append(value)
        values.append(_owner(ctx, line, _cell(c, pos["owner"])))
        competitors = _cell(c, pos["competitor_ids"])
        if competitors is not KEEP:
            chosen = set()
            for item in read_list(competitors):
                kind = st.org_kind(item)
                if item not in st.org_file and item not in st.org_db:
                    ctx.unknown(DEALS, line, "competitor_ids", "organisation", item, ORGS)
                elif kind not in (OrgKind.COMPETITOR, None):
                    add(
                        DEALS,
                        line,
                        "competitor_ids",
                        _("'%(id)s' is %(kind)s, not a competitor")
                        % {"id": item, "kind": kind_phrase(kind)},
                    )
                elif item in chosen:
                    add(
                        DEALS,
                        line,
                        "competitor_ids",
                        _("'%(id)s' is listed twice") % {"id": item},
                    )
                chosen.add(item)
            competitors = frozenset(chosen)
        values.append(competitors)
        st.deal_file[ext] = Row(line, tuple(values))


def _owner(ctx: Context, line: int, cell: Any) -> Any:
    """The deal owner's person index (None for none, KEEP without the column): one of ours."""
    st = ctx.state
    if cell is KEEP or not cell.strip():
        return cell if cell is KEEP else None
    idx = st.person_index.get(cell)
    if idx is None:
        ctx.unknown(DEALS, line, "owner", "person", cell, PEOPLE)
        return None
    org = st.person_org(idx)
    kind = st.org_kind(org) if org else None
    if kind not in (OrgKind.OWN, None):
        ctx.add(
            DEALS,
            line,
            "owner",
            _("the owner of a deal is one of our people, and '%(id)s' is at '%(org)s' (%(kind)s)")
            % {"id": cell, "org": org, "kind": kind_phrase(kind)},
        )
    return idx


def check_roles(ctx: Context, f: CsvFile) -> None:
    """Rows of deal_roles.csv: known deal and person (at a customer), role, attitude, contact."""
    from guanxi.deals.models import DealRole

    st, add = ctx.state, ctx.add
    cols = (
        "deal_id",
        "person_id",
        "role",
        "attitude",
        "contact_level",
        "personality",
        "notes",
        "competitors_checked",
    )
    pos = {c: f.col(c) for c in cols}
    personality_len = max_length(DealRole, "personality")
    for line, c in f.rows():
        deal = c[pos["deal_id"]]
        person_ext = c[pos["person_id"]]
        bad = False
        if not deal.strip():
            add(ROLES, line, "deal_id", missing("deal_id"))
            bad = True
        elif deal not in st.deal_file and deal not in st.deal_db:
            ctx.unknown(ROLES, line, "deal_id", "deal", deal, DEALS)
            bad = True
        person = st.person_index.get(person_ext)
        if not person_ext.strip():
            add(ROLES, line, "person_id", missing("person_id"))
            bad = True
        elif person is None:
            ctx.unknown(ROLES, line, "person_id", "person", person_ext, PEOPLE)
            bad = True
        else:
            org = st.person_org(person)
            kind = st.org_kind(org) if org else None
            if kind not in (OrgKind.CUSTOMER, None):
                add(
                    ROLES,
                    line,
                    "person_id",
                    _(
                        "'%(id)s' is at %(org)s, %(kind)s; "
                        "only people at a customer hold decision roles"
                    )
                    % {"id": person_ext, "org": org, "kind": kind_phrase(kind)},
                )
            elif (
                org
                and not bad
                and (customer := st.deal_org(deal))
                and st.group_of(org) != st.group_of(customer)
            ):
                add(
                    ROLES,
                    line,
                    "person_id",
                    _(
                        "'%(id)s' is at %(org)s, outside the group of %(customer)s, "
                        "so cannot hold a role on '%(deal)s'"
                    )
                    % {"id": person_ext, "org": org, "customer": customer, "deal": deal},
                )
        try:
            role = read_role(c[pos["role"]])
        except ValueError as exc:
            add(ROLES, line, "role", str(exc))
            bad = True
        values = []
        for col, reader in (("attitude", read_attitude), ("contact_level", read_contact)):
            value = _cell(c, pos[col])
            if value is not KEEP:
                try:
                    value = reader(value)
                except ValueError as exc:
                    add(ROLES, line, col, str(exc))
            values.append(value)
        for col, limit in (("personality", personality_len), ("notes", None)):
            value = _cell(c, pos[col])
            if value is not KEEP and value:
                ctx.text(ROLES, line, col, value, limit)
            values.append(value)
        checked = _cell(c, pos["competitors_checked"])
        if checked is not KEEP:
            try:
                checked = read_bool(checked)
            except ValueError as exc:
                add(ROLES, line, "competitors_checked", str(exc))
        values.append(checked)
        if bad:
            continue
        key = (deal, person, role)
        if key in st.role_file:
            add(
                ROLES,
                line,
                "role",
                _("duplicate: '%(id)s' is already %(role)s on '%(deal)s' (line %(line)s)")
                % {"id": person_ext, "role": role, "deal": deal, "line": st.role_file[key].line},
            )
            continue
        st.role_file[key] = Row(line, tuple(values))


def check_credits(ctx: Context, f: CsvFile) -> None:
    """Rows of deal_credits.csv (v2): credit recorded on a won deal, shares of our people
    between 0 and 1 that add up to 1 per deal."""
    st, add = ctx.state, ctx.add
    pos = {c: f.col(c) for c in ("deal_id", "person_id", "share")}
    first_line: dict[str, int] = {}
    for line, c in f.rows():
        deal, person_ext = c[pos["deal_id"]], c[pos["person_id"]]
        bad = False
        if not deal.strip():
            add(CREDITS, line, "deal_id", missing("deal_id"))
            bad = True
        elif deal not in st.deal_file and deal not in st.deal_db:
            ctx.unknown(CREDITS, line, "deal_id", "deal", deal, DEALS)
            bad = True
        else:
            status = deal_status(st, deal)
            if status not in (DealStatus.WON, None):
                add(
                    CREDITS,
                    line,
                    "deal_id",
                    _("'%(deal)s' is %(status)s, not won; credit is recorded on won deals only")
                    % {"deal": deal, "status": status},
                )
                bad = True
        person = st.person_index.get(person_ext)
        if not person_ext.strip():
            add(CREDITS, line, "person_id", missing("person_id"))
            bad = True
        elif person is None:
            ctx.unknown(CREDITS, line, "person_id", "person", person_ext, PEOPLE)
            bad = True
        else:
            org = st.person_org(person)
            kind = st.org_kind(org) if org else None
            if kind not in (OrgKind.OWN, None):
                add(
                    CREDITS,
                    line,
                    "person_id",
                    _("'%(id)s' is at %(org)s, %(kind)s; credit goes to our own people only")
                    % {"id": person_ext, "org": org, "kind": kind_phrase(kind)},
                )
                bad = True
        try:
            share = read_float(c[pos["share"]])
            if not 0.0 <= share <= 1.0:
                add(
                    CREDITS,
                    line,
                    "share",
                    _("share %(share)s is not between 0 and 1") % {"share": share},
                )
                bad = True
        except ValueError as exc:
            add(CREDITS, line, "share", str(exc))
            bad = True
        if bad:
            continue
        rows = st.credit_file.setdefault(deal, {})
        if person in rows:
            add(
                CREDITS,
                line,
                "person_id",
                _("duplicate: '%(id)s' already has a share of '%(deal)s' (line %(line)s)")
                % {"id": person_ext, "deal": deal, "line": rows[person].line},
            )
            continue
        first_line.setdefault(deal, line)
        rows[person] = Row(line, (share,))
    for deal, rows in st.credit_file.items():
        total = sum(row.values[0] for row in rows.values())
        if abs(total - 1.0) > 1e-6:
            lines = ", ".join(str(row.line) for row in rows.values())
            add(
                CREDITS,
                first_line[deal],
                "share",
                _("the shares of '%(deal)s' add up to %(total)s, not 1 (lines %(lines)s)")
                % {"deal": deal, "total": f"{total:.6g}", "lines": lines},
            )


def deal_status(st: Any, deal: str) -> str | None:
    """A deal's status after the import (None when the file's status was wrong)."""
    row = st.deal_file.get(deal)
    if row is not None:
        status = row.values[3]
        if status is not KEEP:
            return status if status in DealStatus.values else None
    old = st.deal_db.get(deal)
    return old[4] if old else DealStatus.OPEN.value


def check_snapshots(ctx: Context, f: CsvFile) -> None:
    """Rows of snapshots.csv: date, subject, metric, number; one value per date/subject/metric."""
    from guanxi.core.models import Snapshot

    st, add = ctx.state, ctx.add
    pos = {c: f.col(c) for c in ("date", "subject_id", "metric", "value")}
    limits = {
        "subject_id": max_length(Snapshot, "subject_id"),
        "metric": max_length(Snapshot, "metric"),
    }
    for line, c in f.rows():
        bad = False
        try:
            date = read_date(c[pos["date"]])
            if date is None:
                add(SNAPSHOTS, line, "date", missing("date"))
                bad = True
        except ValueError as exc:
            add(SNAPSHOTS, line, "date", str(exc))
            bad = True
        texts = []
        for col in ("subject_id", "metric"):
            value = c[pos[col]]
            if not value.strip():
                add(SNAPSHOTS, line, col, missing(col))
                bad = True
            elif why := text_problem(value, limits[col]):
                add(SNAPSHOTS, line, col, text_reason(col, why))
                bad = True
            texts.append(value)
        try:
            value = read_float(c[pos["value"]])
        except ValueError as exc:
            add(SNAPSHOTS, line, "value", str(exc))
            bad = True
        if bad:
            continue
        key = (date, texts[0], texts[1])
        if key in st.snapshot_file:
            add(
                SNAPSHOTS,
                line,
                "metric",
                _("duplicate: %(metric)s of '%(subject)s' on %(date)s is already on line %(line)s")
                % {
                    "metric": texts[1],
                    "subject": texts[0],
                    "date": date,
                    "line": st.snapshot_file[key].line,
                },
            )
            continue
        st.snapshot_file[key] = Row(line, (value,))


def check_kinds_against_database(ctx: Context) -> None:
    """Records only in the database must stay valid when the files change kinds or move people."""
    st, add = ctx.state, ctx.add
    for ext, deal in st.deal_db.items():
        if ext in st.deal_file:
            continue
        org = deal[1]
        if org in st.org_file and st.org_kind(org) not in (OrgKind.CUSTOMER, None):
            add(
                ORGS,
                st.org_file[org].line,
                "kind",
                _("'%(org)s' has the deal '%(deal)s', so it must stay a customer")
                % {"org": org, "deal": ext},
            )
        for competitor in deal[-1]:
            if competitor in st.org_file and st.org_kind(competitor) not in (
                OrgKind.COMPETITOR,
                None,
            ):
                add(
                    ORGS,
                    st.org_file[competitor].line,
                    "kind",
                    _(
                        "'%(org)s' is a competitor in play on the deal '%(deal)s', "
                        "so it must stay a competitor"
                    )
                    % {"org": competitor, "deal": ext},
                )
    for deal, person, role in st.role_db:
        if (deal, person, role) in st.role_file:
            continue
        org = st.person_org(person)
        kind = st.org_kind(org) if org else None
        if kind in (OrgKind.CUSTOMER, None):
            continue
        ext = st.person_ext[person]
        if person in st.person_file and st.person_db[person][0] != org:
            add(
                PEOPLE,
                st.person_file[person].line,
                "organization_id",
                _("'%(id)s' holds the %(role)s role on '%(deal)s', so must stay at a customer")
                % {"id": ext, "role": role, "deal": deal},
            )
        elif org in st.org_file:
            add(
                ORGS,
                st.org_file[org].line,
                "kind",
                _(
                    "'%(id)s' of '%(org)s' holds the %(role)s role on '%(deal)s', "
                    "so '%(org)s' must stay a customer"
                )
                % {"id": ext, "org": org, "role": role, "deal": deal},
            )
