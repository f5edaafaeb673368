"""Every field of the data-entry forms is checked in place: a form with several mistakes
shows all of them at once, each beside its field, and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxi.core.values import check_close_date, check_currency
from guanxi.deals.models import Deal
from guanxi.people.models import Person, Tie
from guanxi.people.rules import check_id
from guanxi.web.tests.test_entry import HTMX, field_errors

NEXT_YEAR = str(dt.date.today().year + 1)


def test_a_deal_form_with_five_mistakes_shows_all_five_beside_their_fields(as_user):
    client = as_user("demo")
    before = Deal.objects.count()

    html = client.post(
        "/new/deal/",
        {
            "name": "Payments hub",
            "organisation": "dfb",
            "ext_id": "dfb new deal",
            "status": "open",
            "amount": "-5",
            "currency": "XYZ",
            "close_date": "2020-03-01",
        },
        **HTMX,
    ).content.decode()

    assert "spaces" in field_errors(html, "ext_id")
    assert "negative" in field_errors(html, "amount")
    assert "ISO 4217" in field_errors(html, "currency")
    assert "in the past" in field_errors(html, "close_date")
    assert 'class="form-errors"' not in html
    assert Deal.objects.count() == before


def test_a_deal_on_a_competitor_is_refused_together_with_the_other_mistakes(as_user):
    client = as_user("demo")

    html = client.post(
        "/new/deal/",
        {"name": "X", "organisation": "hr", "status": "open", "currency": "ABC"},
        **HTMX,
    ).content.decode()

    assert "must be on a customer" in field_errors(html, "organisation")
    assert "ISO 4217" in field_errors(html, "currency")


def test_a_person_with_a_bad_email_id_and_power_gets_every_message_in_place(as_user):
    client = as_user("demo")
    before = Person.objects.count()

    html = client.post(
        "/new/person/",
        {
            "name": "Wang Fang",
            "organisation": "dfb",
            "ext_id": "=cmd",
            "email": "not-an-email",
            "power": "700",
        },
        **HTMX,
    ).content.decode()

    assert "cannot start with" in field_errors(html, "ext_id")
    assert "not an e-mail address" in field_errors(html, "email")
    assert "100" in field_errors(html, "power")
    assert Person.objects.count() == before


def test_a_relationship_since_next_year_is_refused_on_its_field(as_user):
    client = as_user("demo")
    before = Tie.objects.count()

    html = client.post(
        "/new/tie/",
        {
            "source": "ht-kam1",
            "target": "dfb-cfo",
            "kind": "relationship",
            "strength": "strong",
            "since": f"{NEXT_YEAR}-01-01",
        },
        **HTMX,
    ).content.decode()

    assert "in the future" in field_errors(html, "since")
    assert Tie.objects.count() == before


def test_an_interaction_in_1900_is_refused_as_a_mistyped_year(as_user):
    client = as_user("lina")

    html = client.post(
        "/new/interaction/",
        {"date": "1900-05-01", "kind": "meeting", "participants": "ht-kam1, dfb-cfo"},
        **HTMX,
    ).content.decode()

    assert "before 1950" in field_errors(html, "date")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("dfb-ceo", True),
        ("李娜-1", True),
        ("a b", False),
        ("a/b", False),
        ("a;b", False),
        ("tab\tid", False),
        ("=SUM(A1)", False),
        ("+86", False),
        ("-x", False),
        ("@me", False),
        ("", False),
    ],
)
def test_the_id_rule(value, ok):
    assert (check_id(value) is None) is ok


@pytest.mark.parametrize(("code", "ok"), [("CNY", True), ("usd", True), ("XYZ", False)])
def test_currencies_are_iso_4217_codes(code, ok):
    assert (check_currency(code) is None) is ok


def test_an_overdue_open_deal_keeps_its_stored_close_date_but_cannot_be_moved_into_the_past():
    today = dt.date(2026, 6, 1)
    stored = dt.date(2026, 5, 1)

    kept = check_close_date(stored, is_open=True, today=today, stored=stored)
    moved = check_close_date(dt.date(2026, 4, 1), is_open=True, today=today, stored=stored)
    won_ahead = check_close_date(dt.date(2026, 7, 1), is_open=False, today=today)
    far = check_close_date(dt.date(2040, 1, 1), is_open=True, today=today)

    assert kept is None
    assert moved is not None and "past" in moved
    assert won_ahead is not None
    assert far is not None and "10 years" in far


def test_people_are_picked_by_the_name_the_app_shows(as_user):
    client = as_user("lina")
    before = Tie.objects.count()

    response = client.post(
        "/new/tie/",
        {
            "source__text": "Li Na 李娜",
            "target__text": "郭哲俊",
            "kind": "relationship",
            "strength": "strong",
        },
        **HTMX,
    )

    assert response.status_code == 204
    assert Tie.objects.count() == before + 1
    assert Tie.objects.filter(
        source__ext_id__in=["ht-kam1", "dfb-cfo"], target__ext_id__in=["ht-kam1", "dfb-cfo"]
    ).exists()


def test_participants_are_chips_by_name_and_a_typed_name_is_added(as_user):
    client = as_user("lina")

    response = client.post(
        "/new/interaction/",
        {
            "date": dt.date.today().isoformat(),
            "kind": "meal",
            "participants": "ht-kam1",
            "participants__text": "Guo Zhejun",
        },
        **HTMX,
    )

    assert response.status_code == 204


def test_an_ambiguous_or_unknown_name_is_refused_beside_the_picker(as_user):
    client = as_user("demo")

    html = client.post(
        "/new/tie/",
        {"source__text": "Nobody Atall", "target__text": "dfb-cfo", "kind": "relationship"},
        **HTMX,
    ).content.decode()

    assert "Nobody called" in field_errors(html, "source")
    assert "need a strength" in field_errors(html, "strength")


def test_the_forms_show_names_not_ids_and_fold_ids_under_advanced(as_user):
    client = as_user("demo")

    html = client.get("/new/tie/?source=ht-kam1&target=dfb-cfo", **HTMX).content.decode()
    person = client.get("/new/person/?org=dfb", **HTMX).content.decode()

    assert "Li Na 李娜 · Key Account Manager" in html
    assert 'value="ht-kam1"' in html and 'type="hidden"' in html
    assert 'class="advanced"' in person
    assert person.index('class="advanced"') < person.index('name="ext_id"')
