"""A server worker follows the data version: a write made by another worker (or machine)
reaches its warm model before its next request does."""

from __future__ import annotations

import time

import pytest

from guanxi.core.audit import current_data_version
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Person
from guanxi.scoring import engine, refresh


@pytest.mark.django_db(transaction=True)
def test_a_server_worker_follows_a_write_made_elsewhere_before_its_next_request(monkeypatch):
    # given a worker's warm model, following the data version
    load_demo(actor="test")
    engine.current_workspace()
    before = engine.warm_version()
    monkeypatch.setattr(refresh, "FOLLOW_EVERY", 0.02)
    refresh.follow_writes()
    try:
        # when another worker (here: this process outside a request) records a relationship
        ours = Person.objects.filter(organisation__kind="own", status="active").first()
        cfo = Person.objects.get(ext_id="dfb-cfo")
        services.record_tie(source=ours, target=cfo, kind="relationship", strength=90, actor=None)
        # then, with no request at all, this worker's model reaches the new version
        deadline = time.monotonic() + 10
        while engine.warm_version() != current_data_version() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert engine.warm_version() == current_data_version() > before
    finally:
        refresh._following.clear()
        time.sleep(0.2)  # its last look ends before the database is flushed
