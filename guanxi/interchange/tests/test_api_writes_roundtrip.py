"""After any sequence of writes the API allows, `guanxi export` then `guanxi import` into a
fresh workspace succeeds and exports the very same files (hypothesis: random writes on a
small workspace that is built once for the module; each example is rolled back)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from guanxi.access.services import add_user
from guanxi.access.tokens import create_token
from guanxi.core.models import Snapshot
from guanxi.deals.models import Deal, DealRole
from guanxi.interchange.export import export_to
from guanxi.interchange.services import import_path
from guanxi.people.models import Handover, Interaction, Organisation, Participation, Person, Tie

BASE = {
    "organizations.csv": "id,name,kind,tier,industry,parent_id\n"
    "us,Us Ltd,own,,,\nc1,Customer One,customer,key,Energy,\n"
    "c2,客户二,customer,,,c1\nr1,Rival,competitor,,,\n",
    "people.csv": "id,organization_id,name,title,reports_to_id,is_sales\n"
    "e1,us,Ann,Sales,,true\ne2,us,Bo,HR,,false\n"
    "c1-a,c1,Chen,CEO,,\nc1-b,c1,Dai,CFO,c1-a,\nc2-a,c2,Fang,CIO,,\nr1-a,r1,Gu,Rep,,\n",
    "ties.csv": "source_id,target_id,kind,strength\ne1,c1-a,relationship,60\n"
    "c1-b,c1-a,influence,70\nr1-a,c2-a,relationship,80\n",
    "deals.csv": "id,organization_id,name,status,amount,currency,competitor_ids\n"
    "d1,c1,Grid upgrade,open,1000,CNY,r1\n",
}
PEOPLE = ["e1", "e2", "c1-a", "c1-b", "c2-a", "r1-a"]
CUSTOMER_PEOPLE = {"c1": ["c1-a", "c1-b"], "c2": ["c2-a"]}
# free text: letters of any script, punctuation that CSV quotes, line breaks, formulas
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(["\n", "\r", "\t", ";", ",", '"', "=", "+", "-", "@"]),
    ),
    max_size=12,
)
NEW_ID = st.from_regex(r"[a-z][a-z0-9._-]{0,8}", fullmatch=True).map(lambda s: f"n-{s}")
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda d: "1900" <= d <= "2999")


def writes() -> st.SearchStrategy[tuple[str, str, dict[str, Any]]]:
    """One write the API allows an admin: (method, url, body)."""
    person = st.builds(
        lambda pid, org, name, title, notes: (
            "post",
            "/api/people",
            {"id": pid, "organization_id": org, "name": name, "title": title, "notes": notes},
        ),
        NEW_ID,
        st.sampled_from(["us", "c1", "c2", "r1"]),
        TEXT.filter(lambda t: t.strip() != ""),
        TEXT,
        TEXT,
    )
    patch = st.builds(
        lambda pid, field, value: ("patch", f"/api/people/{pid}", {field: value}),
        st.sampled_from(PEOPLE),
        st.sampled_from(["title", "department", "personality", "email", "phone", "notes"]),
        TEXT,
    )
    tie = st.builds(
        lambda a, b, kind, strength, notes: (
            "post",
            "/api/ties",
            {"source_id": a, "target_id": b, "kind": kind, "strength": strength, "notes": notes},
        ),
        st.sampled_from(PEOPLE),
        st.sampled_from(PEOPLE),
        st.sampled_from(["relationship", "influence"]),
        st.integers(0, 100),
        TEXT,
    )
    interaction = st.builds(
        lambda iid, date, kind, people, notes: (
            "post",
            "/api/interactions",
            {"id": iid, "date": date, "kind": kind, "participant_ids": people, "notes": notes},
        ),
        NEW_ID,
        DATES,
        st.sampled_from(["meal", "meeting", "visit", "event", "call", "email", "message"]),
        st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=4, unique=True),
        TEXT,
    )
    deal = st.builds(
        lambda did, org, name, status, amount: (
            "post",
            "/api/deals",
            {
                "id": did,
                "organization_id": org,
                "name": name,
                "status": status,
                "amount": amount,
                "competitor_ids": ["r1"],
            },
        ),
        NEW_ID,
        st.sampled_from(["c1", "c2"]),
        TEXT.filter(lambda t: t.strip() != ""),
        st.sampled_from(["open", "won", "lost"]),
        st.one_of(st.none(), st.integers(0, 10**7)),
    )
    role = st.builds(
        lambda person, role, attitude, notes: (
            "post",
            "/api/deal_roles",
            {
                "deal_id": "d1",
                "person_id": person,
                "role": role,
                "attitude": attitude,
                "notes": notes,
            },
        ),
        st.sampled_from(CUSTOMER_PEOPLE["c1"]),
        st.sampled_from(["approver", "decision_maker", "evaluator", "user"]),
        st.integers(-2, 2),
        TEXT,
    )
    won = st.just(("patch", "/api/deals/d1", {"status": "won"}))
    untie = st.just(("delete", "/api/ties/c1-b/c1-a/influence", {}))
    org = st.builds(
        lambda name: ("patch", "/api/organisations/c2", {"name": name}),
        TEXT.filter(lambda t: t.strip() != ""),
    )
    facts = st.builds(
        lambda pid, body: ("patch", f"/api/people/{pid}", body),
        st.sampled_from(PEOPLE),
        st.one_of(
            st.builds(lambda v: {"status": v}, st.sampled_from(["active", "left"])),
            st.builds(lambda v: {"power": v}, st.one_of(st.none(), st.integers(0, 100))),
            st.builds(lambda v: {"key": v}, st.booleans()),
            st.builds(lambda v: {"reports_to_id": v}, st.sampled_from(PEOPLE)),
        ),
    )
    strength = st.builds(
        lambda v, since: (
            "patch",
            "/api/ties/e1/c1-a/relationship",
            {"strength": v, "since": since},
        ),
        st.one_of(st.integers(0, 100), st.sampled_from(["strong", "medium", "weak"])),
        st.one_of(st.none(), DATES),
    )
    deal_facts = st.builds(
        lambda body: ("patch", "/api/deals/d1", body),
        st.fixed_dictionaries(
            {},
            optional={
                "stage": TEXT,
                "amount": st.one_of(st.none(), st.decimals(0, 10**9, places=2).map(str)),
                "currency": st.sampled_from(["", "CNY", "USD", "EUR"]),
                "close_date": st.one_of(st.none(), DATES),
                "competitor_ids": st.lists(st.sampled_from(["r1"]), max_size=1),
            },
        ),
    )
    org_facts = st.builds(
        lambda body: ("patch", "/api/organisations/c1", body),
        st.fixed_dictionaries(
            {},
            optional={
                "tier": st.sampled_from([None, "strategic", "key", "standard"]),
                "industry": TEXT,
            },
        ),
    )
    return st.one_of(
        person,
        patch,
        facts,
        tie,
        strength,
        interaction,
        deal,
        deal_facts,
        role,
        won,
        untie,
        org,
        org_facts,
    )


@pytest.fixture(scope="module")
def workspace(django_db_setup, django_db_blocker):
    """The small workspace and an admin's API token, built once for the module."""
    folder = Path(tempfile.mkdtemp())
    for name, text in BASE.items():
        (folder / name).write_text(text, encoding="utf-8")
    with django_db_blocker.unblock():
        report = import_path(folder, actor="test")
        assert report.ok, report.problem_lines()
        user = add_user(username="admin", role="admin", password="pw-for-tests-only", actor="test")
        _token, plain = create_token(user=user, actor="test", label="tests")
    shutil.rmtree(folder)
    yield plain
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def wipe_workspace() -> None:
    """Delete every record the interchange carries, as in a fresh database."""
    for model in (DealRole, Deal, Participation, Interaction, Handover, Tie):
        model.objects.all().delete()
    Person.objects.update(user=None)
    Person.objects.all().delete()
    Organisation.objects.update(parent=None)
    Organisation.objects.all().delete()
    Snapshot.objects.all().delete()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(writes(), min_size=1, max_size=6))
def test_any_allowed_writes_export_and_import_into_a_fresh_workspace_unchanged(workspace, db, ops):
    note(f"writes: {ops!r}")
    client = Client(headers={"Authorization": f"Bearer {workspace}"})
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        # given the small workspace after some writes the API accepted
        for method, url, body in ops:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
            response = getattr(client, method)(url, **kwargs)
            assert response.status_code < 500, (url, body, response.content[:300])
        # when it is exported, imported into an empty workspace and exported again
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        export_to(first, actor="test")
        wipe_workspace()
        report = import_path(first, actor="test")
        # then the import succeeds and the second export has the very same bytes
        assert report.ok, "\n".join(report.problem_lines())
        export_to(second, actor="test")
        assert folder_bytes(second) == folder_bytes(first)
        transaction.set_rollback(True)
