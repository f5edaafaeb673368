"""CSRF: every page that takes a POST refuses one without the token (nothing is written),
and the same post with the token gets through (so the refusal is the token's doing)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, reverse

from guanxi.core.models import AuditEvent
from guanxi.people.models import Person, Tie
from guanxi.web import urls as web_urls

pytestmark = pytest.mark.django_db

#: sample values for the ids in page URLs
SAMPLES = {
    "person_id": "dfb-ceo",
    "deal_id": "dfb-d1",
    "org_id": "dfb",
    "name": "accounts",
    "username": "guest",
}
#: a body each form would accept (the check must come before the form is even read)
TIE = {"source": "ht-kam1", "target": "dfb-ceo", "kind": "relationship", "strength": "strong"}


def web_pages() -> list[str]:
    """Every page of guanxi.web, with sample ids filled in."""
    urls = []
    for pattern in web_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {name: SAMPLES[name] for name in pattern.pattern.converters}
        urls.append(reverse(f"web:{pattern.name}", kwargs=kwargs))
    return urls


def strict_client(username: str | None = "demo") -> Client:
    client = Client(enforce_csrf_checks=True)
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def fingerprint() -> tuple[int, int, int]:
    return AuditEvent.objects.count(), Person.objects.count(), Tie.objects.count()


def test_every_page_refuses_a_post_without_the_token(demo):
    client = strict_client()
    before = fingerprint()
    pages = [*web_pages(), "/logout/", "/i18n/setlang/"]
    assert "/new/tie/" in pages and "/import/" in pages and "/export/" in pages
    wrong = []
    for url in pages:
        response = client.post(url, TIE)
        if response.status_code != 403 or b"CSRF" not in response.content:
            wrong.append(f"{url}: {response.status_code}")
    assert wrong == []
    assert fingerprint() == before
    assert "_auth_user_id" in client.session  # the logout post did not log out


def test_the_login_page_refuses_a_post_without_the_token(demo):
    response = strict_client(None).post("/login/", {"username": "demo", "password": "demo"})
    assert response.status_code == 403 and b"CSRF" in response.content


def test_the_same_post_with_the_token_gets_through(demo):
    client = strict_client("lina")
    client.get("/new/tie/")
    token = client.cookies["csrftoken"].value
    stranger = (
        Person.objects.filter(organisation__ext_id="dfb")
        .exclude(ties_in__source__ext_id="ht-kam1")
        .exclude(ties_out__target__ext_id="ht-kam1")
        .order_by("ext_id")
        .first()
    )
    before = Tie.objects.count()
    body = {**TIE, "target": stranger.ext_id, "csrfmiddlewaretoken": token}
    response = client.post("/new/tie/", body)
    assert response.status_code == 302
    assert Tie.objects.count() == before + 1
