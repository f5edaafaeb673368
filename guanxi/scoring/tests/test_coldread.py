"""The read commands' short way in (no Django): the same answers as the Django path, and it
steps aside whenever the stored copy or the schema is not what it expects."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from guanxi.core.audit import current_data_version
from guanxi.core.models import AnalysisCache
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Person
from guanxi.scoring import coldread, reports
from guanxi.scoring.coldread import ColdReader, cold_workspace
from guanxi.scoring.engine import build_from_database


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


@pytest.fixture
def reader(demo):
    """A short-way reader over the test database's own connection (it sees the test's data)."""
    connection.ensure_connection()
    return ColdReader.over(connection.connection)


def test_the_short_way_gives_the_django_paths_company_report(reader):
    # given the copy of the current version stored by a Django-path read
    version = current_data_version()
    build_from_database(version=version)
    # when the short way builds its workspace from the copy and reads the trend itself
    workspace = reader.workspace(settings)
    short = reports.company_report(workspace=workspace, trend=reader.trend)
    # then the report is the Django path's, trend included (a year of monthly snapshots)
    assert short == reports.company_report()
    assert len(short["trend"]) >= 12


def test_a_write_sends_the_next_read_the_django_way(reader):
    # given a stored copy, then a new relationship (the data version moves on)
    build_from_database(version=current_data_version())
    ours = Person.objects.filter(organisation__kind="own", status="active").first()
    ceo = Person.objects.get(ext_id="stl-cfo")
    services.record_tie(source=ours, target=ceo, kind="relationship", strength=90, actor=None)
    # then the short way has no copy of the new version, so it does not answer
    assert reader.workspace(settings) is None


def test_a_copy_it_cannot_read_sends_the_read_the_django_way(reader):
    # given a copy of the current version that is not a copy this code wrote
    AnalysisCache.objects.create(data_version=current_data_version(), payload=b"not a copy")
    # then the short way does not answer
    assert reader.workspace(settings) is None


def test_an_unapplied_migration_sends_the_read_the_django_way(reader):
    # given a migrated database
    assert reader.schema_is_current()
    # when one of Guanxi's migrations is not recorded as applied
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'core' AND name = '0002_analysis_cache'"
        )
    # then the short way steps aside (the Django path migrates first)
    assert not reader.schema_is_current()


def test_a_process_with_django_set_up_never_takes_the_short_way(demo, monkeypatch):
    # given the copy stored, in a process where Django is set up (whose database may not be
    # the one the environment names)
    build_from_database(version=current_data_version())

    def no_connection(conf):
        raise AssertionError("the short way opened a database of its own")

    monkeypatch.setattr(coldread, "open_reader", no_connection)
    # then the short way declines before opening any database: it only serves fresh processes
    assert cold_workspace() is None


def _guanxi(database: Path, *args: str, importtime: bool = False) -> tuple[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    flags = ["-X", "importtime"] if importtime else []
    done = subprocess.run(
        [sys.executable, *flags, "-m", "guanxi.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=database.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """The demo in a database file, made once per module by `guanxi demo` (no copy stored)."""
    database = tmp_path_factory.mktemp("demo") / "guanxi.sqlite3"
    _guanxi(database, "demo")
    return database


@pytest.fixture
def demo_database(demo_file, tmp_path) -> Path:
    """A test's own copy of the demo database file, taken with SQLite's backup API."""
    database = tmp_path / "guanxi.sqlite3"
    with sqlite3.connect(demo_file) as source, sqlite3.connect(database) as target:
        source.backup(target)
    return database


def _imports_django(importtime: str) -> bool:
    return any(line.split("|")[-1].strip().startswith("django") for line in importtime.splitlines())


@pytest.mark.parametrize(
    "argv",
    [
        ["company", "--json"],
        ["company", "--side", "hr", "--json"],
        ["account", "dfb", "--json"],
        ["person", "dfb-ceo", "--json"],
        ["paths", "dfb-ceo", "-k", "5", "--json"],
        ["deal", "dfb-d1", "--json"],
        ["account", "dfb"],
        ["company"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_a_cold_command_answers_without_django_and_as_the_django_path_does(demo_database, argv):
    # given the demo in a database file of its own
    database = demo_database
    # when the command runs with no stored copy (the Django path, which stores one), then again
    with sqlite3.connect(database) as raw:
        raw.execute("DELETE FROM core_analysiscache")  # the writer (the demo) stored one
    django_way, trace = _guanxi(database, *argv, importtime=True)
    assert _imports_django(trace)
    short_way, trace = _guanxi(database, *argv, importtime=True)
    # then the second run never imports Django and prints exactly the same
    assert not _imports_django(trace)
    assert short_way == django_way
    assert len(short_way) > 200  # a whole report, not an error line


def test_a_cold_read_after_a_write_shows_the_write(demo_database, tmp_path):
    # given the demo read once (the copy is stored)
    database = demo_database
    before = json.loads(_guanxi(database, "account", "dfb", "--json")[0])
    # when an import adds a strong relationship of ours to the customer's CFO
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,kind,tier,industry,parent_id\n")
    (folder / "people.csv").write_text(
        "id,organization_id,name,title,department,reports_to_id,power,key,is_sales,"
        "personality,status,email,phone,notes\n"
    )
    (folder / "ties.csv").write_text(
        "source_id,target_id,kind,strength,since,notes\nht-kam1,dfb-cfo,relationship,95,,\n"
    )
    _guanxi(database, "import", str(folder))
    # then the next cold read shows it: the CFO is closer to us and so is the account
    after = json.loads(_guanxi(database, "account", "dfb", "--json")[0])
    cfo = {p["id"]: p["closeness"] for p in before["people"]}["dfb-cfo"]
    assert {p["id"]: p["closeness"] for p in after["people"]}["dfb-cfo"] > cfo
    assert after["score"] > before["score"]


def test_a_copy_it_cannot_read_is_replaced_by_the_next_django_path_read(reader):
    # given a copy of the current version in a format this code does not read (an older one)
    version = current_data_version()
    AnalysisCache.objects.create(data_version=version, payload=b"an older format")
    # when a Django-path read comes (it reads every row, then keeps a copy)
    build_from_database(version=version)
    # then the copy is one the short way reads
    assert reader.workspace(settings) is not None


def test_a_settings_module_that_does_not_load_is_one_plain_error(tmp_path):
    # given an environment naming a settings module that does not exist
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'guanxi.sqlite3'}"
    # when a read command runs
    done = subprocess.run(
        [sys.executable, "-m", "guanxi.cli", "company", "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    # then it says so in one line (exit 2), without a traceback
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "guanxi: error: cannot start with settings 'no_such_settings': "
        "No module named 'no_such_settings'"
    ]


def test_after_a_write_the_first_cold_command_already_finds_the_copy_current(tmp_path):
    # given the demo just loaded (a write) and nothing read since
    database = tmp_path / "guanxi.sqlite3"
    _guanxi(database, "demo")
    with sqlite3.connect(database) as raw:
        version = raw.execute("SELECT data_version FROM core_workspace").fetchone()[0]
        copies = raw.execute("SELECT data_version FROM core_analysiscache").fetchall()
    # then the writer left the copy of its version, and the first read takes the short way
    assert copies == [(version,)]
    _, trace = _guanxi(database, "company", "--json", importtime=True)
    assert not _imports_django(trace)


def test_the_short_way_reads_a_deals_owner_as_the_django_path_does(reader):
    from guanxi.commands.analysis import deal_owner
    from guanxi.deals.models import Deal

    Deal.objects.filter(ext_id="dfb-d2").update(owner=None)

    assert reader.deal_owner("dfb-d1") == deal_owner("dfb-d1") == ("ht-kam1", "Li Na 李娜")
    assert reader.deal_owner("dfb-d2") is None and deal_owner("dfb-d2") is None
