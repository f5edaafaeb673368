"""Our relationship resource graph, employee view: `/employees/` and `/employees/<id>/` on
the demo workspace, for the demo admin, a sales user (lina, person ht-kam1) and others."""

from __future__ import annotations

import re

import pytest

from guanxi.people.models import Person


def row_ids(html: str) -> list[str]:
    """Employee ids of the list's rows, in page order."""
    return re.findall(r'data-testid="employee-row" data-id="([^"]+)"', html)


def test_the_list_ranks_everyone_of_ours_by_resources_sales_and_non_sales(as_user):
    client = as_user("demo")

    response = client.get("/employees/")

    assert response.status_code == 200
    html = response.content.decode()
    ids = row_ids(html)
    ours = Person.objects.filter(organisation__kind="own", status="active")
    assert set(ids) == set(ours.values_list("ext_id", flat=True))
    resources = {e["id"]: e["resources"] for e in response.context["page"]}
    values = [resources[i] for i in ids]
    assert values == sorted(values, reverse=True)
    non_sales = set(ours.filter(is_sales=False).values_list("ext_id", flat=True))
    assert non_sales & set(ids) and "non-sales" in html


def test_the_list_leaves_out_people_who_left_and_notes_their_hand_over(as_user):
    client = as_user("demo")
    departed = Person.objects.get(organisation__kind="own", status="left")

    html = client.get("/employees/").content.decode()

    assert departed.ext_id not in row_ids(html)
    assert 'data-testid="departed-note"' in html
    assert f"/employees/{departed.ext_id}/" in html


def test_the_non_sales_share_of_resources_is_shown_as_a_percentage(as_user):
    client = as_user("demo")

    response = client.get("/employees/")

    everyone = list(response.context["page"])
    total = sum(e["resources"] for e in everyone)
    held = sum(e["resources"] for e in everyone if not e["is_sales"])
    assert response.context["iceberg"]["share"] == pytest.approx(held / total)
    assert f"{round(100 * held / total)}%" in response.content.decode()


def test_the_function_filter_and_the_search_box_narrow_the_list(as_user):
    client = as_user("demo")

    non_sales = client.get("/employees/", {"function": "non_sales"}).context["page"]
    sales = client.get("/employees/", {"function": "sales"}).context["page"]
    found = client.get("/employees/", {"q": "chen jing"}).context["page"]

    assert non_sales and all(not e["is_sales"] for e in non_sales)
    assert sales and all(e["is_sales"] for e in sales)
    assert [e["id"] for e in found] == ["ht-hr"]


def test_the_live_search_answers_with_the_rows_only(as_user):
    client = as_user("demo")

    response = client.get(
        "/employees/", {"q": "li na"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="employee-rows"
    )

    html = response.content.decode()
    assert html.startswith('<div id="employee-rows">') and "<html" not in html
    assert row_ids(html) == ["ht-kam1"]


def test_the_list_takes_a_bounded_number_of_queries(as_user, django_assert_max_num_queries):
    client = as_user("demo")
    client.get("/employees/")  # warm the analysis workspace

    with django_assert_max_num_queries(15):
        response = client.get("/employees/")

    assert response.status_code == 200


def test_an_employee_page_shows_resources_key_people_graph_accounts_and_credit(as_user):
    client = as_user("demo")

    response = client.get("/employees/ht-kam1/")

    assert response.status_code == 200
    html = response.content.decode()
    profile = response.context["p"]
    assert profile["resources"] > 0 and profile["rank"] == 1
    assert profile["key_people"] and all(r["strength"] >= 40 for r in profile["key_people"])
    importance = [r["importance"] for r in profile["relationships"]]
    assert importance == sorted(importance, reverse=True)
    assert 'data-testid="relationship-graph"' in html and 'id="employee-graph"' in html
    graph = response.context["graph"]
    centre = [n for n in graph["nodes"] if n.get("centre")]
    assert [n["id"] for n in centre] == ["ht-kam1"]
    assert {e["source"] for e in graph["edges"] if e["kind"] == "relationship"} == {"ht-kam1"}
    assert profile["accounts"] and all(0 <= a["share"] <= 1 for a in profile["accounts"])
    assert response.context["credit"] and response.context["credit_total"] > 0
    assert "/new/tie/?source=ht-kam1" in html and "/new/interaction/?person=ht-kam1" in html


def test_credit_per_deal_adds_up_to_the_company_views_credit(as_user):
    client = as_user("demo")
    listed = {e["id"]: e["credit"] for e in client.get("/employees/").context["page"]}

    for employee in ("ht-kam1", "ht-ps1", "ht-dm1"):
        total = client.get(f"/employees/{employee}/").context["credit_total"]
        assert total == pytest.approx(listed[employee])


def test_a_non_sales_employee_has_their_own_resources_page(as_user):
    client = as_user("demo")

    response = client.get("/employees/ht-hr/")

    assert response.status_code == 200
    assert response.context["p"]["is_sales"] is False
    assert "non-sales" in response.content.decode()


def test_a_sales_user_is_taken_from_the_list_to_her_own_page(as_user):
    client = as_user("lina")

    response = client.get("/employees/")

    assert response.status_code == 302
    assert response["Location"] == "/employees/ht-kam1/"
    assert client.get("/employees/ht-kam1/").status_code == 200


def test_a_sales_user_may_not_open_someone_elses_employee_page(as_user):
    client = as_user("lina")

    assert client.get("/employees/ht-ps1/").status_code == 403
    assert client.get("/employees/ht-hr/").status_code == 403


def test_a_contributor_sees_only_her_own_page(as_user):
    client = as_user("chenjing")

    assert client.get("/employees/")["Location"] == "/employees/ht-hr/"
    assert client.get("/employees/ht-hr/").status_code == 200
    # a colleague she may not see answers as an unknown id would
    assert client.get("/employees/ht-kam1/").status_code == 404


def test_a_manager_opens_anyone_and_unknown_ids_are_not_found(as_user):
    client = as_user("liangwenbo")

    assert client.get("/employees/ht-hr/").status_code == 200
    assert client.get("/employees/nobody-here/").status_code == 404


def test_a_customer_persons_id_leads_to_their_key_person_page(as_user):
    client = as_user("demo")
    customer = Person.objects.filter(organisation__kind="customer").first()

    response = client.get(f"/employees/{customer.ext_id}/")

    assert response.status_code == 302
    assert response["Location"] == f"/people/{customer.ext_id}/"


def test_a_departed_employees_page_lists_the_relationships_to_hand_over(as_user):
    client = as_user("demo")
    departed = Person.objects.get(organisation__kind="own", status="left")

    response = client.get(f"/employees/{departed.ext_id}/")

    assert response.status_code == 200
    ties = response.context["left"]["ties"]
    assert ties and 'data-testid="handover-table"' in response.content.decode()
    assert [t["importance"] for t in ties] == sorted((t["importance"] for t in ties), reverse=True)


def test_a_competitors_person_opens_as_that_competitors_employee_view(as_user):
    client = as_user("demo")

    response = client.get("/employees/lx-am2/")

    assert response.status_code == 200
    profile = response.context["p"]
    assert profile["side"] == "competitor" and profile["credit"] == []
    assert as_user("lina").get("/employees/lx-am2/").status_code == 403


def test_a_viewer_sees_everyones_numbers_but_not_the_people_behind_them(as_user):
    client = as_user("guest")

    listed = client.get("/employees/")
    page = client.get("/employees/ht-kam1/")

    assert listed.status_code == 200 and row_ids(listed.content.decode())
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="resources-score"' in html
    assert 'data-testid="employee-relationships"' not in html
    assert 'data-testid="relationship-graph"' not in html
    assert "/new/tie/" not in html
