"""v2 through the command line on the demo: names and one number format per kind of figure
in the tables, the odds range, a competitor's lead counted in people, and credit commands."""

from __future__ import annotations

import json
import re

import pytest

from guanxi.cli import main
from guanxi.demo.load import load_demo
from guanxi.people.models import Person
from guanxi.people.services import mark_left, record_tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def credits(capsys) -> dict[str, float]:
    view = json.loads(run(capsys, "company", "--json"))
    return {e["id"]: e["credit"] for e in view["employees"]}


def test_a_competitors_table_names_it_and_keeps_one_format_per_figure(demo, capsys):
    out = run(capsys, "company", "--side", "lx")
    # the side by its name, not its id
    assert out.startswith("Lanxin Technology 蓝芯科技: capability score")
    accounts = out.split("\n\n")[1].splitlines()[2:]
    # scores with one decimal, shares as percentages: never 0.744 among them
    for line in accounts:
        assert re.search(r"\s\d+\.\d\s", line), line
        assert not re.search(r"\b0\.\d{3}\b", line), line
        assert re.search(r"(\d+\.\d%|—)$", line), line


def test_a_competitor_ahead_with_deciders_is_counted_in_people(demo, capsys):
    view = json.loads(run(capsys, "company", "--side", "lx", "--json"))
    ahead = {t["person"]: t for t in view["threats"]}
    # the seed's case: Lanxin at 80 with Tianyu's president and 85 with its CTO, we at 0
    assert ahead["tyt-ceo"]["closeness"] == 80 and ahead["tyt-ceo"]["ours"] == 0
    assert ahead["tyt-cto"]["closeness"] == 85
    assert view["closer_than_us"]["people"] == len(view["threats"]) >= 2
    assert "closer than us with" in run(capsys, "company", "--side", "lx")


def test_deal_json_carries_the_v2_keys_and_the_table_shows_a_range(demo, capsys):
    view = json.loads(run(capsys, "deal", "tyt-d1", "--json"))
    assert {"win_odds", "win_odds_low", "intel_coverage", "coverage"} <= set(view)
    assert view["win_odds_low"] < view["win_odds"]
    table = run(capsys, "deal", "tyt-d1")
    assert f"{view['win_odds_low']:.1f}–{view['win_odds']:.1f}%" in table
    assert "Jin Dongkun 金东坤" in table  # names, not ids, in the roles table


def test_credit_show_is_unchanged_after_a_later_tie_and_a_departure(demo, capsys):
    before = json.loads(run(capsys, "credit", "show", "stl-d1", "--json"))
    company = credits(capsys)
    shares = {s["person_id"]: s["share"] for s in before["shares"]}
    # when someone new meets the role holders and a credited colleague leaves
    ceo = Person.objects.get(ext_id="stl-ceo")
    newcomer = next(
        p for p in Person.objects.filter(organisation__kind="own") if p.ext_id not in shares
    )
    record_tie(source=newcomer, target=ceo, kind="relationship", strength=100, actor=None)
    leaver = Person.objects.get(ext_id=sorted(shares)[0])
    mark_left(leaver, actor=None)
    after = json.loads(run(capsys, "credit", "show", "stl-d1", "--json"))
    assert after["shares"] == before["shares"]
    now = credits(capsys)
    assert leaver.ext_id not in now and newcomer.ext_id in now
    for person, credit in now.items():
        assert credit == pytest.approx(company[person]), person
