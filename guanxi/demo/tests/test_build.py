"""The demo as files: deterministic, realistic, and within the interchange rules (no database)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

from guanxi.demo import build_demo
from guanxi.demo.build import COLUMNS
from guanxi.demo.tests.conftest import TODAY, as_rows

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def _orgs(demo):
    return {o["id"]: o for o in demo["organizations.csv"]}


def _org_of(demo):
    return {p["id"]: p["organization_id"] for p in demo["people.csv"]}


def _kind_of_person(demo):
    orgs = _orgs(demo)
    return {p["id"]: orgs[p["organization_id"]]["kind"] for p in demo["people.csv"]}


def test_the_same_day_gives_the_same_bytes(demo_files):
    # given the demo built once for TODAY
    # when it is built again for the same day
    again = build_demo(TODAY)
    # then every file is byte for byte the same
    assert {k: v.encode() for k, v in again.items()} == {
        k: v.encode() for k, v in demo_files.items()
    }


def test_the_files_do_not_depend_on_python_hash_seeds(demo_files):
    # given the digest of the files built in this process
    digest = hashlib.sha256("".join(demo_files.values()).encode()).hexdigest()
    code = (
        "import datetime as dt, hashlib; from guanxi.demo import build_demo; "
        "print(hashlib.sha256(''.join(build_demo(dt.date(2025, 6, 1)).values())"
        ".encode()).hexdigest())"
    )
    # when another interpreter with a different string hash seed builds them
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    # then it writes the same bytes
    assert out.stdout.strip() == digest, out.stderr


def test_a_later_day_shifts_the_dates_but_keeps_the_story(demo):
    # when the demo is built a month later
    later = as_rows(build_demo(TODAY + dt.timedelta(days=30)))
    # then it has the same people and ties, and every interaction moved by 30 days
    assert later["people.csv"] == demo["people.csv"]
    assert len(later["interactions.csv"]) == len(demo["interactions.csv"])
    first, moved = demo["interactions.csv"][0], later["interactions.csv"][0]
    shift = dt.date.fromisoformat(moved["date"]) - dt.date.fromisoformat(first["date"])
    assert shift.days == 30


def test_files_have_exactly_the_interchange_columns(demo_files):
    # then each file's header is INTERCHANGE.md's column list
    for name, text in demo_files.items():
        assert tuple(text.splitlines()[0].split(",")) == COLUMNS[name]


def test_customers_of_every_tier_in_different_industries_with_a_group(demo):
    # given the organisations
    orgs = list(_orgs(demo).values())
    customers = [o for o in orgs if o["kind"] == "customer"]
    # then there are six or more customers of all three tiers in several industries
    assert len(customers) >= 6
    assert {c["tier"] for c in customers} == {"strategic", "key", "standard"}
    assert len({c["industry"] for c in customers}) >= 5
    # and one of them belongs to another's group; exactly one own company, two competitors
    assert any(c["parent_id"] for c in customers)
    assert Counter(o["kind"] for o in orgs)["own"] == 1
    assert Counter(o["kind"] for o in orgs)["competitor"] == 2


def test_customer_sizes_include_a_large_graph(demo):
    # given the number of people per customer
    orgs = _orgs(demo)
    sizes = Counter(p["organization_id"] for p in demo["people.csv"])
    customer_sizes = [sizes[o] for o in orgs if orgs[o]["kind"] == "customer"]
    # then one customer has 200 or more people and every other one 12 to 60
    big = [s for s in customer_sizes if s >= 200]
    assert len(big) == 1
    assert all(12 <= s <= 60 for s in customer_sizes if s < 200)


def test_reporting_lines_form_one_tree_per_organisation(demo):
    # given each person's manager
    managers = {p["id"]: p["reports_to_id"] for p in demo["people.csv"]}
    org_of = _org_of(demo)
    roots = defaultdict(list)
    for person, manager in managers.items():
        # then managers are in the same organisation
        if manager:
            assert org_of[manager] == org_of[person], person
        else:
            roots[org_of[person]].append(person)
        # and walking up never loops
        seen, node = set(), person
        while node:
            assert node not in seen, f"reporting cycle through {person}"
            seen.add(node)
            node = managers[node]
    # and every organisation has exactly one root
    assert all(len(r) == 1 for r in roots.values()), roots
    assert set(roots) == set(_orgs(demo))


def test_customers_have_leaders_key_people_power_overrides_and_personalities(demo):
    people = demo["people.csv"]
    titles = " ".join(p["title"] for p in people)
    # then the org charts have the roles a seller looks for
    for title in ("CIO 首席信息官", "CFO", "办公室主任", "Chairman 董事长", "VP", "分行行长"):
        assert title in titles
    # and some people are marked key, a few have a power override, many a personality
    assert sum(p["key"] == "true" for p in people) >= 14
    assert 3 <= sum(bool(p["power"]) for p in people) <= 10
    assert sum(bool(p["personality"]) for p in people) >= 60


def test_influence_ties_include_the_gatekeeper_and_trusted_directors(demo):
    # given the influence ties, by the titles of their two people
    title = {p["id"]: p["title"] for p in demo["people.csv"]}
    influence = [t for t in demo["ties.csv"] if t["kind"] == "influence"]
    pairs = [(title[t["source_id"]], title[t["target_id"]]) for t in influence]
    # then general-office directors influence their chief, and peers influence each other
    assert sum("办公室主任" in a for a, _ in pairs) >= 6
    directed = {(t["source_id"], t["target_id"]) for t in influence}
    assert any((b, a) in directed for a, b in directed)
    assert len(influence) >= 40


def test_our_staff_sales_and_non_sales_with_relationships_and_one_left(demo):
    # given our people and their relationships
    ours = [p for p in demo["people.csv"] if p["organization_id"] == "ht"]
    kind = _kind_of_person(demo)
    linked = Counter()
    for tie in demo["ties.csv"]:
        if tie["kind"] == "relationship":
            for a, b in (
                (tie["source_id"], tie["target_id"]),
                (tie["target_id"], tie["source_id"]),
            ):
                if kind[a] == "own" and kind[b] == "customer":
                    linked[a] += 1
    # then both sales and non-sales staff know customer people
    sales = {p["id"] for p in ours if p["is_sales"] == "true"}
    non_sales = {p["id"] for p in ours if p["is_sales"] == "false"}
    assert len(sales) >= 8 and len(non_sales) >= 8
    assert sum(1 for p in sales if linked[p]) >= 8
    assert sum(1 for p in non_sales if linked[p]) >= 6
    # and exactly one person has left, a salesperson whose relationships stay
    left = [p for p in ours if p["status"] == "left"]
    assert len(left) == 1 and left[0]["is_sales"] == "true" and linked[left[0]["id"]] >= 3


def test_relationship_strengths_and_since_dates_spread_over_the_year(demo):
    relationships = [t for t in demo["ties.csv"] if t["kind"] == "relationship"]
    strengths = [int(t["strength"]) for t in relationships]
    # then strengths go from weak to strong
    assert min(strengths) < 40 and max(strengths) >= 80
    # and half or more of them were made during the past year, in every quarter of it
    ages = [(TODAY - dt.date.fromisoformat(t["since"])).days for t in relationships]
    recent = [a for a in ages if a < 365]
    assert len(recent) >= len(ages) / 2
    assert {a // 92 for a in recent} == {0, 1, 2, 3}


def test_competitors_are_closer_than_us_at_some_accounts(demo):
    # given the strongest relationship per (side, customer person)
    org_of = _org_of(demo)
    best = defaultdict(int)
    for tie in demo["ties.csv"]:
        if tie["kind"] == "relationship":
            side = org_of[tie["source_id"]]
            best[(side, tie["target_id"])] = max(
                best[(side, tie["target_id"])], int(tie["strength"])
            )
    # then both competitors have people with relationships to customer people
    assert {side for side, _ in best} >= {"ht", "lx", "hr"}
    # and at some customer people a competitor is strong where we are weak
    stronger = [
        p
        for (side, p), s in best.items()
        if side != "ht" and s >= 70 and best.get(("ht", p), 0) < 40
    ]
    assert len(stronger) >= 3


def test_deals_cover_every_status_with_decision_roles(demo):
    deals, roles = demo["deals.csv"], demo["deal_roles.csv"]
    kind = _kind_of_person(demo)
    orgs = _orgs(demo)
    # then there are ten or more deals, open, won and lost, on customers, mostly in CNY
    assert len(deals) >= 10
    assert {d["status"] for d in deals} == {"open", "won", "lost"}
    assert all(orgs[d["organization_id"]]["kind"] == "customer" for d in deals)
    assert Counter(d["currency"] for d in deals).most_common(1)[0][0] == "CNY"
    assert all(float(d["amount"]) > 0 for d in deals)
    # and most deals have all four roles, some miss one; role holders are customer people
    by_deal = defaultdict(set)
    for role in roles:
        assert kind[role["person_id"]] == "customer"
        by_deal[role["deal_id"]].add(role["role"])
    complete = sum(len(r) == 4 for r in by_deal.values())
    assert complete > len(deals) / 2 and complete < len(deals)
    # and attitudes run from champion to enemy, with contact levels
    assert {r["attitude"] for r in roles} == {
        "champion", "supporter", "neutral", "non_supporter", "enemy"
    }  # fmt: skip
    assert {r["contact_level"] for r in roles} == {"none", "initial", "regular", "deep"}
    # and competitors are in play on most deals
    assert sum(bool(d["competitor_ids"]) for d in deals) >= len(deals) - 2


def test_interactions_span_a_year_with_both_sides(demo):
    interactions = demo["interactions.csv"]
    kind = _kind_of_person(demo)
    dates = [dt.date.fromisoformat(i["date"]) for i in interactions]
    # then they cover the twelve months before today, every kind, more in recent months
    assert all(TODAY - dt.timedelta(days=365) < d <= TODAY for d in dates)
    assert len({(d.year, d.month) for d in dates}) >= 12
    assert {i["kind"] for i in interactions} == {
        "meal", "meeting", "visit", "event", "call", "email", "message"
    }  # fmt: skip
    old = sum((TODAY - d).days >= 180 for d in dates)
    assert len(dates) - old > old
    # and each has one of ours and a customer person
    for i in interactions:
        sides = {kind[p] for p in i["participant_ids"].split(";")}
        assert {"own", "customer"} <= sides, i["id"]


def test_the_left_person_appears_only_before_leaving(demo):
    # given the person who left
    left = next(p["id"] for p in demo["people.csv"] if p["status"] == "left")
    dates = [i["date"] for i in demo["interactions.csv"] if left in i["participant_ids"].split(";")]
    # then they took part in interactions, none of them in the last seven months
    assert dates
    assert max(dt.date.fromisoformat(d) for d in dates) < TODAY - dt.timedelta(days=200)


def test_names_titles_and_organisations_are_bilingual(demo):
    # then every person, title and organisation name has both Latin and Chinese text
    for person in demo["people.csv"]:
        for column in ("name", "title"):
            assert LATIN.search(person[column]) and CJK.search(person[column]), person
    for org in demo["organizations.csv"]:
        assert LATIN.search(org["name"]) and CJK.search(org["name"]), org


def test_ids_and_references_are_consistent(demo):
    # then ids are unique per file and every reference points at an existing record
    people = {p["id"] for p in demo["people.csv"]}
    orgs = _orgs(demo)
    for name in ("organizations.csv", "people.csv", "interactions.csv", "deals.csv"):
        ids = [r["id"] for r in demo[name]]
        assert len(ids) == len(set(ids)), name
    assert all(o["parent_id"] in orgs for o in orgs.values() if o["parent_id"])
    deals = {d["id"] for d in demo["deals.csv"]}
    assert all(r["deal_id"] in deals and r["person_id"] in people for r in demo["deal_roles.csv"])
    for deal in demo["deals.csv"]:
        assert all(orgs[c]["kind"] == "competitor" for c in deal["competitor_ids"].split(";") if c)
    for i in demo["interactions.csv"]:
        participants = i["participant_ids"].split(";")
        assert len(participants) == len(set(participants)) >= 2
        assert set(participants) <= people


def test_ties_are_within_the_rules(demo):
    people = {p["id"] for p in demo["people.csv"]}
    seen = set()
    for tie in demo["ties.csv"]:
        a, b, kind = tie["source_id"], tie["target_id"], tie["kind"]
        # then ties join two different known people, with a strength 0..100
        assert a in people and b in people and a != b
        assert 0 <= int(tie["strength"]) <= 100
        # and no pair is repeated (relationships in either order)
        key = (frozenset((a, b)), kind) if kind == "relationship" else ((a, b), kind)
        assert key not in seen, tie
        seen.add(key)
    roles = {(r["deal_id"], r["person_id"], r["role"]) for r in demo["deal_roles.csv"]}
    assert len(roles) == len(demo["deal_roles.csv"])


def test_every_deal_has_an_owner_who_is_one_of_our_active_people(demo):
    # given the demo's people and their sides
    kind = _kind_of_person(demo)
    status = {p["id"]: p["status"] for p in demo["people.csv"]}
    # then every deal names an owner, one of ours who has not left
    owners = {d["id"]: d["owner"] for d in demo["deals.csv"]}
    assert owners and all(owners.values())
    assert {kind[o] for o in owners.values()} == {"own"}
    assert {status[o] for o in owners.values()} == {"active"}
