"""`guanxi demo` in a database: loads, refuses to mix, resets, and the demo user gets in."""

from __future__ import annotations

import pytest
from django.test import Client

from guanxi.cli import main
from guanxi.deals.models import Deal, DealRole
from guanxi.demo.load import count_workspace
from guanxi.demo.tests.conftest import TODAY
from guanxi.people.models import Interaction, Organisation, Person, Tie

pytestmark = pytest.mark.django_db

ADMIN_PAGES = (
    "/admin/people/organisation/",
    "/admin/people/person/",
    "/admin/people/tie/",
    "/admin/people/interaction/",
    "/admin/deals/deal/",
    "/admin/deals/dealrole/",
    "/admin/access/profile/",
    "/admin/core/snapshot/",
    "/admin/core/auditevent/",
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hash the demo users' passwords cheaply: the default hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _demo(*extra: str) -> int:
    return main(["demo", "--today", TODAY.isoformat(), *extra])


def test_demo_loads_the_workspace_and_prints_a_summary(capsys):
    # given an empty database
    # when the demo is loaded
    status = _demo()
    # then it succeeds and the workspace holds the demo
    out = capsys.readouterr().out
    assert status == 0
    assert Organisation.objects.filter(kind="customer").count() >= 6
    assert Organisation.objects.filter(kind="competitor").count() == 2
    assert Person.objects.filter(organisation__ext_id="dfb").count() >= 200
    # (Zhou Peng has left us; Renhe's VP of operations left the hospital in the demo's week)
    left = set(Person.objects.filter(status="left").values_list("ext_id", flat=True))
    assert left == {"ht-zp", "rhg-vp-sales"}
    assert Tie.objects.filter(kind="relationship").count() >= 100
    assert Interaction.objects.count() >= 300
    assert set(Deal.objects.values_list("status", flat=True)) == {"open", "won", "lost"}
    assert DealRole.objects.count() >= 40
    # and the summary says what was loaded
    assert "customers" in out and "deals:" in out and "demo / demo" in out


def test_demo_refuses_to_load_into_a_workspace_with_data(capsys):
    # given the demo already loaded
    assert _demo() == 0
    before = count_workspace()
    capsys.readouterr()
    # when it is loaded again without --reset
    status = _demo()
    # then it refuses with exit status 1 and a clear message, changing nothing
    err = capsys.readouterr().err
    assert status == 1
    assert "not empty" in err and "--reset" in err
    assert count_workspace() == before


def test_reset_replaces_the_workspace_with_the_same_demo(capsys):
    # given the demo loaded, plus an organisation someone added
    assert _demo() == 0
    before = count_workspace()
    people = sorted(Person.objects.values_list("ext_id", "name"))
    Organisation.objects.create(ext_id="extra", name="Extra Co", kind="customer")
    # when the demo is loaded with --reset
    status = _demo("--reset")
    # then nothing of the old data is left and the counts and people are the same again
    assert status == 0
    assert not Organisation.objects.filter(ext_id="extra").exists()
    assert count_workspace() == before
    assert sorted(Person.objects.values_list("ext_id", "name")) == people


def test_the_demo_user_logs_in_and_sees_every_admin_list():
    # given the demo loaded
    assert _demo() == 0
    client = Client()
    # when demo / demo logs in
    assert client.login(username="demo", password="demo")
    # then every admin changelist answers
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


def test_demo_users_show_the_roles():
    # given the demo loaded
    assert _demo() == 0
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.select_related("profile")}
    # then the sales rep has an account team and a person, the contributor is non-sales staff
    lina = users["lina"]
    assert lina.profile.role == "sales"
    assert sorted(lina.profile.accounts.values_list("ext_id", flat=True)) == ["dfb", "jng"]
    assert lina.person.ext_id == "ht-kam1"
    assert users["chenjing"].profile.role == "contributor"
    assert users["chenjing"].person.is_sales is False
    assert users["demo"].is_superuser


def test_a_failed_reset_keeps_the_old_workspace(monkeypatch):
    # given the demo loaded
    assert _demo() == 0
    before = count_workspace()
    # and demo files that the importer refuses (a deal on an unknown customer)
    from guanxi.demo import load

    broken = load.build_demo(TODAY)
    broken["deals.csv"] += "bad-deal,nowhere,Broken deal,,open,,,,\n"
    monkeypatch.setattr(load, "build_demo", lambda today: broken)
    # when the demo is reset
    with pytest.raises(load.DemoError, match="did not import"):
        load.load_demo(today=TODAY, reset=True, actor="test")
    # then nothing was wiped: the reset and the import are all or nothing
    assert count_workspace() == before


def test_write_only_writes_the_files(tmp_path, capsys):
    # when the demo is written to a folder
    status = _demo("--write", str(tmp_path / "demo"))
    # then the six interchange files are there and the database is untouched
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [
        "deal_roles.csv", "deals.csv", "interactions.csv", "organizations.csv", "people.csv",
        "ties.csv",
    ]  # fmt: skip
    assert not Organisation.objects.exists()
