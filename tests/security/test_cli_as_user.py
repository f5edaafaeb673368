"""The command line answers as a login user sees it (`--user`), through the same rules as
the pages and the API: a sales user on one account sees nothing of another."""

from __future__ import annotations

import json

import pytest

from guanxi.cli import main
from guanxi.core.models import AuditEvent
from guanxi.demo.load import load_demo
from tests.security.matrix import CLI, USERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


def test_a_sales_user_gets_their_account_and_nothing_of_another(demo, capsys):
    assert main(["account", "dfb", "--user", "lina", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["id"] == "dfb"
    assert not any(p["id"].startswith("tyt-") for p in view["people"])

    for argv in (["account", "tyt"], ["person", "tyt-ceo"], ["deal", "tyt-d1"], ["company"]):
        assert main([*argv, "--user", "lina"]) == 1
        err = capsys.readouterr().err
        assert "error" in err and "Traceback" not in err


def test_paths_for_a_sales_user_never_pass_through_people_they_may_not_see(demo, capsys):
    assert main(["paths", "dfb-ceo", "--user", "lina", "-k", "10", "--json"]) == 0
    paths = json.loads(capsys.readouterr().out)
    assert paths and all(not i.startswith("tyt-") for p in paths for i in p["people"])


def test_a_key_person_view_from_the_command_line_is_audited(demo, capsys):
    assert main(["person", "dfb-ceo", "--user", "lina", "--json"]) == 0
    event = AuditEvent.objects.filter(action="view", object_id="dfb-ceo").get()
    assert event.actor_name == "lina" and "(CLI)" in event.summary


def test_an_unknown_user_is_a_clear_error(demo, capsys):
    assert main(["company", "--user", "nobody"]) == 2
    assert "no active user named 'nobody'" in capsys.readouterr().err


def test_a_viewer_gets_no_customer_people_in_the_company_view_from_the_command_line(demo, capsys):
    """Hole b: `guanxi company --user guest` lists each employee's key people as a count."""
    from guanxi.people.models import Person

    customers = set(
        Person.objects.filter(organisation__kind="customer").values_list("ext_id", flat=True)
    )
    assert main(["company", "--user", "guest", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert not {k for e in view["employees"] for k in e["key_people"]} & customers
    assert any(e["key_count"] for e in view["employees"])
    assert main(["company", "--user", "guest"]) == 0
    assert "key people" in capsys.readouterr().out


def test_the_command_line_answers_every_analysis_question_as_the_api_does(demo, capsys):
    # given the table the pages and the API answer by (tests/security/matrix.py)
    assert len(CLI) >= 10
    wrong = []
    for argv, outcome in CLI.items():
        for role, username in USERS.items():
            # when each demo user asks the command line the same question
            status = main([*argv, "--user", username, "--json"])
            err = capsys.readouterr().err
            # then it answers where the API answers (200), and refuses where the API does,
            # saying "may not see" for a 403 and naming no such record for a 404
            expected = {200: (0, ""), 403: (1, "may not see"), 404: (1, "no ")}[outcome[role]]
            if status != expected[0] or expected[1] not in err.lower() or "Traceback" in err:
                wrong.append(f"{' '.join(argv)} as {username}: {status} {err.strip()[:80]}")
    assert wrong == []
