"""Authorization matrix of the pages: role × route × account (the table of
tests/security/matrix.py, shared with the API's), and a sales user sees nothing of an account
she is not on (Tianyu Telecom, tyt) anywhere she may go.

Demo roles: demo admin, liangwenbo manager, lina sales on dfb and jng (person ht-kam1),
chenjing contributor (person ht-hr), guest viewer.

403 means "you may know this exists, but not open it here" (the choke point shows the record
to the user, or the role has no such pages at all); a record the user may not see answers
404, exactly like an id that does not exist, so no page confirms that a hidden id exists.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

from guanxi.access.permissions import restrict
from guanxi.deals.models import Deal
from guanxi.demo.load import load_demo
from guanxi.people.models import Organisation, Person
from guanxi.scoring.engine import forget_warm_workspace
from tests.security.conftest import ROLES, client_for
from tests.security.matrix import ORDER, PAGES, REDIRECTS, C, S, V

pytestmark = pytest.mark.django_db
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo workspace, loaded once for the module (each test still rolls back)."""
    forget_warm_workspace()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        load_demo(actor="test")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
    forget_warm_workspace()


@pytest.fixture
def demo(demo_module, db, settings):
    """The module's demo workspace, with no login slow-down."""
    settings.GUANXI_LOGIN_DELAY_SECONDS = 0


@pytest.mark.parametrize("role", ORDER)
def test_each_role_gets_the_status_its_rules_give_on_every_page(demo, role):
    client = client_for(ROLES[role])
    wrong = []
    for route, expected in PAGES.items():
        response = client.get(route)
        got = response.status_code
        where = response.get("Location", "")
        if got != expected[role] or (got == 302 and where != REDIRECTS[(role, route)]):
            wrong.append(f"{route}: expected {expected[role]}, got {got} {where}".strip())
    assert wrong == [], f"{role} ({ROLES[role]}):\n" + "\n".join(wrong)


def test_anonymous_visitors_are_sent_to_log_in_from_every_page(db):
    client = Client()
    for route in PAGES:
        response = client.get(route)
        assert response.status_code == 302, route
        assert response["Location"].startswith("/login/?next="), route


# --- a sales user sees nothing of an account she is not on ------------------------------


def tyt_markers() -> list[str]:
    """Texts that would show something of Tianyu Telecom: its name, its people's and deals'
    ids and names (a name shared with someone lina may see is left out), its links."""
    lina = get_user_model().objects.get(username="lina")
    visible = set(restrict(lina, Person.objects.all()).values_list("name", flat=True))
    tyt = Organisation.objects.get(ext_id="tyt")
    people = Person.objects.filter(organisation=tyt)
    deals = Deal.objects.filter(organisation=tyt)
    names = {p.name for p in people if p.name not in visible} | {d.name for d in deals}
    ids = {p.ext_id for p in people} | {d.ext_id for d in deals}
    names |= {tyt.name, *tyt.name.split(" ", 2)[-1:], "Tianyu Telecom"}
    markers = {"/accounts/tyt/", '"tyt"', "'tyt'"}
    # as the page shows them, and as graph JSON carries them (non-ASCII as \u escapes)
    markers |= names | {html.escape(n) for n in names} | {json.dumps(n)[1:-1] for n in names}
    markers |= {f'"{i}"' for i in ids} | {f"/{i}/" for i in ids} | {f">{i}<" for i in ids}
    return sorted(m for m in markers if len(m) >= 3)


def leaks(client: Client, url: str, markers: list[str], echo: str = "") -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    if echo:  # the query the user typed is shown back to them: not a leak
        body = body.replace(html.escape(echo), "").replace(echo, "")
    return [
        f"{url}: {m!r} near {body[max(0, body.find(m) - 60) : body.find(m) + 60]!r}"
        for m in markers
        if m in body
    ]


def summary(found: list[str]) -> str:
    """The leaking pages, each with its first finding."""
    pages: dict[str, str] = {}
    for f in found:
        pages.setdefault(f.split(": ", 1)[0], f)
    return f"{len(found)} findings on {len(pages)} pages:\n" + "\n".join(pages.values())


def lina_pages() -> list[str]:
    """Every page lina may open but competitors' people: lists, her accounts and deals, the
    customers' key people, the drawer forms."""
    lina = get_user_model().objects.get(username="lina")
    people = restrict(lina, Person.objects.filter(organisation__kind="customer"))
    deals = restrict(lina, Deal.objects.all()).values_list("ext_id", flat=True)
    pages = ["/accounts/", "/accounts/dfb/", "/accounts/jng/", "/deals/", "/deals/?customer=tyt"]
    pages += [f"/deals/{d}/" for d in deals]
    pages += [f"/people/{p.ext_id}/" for p in people.order_by("-power", "ext_id")[:12]]
    pages += ["/new/tie/", "/new/interaction/", "/new/deal/", "/new/person/"]
    return pages


def competitor_pages() -> list[str]:
    """The key-person pages of the competitors' people lina may see (tied into her accounts)."""
    lina = get_user_model().objects.get(username="lina")
    people = restrict(lina, Person.objects.filter(organisation__kind="competitor"))
    return [f"/people/{p.ext_id}/" for p in people.order_by("ext_id")]


def test_lina_sees_nothing_of_tianyu_telecom_on_any_page_she_may_open(demo):
    markers = tyt_markers()
    client = client_for("lina")
    found = []
    for url in lina_pages():
        found += leaks(client, url, markers)
    assert found == [], summary(found)


@pytest.mark.parametrize("query", ["tyt", "Tianyu", "天宇", "Tianyu Telecom", "tyt-ceo"])
def test_lina_finds_nothing_of_tianyu_telecom_by_searching(demo, query):
    markers = tyt_markers()
    client = client_for("lina")
    ceo_name = Person.objects.get(ext_id="tyt-ceo").name
    found = []
    for q in (query, ceo_name):
        found += leaks(client, f"/search/?q={q}", markers, echo=q)
        for form in ("/new/tie/?suggest=target", "/new/interaction/?suggest=participants"):
            found += leaks(client, f"{form}&q={q}", markers, echo=q)
        found += leaks(client, f"/edit/deal/dfb-d1/role/?suggest=person&q={q}", markers, echo=q)
    assert found == [], summary(found)


def test_lina_cannot_record_a_tie_to_a_tianyu_person(demo):
    client = client_for("lina")
    before = Person.objects.get(ext_id="tyt-ceo").ties_in.count()
    response = client.post(
        "/new/tie/",
        {"source": "ht-kam1", "target": "tyt-ceo", "kind": "relationship", "strength": "strong"},
    )
    assert response.status_code == 200  # the form again, with the error on the field
    assert Person.objects.get(ext_id="tyt-ceo").ties_in.count() == before


def test_lina_sees_nothing_of_tianyu_telecom_on_competitor_people_pages(demo):
    markers = tyt_markers()
    client = client_for("lina")
    pages = competitor_pages()
    assert pages, "lina sees competitors' people tied into her accounts"
    found = [f for url in pages for f in leaks(client, url, markers)]
    assert found == [], summary(found)


def test_lina_sees_nothing_of_tianyu_telecom_on_her_own_employee_page(demo):
    assert leaks(client_for("lina"), "/employees/ht-kam1/", tyt_markers()) == []


def test_a_viewer_sees_no_customer_person_on_the_dashboard(demo):
    body = client_for("guest").get("/").content.decode()
    customers = Person.objects.filter(organisation__kind="customer")
    assert [p.ext_id for p in customers if f"/people/{p.ext_id}/" in body] == []


def test_a_contributor_cannot_start_paths_at_another_colleague(demo):
    body = client_for("chenjing").get("/people/dfb-ceo/?from=ht-kam1").content.decode()
    assert "not one of our people you can start from" in body


@pytest.mark.parametrize(
    ("role", "hidden", "unknown", "hidden_id"),
    [
        (S, "/accounts/tyt/", "/accounts/nope/", "tyt"),
        (S, "/people/tyt-ceo/", "/people/nope/", "tyt-ceo"),
        (S, "/employees/tyt-ceo/", "/employees/nope/", "tyt-ceo"),
        (S, "/deals/tyt-d1/", "/deals/nope/", "tyt-d1"),
        (S, "/edit/person/tyt-ceo/", "/edit/person/nope/", "tyt-ceo"),
        (S, "/edit/deal/tyt-d1/", "/edit/deal/nope/", "tyt-d1"),
        (S, "/edit/deal/tyt-d1/role/", "/edit/deal/nope/role/", "tyt-d1"),
        (S, "/new/person/?org=tyt", "/new/person/?org=nope", "tyt"),
        (C, "/people/ht-kam1/", "/people/nope/", "ht-kam1"),
        (C, "/employees/ht-kam1/", "/employees/nope/", "ht-kam1"),
        (V, "/employees/tyt-ceo/", "/employees/nope/", "tyt-ceo"),
    ],
)
def test_a_record_the_user_may_not_see_answers_exactly_as_an_unknown_id(
    demo, role, hidden, unknown, hidden_id
):
    # given a user who may not see the record (lina, sales, may not see Tianyu (tyt); chenjing,
    # a contributor, does not know ht-kam1; guest, a viewer, sees no person)
    client = client_for(ROLES[role])
    # when they open a page about it, and the same page for an id that does not exist
    seen, missing = client.get(hidden), client.get(unknown)
    # then both answer the same 404 page (only the id in the address differs): no redirect,
    # no 403, nothing that confirms the id exists
    assert seen.status_code == missing.status_code == 404
    assert same_page(seen.content.decode().replace(hidden_id, "nope"), missing.content.decode())
    assert 'data-testid="not-found"' in seen.content.decode()


def same_page(a: str, b: str) -> bool:
    """Equal but for the CSRF token, which Django masks anew in every response."""
    token = re.compile(r"[A-Za-z0-9]{64}")
    return token.sub("TOKEN", a) == token.sub("TOKEN", b)


def test_marking_someone_she_may_not_see_as_left_answers_as_for_an_unknown_id(demo):
    client = client_for(ROLES[C])
    assert client.post("/employees/ht-kam1/", {"action": "leave"}).status_code == 404
    assert client.post("/employees/nope/", {"action": "leave"}).status_code == 404
    assert Person.objects.get(ext_id="ht-kam1").status == "active"


def test_refusals_are_pages_of_the_app_with_a_way_back(demo):
    # a sales user opening a colleague's employee view (she may know it exists: 403) and an
    # unknown id (404) both get a page with the app's navigation and a link to the start page
    client = client_for(ROLES[S])
    refused, missing = client.get("/employees/ht-hr/"), client.get("/people/nope/")
    assert refused.status_code == 403 and missing.status_code == 404
    for response, testid in ((refused, "forbidden"), (missing, "not-found")):
        page = response.content.decode()
        assert f'data-testid="{testid}"' in page
        assert 'class="topbar"' in page and 'href="/"' in page
