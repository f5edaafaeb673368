"""iCalendar exports (.ics), read with icalendar and expanded with recurring-ical-events.

Each meeting (its ORGANIZER and ATTENDEE addresses) is an interaction of kind meeting among
the matched people, when one of ours and an outsider are both there. Recurring events are
expanded up to today; cancelled events and occurrences, declined attendees, and events the
--as employee declined are skipped. A calendar's X-WR-TIMEZONE (Google Calendar's exports)
places its floating and UTC times in that zone, so each meeting is on its local day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import recurring_ical_events
from django.utils.translation import gettext as _

from guanxi.connectors.bundle import Origin
from guanxi.connectors.identity import email_key
from guanxi.connectors.sources.common import decode, known_participants, short_hash

SOURCE = "ics"
EPOCH = dt.date(1970, 1, 1)


def _address(prop) -> str:
    """The e-mail address of an ORGANIZER or ATTENDEE (mailto:...)."""
    text = str(prop)
    return email_key(text[7:] if text.lower().startswith("mailto:") else text)


def _line(text: str, uid: str) -> int | None:
    """The line of an event's UID in the file."""
    at = text.find(f"UID:{uid}") if uid else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _people(event) -> tuple[list[str], set[str]]:
    """Addresses of the organizer and the attendees who did not decline, and those who did."""
    present, declined = [], set()
    if event.get("ORGANIZER"):
        present.append(_address(event["ORGANIZER"]))
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    for a in attendees:
        address = _address(a)
        if str(a.params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined.add(address)
        elif address not in present:
            present.append(address)
    return [a for a in present if a and a not in declined], declined


def _unknown_zone(calendars) -> str:
    """The X-WR-TIMEZONE of a calendar that names no known time zone ('' when all do)."""
    for cal in calendars:
        zone = str(cal.get("X-WR-TIMEZONE", "")).strip()
        if zone:
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                return zone
    return ""


def read(ctx) -> None:
    """Plan every meeting occurrence up to today."""
    names = ctx.inputs.names()
    if ctx.inputs.is_folder():
        names = [n for n in names if n.lower().endswith(".ics")]
    if not names:
        ctx.bundle.problem(Origin(ctx.inputs.label), _("no .ics file found"))
    today = dt.date.today()
    employee_addresses = {
        a for a, ext in ctx.directory.by_email.items() if ext == ctx.employee and ctx.employee
    }
    counts = {"meetings": 0, "cancelled": 0, "declined": 0, "outside": 0}
    for name in names:
        text = decode(ctx, name, ctx.inputs.read(name))
        if text is None:
            continue
        try:
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
            if not calendars or not any(c.name == "VCALENDAR" for c in calendars):
                raise ValueError("no VCALENDAR")
            zone = _unknown_zone(calendars)
            if zone:
                line = text.count("\n", 0, max(text.find("X-WR-TIMEZONE"), 0)) + 1
                ctx.bundle.problem(
                    Origin(name, line),
                    _("X-WR-TIMEZONE '%(zone)s' is not a known time zone") % {"zone": zone},
                )
                continue
            occurrences = [
                event
                for cal in calendars
                for event in recurring_ical_events.of(cal).between(EPOCH, today + dt.timedelta(1))
                if event.name == "VEVENT"
            ]
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            ctx.bundle.problem(
                Origin(name),
                _("is not a valid iCalendar file (truncated or broken?): %(error)s")
                % {"error": exc},
            )
            continue
        for event in occurrences:
            uid = str(event.get("UID", ""))
            origin = Origin(name, _line(text, uid))
            start = event.get("DTSTART")
            if start is None:
                ctx.bundle.problem(
                    origin, _("event %(uid)s has no DTSTART") % {"uid": uid or _("(no UID)")}
                )
                continue
            day = start.dt.date() if isinstance(start.dt, dt.datetime) else start.dt
            if day > today:
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                counts["cancelled"] += 1
                continue
            addresses, declined = _people(event)
            if employee_addresses & declined:
                counts["declined"] += 1
                continue
            people = known_participants(ctx, addresses)
            if people is None:
                counts["outside"] += 1
                continue
            key = f"{uid}|{start.dt.isoformat()}" if uid else short_hash(f"{name}|{start.dt}")
            ext = ctx.directory.refs.get((SOURCE, key)) or f"ics:{short_hash(key)}"
            summary = str(event.get("SUMMARY", ""))
            if ctx.bundle.interaction(origin, ext, day.isoformat(), "meeting", people, summary):
                ctx.bundle.ref(key[:255], "interaction", ext)
                counts["meetings"] += 1
    ctx.note(
        _(
            "%(meetings)d meetings; skipped: %(cancelled)d cancelled, %(declined)d declined, "
            "%(outside)d without one of ours and a known outsider"
        )
        % counts
    )
