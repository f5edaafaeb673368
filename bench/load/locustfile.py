"""A sales team's day against a real `guanxi serve`: pages, API analyses, search, 10 % writes.

One login with the session form (user and password from GUANXI_LOAD_USER /
GUANXI_LOAD_PASSWORD, default demo/demo) is shared by every simulated user, which picks
records from ids read once at the start through the API. GUANXI_LOAD_WRITES=0 leaves the
writes out (a read-only run); GUANXI_LOAD_WAIT sets the reading time between clicks.
Run headless with bench/load/run.py, or:

    locust -f bench/load/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid

from locust import FastHttpUser, between, events, task

USER = os.environ.get("GUANXI_LOAD_USER", "demo")
PASSWORD = os.environ.get("GUANXI_LOAD_PASSWORD", "demo")
IDS: dict[str, list[str]] = {}
SESSION: dict[str, str] = {}
WRITES = os.environ.get("GUANXI_LOAD_WRITES", "1") != "0"


def _login(client, base: str = "", **name: str) -> str:
    """Log the session in; returns the CSRF token for writes."""
    client.get(base + "/login/", **name)
    token = client.cookies.get("csrftoken", "")
    client.post(
        base + "/login/",
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": (base or client.base_url) + "/login/"},
        **name,
    )
    return client.cookies.get("csrftoken", token)


def _ids(client, path: str, pages: int = 4) -> list[str]:
    found: list[str] = []
    for page in range(pages):
        sep = "&" if "?" in path else "?"
        answer = client.get(f"{path}{sep}limit=500&offset={page * 500}", timeout=120)
        answer.raise_for_status()
        items = answer.json().get("items", [])
        found += [item["id"] for item in items]
        if len(items) < 500:
            break
    return found


@events.test_start.add_listener
def read_ids(environment, **kwargs) -> None:
    """Ids of customers, their people, our people and deals, read once."""
    import requests

    host = environment.host
    client = requests.Session()
    _login(client, host)
    # One login shared by every simulated user: 50 password hashes at once would measure
    # the password hasher (by design about a second of CPU each), not the pages.
    SESSION.update(client.cookies.get_dict())
    orgs = _ids_and_kinds(client, host + "/api/organisations")
    own = [i for i, kind in orgs if kind == "own"]
    IDS["customers"] = [i for i, kind in orgs if kind == "customer"]
    IDS["ours"] = _ids(client, f"{host}/api/people?organization_id={own[0]}")
    IDS["people"] = []
    for customer in random.Random(1).sample(IDS["customers"], min(20, len(IDS["customers"]))):
        IDS["people"] += _ids(client, f"{host}/api/people?organization_id={customer}", pages=1)
    IDS["deals"] = _ids(client, host + "/api/deals", pages=2)


def _ids_and_kinds(client, path: str) -> list[tuple[str, str]]:
    found = []
    for page in range(20):
        answer = client.get(f"{path}?limit=500&offset={page * 500}", timeout=120)
        answer.raise_for_status()
        items = answer.json()["items"]
        found += [(item["id"], item["kind"]) for item in items]
        if len(items) < 500:
            break
    return found


#: Seconds a simulated user reads a page before the next click (GUANXI_LOAD_WAIT="lo,hi").
#: The target, 50 requests/s from 50 users, is one click a second each, answer included:
#: half a second of reading on average leaves the answers half a second.
WAIT = tuple(float(x) for x in os.environ.get("GUANXI_LOAD_WAIT", "0.25,0.75").split(","))


class SalesUser(FastHttpUser):
    max_redirects = 0

    """One person of the sales team, clicking about once a second (a busy day, all at once).

    Locust's FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load tool
    shares the server's machine here, and it spends several times less CPU per request."""

    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.csrf = SESSION["csrftoken"]
        self.cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in SESSION.items())}

    def _get(self, path: str, name: str) -> None:
        """A read; anything but 200 counts as failed (a lost session's redirect to the login
        page included, so that no run measures the login page instead)."""
        with self.client.get(path, headers=self.cookie, name=name, catch_response=True) as got:
            if got.status_code != 200:
                got.failure(f"status {got.status_code}")

    def _write_headers(self) -> dict[str, str]:
        return {**self.cookie, "X-CSRFToken": self.csrf, "Referer": self.host + "/"}

    @task(2)
    def dashboard(self) -> None:
        self._get("/", "page: dashboard")

    @task(3)
    def account_page(self) -> None:
        self._get(f"/accounts/{random.choice(IDS['customers'])}/", "page: account")

    @task(2)
    def key_person_page(self) -> None:
        self._get(f"/people/{random.choice(IDS['people'])}/", "page: key person")

    @task(2)
    def deal_page(self) -> None:
        self._get(f"/deals/{random.choice(IDS['deals'])}/", "page: deal")

    @task(3)
    def account_analysis(self) -> None:
        customer = random.choice(IDS["customers"])
        self._get(f"/api/accounts/{customer}/analysis", "api: account analysis")

    @task(2)
    def company(self) -> None:
        self._get("/api/company", "api: company")

    @task(1)
    def person_view(self) -> None:
        self._get(f"/api/people/{random.choice(IDS['people'])}/view", "api: person")

    @task(1)
    def paths(self) -> None:
        person = random.choice(IDS["people"])
        self._get(f"/api/people/{person}/paths?k=3", "api: paths")

    @task(1)
    def deal_analysis(self) -> None:
        self._get(f"/api/deals/{random.choice(IDS['deals'])}/analysis", "api: deal")

    @task(1)
    def search(self) -> None:
        word = random.choice(["Li", "Wang", "cust1", "Zhang", "deal", "Chen"])
        self._get(f"/search/?q={word}", "page: search")

    @task(1)
    def record_tie(self) -> None:
        if not WRITES:
            return
        body = {
            "source_id": random.choice(IDS["ours"]),
            "target_id": random.choice(IDS["people"]),
            "kind": "relationship",
            "strength": random.randint(20, 95),
        }
        with self.client.post(
            "/api/ties",
            json=body,
            headers=self._write_headers(),
            name="write: tie",
            catch_response=True,
        ) as answer:
            if answer.status_code == 409:  # the pair already has one: change its strength
                answer.success()
                path = f"/api/ties/{body['source_id']}/{body['target_id']}/relationship"
                self.client.patch(
                    path,
                    json={"strength": body["strength"]},
                    headers=self._write_headers(),
                    name="write: tie",
                )

    @task(1)
    def log_interaction(self) -> None:
        if not WRITES:
            return
        body = {
            "id": f"load-{uuid.uuid4().hex[:12]}",
            "date": dt.date.today().isoformat(),
            "kind": random.choice(["meal", "meeting", "call", "visit"]),
            "participant_ids": [random.choice(IDS["ours"]), random.choice(IDS["people"])],
        }
        self.client.post(
            "/api/interactions",
            json=body,
            headers=self._write_headers(),
            name="write: interaction",
        )
