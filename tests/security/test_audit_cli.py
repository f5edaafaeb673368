"""`guanxi audit`: a table or a JSON list, filtered; a clear error for a bad date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from guanxi.cli import main
from guanxi.core import audit
from guanxi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    audit.record(
        actor="ann",
        action="update",
        object_type="person",
        object_id="p1",
        summary="Ann renamed p1",
        changes={"name": ["Wang", "Wang Wei"]},
    )
    audit.record(actor="bob", action="view", object_type="person", object_id="p2")
    old = audit.record(actor="ann", action="view", object_type="person", object_id="p3")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=30))


def test_json_lists_every_field_newest_first(events, capsys):
    assert main(["audit", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["object_id"] for e in listed] == ["p2", "p1", "p3"]
    assert set(listed[1]) == {
        "at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "summary",
        "changes",
    }
    assert listed[1]["changes"] == {"name": ["Wang", "Wang Wei"]}


def test_filters_by_since_user_and_action(events, capsys):
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert main(["audit", "--since", since, "--user", "ann", "--json"]) == 0
    assert [e["object_id"] for e in json.loads(capsys.readouterr().out)] == ["p1"]
    assert main(["audit", "--action", "view", "--json"]) == 0
    assert [e["object_id"] for e in json.loads(capsys.readouterr().out)] == ["p2", "p3"]


def test_the_table_shows_changes_old_to_new(events, capsys):
    assert main(["audit", "--user", "ann", "--action", "update"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "summary",
        "changes",
    ]
    assert 'name: "Wang" → "Wang Wei"' in out[2]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "last week"], "--since: 'last week' is not a date; write it as YYYY-MM-DD"),
        (["--since", "2025-02-30"], "--since: '2025-02-30' is not a date"),
        (["--since", "2025-06-02", "--until", "2025-06-01"], "is before --since"),
        (["--action", "peek"], "--action: unknown action 'peek'"),
    ],
)
def test_bad_options_are_clear_errors(events, capsys, argv, message):
    assert main(["audit", *argv]) == 2
    assert message in capsys.readouterr().err


def test_no_matching_events_is_said_in_words(capsys):
    assert main(["audit", "--user", "nobody-at-all"]) == 0
    assert capsys.readouterr().out.strip() == "no audit events match"
