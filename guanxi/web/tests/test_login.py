"""Every page requires login; a user who logs in reaches the workspace."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from guanxi.access.services import add_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/admin/", "/admin/people/person/"])
def test_pages_send_anonymous_visitors_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_login_page_itself_is_open_and_says_what_it_is(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "Log in to Guanxi" in response.content.decode()


def test_wrong_password_is_refused_in_place(client):
    add_user(username="ann", role="manager", password="a-Long-pass-42", actor=None)
    response = client.post("/login/", {"username": "ann", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_a_manager_who_logs_in_to_an_empty_workspace_is_told_how_to_fill_it(client):
    add_user(username="ann", role="manager", password="a-Long-pass-42", actor=None)
    assert client.login(username="ann", password="a-Long-pass-42")
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Welcome to Guanxi" in page and "guanxi import" in page


def test_admin_role_gets_the_admin_and_others_do_not():
    admin = add_user(username="root", role="admin", password="a-Long-pass-42", actor=None)
    viewer = add_user(username="vic", role="viewer", password="a-Long-pass-42", actor=None)
    assert admin.is_staff and admin.is_superuser
    assert not viewer.is_staff
    assert get_user_model().objects.count() == 2
