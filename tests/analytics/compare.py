"""Assertions that an engine view equals the reference's: scores to 0.01, fractions to 1e-6,
the same ids in the same order."""

from __future__ import annotations

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


def assert_company(got: dict, expected: dict) -> None:
    assert got["side"] == expected["side"]
    assert ("threats" in got) == ("threats" in expected)
    if "threats" in expected:
        assert_threats(got["threats"], expected["threats"])
        assert got["closer_than_us"] == expected["closer_than_us"]
    assert got["score"] == approx(expected["score"], abs=SCORE)
    assert got["levels"] == expected["levels"]
    assert [a["id"] for a in got["accounts"]] == [a["id"] for a in expected["accounts"]]
    for g, e in zip(got["accounts"], expected["accounts"], strict=True):
        assert g["score"] == approx(e["score"], abs=SCORE)
        if e["top_dependency"] is None:
            assert g["top_dependency"] is None
        else:
            assert g["top_dependency"]["employee"] == e["top_dependency"]["employee"]
            assert g["top_dependency"]["share"] == approx(
                e["top_dependency"]["share"], abs=FRACTION
            )
    assert [x["id"] for x in got["employees"]] == [x["id"] for x in expected["employees"]]
    for g, e in zip(got["employees"], expected["employees"], strict=True):
        assert g["resources"] == approx(e["resources"], abs=SCORE)
        assert g["key_people"] == e["key_people"]
        assert g["credit"] == approx(e["credit"], abs=SCORE)
