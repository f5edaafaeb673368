"""POST /api/whatif and the next-best-action routes: the reports' JSON, nothing written, and
nobody learns of a person they may not see."""

from __future__ import annotations

from guanxi.core.audit import current_data_version
from guanxi.operations import reports


def test_whatif_returns_the_cli_json_and_writes_nothing(as_user):
    # given the admin and the data version before
    before = current_data_version()
    body = {"ties": [{"source": "ht-kam1", "target": "tyt-cto", "strength": 80}], "deal": "tyt-d1"}
    # when a what-if is posted
    response = as_user("demo").post("/api/whatif", body)
    # then it is the CLI's JSON, the deal's odds rise, and nothing was written
    assert response.status_code == 200
    assert response.data == reports.whatif_report([("ht-kam1", "tyt-cto", 80)], "tyt-d1")
    assert [a["id"] for a in response.data["accounts"]] == ["tyt"]
    assert response.data["deal"]["after"] > response.data["deal"]["before"]
    assert current_data_version() == before


def test_whatif_names_the_field_of_bad_input(as_user):
    # given the admin
    demo = as_user("demo")
    # when a tie names nobody, has no ties, or has a strength out of range
    unknown = demo.post(
        "/api/whatif", {"ties": [{"source": "x", "target": "dfb-ceo", "strength": 5}]}
    )
    empty = demo.post("/api/whatif", {"ties": []})
    strong = demo.post(
        "/api/whatif", {"ties": [{"source": "ht-kam1", "target": "dfb-ceo", "strength": 500}]}
    )
    # then each is a 4xx naming the field
    assert unknown.status_code == 404
    assert unknown.data["detail"][0]["field"] == "source"
    assert empty.status_code == 422
    assert strong.status_code == 422


def test_whatif_does_not_confirm_a_person_the_user_may_not_see(as_user):
    # given lina (sales on dfb and jng), who may not see tyt's people
    lina = as_user("lina")
    hidden = {"ties": [{"source": "ht-kam1", "target": "tyt-cto", "strength": 80}]}
    unknown = {"ties": [{"source": "ht-kam1", "target": "nobody-at-all", "strength": 80}]}
    # when she asks about a hidden person and about an unknown one
    a, b = lina.post("/api/whatif", hidden), lina.post("/api/whatif", unknown)
    # then both answer the same 404, with the same wording but the id
    assert a.status_code == b.status_code == 404
    assert a.data["detail"][0]["message"].replace("tyt-cto", "?") == b.data["detail"][0][
        "message"
    ].replace("nobody-at-all", "?")


def test_account_actions_leave_out_hidden_people(as_user):
    # given the admin's and lina's next best actions for dfb
    full = as_user("demo").get("/api/accounts/dfb/actions").data
    mine = as_user("lina").get("/api/accounts/dfb/actions").data
    # then the admin's are the report's, ranked by gain; lina's name only people she can see
    assert full == reports.account_actions_report("dfb")
    assert full
    assert [a["gain"] for a in full] == sorted((a["gain"] for a in full), reverse=True)
    from django.contrib.auth import get_user_model

    from guanxi.access.visibility import visible_ids

    lina = get_user_model().objects.get(username="lina")
    named = {i for a in mine for i in (a["person"], a["employee"], *a["route"]["people"])}
    assert visible_ids(lina, named) == named


def test_deal_actions_match_the_whatif_gain(as_user):
    # given the admin's next best actions of tyt-d1
    actions = as_user("demo").get("/api/deals/tyt-d1/actions").data
    # then the first action's gain is the what-if's change of the deal's odds
    first = actions[0]
    odds = reports.whatif_report([(first["employee"], first["person"], first["to"])], "tyt-d1")
    assert first["gain"] == odds["deal"]["after"] - odds["deal"]["before"]
