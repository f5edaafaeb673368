"""A model updated in place equals, to the last bit, the model built afresh from the same
data: on hypothesis workspaces, any change to a few people (their fields, their ties, the
interactions they took part in, the deals) applied with `apply_delta` gives every array and
every view a full build gives."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guanxi.analytics import account_view, build_workspace, company_view, deal_view, paths
from guanxi.analytics.incremental import Delta, apply_delta
from guanxi.analytics.scores import SideScores

from .test_random_workspaces import KINDS, ROLES, STRENGTHS, TODAY, workspaces


def assert_same_model(got, want) -> None:
    """Every field of two workspaces equal (arrays exactly, NaN equal to NaN)."""
    for f in dataclasses.fields(want):
        if f.name in ("cache", "makers", "org_key", "person_key", "deals"):
            continue
        a, b = getattr(got, f.name), getattr(want, f.name)
        if isinstance(b, np.ndarray):
            assert a.dtype.kind == b.dtype.kind, f.name
            assert np.array_equal(a, b, equal_nan=b.dtype.kind == "f"), f.name
        else:
            assert a == b, f.name
    for f in dataclasses.fields(want.deals):
        a, b = getattr(got.deals, f.name), getattr(want.deals, f.name)
        if isinstance(b, np.ndarray):
            assert np.array_equal(a, b, equal_nan=b.dtype.kind == "f"), f"deals.{f.name}"
        else:
            assert a == b, f"deals.{f.name}"


def assert_same_views(got, want) -> None:
    """The views a user reads are the same."""
    assert company_view(got) == company_view(want)
    for o, kind in zip(want.org_ids, want.org_kind.tolist(), strict=True):
        if kind == 0:
            assert account_view(got, o) == account_view(want, o)
    for d in want.deals.ids:
        assert deal_view(got, d) == deal_view(want, d)
    # best paths: the updated model's index may take its influence part from the model
    # before (when that part did not change); the fresh one builds its own
    assert [paths.paths_view(got, p) for p in want.person_ids] == [
        paths.paths_view(want, p) for p in want.person_ids
    ]


def assert_same_index(got, want) -> None:
    """Two best-path indexes hold the same edges, and `got`'s hop distances are bounds of
    the true ones (a patched index may keep a bound a removed edge made too low)."""
    for p in range(len(want.flags)):
        for read in ("relationships", "in_edges"):
            (a, s), (b, t) = getattr(got, read)(p), getattr(want, read)(p)
            assert a.tolist() == b.tolist() and s.tolist() == t.tolist(), (read, p)
    assert got.flags == want.flags
    assert all(g <= w for g, w in zip(got.dist, want.dist, strict=True))


@st.composite
def changes(draw):
    """A workspace's rows, and the same rows after a change that touches a few people."""
    rows = draw(workspaces())
    rows["people"] = [(*p[:7], None) for p in rows["people"]]  # as the database reads them
    return (rows, *change_of(draw, rows, first_new_interaction=100))


@st.composite
def two_changes(draw):
    """A workspace's rows, then two changes one after the other."""
    rows = draw(workspaces())
    rows["people"] = [(*p[:7], None) for p in rows["people"]]
    middle, touched, deals_changed = change_of(draw, rows, first_new_interaction=100)
    last, touched2, deals_changed2 = change_of(draw, middle, first_new_interaction=200)
    return rows, (middle, touched, deals_changed), (last, touched2, deals_changed2)


def change_of(draw, rows, *, first_new_interaction):
    """The rows after a change to a few people, those people, and whether deals changed."""
    keys = [p[0] for p in rows["people"]]
    touched = set(draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3)))
    new = {k: list(v) if isinstance(v, list) else v for k, v in rows.items()}
    # their own fields
    people = []
    for p in new["people"]:
        if p[0] in touched and draw(st.booleans()):
            status = draw(st.sampled_from(["active", "left"]))
            power = draw(st.sampled_from([None, 0, 45, 100]))
            flags = (draw(st.booleans()), draw(st.booleans()))
            p = (*p[:3], status, power, *flags, draw(st.sampled_from([None, "Renamed 改名"])))
        people.append(p)
    new["people"] = people
    # their ties: some go, some change, some come
    ties = []
    for t in new["ties"]:
        if t[0] in touched or t[1] in touched:
            action = draw(st.sampled_from(["keep", "drop", "change"]))
            if action == "drop":
                continue
            if action == "change" and t[2] != "reports_to":
                t = (t[0], t[1], t[2], draw(STRENGTHS))
        ties.append(t)
    has_boss = {t[0] for t in ties if t[2] == "reports_to"}
    for a in sorted(touched):
        for _ in range(draw(st.integers(0, 3))):
            b = draw(st.sampled_from(keys))
            kind = draw(st.sampled_from(["relationship", "influence", "reports_to"]))
            if kind == "reports_to":
                if a in has_boss:
                    continue
                has_boss.add(a)
            ends = (a, b) if draw(st.booleans()) or kind == "reports_to" else (b, a)
            ties.append((*ends, kind, None if kind == "reports_to" else draw(STRENGTHS)))
    new["ties"] = ties
    # the interactions they took part in: changed, dropped or new (a changed interaction
    # touches everyone in it, before and after)
    parts: dict[int, list[int]] = {}
    for i, p in new["participants"]:
        parts.setdefault(i, []).append(p)
    interactions, participants = [], []
    for i, date, kind in new["interactions"]:
        who = parts.get(i, [])
        if touched & set(who):
            action = draw(st.sampled_from(["keep", "drop", "change"]))
            if action == "drop":
                touched |= set(who)
                continue
            if action == "change":
                touched |= set(who)
                date = TODAY - dt.timedelta(days=draw(st.integers(-5, 700)))
                kind = draw(KINDS)
                who = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4))
                touched |= set(who)
        interactions.append((i, date, kind))
        participants += [(i, p) for p in who]
    for j in range(draw(st.integers(0, 2))):
        who = [draw(st.sampled_from(sorted(touched)))]
        who += draw(st.lists(st.sampled_from(keys), max_size=3))
        touched |= set(who)
        i = first_new_interaction + j
        interactions.append((i, TODAY - dt.timedelta(days=draw(st.integers(0, 400))), "meal"))
        participants += [(i, p) for p in who]
    new["interactions"], new["participants"] = interactions, participants
    # the deals, sometimes
    deals_changed = draw(st.booleans())
    if deals_changed and new["deals"] and new["roles"]:
        new["roles"] = [
            (r[0], r[1], draw(ROLES), draw(st.integers(-2, 2)), r[4], r[5]) for r in new["roles"]
        ]
    return new, touched, deals_changed


def delta_of(old, new, touched, deals_changed) -> Delta:
    """What the database side reads for a change touching `touched` (as scoring.delta)."""
    inter = {i for i, p in new["participants"] if p in touched}
    status = {p[0]: p[3] for p in old["people"]}
    left_changed = any(p[3] != status[p[0]] for p in new["people"] if p[0] in touched)
    return Delta(
        people=[p for p in new["people"] if p[0] in touched],
        ties=[t for t in new["ties"] if t[0] in touched or t[1] in touched],
        interactions=[r for r in new["interactions"] if r[0] in inter],
        participants=[r for r in new["participants"] if r[0] in inter],
        deals=(new["deals"], new["roles"], new["credits"])
        if deals_changed or left_changed
        else None,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes())
def test_a_model_updated_in_place_equals_a_fresh_build(change):
    # given a model of the old rows and a change to a few people
    old, new, touched, deals_changed = change
    model = build_workspace(**old)
    company_view(model)  # a worker that has shown the company view (its parts carry over)
    for o, kind in zip(model.org_ids, model.org_kind.tolist(), strict=True):
        if kind == 0:
            account_view(model, o)  # and every account (each side's closeness carries over)
    paths.path_index(model)  # and a best path (the index's influence part is kept)
    for d in model.deals.ids:
        deal_view(model, d)  # and every deal (the influence edges by target are kept)
    # when the change is applied in place
    updated = apply_delta(model, delta_of(old, new, touched, deals_changed))
    # then it is the model a fresh build of the new rows gives, field by field and view by view
    fresh = build_workspace(**new)
    assert updated is not None
    assert_same_model(updated, fresh)
    for key, side in list(updated.cache.items()):
        if isinstance(key, tuple) and key[0] == "side":  # carried over: as computed afresh
            again = SideScores(fresh, key[1])
            for name in ("link_e", "link_p", "link_s", "link_org", "full", "logsum", "closeness"):
                assert np.array_equal(getattr(side, name), getattr(again, name)), name
            assert side.outward == again.outward
    assert_same_views(updated, fresh)
    assert_same_index(paths.path_index(updated), paths.path_index(fresh))


def test_a_new_person_or_a_changed_id_asks_for_a_fresh_build():
    # given a small model
    rows = {
        "orgs": [(1, "acme", "customer", None), (2, "us", "own", None)],
        "people": [(10, "ceo", 1, "active", None, False, False)],
        "today": TODAY,
    }
    model = build_workspace(**rows)
    # then a person it does not know, an id that changed or a move to another organisation
    # cannot be applied in place
    assert apply_delta(model, Delta(people=[(11, "cfo", 1, "active", None, False, False)])) is None
    assert apply_delta(model, Delta(people=[(10, "boss", 1, "active", None, False, False)])) is None
    assert apply_delta(model, Delta(people=[(10, "ceo", 2, "active", None, False, False)])) is None


def test_a_tie_that_moves_no_score_still_moves_the_top_dependency():
    # given a customer's CEO known at 100 by two of ours, so the account rests on neither
    rows = {
        "orgs": [(1, "acme", "customer", None), (2, "us", "own", None)],
        "people": [
            (10, "ceo", 1, "active", None, False, False, None),
            (20, "ann", 2, "active", None, False, True, None),
            (21, "bo", 2, "active", None, False, True, None),
        ],
        "today": TODAY,
    }
    ties = [(20, 10, "relationship", 100), (21, 10, "relationship", 100)]
    model = build_workspace(**rows, ties=ties)
    assert company_view(model)["accounts"][0]["top_dependency"]["share"] == 0.0
    # when Bo's tie weakens to 50 (the CEO's closeness stays 100)
    new = [(20, 10, "relationship", 100), (21, 10, "relationship", 50)]
    updated = apply_delta(model, Delta(people=rows["people"][2:], ties=[new[1]]))
    # then the account now rests on Ann, as a fresh build says
    view = company_view(updated)
    assert view["accounts"][0]["top_dependency"] == {"employee": "ann", "share": 0.5}
    assert view == company_view(build_workspace(**rows, ties=new))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_changes())
def test_two_updates_in_a_row_equal_a_fresh_build_when_the_middle_model_was_never_read(
    change,
):
    # given a model whose company view was shown, then two writes in quick succession: the
    # model between them is replaced before anyone reads its company view
    rows, (middle, touched, deals_changed), (last, touched2, deals_changed2) = change
    model = build_workspace(**rows)
    company_view(model)
    paths.path_index(model)  # patched twice when only relationships move
    between = apply_delta(model, delta_of(rows, middle, touched, deals_changed))
    # when the second write is applied to it
    updated = apply_delta(between, delta_of(middle, last, touched2, deals_changed2))
    # then the company view (its parts carried over from the first model) is a fresh build's
    fresh = build_workspace(**last)
    assert updated is not None and "parent" in updated.cache
    assert company_view(updated) == company_view(fresh)
    assert_same_views(updated, fresh)
    assert_same_index(paths.path_index(updated), paths.path_index(fresh))


def test_a_new_relationship_patches_the_path_index_and_opens_a_shorter_path():
    # given Ann (ours) who knows Bo at a customer, and Cy two hops from Ann through Bo, who
    # also influences Bo (an influence edge the change does not move)
    rows = {
        "orgs": [(1, "acme", "customer", None), (2, "us", "own", None)],
        "people": [
            (10, "bo", 1, "active", None, False, False, None),
            (11, "cy", 1, "active", None, False, False, None),
            (20, "ann", 2, "active", None, False, True, None),
        ],
        "today": TODAY,
    }
    ties = [(20, 10, "relationship", 80), (10, 11, "relationship", 50), (11, 10, "influence", 60)]
    model = build_workspace(**rows, ties=ties)
    before = paths.path_index(model)
    assert before.dist[model.person_index["cy"]] == 2
    # when Ann meets Cy herself
    new = [*ties, (20, 11, "relationship", 90)]
    updated = apply_delta(
        model,
        Delta(
            people=[rows["people"][1], rows["people"][2]],
            ties=[t for t in new if 11 in t[:2] or 20 in t[:2]],
        ),
    )
    # then the index was patched (its arrays shared with the model before), Cy is one hop
    # away, and the best paths are a fresh build's
    index = updated.cache["paths"]
    assert index.g_src is before.g_src
    assert index.dist[updated.person_index["cy"]] == 1
    fresh = build_workspace(**rows, ties=new)
    assert paths.paths_view(updated, "cy") == paths.paths_view(fresh, "cy")
    assert paths.paths_view(updated, "cy")[0] == {"people": ["ann", "cy"], "strength": 0.9}
    assert_same_index(index, paths.path_index(fresh))


def test_a_new_relationship_patches_only_the_rows_that_change():
    # given Ann (ours), who knows four people at a customer
    rows = {
        "orgs": [(1, "acme", "customer", None), (2, "us", "own", None)],
        "people": [
            *((10 + i, f"p{i}", 1, "active", None, False, False, None) for i in range(5)),
            (20, "ann", 2, "active", None, False, True, None),
        ],
        "today": TODAY,
    }
    ties = [(20, 10 + i, "relationship", 60) for i in range(4)]
    model = build_workspace(**rows, ties=ties)
    paths.path_index(model)
    # when Ann meets the fifth
    new = [*ties, (20, 14, "relationship", 70)]
    touched = [rows["people"][4], rows["people"][5]]
    updated = apply_delta(model, Delta(people=touched, ties=new))
    # then the rows of Ann and the fifth are patched; the four she knew keep theirs
    index = updated.cache["paths"]
    patched = sorted(updated.person_ids[r] for r in index._rel_rows)
    assert patched == ["ann", "p4"]
    assert_same_index(index, paths.path_index(build_workspace(**rows, ties=new)))


def test_readers_arriving_together_at_a_new_model_make_each_part_once():
    # given a new model and eight requests asking for the same costly part at once
    import threading
    import time

    model = build_workspace(
        orgs=[(1, "o-us", "own", None)],
        people=[(101, "p-a", 1, "active", None, False, True)],
        today=TODAY,
    )
    made = []

    def make():
        made.append(1)
        time.sleep(0.05)  # long enough for the others to arrive meanwhile
        return {"part": len(made)}

    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(model.cached("costly", make)))
        for _ in range(8)
    ]
    # when they all ask
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then it was made once and every request got that one
    assert len(made) == 1
    assert answers == [{"part": 1}] * 8
