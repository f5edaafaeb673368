"""Mail headers: an mbox file, a Maildir, or a folder of .eml files (Python's mailbox and email).

Only the header section of each message is read (From, To, Cc, Date, Message-ID); bodies are
never read or stored. Each message whose known participants include one of our people and
someone outside is one interaction of kind email among the known people of From, To and Cc,
deduplicated by Message-ID.
"""

from __future__ import annotations

import mailbox
import os
import tempfile
from collections.abc import Iterator
from email.parser import HeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin
from guanxi.connectors.identity import email_key
from guanxi.connectors.sources.common import known_participants, short_hash

SOURCE = "mail"
_PARSER = HeaderParser()
_MAIL_HEADERS = ("From", "To", "Date", "Message-ID", "Received", "Return-Path", "Subject")


def header_bytes(stream: IO[bytes]) -> tuple[bytes, bool]:
    """The header section of a message (up to the first empty line) and whether it ended;
    the body after it is never read."""
    lines = []
    for line in stream:
        if line in (b"\n", b"\r\n"):
            return b"".join(lines), True
        lines.append(line)
    return b"".join(lines), False


def _mbox_messages(path: Path, name: str) -> Iterator[tuple[Origin, bytes, bool]]:
    box = mailbox.mbox(path, create=False)
    try:
        for i, key in enumerate(box.iterkeys(), 1):
            stream = box.get_file(key)
            try:
                header, ended = header_bytes(stream)
            finally:
                stream.close()
            yield Origin(f"{name} message {i}"), header, ended
    finally:
        box.close()


def _maildir_messages(folder: Path, name: str) -> Iterator[tuple[Origin, bytes, bool]]:
    box = mailbox.Maildir(folder, factory=None, create=False)
    for key in sorted(box.iterkeys()):
        stream = box.get_file(key)
        try:
            header, ended = header_bytes(stream)
        finally:
            stream.close()
        yield Origin(f"{name}/{key}"), header, ended


def _is_mbox(head: bytes) -> bool:
    return head.startswith(b"From ")


def messages(ctx) -> Iterator[tuple[Origin, bytes, bool]]:
    """Every message's header section with where it came from."""
    inputs = ctx.inputs
    folder = getattr(inputs, "folder", None)
    if folder is not None and (folder / "cur").is_dir() and (folder / "new").is_dir():
        yield from _maildir_messages(folder, inputs.label)
        return
    for name in inputs.names():
        if "/tmp/" in f"/{name}" or name.startswith("tmp/"):
            continue  # a Maildir's messages still being delivered
        path = inputs.path(name)
        if path is not None:
            with open(path, "rb") as stream:
                head = stream.read(5)
        else:
            head = inputs.read(name)[:5]
        if _is_mbox(head):
            if path is None:
                yield from _mbox_in_memory(inputs.read(name), name)
            else:
                yield from _mbox_messages(path, name)
        elif path is not None:
            with open(path, "rb") as stream:
                header, ended = header_bytes(stream)
            yield Origin(name, 1), header, ended
        else:
            import io

            header, ended = header_bytes(io.BytesIO(inputs.read(name)))
            yield Origin(name, 1), header, ended


def _mbox_in_memory(data: bytes, name: str) -> Iterator[tuple[Origin, bytes, bool]]:
    """An uploaded mbox, through a private temporary file (mailbox.mbox needs a path)."""
    handle, temp = tempfile.mkstemp(suffix=".mbox")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        yield from _mbox_messages(Path(temp), name)
    finally:
        os.unlink(temp)


@lru_cache(maxsize=1 << 16)
def _addresses(value: str) -> tuple[str, ...]:
    """The addresses of one From/To/Cc header (mailboxes repeat the same lists often)."""
    return tuple(email_key(address) for _name, address in getaddresses([value]))


def read(ctx) -> None:
    """Plan one email interaction per message with one of ours and a known outsider."""
    b = ctx.bundle
    seen = duplicates = outside = total = 0
    found_any = False
    for origin, header, ended in messages(ctx):
        found_any = True
        total += 1
        try:
            text = header.decode("utf-8")
        except UnicodeDecodeError as exc:
            field = (
                header[: exc.start]
                .rsplit(b"\n", 1)[-1]
                .split(b":", 1)[0]
                .decode("ascii", "replace")
            )
            b.problem(
                origin,
                _("header %(field)s is not valid text (bytes that are not UTF-8)")
                % {"field": field},
            )
            continue
        msg = _PARSER.parsestr(text)
        if not ended and any(h in msg for h in _MAIL_HEADERS):
            b.problem(origin, _("truncated message: its header section does not end"))
            continue
        if not msg.get_all("From"):
            b.problem(origin, _("not an e-mail message: no From header"))
            continue
        fields = {h: msg.get_all(h) or [] for h in ("From", "To", "Cc")}
        try:
            day = parsedate_to_datetime(str(msg["Date"])).date().isoformat()
        except (TypeError, ValueError, IndexError):
            b.problem(
                origin,
                _("missing or unreadable Date header (%(value)r)") % {"value": msg["Date"]},
            )
            continue
        addresses = [a for values in fields.values() for v in values for a in _addresses(v)]
        message_id = str(msg.get("Message-ID", "")).strip()
        if not message_id:
            message_id = "no-id:" + short_hash(f"{day}|{'|'.join(addresses)}")
        people = known_participants(ctx, [a for a in addresses if a])
        if people is None:
            outside += 1
            continue
        key = message_id[:255]
        ext = ctx.directory.refs.get((SOURCE, key)) or f"mail:{short_hash(message_id)}"
        if b.interaction(origin, ext, day, "email", people, ""):
            b.ref(key, "interaction", ext)
            seen += 1
        else:
            duplicates += 1
        if ctx.progress is not None and total % 10000 == 0:
            ctx.progress.rows("messages", total)
    if not found_any:
        b.problem(Origin(ctx.inputs.label), _("no e-mail messages found (mbox, Maildir or .eml)"))
    ctx.note(
        _(
            "%(total)d messages read: %(seen)d interactions, %(duplicates)d duplicates (same "
            "Message-ID), %(outside)d without one of ours and a known outsider"
        )
        % {"total": total, "seen": seen, "duplicates": duplicates, "outside": outside}
    )
