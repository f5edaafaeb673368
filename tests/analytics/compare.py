"""Assertions that an engine view equals the reference's: scores to 0.01, fractions to 1e-6,
the same ids in the same order."""

from __future__ import annotations

import itertools

from pytest import approx

SCORE = 0.01
FRACTION = 1e-6


def assert_entries(got: list[dict], expected: list[dict], tol: float = SCORE) -> None:
    assert [g["id"] for g in got] == [e["id"] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g["strength"] == approx(e["strength"], abs=tol)
        if "via" in e:
            assert g["via"] == e["via"]


def assert_paths(got: list[dict], expected: list[dict]) -> None:
    assert [p["people"] for p in got] == [p["people"] for p in expected]
    for g, e in zip(got, expected, strict=True):
        assert g["strength"] == approx(e["strength"], abs=FRACTION)


def assert_threats(got: list[dict], expected: list[dict]) -> None:
    keys = ("competitor", "person", "account")
    assert [tuple(t.get(k) for k in keys) for t in got] == [
        tuple(t.get(k) for k in keys) for t in expected
    ]
    for g, e in zip(got, expected, strict=True):
        assert g["closeness"] == approx(e["closeness"], abs=SCORE)
        assert g["ours"] == approx(e["ours"], abs=SCORE)
        assert g["importance"] == approx(e["importance"], abs=FRACTION)


def assert_account(got: dict, expected: dict) -> None:
    assert_threats(got["threats"], expected["threats"])
    assert got["score"] == approx(expected["score"], abs=SCORE)
    assert got["level"] == expected["level"]
    assert [p["id"] for p in got["people"]] == [p["id"] for p in expected["people"]]
    for g, e in zip(got["people"], expected["people"], strict=True):
        for key in ("power", "influence", "importance", "broker"):
            assert g[key] == approx(e[key], abs=FRACTION), (g["id"], key)
        assert g["closeness"] == approx(e["closeness"], abs=SCORE)
        assert g["competitor_closeness"] == approx(e["competitor_closeness"], abs=SCORE)
    for key in ("power_centres", "influence_centres", "plan_targets"):
        assert got[key] == expected[key], key


def assert_person(got: dict, expected: dict) -> None:
    assert_entries(got["inside"], expected["inside"])
    assert_entries(got["ours"]["direct"], expected["ours"]["direct"])
    assert_entries(got["ours"]["indirect"], expected["ours"]["indirect"])
    assert list(got["competitors"]) == list(expected["competitors"])
    for c in expected["competitors"]:
        assert_entries(got["competitors"][c], expected["competitors"][c])
    assert_paths(got["paths"], expected["paths"])


def assert_odds(got: float | None, expected: float | None) -> None:
    if expected is None:
        assert got is None
    else:
        assert got == approx(expected, abs=SCORE)


def assert_deal(got: dict, expected: dict) -> None:
    assert_odds(got["win_odds"], expected["win_odds"])
    assert_odds(got["win_odds_low"], expected["win_odds_low"])
    assert got["intel_coverage"] == approx(expected["intel_coverage"], abs=FRACTION)
    assert got["coverage"] == approx(expected["coverage"], abs=FRACTION)
    assert [(r["person"], r["role"]) for r in got["roles"]] == [
        (r["person"], r["role"]) for r in expected["roles"]
    ]
    for g, e in zip(got["roles"], expected["roles"], strict=True):
        assert g["attitude"] == e["attitude"]
        assert g["closeness"] == approx(e["closeness"], abs=SCORE)
        assert g["competitor_closeness"] == approx(e["competitor_closeness"], abs=SCORE)
        assert g["edge"] == approx(e["edge"], abs=FRACTION)
        assert g["weight"] == approx(e["weight"], abs=FRACTION)
    assert [(w["code"], w["person"]) for w in got["warnings"]] == expected["warnings"]
    assert list(got["paths"]) == list(expected["paths"])
    for p in expected["paths"]:
        assert_paths(got["paths"][p], expected["paths"][p])


def assert_ranked(got: list[dict], expected: list[dict], key: str, tolerance: float) -> None:
    """`got` holds the records of `expected`, best first (within `tolerance`: floating noise
    of two ways of computing may swap two near-equal values), values equal to 9 decimals
    in id order."""
    assert sorted(g["id"] for g in got) == sorted(e["id"] for e in expected)
    value = {e["id"]: e[key] for e in expected}
    for a, b in itertools.pairwise(got):
        va, vb = value[a["id"]], value[b["id"]]
        assert va >= vb - tolerance
        if round(a[key], 9) == round(b[key], 9):
            assert a["id"] < b["id"]


def assert_company(got: dict, expected: dict) -> None:
    assert got["side"] == expected["side"]
    assert ("threats" in got) == ("threats" in expected)
    if "threats" in expected:
        assert_threats(got["threats"], expected["threats"])
        assert got["closer_than_us"] == expected["closer_than_us"]
    assert got["score"] == approx(expected["score"], abs=SCORE)
    assert got["levels"] == expected["levels"]
    assert_ranked(got["accounts"], expected["accounts"], "score", SCORE)
    by_id = {e["id"]: e for e in expected["accounts"]}
    for g in got["accounts"]:
        e = by_id[g["id"]]
        assert g["score"] == approx(e["score"], abs=SCORE)
        # a score within SCORE of zero is zero: it rests on nobody
        got_top = g["top_dependency"] if g["score"] > SCORE else None
        expected_top = e["top_dependency"] if e["score"] > SCORE else None
        if expected_top is None:
            assert got_top is None
        else:
            assert got_top["employee"] == expected_top["employee"]
            assert got_top["share"] == approx(expected_top["share"], abs=FRACTION)
    assert_ranked(got["employees"], expected["employees"], "resources", SCORE)
    staff = {e["id"]: e for e in expected["employees"]}
    for g, e in ((g, staff[g["id"]]) for g in got["employees"]):
        assert g["resources"] == approx(e["resources"], abs=SCORE)
        assert g["key_people"] == e["key_people"]
        assert g["credit"] == approx(e["credit"], abs=SCORE)
