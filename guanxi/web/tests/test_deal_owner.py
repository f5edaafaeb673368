"""A deal has an owner, one of our people: chosen by name on the deal form, shown on the deal
page and filterable on the deals list, so anyone can see whose deal it is."""

from __future__ import annotations

from guanxi.deals.models import Deal
from guanxi.web.tests.test_entry import HTMX, field_errors


def edit(client, deal: Deal, **changes):
    data = {
        "name": deal.name,
        "organisation": deal.organisation.ext_id,
        "stage": deal.stage,
        "status": deal.status,
        "amount": deal.amount or "",
        "currency": deal.currency,
        "close_date": deal.close_date.isoformat() if deal.close_date else "",
        **changes,
    }
    return client.post(f"/edit/deal/{deal.ext_id}/", data, **HTMX)


def test_the_owner_is_picked_by_name_and_shown_on_the_deal_page_and_list(as_user):
    client = as_user("demo")
    deal = Deal.objects.get(ext_id="tyt-d1")

    response = edit(client, deal, owner__text="Song Jia")
    page = client.get("/deals/tyt-d1/").content.decode()
    mine = client.get("/deals/?owner=ht-kam3").content.decode()
    others = client.get("/deals/?owner=ht-kam1").content.decode()

    assert response.status_code == 204
    assert Deal.objects.get(ext_id="tyt-d1").owner.ext_id == "ht-kam3"
    assert "Song Jia" in page.split('data-testid="deal-owner"')[1][:200]
    assert 'data-deal="tyt-d1"' in mine
    assert 'data-deal="tyt-d1"' not in others
    assert 'data-testid="owner-filter"' in mine


def test_someone_at_a_customer_cannot_own_a_deal(as_user):
    client = as_user("demo")
    deal = Deal.objects.get(ext_id="tyt-d1")
    before = deal.owner_id

    html = edit(client, deal, owner__text="dfb-cfo").content.decode()

    assert "Nobody called" in field_errors(html, "owner")
    assert Deal.objects.get(ext_id="tyt-d1").owner_id == before


def test_a_new_person_gets_their_manager_from_the_person_form(as_user):
    from guanxi.people.models import Tie

    client = as_user("demo")

    response = client.post(
        "/new/person/",
        {"name": "Wang Fang 王芳", "organisation": "dfb", "reports_to__text": "郭哲俊"},
        **HTMX,
    )
    edit_form = client.get("/edit/person/dfb-wang-fang/", **HTMX).content.decode()

    assert response.status_code == 204
    tie = Tie.objects.get(kind="reports_to", source__name="Wang Fang 王芳")
    assert tie.target.ext_id == "dfb-cfo"
    assert "Guo Zhejun 郭哲俊" in field_errors(edit_form, "reports_to")


def test_a_manager_at_another_organisation_is_refused_beside_reports_to(as_user):
    from guanxi.people.models import Person

    client = as_user("demo")
    before = Person.objects.count()

    html = client.post(
        "/new/person/",
        {"name": "Wang Fang 王芳", "organisation": "dfb", "reports_to__text": "Li Na"},
        **HTMX,
    ).content.decode()

    assert "same organisation" in field_errors(html, "reports_to")
    assert Person.objects.count() == before


def test_the_owner_and_reports_to_pickers_suggest_by_name(as_user):
    client = as_user("demo")

    owners = client.get("/new/deal/?suggest=owner&owner__text=Song", **HTMX).content.decode()
    customers = client.get("/new/deal/?suggest=owner&owner__text=Guo", **HTMX).content.decode()
    managers = client.get(
        "/new/person/?suggest=reports_to&reports_to__text=Guo", **HTMX
    ).content.decode()

    assert 'data-pick-id="ht-kam3"' in owners
    assert "dfb-cfo" not in customers
    assert 'data-pick-id="dfb-cfo"' in managers
