"""Data entry in the drawer: each form saves through its service and asks the page to reload;
invalid input comes back with the message next to the field and writes nothing; permissions
come from the choke point."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxi.core.models import AuditEvent
from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Interaction, Person, Tie
from guanxi.scoring.reports import account_report

HTMX = {"HTTP_HX_REQUEST": "true"}


def field_errors(html: str, field: str) -> str:
    """The markup of one field's block in a rendered form (its errors sit inside it)."""
    block = html.split(f'data-field="{field}"')[1]
    return block.split('<div class="field')[0]


def counts() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        Tie.objects.count(),
        Interaction.objects.count(),
        Deal.objects.count(),
        DealRole.objects.count(),
    )


def test_forms_open_in_the_drawer_for_htmx_and_as_a_page_otherwise(as_user):
    client = as_user("demo")

    drawer = client.get("/new/tie/?target=dfb-ceo", **HTMX).content.decode()
    full = client.get("/new/tie/?target=dfb-ceo").content.decode()

    assert 'class="drawer-head"' in drawer and "<html" not in drawer
    assert "<html" in full and 'data-testid="entry-form"' in full
    assert 'value="dfb-ceo"' in drawer
    assert "csrfmiddlewaretoken" in drawer


def test_recording_a_tie_saves_it_through_the_service_and_asks_for_a_refresh(as_user):
    client = as_user("lina")

    response = client.post(
        "/new/tie/",
        {"source": "ht-kam1", "target": "dfb-cfo", "kind": "relationship", "strength": "strong"},
        **HTMX,
    )

    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"
    tie = Tie.objects.get(
        source__ext_id__in=["ht-kam1", "dfb-cfo"], target__ext_id__in=["ht-kam1", "dfb-cfo"]
    )
    assert tie.strength == 80 and tie.recorded_by.username == "lina"
    assert AuditEvent.objects.filter(object_type="tie", actor_name="lina").exists()


def test_a_plain_post_is_redirected_after_saving(as_user):
    client = as_user("demo")

    response = client.post(
        "/new/tie/",
        {"source": "ht-ps1", "target": "dfb-cfo", "kind": "influence", "strength": "35"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/people/dfb-cfo/"


def test_a_strong_relationship_to_a_plan_target_raises_the_account_score(as_user):
    client = as_user("demo")
    before = account_report("dfb")
    target = before["plan_targets"][0]

    response = client.post(
        "/new/tie/",
        {"source": "ht-ceo", "target": target, "kind": "relationship", "strength": "95"},
        **HTMX,
    )

    assert response.status_code == 204
    after = account_report("dfb")
    assert after["score"] > before["score"]
    assert target not in after["plan_targets"]


@pytest.mark.parametrize(
    ("post", "field", "message"),
    [
        ({"strength": "150"}, "strength", "whole number from 0 to 100"),
        ({"strength": "lots"}, "strength", "nor strong, medium or weak"),
        ({"strength": ""}, "strength", "need a strength"),
        ({"target": "nobody-here"}, "target", "Nobody called"),
        ({"target": "ht-kam1"}, "target", "cannot have a tie with themself"),
        (
            {"source": "dfb-cio", "target": "dfb-cio-d2", "kind": "reports_to", "strength": ""},
            "target",
            "reporting cycle",
        ),
    ],
)
def test_an_invalid_tie_comes_back_with_the_message_on_its_field(as_user, post, field, message):
    client = as_user("lina")
    data = {"source": "ht-kam1", "target": "dfb-cfo", "kind": "relationship", "strength": "50"}
    data.update(post)
    before = counts()
    ties = list(Tie.objects.values_list("source_id", "target_id", "kind", "strength"))

    response = client.post("/new/tie/", data, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Refresh" not in response
    block = field_errors(html, field)
    assert "invalid" in html.split(f'data-field="{field}"')[0][-40:]
    assert message in block
    assert counts() == before
    assert list(Tie.objects.values_list("source_id", "target_id", "kind", "strength")) == ties


def test_a_sales_user_cannot_tie_two_people_outside_their_accounts(as_user):
    client = as_user("lina")
    before = counts()

    response = client.post(
        "/new/tie/",
        {"source": "ht-ps1", "target": "ht-ps2", "kind": "relationship", "strength": "60"},
        **HTMX,
    )

    assert response.status_code == 200
    assert "involve people you are responsible for" in response.content.decode()
    assert counts() == before


def test_a_contributor_records_ties_of_their_own_person_only(as_user):
    client = as_user("chenjing")

    mine = client.post(
        "/new/tie/",
        {"source": "ht-hr", "target": "dfb-ceo", "kind": "relationship", "strength": "medium"},
        **HTMX,
    )
    others = client.post(
        "/new/tie/",
        {"source": "ht-hr1", "target": "dfb-ceo", "kind": "relationship", "strength": "weak"},
        **HTMX,
    )

    assert mine.status_code == 204
    assert Tie.objects.get(source__ext_id="ht-hr", target__ext_id="dfb-ceo").strength == 50
    assert others.status_code == 200
    assert "involve people you are responsible for" in others.content.decode()


def test_recording_an_interaction_saves_its_participants(as_user):
    client = as_user("lina")
    today = dt.date.today().isoformat()

    response = client.post(
        "/new/interaction/",
        {"date": today, "kind": "meal", "participants": "ht-kam1, dfb-cfo", "notes": "lunch"},
        **HTMX,
    )

    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    interaction = Interaction.objects.get(notes="lunch")
    assert sorted(interaction.participants.values_list("ext_id", flat=True)) == [
        "dfb-cfo",
        "ht-kam1",
    ]


@pytest.mark.parametrize(
    ("participants", "message"),
    [
        ("ht-kam1", "at least two people"),
        ("ht-kam1, ghost-1", "Nobody called &#x27;ghost-1&#x27;"),
    ],
)
def test_an_invalid_interaction_writes_nothing(as_user, participants, message):
    client = as_user("lina")
    before = counts()

    response = client.post(
        "/new/interaction/",
        {"date": dt.date.today().isoformat(), "kind": "call", "participants": participants},
        **HTMX,
    )

    assert response.status_code == 200
    assert message in field_errors(response.content.decode(), "participants")
    assert counts() == before


def test_adding_a_person_preselects_the_organisation_and_saves(as_user):
    client = as_user("lina")

    form = client.get("/new/person/?org=dfb", **HTMX).content.decode()
    response = client.post(
        "/new/person/",
        {"name": "Wang Lei", "organisation": "dfb", "title": "Head of Procurement"},
        **HTMX,
    )

    assert 'data-id="dfb"' in field_errors(form, "organisation")
    assert response.status_code == 204
    person = Person.objects.get(name="Wang Lei")
    assert person.organisation.ext_id == "dfb" and person.ext_id == "dfb-wang-lei"


def test_editing_a_person_outside_ones_accounts_is_refused(as_user):
    client = as_user("lina")

    # someone she may not see is answered as an unknown id would be
    assert client.get("/edit/person/tyt-ceo/", **HTMX).status_code == 404
    assert client.get("/edit/person/dfb-ceo/", **HTMX).status_code == 200
    assert client.get("/edit/person/nobody/", **HTMX).status_code == 404


def test_adding_a_deal_saves_it_with_its_competitors(as_user):
    client = as_user("lina")

    response = client.post(
        "/new/deal/",
        {
            "name": "Data lake",
            "organisation": "jng",
            "stage": "qualification",
            "status": "open",
            "amount": "1200000",
            "currency": "cny",
            "competitors": ["hr", "lx"],
        },
        **HTMX,
    )

    assert response.status_code == 204
    deal = Deal.objects.get(name="Data lake")
    assert deal.ext_id == "jng-d3" and deal.currency == "CNY"
    assert sorted(deal.competitors.values_list("ext_id", flat=True)) == ["hr", "lx"]


def test_a_deal_on_a_non_customer_is_refused_on_the_customer_field(as_user):
    client = as_user("demo")
    before = counts()

    response = client.post(
        "/new/deal/", {"name": "Oops", "organisation": "lx", "status": "open"}, **HTMX
    )

    assert response.status_code == 200
    assert "A deal must be on a customer" in field_errors(response.content.decode(), "organisation")
    assert counts() == before


def test_editing_a_deal_changes_it_and_refreshes(as_user):
    client = as_user("lina")

    response = client.post(
        "/edit/deal/dfb-d2/",
        {
            "name": "Mobile banking app revamp",
            "organisation": "dfb",
            "status": "open",
            "stage": "proposal",
            "competitors": ["lx"],
        },
        **HTMX,
    )

    assert response.status_code == 204
    deal = Deal.objects.get(ext_id="dfb-d2")
    assert deal.stage == "proposal"
    assert list(deal.competitors.values_list("ext_id", flat=True)) == ["lx"]


def test_adding_a_role_holder_puts_them_in_the_chain(as_user):
    client = as_user("lina")

    response = client.post(
        "/edit/deal/dfb-d2/role/",
        {"person": "dfb-ceo", "role": "approver", "attitude": "1", "contact_level": "initial"},
        **HTMX,
    )

    assert response.status_code == 204
    role = DealRole.objects.get(deal__ext_id="dfb-d2", person__ext_id="dfb-ceo")
    assert role.role == "approver" and role.attitude == 1


def test_a_role_holder_from_another_organisation_is_refused_in_place(as_user):
    client = as_user("lina")
    before = counts()

    response = client.post(
        "/edit/deal/dfb-d2/role/",
        {"person": "jng-ceo", "role": "approver", "attitude": "0", "contact_level": "none"},
        **HTMX,
    )

    assert response.status_code == 200
    assert "is not at Dongfang Bank" in field_errors(response.content.decode(), "person")
    assert counts() == before


def test_editing_an_existing_role_updates_the_attitude(as_user):
    client = as_user("demo")
    url = "/edit/deal/tyt-d1/role/?person=tyt-cto&role=decision_maker"

    form = client.get(url, **HTMX).content.decode()
    response = client.post(url, {"attitude": "1", "contact_level": "regular"}, **HTMX)

    assert "tyt-cto" in form
    assert response.status_code == 204
    role = DealRole.objects.get(deal__ext_id="tyt-d1", person__ext_id="tyt-cto")
    assert role.attitude == 1 and role.contact_level == "regular"


def test_a_sales_user_may_not_touch_another_accounts_deal(as_user):
    client = as_user("lina")

    assert client.get("/edit/deal/tyt-d1/", **HTMX).status_code == 404
    assert client.get("/edit/deal/tyt-d1/role/", **HTMX).status_code == 404
    assert client.get("/edit/deal/nope/", **HTMX).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/new/person/",
        "/edit/person/dfb-ceo/",
        "/new/tie/",
        "/new/interaction/",
        "/new/deal/",
        "/edit/deal/dfb-d1/",
        "/edit/deal/dfb-d1/role/",
    ],
)
def test_a_viewer_gets_403_on_every_form(as_user, url):
    client = as_user("guest")

    assert client.get(url, **HTMX).status_code == 403
    assert client.post(url, {"name": "x"}, **HTMX).status_code == 403


def test_person_suggestions_list_only_people_the_user_sees(as_user):
    client = as_user("lina")

    own_account = client.get("/new/tie/?suggest=target&target__text=Ye+Long", **HTMX)
    elsewhere = client.get("/new/tie/?suggest=target&target__text=Jin+Dong", **HTMX)

    assert 'data-pick-id="dfb-ceo"' in own_account.content.decode()
    assert "tyt-ceo" not in elsewhere.content.decode()


def test_forms_need_a_csrf_token(as_user):
    client = as_user("demo")
    client.handler.enforce_csrf_checks = True

    response = client.post(
        "/new/tie/", {"source": "ht-ps1", "target": "dfb-cfo", "kind": "influence", "strength": "1"}
    )

    assert response.status_code == 403


def test_a_contributor_edits_their_record_but_not_its_power_key_or_sales_flag(as_user):
    """Hole e on the page: the fields a contributor may not change are shown disabled, and a
    posted value for them is ignored."""
    client = as_user("chenjing")
    me = Person.objects.get(ext_id="ht-hr")

    form = client.get("/edit/person/ht-hr/", **HTMX).content.decode()
    response = client.post(
        "/edit/person/ht-hr/",
        {
            "name": me.name,
            "organisation": "ht",
            "title": "HR lead",
            "power": "99",
            "key": "on",
            "is_sales": "on",
        },
        **HTMX,
    )

    assert 'name="power"' in form and "disabled" in field_errors(form, "power")
    assert response.status_code == 204
    after = Person.objects.get(ext_id="ht-hr")
    assert after.title == "HR lead"
    assert (after.power, after.key, after.is_sales) == (me.power, me.key, me.is_sales)
