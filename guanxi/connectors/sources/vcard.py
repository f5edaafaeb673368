"""vCard 3.0 and 4.0 address books (one .vcf file, or a folder or .zip of them), read with
vobject: each card is matched or proposed as a person with a weak relationship to the --as
employee."""

from __future__ import annotations

import re

import vobject
from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin
from guanxi.connectors.sources.common import decode, person_name, short_hash
from guanxi.connectors.sources.contacts import Contact, plan_contacts

SOURCE = "vcard"


def _text(card, name: str) -> str:
    """The first value of a property as text (a structured ORG gives its first part)."""
    prop = card.contents.get(name)
    if not prop:
        return ""
    value = prop[0].value
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _name(card) -> str:
    """FN, else the parts of N."""
    full = _text(card, "fn")
    if full:
        return " ".join(full.split())
    n = card.contents.get("n")
    if n and hasattr(n[0].value, "family"):
        return person_name(str(n[0].value.given or ""), str(n[0].value.family or ""))
    return ""


def _cards(ctx, name: str, text: str) -> list[Contact]:
    """The contacts of one .vcf text; problems (with the line) reported."""
    found: list[Contact] = []
    line = 1
    try:
        for card in vobject.readComponents(text):
            start = text.count("\n", 0, _offset(text, card)) + 1
            line = start
            if card.name != "VCARD":
                ctx.bundle.problem(
                    Origin(name, start),
                    _("a %(name)s where a VCARD was expected") % {"name": card.name},
                )
                continue
            full = _name(card)
            if not full:
                ctx.bundle.problem(Origin(name, start), _("a card without a name (FN or N)"))
                continue
            emails = [str(e.value) for e in card.contents.get("email", [])]
            uid = _text(card, "uid") or short_hash(f"{full}|{'|'.join(emails)}")
            phone = _text(card, "tel").removeprefix("tel:")
            found.append(
                Contact(Origin(name, start), uid, full, emails, _text(card, "org"),
                        _text(card, "title"), phone)
            )  # fmt: skip
    except vobject.base.ParseError as exc:
        # vobject's own line numbers are not an editor's: find the line it quotes
        quoted = re.search(r"Failed to parse line: (.*)$", str(exc))
        lines = [x.strip() for x in text.split("\n")]
        if quoted and quoted.group(1).strip() in lines:
            line = lines.index(quoted.group(1).strip()) + 1
        elif "never closed" in str(exc):
            line = text.count("\n", 0, text.rfind("BEGIN:VCARD")) + 1
        reason = str(exc).split(": ", 1)[-1] if str(exc).startswith("At line") else str(exc)
        ctx.bundle.problem(
            Origin(name, line), _("is not a valid vCard (%(reason)s)") % {"reason": reason}
        )
    return found


def _offset(text: str, card) -> int:
    """Where a card's UID or FN appears in the text (for its line number)."""
    for key in ("uid", "fn"):
        value = _text(card, key)
        if value:
            at = text.find(value)
            if at >= 0:
                return text.rfind("BEGIN:VCARD", 0, at) if "BEGIN:VCARD" in text[:at] else at
    return 0


def read(ctx) -> None:
    """Plan every card of the address book."""
    names = [n for n in ctx.inputs.names() if n.lower().endswith((".vcf", ".vcard"))]
    if not ctx.inputs.is_folder():
        names = ctx.inputs.names()
    contacts: list[Contact] = []
    for name in names:
        text = decode(ctx, name, ctx.inputs.read(name))
        if text is None:
            continue
        if "BEGIN:VCARD" not in text.upper():
            ctx.bundle.problem(Origin(name, 1), _("not a vCard file: no BEGIN:VCARD"))
            continue
        # vobject counts CR and LF as two lines; with LF alone its line numbers are an editor's
        contacts.extend(_cards(ctx, name, text.replace("\r\n", "\n")))
    if not names:
        ctx.bundle.problem(Origin(ctx.inputs.label), _("no .vcf file found"))
    if ctx.bundle.report.ok:
        plan_contacts(ctx, SOURCE, contacts)
