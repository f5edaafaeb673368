"""Organisations are picked by name as chips, like people: the person form's organisation,
the deal form's customer and competitors, the group of a new customer. A name typed in
either script is accepted; a name that matches nothing is reported beside its field."""

from __future__ import annotations

import re
from html import unescape

from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person
from guanxi.web.tests.test_entry import HTMX, counts, field_errors


def test_a_person_is_added_at_an_organisation_typed_by_name(as_user):
    client = as_user("lina")

    response = client.post(
        "/new/person/", {"name": "Wang Lei 王磊", "organisation__text": "东方银行"}, **HTMX
    )

    assert response.status_code == 204
    assert Person.objects.get(name="Wang Lei 王磊").organisation.ext_id == "dfb"


def test_an_unknown_organisation_name_is_reported_beside_the_field(as_user):
    client = as_user("lina")
    before = counts()

    html = client.post(
        "/new/person/", {"name": "Wang Lei", "organisation__text": "Nowhere Bank"}, **HTMX
    ).content.decode()

    assert "No organisation called 'Nowhere Bank'" in unescape(field_errors(html, "organisation"))
    assert counts() == before


def test_a_deal_gets_its_customer_and_competitors_by_name(as_user):
    client = as_user("lina")

    response = client.post(
        "/new/deal/",
        {
            "name": "Data lake",
            "organisation__text": "Jiangnan Power Grid",
            "status": "open",
            "competitors": "hr",
            "competitors__text": "Lanxin Technology 蓝芯科技",
        },
        **HTMX,
    )

    deal = Deal.objects.get(name="Data lake")
    assert response.status_code == 204
    assert deal.organisation.ext_id == "jng"
    assert sorted(deal.competitors.values_list("ext_id", flat=True)) == ["hr", "lx"]


def test_an_unknown_competitor_name_is_reported_beside_the_competitors(as_user):
    client = as_user("lina")

    html = client.post(
        "/new/deal/",
        {"name": "X", "organisation__text": "jng", "competitors__text": "Acme"},
        **HTMX,
    ).content.decode()

    assert "No organisation called 'Acme'" in unescape(field_errors(html, "competitors"))
    assert not Deal.objects.filter(name="X").exists()


def test_the_deal_form_shows_its_customer_and_competitors_as_chips_not_ids(as_user):
    client = as_user("lina")

    html = client.get("/edit/deal/dfb-d1/", **HTMX).content.decode()
    customer = field_errors(html, "organisation")
    competitors = field_errors(html, "competitors")

    assert 'class="chip" data-id="dfb"' in customer and "Dongfang Bank" in customer
    assert 'class="chip" data-id="lx"' in competitors and "Lanxin Technology" in competitors
    assert "<select" not in customer and 'type="checkbox"' not in competitors


def test_suggestions_offer_customers_for_the_customer_and_competitors_for_competitors(as_user):
    client = as_user("demo")

    customers = client.get(
        "/new/deal/", {"suggest": "organisation", "organisation__text": "i"}, **HTMX
    ).content.decode()
    rivals = client.get(
        "/new/deal/", {"suggest": "competitors", "competitors__text": "i"}, **HTMX
    ).content.decode()

    kinds = {o.ext_id: o.kind for o in Organisation.objects.all()}
    offered = re.findall(r'data-pick-id="([^"]+)"', customers)
    rival_ids = re.findall(r'data-pick-id="([^"]+)"', rivals)
    assert offered and {kinds[i] for i in offered} == {"customer"}
    assert rival_ids and {kinds[i] for i in rival_ids} == {"competitor"}


def test_a_new_customer_joins_its_group_by_the_groups_name(as_user):
    client = as_user("liangwenbo")

    response = client.post(
        "/new/organisation/",
        {"name": "Qilin Robotics", "kind": "customer", "parent__text": "Qilin Heavy Industry"},
        **HTMX,
    )

    assert response.status_code == 204
    assert Organisation.objects.get(name="Qilin Robotics").parent.ext_id == "qln"
