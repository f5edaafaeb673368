"""The lists' pagers (one partial): page n of m, and Previous / Next links that keep the
list's filters."""

from __future__ import annotations

import html
import re

import pytest

from guanxi.web.views import accounts, employees, handover


def links(page: str) -> dict[str, str]:
    """The pager's links by their text (Previous / Next)."""
    pager = page[page.index('class="pager"') :]
    pager = pager[: pager.index("</nav>")]
    found = re.findall(r'href="([^"]*)">(\w+)</a>', pager)
    return {text: html.unescape(href) for href, text in found}


@pytest.mark.parametrize(
    ("module", "url", "kept"),
    [
        (employees, "/employees/?function=sales&page=2", "function=sales"),
        (accounts, "/accounts/?level=weak&page=2", "level=weak"),
    ],
)
def test_the_pager_moves_between_pages_keeping_the_filters(as_user, monkeypatch, module, url, kept):
    # given a list cut into pages of one row (each filtered list has at least three rows)
    monkeypatch.setattr(module, "PAGE_SIZE", 1)
    # when the second page of a filtered list is shown
    page = as_user("liangwenbo").get(url).content.decode()
    # then it says where it is and both links keep the filter
    assert re.search(r"Page 2 of ([3-9]|\d\d+)", page)
    found = links(page)
    assert kept in found["Previous"] and "page=1" in found["Previous"]
    assert kept in found["Next"] and "page=3" in found["Next"]


def test_the_hand_over_list_pages_keep_owner_and_status(as_user, monkeypatch):
    monkeypatch.setattr(handover, "PAGE_SIZE", 2)
    client = as_user("liangwenbo")
    assert client.post("/handovers/ht-zp/", {"action": "create"}).status_code == 302
    page = client.get("/handovers/?owner=all&status=open").content.decode()
    assert "Page 1 of" in page
    next_link = links(page)["Next"]
    assert "owner=all" in next_link and "status=open" in next_link and "page=2" in next_link
