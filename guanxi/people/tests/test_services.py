"""The rules the services check for every writer, and the audit they leave."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from guanxi.core.audit import current_data_version
from guanxi.core.models import AuditEvent
from guanxi.people import services
from guanxi.people.models import Interaction, Organisation, Tie
from guanxi.people.tests.factories import org, person, tie

pytestmark = pytest.mark.django_db


def test_reporting_cycle_is_refused_and_named():
    c = org()
    ceo, vp, dir_ = person(c, "Ceo"), person(c, "Vp"), person(c, "Dir")
    services.record_tie(source=vp, target=ceo, kind="reports_to", actor=None)
    services.record_tie(source=dir_, target=vp, kind="reports_to", actor=None)

    with pytest.raises(ValidationError) as exc:
        services.record_tie(source=ceo, target=dir_, kind="reports_to", actor=None)

    assert "reporting cycle" in str(exc.value)
    assert "Ceo → Dir → Vp → Ceo" in str(exc.value)
    assert not Tie.objects.filter(source=ceo, kind="reports_to").exists()


def test_reports_to_across_organisations_is_refused():
    a, b = person(org()), person(org())
    with pytest.raises(ValidationError, match="same organisation"):
        services.record_tie(source=a, target=b, kind="reports_to", actor=None)


def test_recording_a_new_manager_replaces_the_old_one():
    c = org()
    a, m1, m2 = person(c), person(c), person(c)
    services.record_tie(source=a, target=m1, kind="reports_to", actor=None)
    services.record_tie(source=a, target=m2, kind="reports_to", actor=None)
    assert list(
        Tie.objects.filter(source=a, kind="reports_to").values_list("target", flat=True)
    ) == [m2.pk]


def test_relationship_recorded_either_way_is_one_tie():
    c = org()
    a, b = person(c), person(c)
    services.record_tie(source=b, target=a, kind="relationship", strength=30, actor=None)
    services.record_tie(source=a, target=b, kind="relationship", strength=70, actor=None)
    ties = Tie.objects.filter(kind="relationship")
    assert ties.count() == 1
    assert ties.get().strength == 70


def test_second_own_organisation_is_refused_with_a_readable_message():
    org(kind="own", name="Us")
    with pytest.raises(ValidationError) as exc:
        services.save_organisation(Organisation(ext_id="us2", name="Us 2", kind="own"), actor=None)
    assert "already an 'own' organisation" in str(exc.value)


def test_parent_loop_is_refused():
    a = org()
    b = org(parent=a)
    a.parent = b
    with pytest.raises(ValidationError, match="loop"):
        services.save_organisation(a, actor=None)


def test_moving_a_person_with_reporting_lines_is_refused():
    c1, c2 = org(), org()
    a, m = person(c1), person(c1)
    tie(a, m, "reports_to", None)
    a.organisation = c2
    with pytest.raises(ValidationError, match="reporting lines"):
        services.save_person(a, actor=None)


def test_every_change_is_audited_with_old_and_new_values_and_bumps_the_version():
    c = org()
    a, b = person(c), person(c)
    before = current_data_version()

    t = services.record_tie(source=a, target=b, kind="influence", strength=40, actor="alice")
    services.record_tie(source=a, target=b, kind="influence", strength=60, actor="alice")
    services.delete_record(t, actor="alice")

    events = list(AuditEvent.objects.order_by("id").values_list("action", "changes", "actor_name"))
    assert [e[0] for e in events] == ["create", "update", "delete"]
    assert events[1][1]["strength"] == [40, 60]
    assert events[2][1]["strength"] == [60, None]
    assert {e[2] for e in events} == {"alice"}
    assert current_data_version() == before + 3


def test_interaction_needs_two_participants_and_keeps_them():
    c, us = org(), org(kind="own")
    a, e = person(c), person(us)
    with pytest.raises(ValidationError, match="at least two"):
        services.save_interaction(
            Interaction(ext_id="i1", date="2026-01-05", kind="meal"), participants=[a], actor=None
        )
    i = services.save_interaction(
        Interaction(ext_id="i1", date="2026-01-05", kind="meal"), participants=[a, e], actor=None
    )
    assert set(i.participants.all()) == {a, e}


def test_a_person_who_left_keeps_their_ties():
    c, us = org(), org(kind="own")
    a, e = person(c), person(us)
    tie(a, e, "relationship", 80)
    services.mark_left(e, actor=None)
    e.refresh_from_db()
    assert e.status == "left"
    assert Tie.objects.filter(kind="relationship").count() == 1


def test_changing_only_the_participants_is_audited_and_moves_the_scores():
    c, us = org(), org(kind="own")
    a, b, e = person(c), person(c), person(us)
    i = services.save_interaction(
        Interaction(ext_id="i1", date="2026-01-05", kind="meal"), participants=[a, e], actor=None
    )
    version = current_data_version()

    services.save_interaction(i, participants=[b, e], actor="alice")

    event = AuditEvent.objects.filter(changes__has_key="participant_ids").order_by("id").last()
    assert event.changes["participant_ids"] == [[a.ext_id, e.ext_id], [b.ext_id, e.ext_id]]
    assert event.actor_name == "alice"
    assert current_data_version() > version
