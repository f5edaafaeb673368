"""iCalendar: meetings among matched people, recurrences expanded, cancellations skipped."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, copy_of, fingerprint, ours, problems, records
from guanxi.people.models import Interaction, Organisation, Person

pytestmark = pytest.mark.django_db
CALENDAR = DATA / "ics" / "calendar.ics"


@pytest.fixture
def workspace():
    """Li Na and Tom Baker of ours; Harbin Power Group's people and Northwind's Anke."""
    ours(("li", "Li Na", "li.na@ourco.example"), ("tom", "Tom Baker", "tom.baker@ourco.example"))
    hpg = Organisation.objects.create(ext_id="hpg", name="Harbin Power Group", kind="customer")
    for ext, name, email in [
        ("zw", "Zhang Wei", "zhang.wei@harbinpower.example"),
        ("wf", "Wang Fang", "wang.fang@harbinpower.example"),
        ("ly", "Liu Yang", "liu.yang@harbinpower.example"),
        ("cj", "Chen Jie", "chen.jie@harbinpower.example"),
    ]:
        Person.objects.create(ext_id=ext, organisation=hpg, name=name, email=email)
    nw = Organisation.objects.create(ext_id="nw", name="Northwind", kind="customer")
    Person.objects.create(
        ext_id="anke", organisation=nw, name="Anke", email="anke.devries@northwind.example"
    )


def run(path=CALENDAR, employee="li", **kw):
    return import_source(path, format="ics", employee=employee, actor="test", **kw)


def meetings():
    return sorted(
        (i.date.isoformat(), i.kind, tuple(sorted(p.ext_id for p in i.participants.all())))
        for i in Interaction.objects.all()
    )


def test_meetings_are_expanded_and_cancelled_or_declined_ones_skipped(workspace):
    # when Li Na's calendar is imported
    report = run()
    # then the weekly sync counts on 2 and 16 September (9th excluded, 23rd cancelled), the
    # dinner at 07:30 Shanghai time on 2 October counts without the attendee who declined,
    # and the cancelled visit, the meeting Li Na declined, the internal and the future
    # meetings do not count
    assert report.ok, problems(report)
    assert meetings() == [
        ("2024-09-02", "meeting", ("li", "ly")),
        ("2024-09-16", "meeting", ("li", "ly")),
        ("2024-10-01", "meeting", ("li", "zw")),
    ]


def test_reimport_changes_nothing(workspace):
    # given an imported calendar
    run()
    before = records()
    # when imported again
    report = run()
    # then nothing changes
    assert report.counts["interactions.csv"].unchanged == 3
    assert records() == before


def test_recurrence_is_expanded_up_to_today_only(workspace, tmp_path):
    # given a daily meeting that started three days ago and never ends
    start = dt.date.today() - dt.timedelta(days=3)
    path = tmp_path / "daily.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:daily-1\r\nDTSTART;VALUE=DATE:{start:%Y%m%d}\r\nRRULE:FREQ=DAILY\r\n"
        "ORGANIZER:mailto:tom.baker@ourco.example\r\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:anke.devries@northwind.example\r\n"
        "SUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    # when imported
    run(path)
    # then there is one meeting per day up to today, none later
    assert [m[0] for m in meetings()] == [
        (start + dt.timedelta(days=i)).isoformat() for i in range(4)
    ]


ICS_BAD = {
    "wrong format": (lambda b: b"First Name,Last Name\nA,B\n", "calendar.ics: is not a valid"),
    "broken encoding": (
        lambda b: b.replace(b"Weekly project sync\r", b"Weekly \xe4 sync\r"),
        "calendar.ics:25: is not UTF-8 text",
    ),
    "truncated file": (lambda b: b[: b.index(b"SUMMARY:Dinner")], "calendar.ics: is not a valid"),
}


@pytest.mark.parametrize("case", sorted(ICS_BAD))
def test_bad_calendar_is_reported_and_nothing_written(workspace, tmp_path, case):
    # given a damaged calendar
    edit, expected = ICS_BAD[case]
    path = copy_of("ics/calendar.ics", tmp_path)
    path.write_bytes(edit(path.read_bytes()))
    before = fingerprint()
    # when imported
    report = run(path)
    # then the problem names the file (and line), and nothing is written
    assert any(line.startswith(expected) for line in problems(report)), problems(report)
    assert fingerprint() == before


def test_floating_times_are_in_the_calendars_x_wr_timezone(workspace):
    # given a Google Calendar export in Shanghai (X-WR-TIMEZONE) whose events have no TZID:
    # breakfast at 07:30 on 2 October (floating), a call at 23:30 UTC on 6 October, and a
    # weekly review at 00:30 from 14 October, three times, the 21st taken out
    report = run(DATA / "ics" / "floating.ics")
    # then each meeting is on its day in Shanghai, the UTC call on the 7th, and a re-import
    # changes nothing
    assert report.ok, problems(report)
    assert meetings() == [
        ("2024-10-02", "meeting", ("li", "zw")),
        ("2024-10-07", "meeting", ("li", "wf")),
        ("2024-10-14", "meeting", ("li", "ly")),
        ("2024-10-28", "meeting", ("li", "ly")),
    ]
    assert run(DATA / "ics" / "floating.ics").counts["interactions.csv"].unchanged == 4


def test_an_unknown_x_wr_timezone_is_reported_with_its_line(workspace, tmp_path):
    path = copy_of("ics/floating.ics", tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Asia/Shanghai", b"Mars/Olympus"))
    before = fingerprint()
    report = run(path)
    assert problems(report) == [
        "floating.ics:7: X-WR-TIMEZONE 'Mars/Olympus' is not a known time zone"
    ]
    assert fingerprint() == before
