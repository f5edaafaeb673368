"""LinkedIn: one employee's Connections.csv from "Get a copy of your data".

The file starts with a "Notes:" preamble; the header is `First Name,Last Name,URL,Email
Address,Company,Position,Connected On`, dates look like `15 Mar 2024`, e-mails are mostly empty.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin
from guanxi.connectors.sources.common import csv_rows, decode, person_name
from guanxi.connectors.sources.contacts import Contact, plan_contacts

SOURCE = "linkedin"
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def connected_on(text: str) -> str:
    """'15 Mar 2024' as 2024-03-15 (English month names, whatever the machine's locale)."""
    try:
        day, month, year = text.split()
        return dt.date(int(year), MONTHS[month[:3].lower()], int(day)).isoformat()
    except (ValueError, KeyError):
        raise ValueError(
            _("'%(text)s' is not a date like '15 Mar 2024'") % {"text": text}
        ) from None


def read(ctx) -> None:
    """Plan each connection as a person with a weak relationship to the --as employee."""
    names = [n for n in ctx.inputs.names() if n.lower().endswith(".csv")]
    if ctx.inputs.is_folder():
        names = [n for n in names if n.rsplit("/", 1)[-1].lower() == "connections.csv"]
    if len(names) != 1:
        ctx.bundle.problem(
            Origin(ctx.inputs.label),
            _("not a LinkedIn export: expected Connections.csv (or a .zip holding it)"),
        )
        return
    name = names[0]
    text = decode(ctx, name, ctx.inputs.read(name))
    if text is None:
        return
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("First Name,")), None)
    if start is None:
        ctx.bundle.problem(
            Origin(name),
            _("not a LinkedIn Connections.csv: no header line '%(header)s'")
            % {"header": ",".join(HEADER)},
        )
        return
    body = "\n".join(lines[start:]) + "\n"
    contacts = []
    for origin, r in csv_rows(ctx, name, body, HEADER, header_line=start + 1):
        full = person_name(r["First Name"], r["Last Name"])
        if not full:
            ctx.bundle.problem(origin, _("missing First Name and Last Name"))
            continue
        since = ""
        if r["Connected On"].strip():
            try:
                since = connected_on(r["Connected On"])
            except ValueError as exc:
                ctx.bundle.problem(origin, str(exc), "Connected On")
                continue
        key = r["URL"].strip().rstrip("/") or f"{full}|{r['Company']}"
        contacts.append(
            Contact(origin, key, full, [r["Email Address"]], r["Company"].strip(),
                    r["Position"].strip(), "", since)
        )  # fmt: skip
    if ctx.bundle.report.ok:
        plan_contacts(ctx, SOURCE, contacts)
