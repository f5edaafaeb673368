"""Admins and managers add customers, competitors and users in the app, not only in the
Django admin; other roles may not."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.people.models import Organisation
from guanxi.web.tests.test_entry import HTMX, field_errors


def test_a_manager_adds_a_customer_and_lands_on_its_account_page(as_user):
    client = as_user("liangwenbo")

    response = client.post(
        "/new/organisation/", {"name": "Nanhai Bank 南海银行", "kind": "customer", "tier": ""}
    )

    org = Organisation.objects.get(name="Nanhai Bank 南海银行")
    assert org.kind == "customer"
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/{org.ext_id}/"


def test_an_admin_adds_a_competitor_from_the_competitors_page(as_user):
    client = as_user("demo")

    page = client.get("/competitors/").content.decode()
    response = client.post(
        "/new/organisation/?kind=competitor",
        {"name": "Beihai Soft", "kind": "competitor", "ext_id": "bhs"},
        **HTMX,
    )

    assert 'data-testid="add-competitor"' in page
    assert response.status_code == 204
    assert Organisation.objects.get(ext_id="bhs").kind == "competitor"


def test_a_second_own_company_cannot_be_chosen(as_user):
    client = as_user("demo")

    html = client.post(
        "/new/organisation/", {"name": "Us again", "kind": "own"}, **HTMX
    ).content.decode()

    assert "not one of the available choices" in field_errors(html, "kind")


def test_an_admin_adds_a_sales_user_linked_to_one_of_our_people(as_user):
    client = as_user("demo")

    response = client.post(
        "/new/user/",
        {
            "username": "songjia",
            "password": "a-long-first-password-9",
            "role": "sales",
            "person__text": "Song Jia",
            "accounts": ["dfb", "stl"],
        },
        **HTMX,
    )

    user = get_user_model().objects.get(username="songjia")
    assert response.status_code == 204
    assert user.person.ext_id == "ht-kam3"
    assert sorted(user.profile.accounts.values_list("ext_id", flat=True)) == ["dfb", "stl"]
    assert user.check_password("a-long-first-password-9")


def test_a_manager_cannot_make_an_admin_and_a_taken_name_is_refused(as_user):
    client = as_user("liangwenbo")

    html = client.post(
        "/new/user/",
        {"username": "LINA", "password": "short", "role": "admin"},
        **HTMX,
    ).content.decode()

    assert "taken" in field_errors(html, "username")
    assert "not one of the available choices" in field_errors(html, "role")
    assert not get_user_model().objects.filter(username="LINA").exists()


@pytest.mark.parametrize("username", ["lina", "chenjing", "guest"])
@pytest.mark.parametrize("url", ["/new/organisation/", "/new/user/"])
def test_other_roles_may_not_add_organisations_or_users(as_user, username, url):
    client = as_user(username)

    assert client.get(url, **HTMX).status_code == 403
    assert client.post(url, {"name": "x", "username": "x"}, **HTMX).status_code == 403
