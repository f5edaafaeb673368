"""No API answer names a person the caller may not see — not even inside a row they may see
(a person's manager, an interaction's other participants) — and changing what they see never
drops what they cannot.

Demo users: lina (sales on dfb and jng), chenjing (contributor, person ht-hr).
"""

from __future__ import annotations

from typing import Any

import pytest

from guanxi.people.models import Interaction, Participation, Person, Tie

LIMIT = 500


def _all(api: Any, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        data = api.get(url, limit=LIMIT, offset=len(items)).data
        items += data["items"]
        if len(items) >= data["count"]:
            return items


@pytest.mark.parametrize("username", ["lina", "chenjing"])
def test_people_name_only_managers_the_user_may_see(as_user, username):
    # given everyone the user may see, and the reporting lines recorded in the database
    api = as_user(username)
    people = _all(api, "/api/people")
    seen = {p["id"] for p in people}
    lines = dict(
        Tie.objects.filter(kind="reports_to").values_list("source__ext_id", "target__ext_id")
    )
    hidden_managers = [p["id"] for p in people if lines.get(p["id"]) not in seen | {None}]
    # then each person's reports_to_id is their manager when the user may see the manager,
    # and null otherwise (there are such people: the test is not vacuous)
    assert hidden_managers
    for p in people:
        manager = lines.get(p["id"])
        assert p["reports_to_id"] == (manager if manager in seen else None), p["id"]
    # and reading one person gives the same
    one = api.get(f"/api/people/{hidden_managers[0]}").data
    assert one["reports_to_id"] is None


def test_interactions_name_only_participants_the_user_may_see(as_user):
    # given everyone lina may see, and who took part in each interaction
    api = as_user("lina")
    seen = {p["id"] for p in _all(api, "/api/people")}
    interactions = _all(api, "/api/interactions")
    took_part: dict[str, list[str]] = {}
    for ix, person in Participation.objects.order_by("position").values_list(
        "interaction__ext_id", "person__ext_id"
    ):
        took_part.setdefault(ix, []).append(person)
    # then each lists, in order, those she may see, and counts the others
    assert interactions
    for ix in interactions:
        everyone = took_part[ix["id"]]
        assert ix["participant_ids"] == [p for p in everyone if p in seen], ix["id"]
        assert ix["hidden_participants"] == sum(p not in seen for p in everyone), ix["id"]
    assert sum(ix["hidden_participants"] for ix in interactions) > 0


def test_an_interaction_with_participants_the_user_may_not_see_is_read_only_for_them(as_user):
    # given an interaction lina sees that has a participant she may not see
    api = as_user("lina")
    rows = _all(api, "/api/interactions")
    ix = next(r for r in rows if r["hidden_participants"] and len(r["participant_ids"]) >= 2)
    before = list(
        Participation.objects.filter(interaction__ext_id=ix["id"])
        .order_by("position")
        .values_list("person__ext_id", flat=True)
    )
    # when she sends the participants she sees, the last one left out
    kept = ix["participant_ids"][:-1]
    response = api.patch(f"/api/interactions/{ix['id']}", {"participant_ids": kept})
    # then she is refused (dropping someone changes what the hidden people's ties rest on)
    # and every participant is still there, in order
    assert response.status_code == 403
    after = list(
        Interaction.objects.get(ext_id=ix["id"])
        .participation_set.order_by("position")
        .values_list("person__ext_id", flat=True)
    )
    assert after == before


def test_managers_and_admins_see_every_manager_and_participant(as_user):
    api = as_user("liangwenbo")
    people = {p["id"]: p for p in _all(api, "/api/people")}
    assert len(people) == Person.objects.count()
    lines = dict(
        Tie.objects.filter(kind="reports_to").values_list("source__ext_id", "target__ext_id")
    )
    assert all(people[s]["reports_to_id"] == t for s, t in lines.items())
    assert all(ix["hidden_participants"] == 0 for ix in _all(api, "/api/interactions"))


def test_filtering_interactions_by_someone_she_may_not_see_answers_as_for_an_unknown_id(as_user):
    # given someone who took part in an interaction lina can see, but whom she may not see
    api = as_user("lina")
    seen = {p["id"] for p in _all(api, "/api/people")}
    rows = _all(api, "/api/interactions")
    ix = next(r for r in rows if r["hidden_participants"])
    hidden = next(
        p
        for p in Participation.objects.filter(interaction__ext_id=ix["id"]).values_list(
            "person__ext_id", flat=True
        )
        if p not in seen
    )
    # when she lists the interactions of that person, and of an id that does not exist
    by_hidden = api.get("/api/interactions", person_id=hidden).data
    by_unknown = api.get("/api/interactions", person_id="nobody-at-all").data
    # then both lists are empty: the filter does not confirm that the person exists
    assert by_hidden["count"] == by_unknown["count"] == 0
    # while a manager finds that interaction by the same filter
    everyone = as_user("liangwenbo").get("/api/interactions", person_id=hidden, limit=500).data
    assert ix["id"] in {r["id"] for r in everyone["items"]}
