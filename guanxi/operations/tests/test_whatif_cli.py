"""`guanxi whatif`: CLI.md's v2 JSON, a readable table, and clear errors."""

from __future__ import annotations

import json

import pytest

from guanxi.cli import main
from guanxi.scoring.reports import account_report, deal_report


@pytest.fixture
def demo_ready(demo_db, db):
    """The demo workspace (loaded once per module)."""


def test_whatif_json_has_the_contract_keys(demo_ready, capsys):
    # given the demo workspace
    # when a stronger tie from lina's person to the dfb chairman is imagined with a deal
    assert (
        main(["whatif", "--tie", "ht-kam1,dfb-chairman,strong", "--deal", "dfb-d1", "--json"]) == 0
    )
    view = json.loads(capsys.readouterr().out)
    # then the keys are CLI.md's and "before" is what the account and deal views say today
    assert set(view) == {"ties", "accounts", "deal"}
    assert view["ties"] == [{"source": "dfb-chairman", "target": "ht-kam1", "strength": 80.0}]
    assert [a["id"] for a in view["accounts"]] == ["dfb"]
    assert view["accounts"][0]["before"] == pytest.approx(account_report("dfb")["score"])
    assert view["deal"]["before"] == pytest.approx(deal_report("dfb-d1")["win_odds"])
    assert view["accounts"][0]["after"] >= view["accounts"][0]["before"]


def test_whatif_table_and_errors(demo_ready, capsys):
    # given the demo workspace
    # when asked without --json, with an unknown person, and with a bad strength
    assert main(["whatif", "--tie", "ht-kam1,dfb-ceo,90"]) == 0
    table = capsys.readouterr().out
    assert main(["whatif", "--tie", "ht-kam1,nobody,90"]) == 1
    unknown = capsys.readouterr().err
    assert main(["whatif", "--tie", "ht-kam1,dfb-ceo,much"]) == 2
    bad = capsys.readouterr().err
    # then the table names the account and each error names the field and the value
    assert "dfb" in table and "before" in table
    assert unknown.strip() == "guanxi: error: --tie: tie 1: no person with id 'nobody'"
    assert bad.strip() == "guanxi: error: --tie: tie 1: strength 'much' is not a number"
