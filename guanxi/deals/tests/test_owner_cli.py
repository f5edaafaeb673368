"""`guanxi deal ID` names the deal's owner, in the table and in --json."""

from __future__ import annotations

import json

import pytest

from guanxi.cli import main
from guanxi.deals.models import Deal
from guanxi.demo.load import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


def test_the_deal_command_names_its_owner(demo, capsys):
    # given the demo's deal on Dongfang Bank, owned by Li Na
    # when the deal is shown as a table and as JSON
    assert main(["deal", "dfb-d1"]) == 0
    text = capsys.readouterr().out
    assert main(["deal", "dfb-d1", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    # then both name the owner
    assert "owner: Li Na 李娜 (ht-kam1)" in text.splitlines()[1]
    assert (view["owner"], view["owner_name"]) == ("ht-kam1", "Li Na 李娜")


def test_a_deal_without_an_owner_says_so(demo, capsys):
    Deal.objects.filter(ext_id="dfb-d1").update(owner=None)

    assert main(["deal", "dfb-d1", "--user", "demo", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert main(["deal", "dfb-d1"]) == 0

    assert view["owner"] is None
    assert "owner: nobody" in capsys.readouterr().out
