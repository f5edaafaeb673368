"""Salesforce: the object CSV files of a data export or Data Loader, by object API name.

Accounts become customers, contacts their people, users our people, opportunities deals,
contact roles deal roles, events and tasks interactions. Salesforce ids are kept as external
ids, so next week's export updates this week's import.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin, Review
from guanxi.connectors.identity import PersonInfo, domain_of
from guanxi.connectors.sources.common import csv_rows, decode, iso_date, own_org

SOURCE = "salesforce"

#: object → (required columns, optional columns read)
OBJECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Account": (("Id", "Name"), ("ParentId", "Industry", "Type")),
    "User": (("Id", "Name"), ("Title", "Department", "Email")),
    "Contact": (
        ("Id", "AccountId", "LastName"),
        ("FirstName", "Title", "Department", "ReportsToId", "Email", "Phone"),
    ),
    "Opportunity": (
        ("Id", "AccountId", "Name", "StageName"),
        ("Amount", "CloseDate", "IsClosed", "IsWon", "CurrencyIsoCode"),
    ),
    "OpportunityContactRole": (("OpportunityId", "ContactId", "Role"), ("IsPrimary",)),
    "Event": (("Id", "WhoId", "OwnerId", "ActivityDate"), ("WhatId", "Subject", "Type")),
    "Task": (("Id", "WhoId", "OwnerId", "ActivityDate"), ("WhatId", "Subject", "Type")),
    "EventRelation": (("EventId", "RelationId"), ()),
    "TaskRelation": (("TaskId", "RelationId"), ()),
}

ROLES = {
    "economic buyer": "approver",
    "economic decision maker": "approver",
    "executive sponsor": "approver",
    "decision maker": "decision_maker",
    "evaluator": "evaluator",
    "technical buyer": "evaluator",
    "influencer": "evaluator",
    "business user": "user",
}
ORG_TYPES = {"competitor": "competitor", "partner": "partner", "reseller": "partner"}
ACTIVITY_KINDS = {"call": "call", "email": "email", "meeting": "meeting", "visit": "visit"}
TRUE = {"true", "1", "yes"}


def sid(value: str) -> str:
    """A Salesforce id compared by its case-sensitive 15-character form (18 = 15 + checksum)."""
    return value.strip()[:15]


def _files(ctx) -> dict[str, str]:
    """Object name → the file holding it (Account.csv, account.csv, ...)."""
    found: dict[str, str] = {}
    by_lower = {o.lower(): o for o in OBJECTS}
    for name in ctx.inputs.names():
        base = name.rsplit("/", 1)[-1]
        stem, _dot, ext = base.rpartition(".")
        if ext.lower() == "csv" and stem.lower() in by_lower:
            found.setdefault(by_lower[stem.lower()], name)
    return found


def read(ctx) -> None:
    """Plan the export's records into the bundle; report every problem by file and line."""
    files = _files(ctx)
    if not ctx.inputs.is_folder() or not files:
        ctx.bundle.problem(
            Origin(ctx.inputs.label),
            _(
                "not a Salesforce export: expected a folder (or .zip) of object CSV files such "
                "as Account.csv, Contact.csv, User.csv, Opportunity.csv"
            ),
        )
        return
    tables: dict[str, list[tuple[Origin, dict[str, str]]]] = {}
    for obj, name in files.items():
        text = decode(ctx, name, ctx.inputs.read(name))
        if text is not None:
            tables[obj] = list(csv_rows(ctx, name, text, OBJECTS[obj][0]))
    if not ctx.bundle.report.ok:
        return
    plan = _Planner(ctx)
    plan.accounts(tables.get("Account", []))
    plan.users(tables.get("User", []))
    plan.contacts(tables.get("Contact", []))
    plan.opportunities(tables.get("Opportunity", []))
    plan.roles(tables.get("OpportunityContactRole", []))
    relations = {"Event": tables.get("EventRelation", []), "Task": tables.get("TaskRelation", [])}
    for obj in ("Event", "Task"):
        plan.activities(obj, tables.get(obj, []), relations[obj])
    plan.finish()


class _Planner:
    """Turns the rows of each object into bundle rows, keeping Salesforce id → Guanxi id."""

    def __init__(self, ctx) -> None:
        self.ctx, self.b, self.d = ctx, ctx.bundle, ctx.directory
        self.ids: dict[str, str] = {}  # Salesforce id (15) → interchange id
        self.kinds: dict[str, str] = {}  # Salesforce id (15) → object
        self.skipped: set[str] = set()  # contacts waiting in the review queue
        self.skipped_roles: list[str] = []
        self.unplaced = 0
        self.pending_managers: list[tuple[Origin, str, str]] = []
        self.b.people_columns = (*self.b.people_columns, "reports_to_id")

    def known(self, value: str, obj: str) -> str | None:
        """The interchange id of a Salesforce record of this export or of an earlier one."""
        key = sid(value)
        if key in self.ids and self.kinds[key] == obj:
            return self.ids[key]
        return self.d.refs.get((SOURCE, key))

    def unknown(self, origin: Origin, column: str, value: str, obj: str) -> None:
        self.b.problem(
            origin,
            _("unknown %(object)s id '%(value)s' (%(object)s.csv has no such Id)")
            % {"object": obj, "value": value},
            column,
        )

    def keep(self, value: str, obj: str, ext: str, kind: str) -> None:
        self.ids[sid(value)], self.kinds[sid(value)] = ext, obj
        self.b.ref(sid(value), kind, ext)

    def accounts(self, rows) -> None:
        for origin, r in rows:
            name = r["Name"].strip()
            if not name:
                self.b.problem(origin, _("missing account Name"), "Name")
                continue
            ext = self.d.refs.get((SOURCE, sid(r["Id"])))
            kind = ORG_TYPES.get(r.get("Type", "").strip().lower(), "customer")
            found = None if ext else self.d.match_org(name=name, strict=True)
            if found is not None and found.how != "review":
                ext = found.ext
            if ext is None:
                ext = f"sf:{sid(r['Id'])}"
            elif ext in self.d.orgs:
                kind = self.d.orgs[ext][1]
            self.keep(r["Id"], "Account", ext, "organisation")
            if found is not None and found.how == "review" and kind == "customer":
                self.b.org_apart(origin, ext, name, found, key=f"account:{sid(r['Id'])}")
            self.b.org(origin, ext, name, kind, industry=r.get("Industry", "").strip())
        for origin, r in rows:
            parent = r.get("ParentId", "").strip()
            if parent and r["Name"].strip():
                parent_ext = self.known(parent, "Account")
                if parent_ext is None:
                    self.unknown(origin, "ParentId", parent, "Account")
                    continue
                ext = self.ids[sid(r["Id"])]
                row = self.b.rows["organizations.csv"][ext]
                self.b.rows["organizations.csv"][ext] = (*row[:5], parent_ext)

    def _person(self, origin, r, *, name, org, obj, email) -> None:
        ref = (SOURCE, sid(r["Id"]))
        match = self.d.match_person(emails=[email], name=name, org=org, ref=ref)
        if match.how == "review":
            self.skipped.add(sid(r["Id"]))
            self.b.review(
                Review(
                    SOURCE,
                    sid(r["Id"]),
                    name,
                    email,
                    self.d.orgs.get(org, ("",))[0],
                    r.get("Title", "").strip(),
                    match.reason,
                    match.candidates,
                    {"organisation": org},
                )
            )
            return
        ext = match.ext or f"sf:{sid(r['Id'])}"
        self.keep(r["Id"], obj, ext, "person")
        info = PersonInfo(
            ext,
            name,
            org,
            r.get("Title", "").strip(),
            r.get("Department", "").strip(),
            email,
            r.get("Phone", "").strip(),
        )
        self.b.person(origin, info, reports_to_id="")
        if obj == "Contact" and r.get("ReportsToId", "").strip():
            self.pending_managers.append((origin, ext, r["ReportsToId"]))

    def users(self, rows) -> None:
        own = own_org(self.ctx) if rows else None
        for origin, r in rows:
            name = r["Name"].strip()
            if not name:
                self.b.problem(origin, _("missing user Name"), "Name")
                continue
            self._person(origin, r, name=name, org=own, obj="User", email=r.get("Email", ""))

    def contacts(self, rows) -> None:
        for origin, r in rows:
            name = " ".join(f"{r.get('FirstName', '')} {r['LastName']}".split())
            if not r["LastName"].strip():
                self.b.problem(origin, _("missing LastName"), "LastName")
                continue
            account = r["AccountId"].strip()
            if not account:
                self.unplaced += 1
                continue
            org = self.known(account, "Account")
            if org is None:
                self.unknown(origin, "AccountId", account, "Account")
                continue
            email = r.get("Email", "")
            self._person(origin, r, name=name, org=org, obj="Contact", email=email)
            domain = domain_of(email)
            if domain and sid(r["Id"]) not in self.skipped:
                self.d.add_org(org, self.d.orgs[org][0], self.d.orgs[org][1], domain)
        for origin, ext, manager in self.pending_managers:
            manager_ext = self.known(manager, "Contact")
            if manager_ext is None:
                if sid(manager) not in self.skipped:
                    self.unknown(origin, "ReportsToId", manager, "Contact")
                continue
            row = self.b.rows["people.csv"][ext]
            self.b.rows["people.csv"][ext] = (*row[:-1], manager_ext)

    def opportunities(self, rows) -> None:
        for origin, r in rows:
            org = self.known(r["AccountId"], "Account")
            if org is None:
                self.unknown(origin, "AccountId", r["AccountId"], "Account")
                continue
            won = r.get("IsWon", "").strip().lower() in TRUE
            closed = r.get("IsClosed", "").strip().lower() in TRUE
            status = "won" if won else "lost" if closed else "open"
            amount = r.get("Amount", "").strip()
            try:
                amount = str(Decimal(amount)) if amount else ""
            except InvalidOperation:
                self.b.problem(
                    origin, _("'%(amount)s' is not an amount") % {"amount": amount}, "Amount"
                )
                continue
            close = r.get("CloseDate", "").strip()
            try:
                close = iso_date(close) if close else ""
            except ValueError as exc:
                self.b.problem(origin, str(exc), "CloseDate")
                continue
            ext = self.d.refs.get((SOURCE, sid(r["Id"]))) or f"sf:{sid(r['Id'])}"
            self.keep(r["Id"], "Opportunity", ext, "deal")
            values = (
                org,
                r["Name"].strip(),
                r["StageName"].strip(),
                status,
                amount,
                r.get("CurrencyIsoCode", "").strip(),
                close,
            )
            self.b.deal(origin, ext, values)

    def roles(self, rows) -> None:
        for origin, r in rows:
            deal = self.known(r["OpportunityId"], "Opportunity")
            person = self.known(r["ContactId"], "Contact")
            if deal is None:
                self.unknown(origin, "OpportunityId", r["OpportunityId"], "Opportunity")
            if person is None and sid(r["ContactId"]) not in self.skipped:
                self.unknown(origin, "ContactId", r["ContactId"], "Contact")
            if deal is None or person is None:
                continue
            role = ROLES.get(r["Role"].strip().lower())
            if role is None:
                self.skipped_roles.append(
                    _("%(file)s:%(line)s: role '%(role)s'")
                    % {"file": origin.file, "line": origin.line, "role": r["Role"]}
                )
                continue
            self.b.role(origin, deal, person, role)

    def activities(self, obj: str, rows, relations) -> None:
        extra: dict[str, list[str]] = {}
        parent = f"{obj}Id"
        ids = {sid(r["Id"]) for _, r in rows}
        for origin, r in relations:
            if sid(r[parent]) not in ids and self.d.refs.get((SOURCE, sid(r[parent]))) is None:
                self.unknown(origin, parent, r[parent], obj)
                continue
            extra.setdefault(sid(r[parent]), []).append(r["RelationId"])
        for origin, r in rows:
            try:
                date = iso_date(r["ActivityDate"])
            except ValueError as exc:
                self.b.problem(origin, str(exc), "ActivityDate")
                continue
            owner = self.known(r["OwnerId"], "User")
            if owner is None:
                self.unknown(origin, "OwnerId", r["OwnerId"], "User")
                continue
            people = [owner]
            for who in [r["WhoId"], *extra.get(sid(r["Id"]), [])]:
                who = who.strip()
                ext = self.known(who, "Contact") or self.known(who, "User")
                if ext is None and who[:3] in ("003", "005") and sid(who) not in self.skipped:
                    self.unknown(origin, "WhoId", who, "Contact")
                if ext is not None and ext not in people:
                    people.append(ext)
            if len(people) < 2:
                continue  # a lead, or nobody we know besides the owner
            kind = ACTIVITY_KINDS.get(r.get("Type", "").strip().lower())
            kind = kind or ("meeting" if obj == "Event" else "call")
            ext = self.d.refs.get((SOURCE, sid(r["Id"]))) or f"sf:{sid(r['Id'])}"
            self.keep(r["Id"], obj, ext, "interaction")
            self.b.interaction(origin, ext, date, kind, people, r.get("Subject", ""))

    def finish(self) -> None:
        if self.unplaced:
            self.ctx.note(
                _("%(n)d contacts without an account were not imported") % {"n": self.unplaced}
            )
        for line in self.skipped_roles:
            self.ctx.note(_("%(line)s has no Guanxi role; skipped") % {"line": line})
