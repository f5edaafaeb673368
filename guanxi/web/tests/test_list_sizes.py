"""Pages stay usable at any size: the dashboard lists the first customers with a count and a
link to all of them, and the deals list comes in pages, instead of every row of a large
workspace."""

from __future__ import annotations

import re

from guanxi.people.models import Organisation
from guanxi.people.services import save_organisation


def test_the_dashboard_lists_25_customers_and_links_to_all_of_them(as_user):
    # given a workspace of more customers than the dashboard lists
    for i in range(30):
        save_organisation(
            Organisation(ext_id=f"zz-c{i}", name=f"Customer {i}", kind="customer"), actor=None
        )
    total = Organisation.objects.filter(kind="customer").count()
    # when an admin opens the dashboard
    page = as_user("demo").get("/").content.decode()
    # then 25 customers are listed, with how many there are and a link to the whole list
    table = page.split("All customers", 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r'href="/accounts/[^/"]+/"', table)) == 25
    more = page.split('data-testid="dashboard-accounts-more"', 1)[1].split("</p>", 1)[0]
    assert f"25 of {total} customers" in more and 'href="/accounts/"' in more


def test_the_deals_list_comes_in_pages_with_the_pipeline_counting_them_all(as_user, monkeypatch):
    # given more deals than a page holds (five here)
    from guanxi.web.views import deals

    monkeypatch.setattr(deals, "PAGE_SIZE", 5)
    client = as_user("demo")
    # when the list and its second page are opened
    first = client.get("/deals/").content.decode()
    second = client.get("/deals/", {"page": 2}).content.decode()
    # then each page shows five different deals, with a way to the next page
    rows = [set(re.findall(r'<tr data-deal="([^"]+)"', page)) for page in (first, second)]
    assert len(rows[0]) == len(rows[1]) == 5 and not rows[0] & rows[1]
    assert 'class="pager"' in first and "page=2" in first
