"""The account graph's side panel (/people/<id>/panel/): closeness, who of us knows the
person, the best path and their open deals, with exactly the key-person page's permissions."""

from __future__ import annotations

import json
import re

import pytest

from guanxi.deals.models import Deal, DealRole
from guanxi.people.models import Person
from guanxi.scoring.engine import forget_warm_workspace
from guanxi.scoring.reports import paths_report, person_report

pytestmark = pytest.mark.django_db


def part(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</ul>")[0].split("</p>")[0]


def test_panel_shows_closeness_who_knows_them_best_path_and_open_deals(as_user):
    client = as_user("demo")
    deals = Deal.objects.filter(roles__person__ext_id="dfb-ceo")
    closed = deals.first()
    Deal.objects.filter(pk=closed.pk).update(status="won")  # one role in a closed deal
    Deal.objects.create(
        ext_id="dfb-open2", name="Branch kiosks", organisation=closed.organisation, stage="proposal"
    ).roles.create(person=Person.objects.get(ext_id="dfb-ceo"), role="approver")
    forget_warm_workspace()
    view = person_report("dfb-ceo")
    best = paths_report("dfb-ceo")[0]

    response = client.get("/people/dfb-ceo/panel/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for the panel, not a page
    assert f">{round(view['closeness'])}</span>" in part(html, "panel-closeness")
    known = part(html, "panel-known-by")
    assert len(re.findall(r"<li>", known)) == len(view["ours"]["direct"]) > 0
    strongest = max(view["ours"]["direct"], key=lambda d: d["strength"])
    assert f">{round(strongest['strength'])}</span>" in known
    path = part(html, "panel-path")
    assert f'data-graph-path="{" ".join(best["people"])}"' in path
    assert path.count("→") == len(best["people"]) - 1
    listed = part(html, "panel-deals")
    assert {d.ext_id for d in deals if d.status == "open"} == set(
        re.findall(r'href="/deals/([^/]+)/"', listed)
    )
    assert "dfb-open2" in listed and f"/deals/{closed.ext_id}/" not in listed
    assert "approver" in listed and "proposal" in listed.lower()


def test_contributor_panel_shows_the_path_only(as_user):
    client = as_user("chenjing")
    best = paths_report("dfb-ceo")[0]

    html = client.get("/people/dfb-ceo/panel/").content.decode()

    assert f'data-graph-path="{" ".join(best["people"])}"' in html
    assert 'data-testid="panel-closeness"' not in html
    assert 'data-testid="panel-known-by"' not in html
    assert 'data-testid="panel-deals"' not in html


@pytest.mark.parametrize(
    ("username", "person", "status"),
    [("guest", "dfb-ceo", 403), ("lina", "tyt-ceo", 404), ("demo", "nobody-here", 404)],
)
def test_panel_refuses_what_the_key_person_page_refuses(as_user, username, person, status):
    client = as_user(username)

    page = client.get(f"/people/{person}/").status_code
    panel = client.get(f"/people/{person}/panel/").status_code

    assert (page, panel) == (status, status)


def test_account_graph_flags_open_deal_role_holders_and_carries_departments(as_user):
    client = as_user("demo")
    open_roles = set(
        DealRole.objects.filter(deal__organisation__ext_id="dfb", deal__status="open").values_list(
            "person__ext_id", flat=True
        )
    )
    closed_only = (
        set(
            DealRole.objects.filter(deal__organisation__ext_id="dfb")
            .exclude(deal__status="open")
            .values_list("person__ext_id", flat=True)
        )
        - open_roles
    )

    html = client.get("/accounts/dfb/").content.decode()

    data = json.loads(
        re.search(r'<script id="account-graph" type="application/json">(.*?)</script>', html, re.S)[
            1
        ]
    )
    flagged = {n["id"] for n in data["nodes"] if n["role_holder"]}
    assert flagged == open_roles and open_roles
    assert not flagged & closed_only
    ceo = next(n for n in data["nodes"] if n["id"] == "dfb-ceo")
    assert ceo["department"] == Person.objects.get(ext_id="dfb-ceo").department != ""
