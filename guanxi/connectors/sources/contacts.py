"""What LinkedIn connections and address-book cards share: a contact of one employee becomes
a person (matched, created, or queued for review) with a weak relationship to them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from guanxi.connectors.bundle import Origin, Review
from guanxi.connectors.identity import (
    PERSONAL_DOMAINS,
    PersonInfo,
    domain_of,
    email_key,
    id_words,
    org_key,
)
from guanxi.connectors.sources.common import short_hash

#: a connection or a card is a weak relationship (MODEL.md's `weak`) unless one is stronger
WEAK = 20


@dataclass
class Contact:
    """One contact as a source gives it."""

    origin: Origin
    external_id: str
    name: str
    emails: list[str]
    company: str = ""
    title: str = ""
    phone: str = ""
    since: str = ""


def existing_strengths(employee: str) -> dict[str, int]:
    """The stored relationship strengths of `employee`, by the other person's id."""
    from guanxi.people.models import Tie

    found: dict[str, int] = {}
    rows = Tie.objects.filter(kind="relationship").filter(
        Q(source__ext_id=employee) | Q(target__ext_id=employee)
    )
    for a, b, strength in rows.values_list("source__ext_id", "target__ext_id", "strength"):
        found[b if a == employee else a] = strength or 0
    return found


def plan_contacts(ctx, source: str, contacts: list[Contact]) -> None:
    """Match or create each contact and tie them weakly to the --as employee."""
    b, d, employee = ctx.bundle, ctx.directory, ctx.employee
    strengths = existing_strengths(employee)
    excluded = created = matched = 0
    for c in contacts:
        emails = [e for e in (email_key(x) for x in c.emails) if e]
        if any(ctx.excluded(employee, e) for e in emails):
            excluded += 1
            continue
        domain = next((domain_of(e) for e in emails if domain_of(e) not in PERSONAL_DOMAINS), "")
        found = d.match_org(name=c.company, domain=domain)
        org = found.ext
        if found.how == "review":
            org = f"org:{domain}" if domain else f"org:{short_hash(org_key(c.company))}"
            b.org_apart(c.origin, org, c.company or domain, found, domain)
        if org is not None and d.orgs[org][1] == "own":
            continue  # a colleague: ties among our own people are not what this captures
        match = d.match_person(emails=emails, name=c.name, org=org, ref=(source, c.external_id))
        if match.how == "new" and org is None and not c.company and not domain:
            match.how, match.reason = "review", _("no organisation is known for this contact")
        if match.how == "review":
            b.review(
                Review(source, c.external_id, c.name, emails[0] if emails else "", c.company,
                       c.title, match.reason, match.candidates,
                       {"employee": employee, "strength": WEAK, "phone": c.phone,
                        "domain": domain})
            )  # fmt: skip
            continue
        if org is None:
            org = f"org:{id_words(org_key(c.company)) or domain}"[:200]
            if len(org) > 60 or not org.isascii():
                org = f"org:{short_hash(org)}"
            b.org(c.origin, org, c.company or domain, "customer", domain=domain)
        if match.ext is None:
            ext = f"{source}:{short_hash(c.external_id)}"
            b.person(c.origin, PersonInfo(ext, c.name, org, c.title, "", ";".join(emails[:1]),
                                          c.phone))  # fmt: skip
            for e in emails[1:]:
                d.remember_email(e, ext)
            created += 1
        else:
            ext = match.ext
            for e in emails:
                d.remember_email(e, ext)
            matched += 1
        b.ref(c.external_id, "person", ext)
        if strengths.get(ext, 0) < WEAK and ext != employee:
            b.tie(c.origin, employee, ext, "relationship", WEAK, c.since)
    ctx.note(
        gettext("%(n)d contacts read: %(matched)d matched, %(created)d new")
        % {"n": len(contacts), "matched": matched, "created": created}
    )
    if excluded:
        ctx.note(
            gettext("%(n)d contacts left out by %(employee)s's exclusions")
            % {"n": excluded, "employee": employee}
        )
