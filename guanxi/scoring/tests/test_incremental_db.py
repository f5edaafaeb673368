"""After any sequence of writes, the warm model a server worker brings up to date in place
equals a model built afresh from every row, on the database the suite runs on (SQLite and
PostgreSQL in CI): hypothesis draws writes through the services on the demo workspace (built
once for the module; each example is rolled back)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from guanxi.analytics import account_view, company_view, deal_view
from guanxi.deals import services as deal_services
from guanxi.deals.models import Deal, DealRole
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Interaction, Person, Tie
from guanxi.scoring import engine
from tests.analytics.test_incremental import assert_same_model

INDEX = st.integers(0, 10_000)
WRITES = st.one_of(
    st.tuples(
        st.just("tie"),
        INDEX,
        INDEX,
        st.sampled_from(["relationship", "relationship", "influence", "reports_to"]),
        st.sampled_from([None, 0, 20, 55, 80, 100]),
    ),
    st.tuples(st.just("drop tie"), INDEX),
    st.tuples(
        st.just("interaction"),
        st.lists(INDEX, min_size=2, max_size=4),
        st.integers(-3, 500),
        st.sampled_from(["meal", "meeting", "call", "email"]),
    ),
    st.tuples(st.just("move interaction"), INDEX, st.integers(0, 500)),
    st.tuples(st.just("drop interaction"), INDEX),
    st.tuples(
        st.just("person"),
        INDEX,
        st.sampled_from(["active", "left"]),
        st.sampled_from([None, 0, 35, 100]),
        st.booleans(),
        st.sampled_from(["", " (acting)"]),
    ),
    st.tuples(st.just("role"), INDEX, st.integers(-2, 2)),
    st.tuples(st.just("deal"), INDEX, st.sampled_from(["open", "won", "lost"])),
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo workspace, loaded once for the module."""
    with django_db_blocker.unblock():
        load_demo(actor="test")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _pick(queryset, index: int):
    rows = list(queryset.order_by("pk")[:400])
    return rows[index % len(rows)] if rows else None


def _write(write: tuple) -> None:
    """One write through the services, as the pages and the API make it."""
    kind, *args = write
    people = Person.objects.filter(status="active")
    today = dt.date.today()
    if kind == "tie":
        a, b, tie_kind, strength = args
        source, target = _pick(people, a), _pick(people, b)
        if tie_kind == "reports_to":
            target = _pick(people.filter(organisation=source.organisation), b)
            strength = None
        services.record_tie(
            source=source, target=target, kind=tie_kind, strength=strength, actor="test"
        )
    elif kind == "drop tie":
        services.delete_record(_pick(Tie.objects.all(), args[0]), actor="test")
    elif kind == "interaction":
        who, days, what = args
        record = Interaction(ext_id=f"t-{who}-{days}", date=today - dt.timedelta(days), kind=what)
        chosen = [_pick(people, i) for i in who]
        services.save_interaction(record, participants=chosen, actor="test")
    elif kind == "move interaction":
        record = _pick(Interaction.objects.all(), args[0])
        record.date = today - dt.timedelta(days=args[1])
        services.save_interaction(record, participants=list(record.participants.all()), actor="t")
    elif kind == "drop interaction":
        services.delete_record(_pick(Interaction.objects.all(), args[0]), actor="test")
    elif kind == "person":
        index, status, power, key, suffix = args
        person = _pick(Person.objects.all(), index)
        person.status, person.power, person.key = status, power, key
        person.name = person.name.removesuffix(" (acting)") + suffix
        services.save_person(person, actor="test")
    elif kind == "role":
        role = _pick(DealRole.objects.all(), args[0])
        role.attitude = args[1]
        deal_services.save_deal_role(role, actor="test")
    elif kind == "deal":
        deal = _pick(Deal.objects.all(), args[0])
        deal.status = args[1]
        deal_services.save_deal(deal, actor="test")


def assert_same_answers(warm, fresh) -> None:
    assert company_view(warm) == company_view(fresh)
    for o, kind in zip(fresh.org_ids, fresh.org_kind.tolist(), strict=True):
        if kind == 0:
            assert account_view(warm, o) == account_view(fresh, o), o
    for d in fresh.deals.ids:
        assert deal_view(warm, d) == deal_view(fresh, d), d


@pytest.mark.slow
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(WRITES, min_size=1, max_size=6))
def test_after_any_writes_the_model_updated_in_place_equals_a_fresh_build(demo, db, writes):
    with transaction.atomic():
        # given a server worker's warm model of the demo
        engine.forget_warm_workspace()
        engine.current_workspace()
        fresh_builds = engine.fresh_builds()
        for write in writes:
            # when a write is made (one the rules refuse changes nothing)
            note(f"write {write!r}")
            try:
                with transaction.atomic():
                    _write(write)
            except ValidationError:
                pass
            # then the model brought up to date equals a build from every row
            warm = engine.current_workspace()
            fresh = engine.build_from_database()
            assert_same_model(warm, fresh)
            assert_same_answers(warm, fresh)
        # and no write needed a fresh build: each was applied in place
        assert engine.fresh_builds() == fresh_builds
        transaction.set_rollback(True)


def test_a_new_person_is_in_the_next_model_through_a_fresh_build(demo, db):
    # given a warm model
    before = engine.current_workspace()
    builds = engine.fresh_builds()
    # when a person is added to a customer
    org = Person.objects.get(ext_id="dfb-ceo").organisation
    services.save_person(Person(ext_id="dfb-new", organisation=org, name="New"), actor="test")
    # then the next model knows them, built afresh (a new person renumbers everyone)
    after = engine.current_workspace()
    assert "dfb-new" in after.person_index and "dfb-new" not in before.person_index
    assert engine.fresh_builds() == builds + 1


def test_a_request_that_read_an_older_version_takes_the_newer_warm_model(demo, db, monkeypatch):
    # given a model brought up to date after a write (by the worker's refresh thread)
    engine.current_workspace()
    ours = Person.objects.filter(organisation__kind="own", status="active").first()
    cfo = Person.objects.get(ext_id="dfb-cfo")
    services.record_tie(source=ours, target=cfo, kind="relationship", strength=90, actor=None)
    newer = engine.current_workspace()
    builds = engine.fresh_builds()
    # when a request thread that read the version just before that write asks for the model
    version, scoring = engine._version_and_settings()
    monkeypatch.setattr(engine, "_version_and_settings", lambda: (version - 1, scoring))
    answer = engine.current_workspace()
    # then it gets the newer model at once: no build from every row
    assert answer is newer
    assert engine.fresh_builds() == builds
