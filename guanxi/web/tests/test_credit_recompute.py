"""v2: a manager recomputes a won deal's credit from its page; nobody else sees the button or
may post it."""

from __future__ import annotations

from guanxi.core.models import AuditEvent
from guanxi.deals.models import DealCredit


def test_a_manager_recomputes_credit_from_the_deal_page(as_user):
    client = as_user("liangwenbo")
    html = client.get("/deals/stl-d1/").content.decode()
    assert 'data-testid="recompute-credit"' in html
    response = client.post("/deals/stl-d1/credit/", follow=True)
    assert response.status_code == 200
    assert "Credit recomputed from today" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor_name="liangwenbo", object_id="stl-d1", summary__contains="credit recomputed"
    ).exists()


def test_no_button_on_an_open_deal_and_no_recompute_for_a_contributor(as_user):
    manager = as_user("liangwenbo")
    assert 'data-testid="recompute-credit"' not in manager.get("/deals/stl-d2/").content.decode()
    before = sorted(DealCredit.objects.values_list("deal_id", "person_id", "share"))
    contributor = as_user("chenjing")
    assert contributor.post("/deals/stl-d1/credit/").status_code in (403, 404)
    assert contributor.get("/deals/stl-d1/credit/").status_code in (403, 404, 405)
    assert sorted(DealCredit.objects.values_list("deal_id", "person_id", "share")) == before
