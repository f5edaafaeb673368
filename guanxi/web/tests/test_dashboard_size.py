"""The dashboard stays a glance at any size: it lists the first customers with a count and a
link to all of them, instead of every customer of a large workspace."""

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
