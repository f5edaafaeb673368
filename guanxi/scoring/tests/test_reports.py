"""The read commands on the demo workspace: CLI.md's JSON (keys, meanings, orders), readable
tables, clear errors, and a warm workspace that follows every write."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from guanxi.cli import main
from guanxi.demo.load import load_demo
from guanxi.people import services
from guanxi.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(actor="test")


def run_json(capsys, *argv: str):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def by_desc(items, key):
    """True when items are ordered by `key` descending, equal values by id."""
    return items == sorted(items, key=lambda x: (-round(x[key], 9), x["id"]))


def test_company_json_has_the_contract_keys_orders_and_a_growing_trend(demo, capsys):
    view = run_json(capsys, "company")

    assert {"side", "score", "levels", "accounts", "employees", "trend"} <= view.keys()
    assert sum(view["levels"].values()) == len(view["accounts"]) == 7
    assert by_desc(view["accounts"], "score")
    assert by_desc(view["employees"], "resources")
    for account in view["accounts"]:
        dep = account["top_dependency"]
        assert dep is None or (0 <= dep["share"] <= 1 and dep["employee"].startswith("ht-"))
    dates = [t["date"] for t in view["trend"]]
    # a year of month ends and today, and the worker's daily snapshots of the demo's week
    assert dates == sorted(dates) and len({d[:7] for d in dates}) == 13
    assert view["trend"][-1]["score"] > view["trend"][0]["score"]


def test_account_score_is_the_importance_weighted_closeness_of_its_people(demo, capsys):
    view = run_json(capsys, "account", "dfb")

    people = view["people"]
    weighted = sum(p["importance"] * p["closeness"] for p in people)
    assert view["score"] == pytest.approx(weighted / sum(p["importance"] for p in people), abs=0.01)
    assert len(people) >= 199  # the 200-person bank, less anyone who left
    assert by_desc(people, "importance")
    ids = {p["id"] for p in people}
    assert set(view["power_centres"]) | set(view["influence_centres"]) <= ids
    closeness = {p["id"]: p["closeness"] for p in people}
    assert all(closeness[t] < 40 for t in view["plan_targets"])
    assert {e["kind"] for e in view["edges"]} >= {"reports_to", "influence"}


def test_paths_start_with_one_of_ours_end_at_the_person_and_are_strongest_first(demo, capsys):
    paths = run_json(capsys, "paths", "dfb-ceo", "-k", "3")

    assert 1 <= len(paths) <= 3
    ours = set(Person.objects.filter(organisation__kind="own").values_list("ext_id", flat=True))
    for path in paths:
        assert path["people"][0] in ours and path["people"][-1] == "dfb-ceo"
        assert len(path["people"]) - 1 <= 4
        assert not set(path["people"][1:]) & ours
        assert 0 < path["strength"] <= 1
    strengths = [p["strength"] for p in paths]
    assert strengths == sorted(strengths, reverse=True)


def test_deal_win_odds_follow_from_its_roles_weights_and_edges(demo, capsys):
    deal_id = "dfb-d1"
    view = run_json(capsys, "deal", deal_id)

    total = sum(r["weight"] * r["edge"] for r in view["roles"])
    assert view["win_odds"] == pytest.approx(100 / (1 + math.exp(-2 * total)), abs=0.01)
    assert sum(r["weight"] for r in view["roles"]) == pytest.approx(1.0)
    assert 0 <= view["coverage"] <= 1
    assert all({"code", "person", "reason"} <= w.keys() for w in view["warnings"])


def test_person_view_lists_inside_influencers_our_people_and_deals(demo, capsys):
    view = run_json(capsys, "person", "dfb-ceo")

    assert view["organization_id"] == "dfb"
    strengths = [i["strength"] for i in view["inside"]]
    assert strengths == sorted(strengths, reverse=True)
    assert {"direct", "indirect"} <= view["ours"].keys()
    assert view["paths"]


def test_tables_without_json_are_readable(demo, capsys):
    assert main(["company"]) == 0
    out = capsys.readouterr().out
    assert "capability score" in out and "Dongfang Bank 东方银行" in out


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["account", "nope"], 1, "account: no organisation with id 'nope'"),
        (["account", "ht"], 2, "'ht' is not a customer"),
        (["paths", "dfb-ceo", "--from", "dfb-cio"], 2, "--from: 'dfb-cio' is not one"),
        (["company", "--side", "dfb"], 2, "--side: 'dfb' is not our company or a competitor"),
        (["deal", "nope"], 1, "no deal with id 'nope'"),
        (["paths", "dfb-ceo", "-k", "0"], 2, "-k: k must be between 1 and 50"),
    ],
)
def test_wrong_ids_get_a_clear_error_and_no_traceback(demo, capsys, argv, status, message):
    assert main(argv) == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_new_relationship_moves_the_account_score_at_once(demo, capsys):
    before = run_json(capsys, "account", "dfb")["score"]
    # a colleague records a close relationship with the bank's CEO
    ceo = Person.objects.get(ext_id="dfb-ceo")
    ours = Person.objects.filter(organisation__kind="own", status="active").first()
    services.record_tie(source=ours, target=ceo, kind="relationship", strength=100, actor=None)

    after = run_json(capsys, "account", "dfb")["score"]
    assert after > before


def test_snapshot_of_a_date_is_recorded_once_and_shows_in_the_trend(demo, capsys):
    assert main(["snapshot", "--date", "2026-01-15"]) == 0
    assert main(["snapshot", "--date", "2026-01-15"]) == 0
    assert "values recorded" in capsys.readouterr().out
    trend = run_json(capsys, "company")["trend"]
    assert [t["date"] for t in trend].count("2026-01-15") == 1
    assert main(["snapshot", "--date", "2999-01-01"]) == 2
    assert "in the future" in capsys.readouterr().err


def test_a_warm_company_view_shows_a_snapshot_recorded_after_it_was_read(demo):
    from guanxi.scoring.reports import company_report
    from guanxi.scoring.snapshots import record_snapshot

    first = [t["date"] for t in company_report()["trend"]]
    again = [t["date"] for t in company_report()["trend"]]
    record_snapshot(date=dt.date(2026, 2, 20), actor="test")
    after = [t["date"] for t in company_report()["trend"]]

    assert again == first and "2026-02-20" not in first
    assert after == sorted([*first, "2026-02-20"])
