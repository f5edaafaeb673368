"""Login users in the app: admins list and change every login, managers see all and change
only sales, contributor and viewer logins; changes are audited, logins are deactivated but
never deleted, and the last admin cannot demote or deactivate themself."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from guanxi.access.services import role_of
from guanxi.core.models import AuditEvent
from guanxi.web.tests.test_entry import HTMX, field_errors

User = get_user_model()


def user_rows(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('data-user="')[1:]]


def test_an_admin_lists_every_login_with_role_employee_team_and_last_login(as_user):
    client = as_user("demo")

    html = client.get("/users/").content.decode()
    lina = html.split('data-user="lina"')[1].split("</tr>")[0]

    assert set(user_rows(html)) >= {"demo", "liangwenbo", "lina", "chenjing", "guest"}
    assert "sales" in lina and "Li Na" in lina and "Dongfang Bank" in lina
    assert "active" in lina and "never" in lina
    assert html.count('data-testid="edit-user"') == len(user_rows(html))


def test_an_admin_changes_a_role_team_and_employee_with_an_audit_record(as_user):
    client = as_user("demo")

    response = client.post(
        "/users/guest/edit/",
        {"role": "sales", "active": "on", "person__text": "Gao Yuan", "accounts": ["tyt"]},
        **HTMX,
    )
    guest = User.objects.get(username="guest")
    event = AuditEvent.objects.filter(object_type="user", object_id="guest").latest("pk")

    assert response.status_code == 204
    assert role_of(guest) == "sales"
    assert list(guest.profile.accounts.values_list("ext_id", flat=True)) == ["tyt"]
    assert guest.person.ext_id == "ht-kam2"
    assert event.changes["role"] == ["viewer", "sales"]
    assert event.actor_name == "demo"


def test_a_deactivated_login_stays_listed_and_cannot_log_in(as_user, client):
    admin = as_user("demo")

    admin.post("/users/guest/edit/", {"role": "viewer"}, **HTMX)
    html = admin.get("/users/").content.decode()
    client.logout()
    logged_in = client.login(username="guest", password="demo")

    assert User.objects.filter(username="guest", is_active=False).exists()
    assert "deactivated" in html.split('data-user="guest"')[1].split("</tr>")[0]
    assert logged_in is False


def test_the_last_admin_cannot_demote_or_deactivate_themself(as_user):
    client = as_user("demo")

    demoted = client.post("/users/demo/edit/", {"role": "manager", "active": "on"}, **HTMX)
    gone = client.post("/users/demo/edit/", {"role": "admin"}, **HTMX)

    assert "last admin" in field_errors(demoted.content.decode(), "role")
    assert "last admin" in field_errors(gone.content.decode(), "active")
    assert User.objects.get(username="demo").is_active
    assert role_of(User.objects.get(username="demo")) == "admin"


def test_with_a_second_admin_an_admin_may_step_down(as_user):
    client = as_user("demo")
    client.post("/users/liangwenbo/edit/", {"role": "admin", "active": "on"}, **HTMX)

    response = client.post("/users/demo/edit/", {"role": "manager", "active": "on"}, **HTMX)

    assert response.status_code == 204
    assert role_of(User.objects.get(username="demo")) == "manager"


def test_a_manager_sees_every_login_but_changes_only_sales_contributors_and_viewers(as_user):
    client = as_user("liangwenbo")

    html = client.get("/users/").content.decode()
    admin_row = html.split('data-user="demo"')[1].split("</tr>")[0]
    sales_row = html.split('data-user="lina"')[1].split("</tr>")[0]
    on_admin = client.get("/users/demo/edit/", **HTMX)
    promote = client.post("/users/lina/edit/", {"role": "admin", "active": "on"}, **HTMX)

    assert 'data-testid="edit-user"' not in admin_row
    assert 'data-testid="edit-user"' in sales_row
    assert on_admin.status_code == 403
    assert promote.status_code == 200 and field_errors(promote.content.decode(), "role")
    assert role_of(User.objects.get(username="lina")) == "sales"


def test_sales_and_viewers_cannot_open_the_user_list(as_user):
    assert as_user("lina").get("/users/").status_code == 403
    assert as_user("guest").get("/users/").status_code == 403
    assert as_user("lina").post("/users/guest/edit/", {"role": "admin"}).status_code == 403


def test_the_user_list_reads_in_chinese(as_user):
    client = as_user("demo")
    client.cookies["django_language"] = "zh-hans"

    html = client.get("/users/").content.decode()

    assert "用户" in html and "销售" in html and "关联员工" in html
