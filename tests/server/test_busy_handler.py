"""A busy database met outside a view (a middleware asking for the user, say) still answers
503 with Retry-After, not the 500 page; other errors keep the 500s."""

from __future__ import annotations

import json

from django.db import OperationalError

from guanxi.core.busy import server_error


def answer_while_handling(request, exc):
    try:
        raise exc
    except Exception:  # noqa: BLE001 - the handler is called inside the except, as Django does
        return server_error(request)


def test_a_page_request_gets_the_busy_page(rf):
    response = answer_while_handling(rf.get("/accounts/"), OperationalError("database is locked"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert b'data-testid="busy"' in response.content


def test_an_api_request_gets_the_api_error_shape(rf):
    busy = OperationalError("couldn't get a connection after 10.00 sec")
    response = answer_while_handling(rf.get("/api/company"), busy)
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert "busy" in json.loads(response.content)["detail"][0]["message"]


def test_any_other_error_stays_a_500(rf):
    response = answer_while_handling(rf.get("/api/company"), ValueError("a bug"))
    assert response.status_code == 500
    assert json.loads(response.content)["detail"][0]["message"].startswith("Internal error")
    page = answer_while_handling(rf.get("/accounts/"), OperationalError("no such table: x"))
    assert page.status_code == 500 and b'data-testid="server-error"' in page.content


def test_a_form_sent_by_htmx_gets_just_the_busy_card_for_its_drawer(rf):
    request = rf.post("/new/tie/", HTTP_HX_REQUEST="true")
    response = answer_while_handling(request, OperationalError("database is locked"))
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert b'data-testid="busy"' in response.content
    assert b"<html" not in response.content
