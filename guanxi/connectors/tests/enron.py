"""Realistic mail fixtures from the Enron message records (tests/data/enron_jhu, CC BY-SA 4.0).

The records say who wrote to whom (To or Cc) and when; each (sender, time) is one message.
Dates are moved forward by whole days so the last message is yesterday (decay makes the
original 1998–2002 dates worth nothing today); the spacing between messages is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import mailbox
from dataclasses import dataclass
from email.header import Header
from email.message import Message
from email.utils import format_datetime, formataddr
from pathlib import Path

ENRON = Path(__file__).resolve().parents[3] / "tests" / "data" / "enron_jhu"


@dataclass(frozen=True)
class Mail:
    """One message: sender id, To and Cc recipient ids, when, and its Message-ID."""

    sender: int
    to: tuple[int, ...]
    cc: tuple[int, ...]
    at: dt.datetime
    message_id: str


def employees() -> dict[int, tuple[str, str, str]]:
    """id → (address, name, title class) of the 184 addresses."""
    with open(ENRON / "employees.csv", newline="", encoding="utf-8") as f:
        return {int(r["id"]): (r["email"], r["name"], r["title_class"]) for r in csv.DictReader(f)}


def messages(today: dt.date | None = None) -> list[Mail]:
    """The messages (placeholder 1979 times dropped), oldest first, dated up to yesterday."""
    grouped: dict[tuple[int, str], tuple[list[int], list[int]]] = {}
    with gzip.open(ENRON / "email_messages.csv.gz", "rt", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["time"] < "1998":
                continue
            to, cc = grouped.setdefault((int(r["sender_id"]), r["time"]), ([], []))
            target = to if r["reciptype"] == "to" else cc if r["reciptype"] == "cc" else None
            if target is not None and int(r["recipient_id"]) not in target:
                target.append(int(r["recipient_id"]))
    last = max(dt.datetime.fromisoformat(t) for _, t in grouped)
    shift = dt.timedelta(days=((today or dt.date.today()) - last.date()).days - 1)
    found = []
    for (sender, time), (to, cc) in grouped.items():
        at = (dt.datetime.fromisoformat(time) + shift).replace(tzinfo=dt.UTC)
        if not to and not cc:
            continue
        mid = f"<{sender}.{time.replace(' ', '.').replace(':', '')}.JavaMail.evans@thyme>"
        found.append(Mail(sender, tuple(to), tuple(cc), at, mid))
    return sorted(found, key=lambda m: (m.at, m.message_id))


def as_message(mail: Mail, people: dict[int, tuple[str, str, str]], encoded: bool) -> Message:
    """The message with its headers (display names RFC 2047-encoded when `encoded`)."""

    def address(i: int) -> str:
        email, name, _ = people[i]
        if encoded and name:
            return f"{Header(name, 'utf-8').encode()} <{email}>"
        return formataddr((name, email))

    msg = Message()
    msg["Message-ID"] = mail.message_id
    msg["Date"] = format_datetime(mail.at)
    msg["From"] = address(mail.sender)
    if mail.to:
        msg["To"] = ", ".join(address(i) for i in mail.to)
    if mail.cc:
        msg["Cc"] = ", ".join(address(i) for i in mail.cc)
    msg["Subject"] = "Re: schedule"
    msg.set_payload(
        "The body is never read by the import.\nFrom here on: a line that mbox quotes.\n"
    )
    return msg


def write_mbox(path: Path, mails: list[Mail], *, encoded_every: int = 7) -> Path:
    """An mbox of these messages (every `encoded_every`-th with encoded display names)."""
    people = employees()
    box = mailbox.mbox(path)
    box.lock()
    try:
        for n, mail in enumerate(mails):
            box.add(as_message(mail, people, encoded=n % encoded_every == 0))
        box.flush()
    finally:
        box.unlock()
        box.close()
    return path
