"""`guanxi serve` is the production server: every page answers, static files are served from
the manifest, errors are the app's own pages, and no debug page shows anywhere."""

from __future__ import annotations

import json
import stat

import pytest

from tests.server.conftest import STATIC_URL, Browser

DEBUG_MARKS = (b"Traceback", b"URLconf", b"DEBUG = True", b"django.core", b"Request Method")

#: one page of each type, as the demo's admin opens them
PAGES = [
    "/",
    "/accounts/",
    "/accounts/dfb/",
    "/people/dfb-ceo/",
    "/employees/",
    "/employees/ht-kam1/",
    "/deals/",
    "/deals/dfb-d1/",
    "/competitors/",
    "/competitors/lx/",
    "/search/?q=dfb",
    "/import/",
    "/audit/",
    "/handovers/",
    "/new/tie/?target=dfb-ceo",
    "/api/company",
    "/api/accounts/dfb/analysis",
    "/api/docs",
    "/admin/",
]


@pytest.fixture(scope="module")
def admin(demo_served) -> Browser:
    browser = Browser(demo_served.url)
    browser.login("demo")
    return browser


def test_the_server_is_gunicorn_with_the_workers_asked_for(demo_served):
    log = demo_served.log.read_text()
    assert "2 workers × 2 threads" in log
    assert "development server" not in log


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_answers_200_without_debug_output(admin, path):
    status, headers, body = admin.get(path)
    assert status == 200, body[:500]
    assert not any(mark in body for mark in DEBUG_MARKS)


def test_static_files_are_served_hashed_from_the_manifest(admin):
    _, _, body = admin.get("/")
    urls = sorted(set(STATIC_URL.findall(body.decode())))
    assert any("/static/vendor/htmx.min." in u for u in urls)
    for url in urls:
        status, headers, content = admin.get(url, **{"Accept-Encoding": "gzip"})
        assert status == 200, url
        assert content
        assert "max-age=315360000" in headers.get("Cache-Control", ""), url


def test_an_unknown_address_is_the_apps_own_404_page(admin):
    status, _, body = admin.get("/accounts/nope/")
    assert status == 404
    assert b'data-testid="not-found"' in body and b"Guanxi" in body
    assert not any(mark in body for mark in DEBUG_MARKS)
    status, _, body = admin.get("/no/such/page/")
    assert status == 404 and b'data-testid="not-found"' in body


def test_a_sales_user_outside_her_scope_sees_the_apps_404_not_a_debug_page(demo_served):
    lina = Browser(demo_served.url)
    lina.login("lina")
    status, _, body = lina.get("/accounts/tyt/")
    assert status == 404
    assert b'data-testid="not-found"' in body
    assert not any(mark in body for mark in DEBUG_MARKS)


def test_the_api_answers_404_in_its_own_shape(admin):
    status, _, body = admin.get("/api/accounts/nope/analysis")
    assert status == 404
    assert json.loads(body)["detail"][0]["message"]


def test_healthz_answers_without_login(demo_served):
    status, _, body = Browser(demo_served.url).get("/healthz")
    answer = json.loads(body)
    assert status == 200
    assert answer["status"] == "ok" and answer["database"] == "ok"
    assert answer["data_version"] >= 1


def test_a_secret_key_is_made_once_readable_by_its_owner_only_and_never_printed(demo_served):
    key_file = demo_served.workdir / "config" / "guanxi" / "secret_key"
    key = key_file.read_text().strip()
    assert len(key) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key not in demo_served.log.read_text()
