"""The columnar copy of the engine's rows gives exactly what a full read gives, and the next
reader after a write sees the write, from an older copy brought up to date by the change log."""

from __future__ import annotations

import numpy as np
import pytest

from guanxi.analytics import company_view
from guanxi.analytics.data import PeopleColumns
from guanxi.core.audit import current_data_version
from guanxi.core.models import AnalysisCache
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Person
from guanxi.scoring.engine import build_from_database, current_workspace, forget_warm_workspace
from guanxi.scoring.loader import load_rows
from guanxi.scoring.rowformat import decode, encode

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


def test_encoded_rows_decode_to_the_same_rows(demo):
    rows = load_rows()
    back = decode(encode(rows))
    assert back.orgs == rows.orgs
    people = PeopleColumns.from_rows(rows.people)
    assert back.people.ids == people.ids and back.people.names == people.names
    for column in ("key", "org", "left", "is_key", "is_sales"):
        assert np.array_equal(getattr(back.people, column), getattr(people, column))
    assert np.array_equal(back.people.power, people.power, equal_nan=True)
    assert back.interactions == rows.interactions
    assert back.participants == rows.participants
    assert back.deals == rows.deals
    assert back.roles == rows.roles
    for column in ("source", "target", "kind"):
        assert np.array_equal(getattr(back.ties, column), getattr(rows.ties, column))
    assert np.array_equal(back.ties.strength, rows.ties.strength, equal_nan=True)


def test_the_company_view_is_the_same_from_the_copy_and_from_a_full_read(demo):
    version = current_data_version()
    from_copy = company_view(build_from_database(version=version))  # writes the copy
    assert AnalysisCache.objects.filter(data_version=version).exists()
    again = company_view(build_from_database(version=version))  # reads it
    full = company_view(build_from_database())
    assert from_copy == again == full


def test_a_new_process_after_a_write_sees_the_write(demo):
    before = current_workspace()
    ours = Person.objects.filter(organisation__kind="own", status="active").first()
    ceo = Person.objects.get(ext_id="stl-cfo")
    services.record_tie(source=ours, target=ceo, kind="relationship", strength=90, actor=None)
    forget_warm_workspace()  # a new process

    after = current_workspace()

    def stl(ws):
        return next(a["score"] for a in company_view(ws)["accounts"] if a["id"] == "stl")

    assert stl(after) > stl(before)


def test_a_reader_starts_from_an_older_copy_and_the_change_log_without_a_full_read(
    demo, monkeypatch
):
    # given the copy of one version, then two writes a busy server has not copied yet
    older = current_data_version()
    build_from_database(version=older)
    blob = AnalysisCache.objects.get(data_version=older).payload
    ours = Person.objects.filter(organisation__kind="own", status="active").first()
    ceo = Person.objects.get(ext_id="stl-cfo")
    services.record_tie(source=ours, target=ceo, kind="relationship", strength=90, actor=None)
    ceo.power = 0.95
    services.save_person(ceo, actor=None)
    AnalysisCache.objects.all().delete()
    AnalysisCache.objects.create(data_version=older, payload=blob)
    version = current_data_version()
    expected = company_view(build_from_database())  # every row, read the Django way

    # when a new process reads the current version, with every-row reads refused
    def no_full_read(**_kwargs):
        raise AssertionError("read every row")

    monkeypatch.setattr("guanxi.scoring.engine.load_rows", no_full_read)
    caught_up = build_from_database(version=version)

    # then it answers as a full read does, the write included, from the older copy
    assert company_view(caught_up) == expected
    assert AnalysisCache.objects.get().data_version == older
