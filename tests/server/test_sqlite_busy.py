"""SQLite while a long write holds the lock (as an import does): reads answer normally and
write nothing in their request; a write waits at most GUANXI_DB_LOCK_TIMEOUT, then answers
503 with Retry-After (the API's JSON, or the busy page), and nothing of it is saved."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from tests.server.conftest import Browser, Served, guanxi_env, start, stop


@pytest.fixture(scope="module")
def busy_served(tmp_path_factory) -> Iterator[tuple[Served, str]]:
    """The demo served with a 1 s lock bound, and an API token of the demo admin."""
    workdir = tmp_path_factory.mktemp("busy")
    env = guanxi_env(workdir, GUANXI_DB_LOCK_TIMEOUT="1")
    guanxi = [sys.executable, "-m", "guanxi.cli"]
    subprocess.run([*guanxi, "demo"], cwd=workdir, env=env, check=True, capture_output=True)
    made = subprocess.run(
        [*guanxi, "token", "demo", "--label", "busy"],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = re.search(r"gx_\S+", made.stdout).group(0)
    served = start(workdir, env, "--workers", "2", "--threads", "2")
    yield served, token
    stop(served)


def hold_write_lock(served: Served) -> sqlite3.Connection:
    """Another process's long write: the one write lock of the database, held."""
    conn = sqlite3.connect(served.workdir / "guanxi.sqlite3", isolation_level=None, timeout=10)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def count(served: Served, sql: str, *args: object) -> int:
    with sqlite3.connect(served.workdir / "guanxi.sqlite3") as conn:
        return int(conn.execute(sql, args).fetchone()[0])


def test_reads_answer_and_writes_get_503_while_the_write_lock_is_held(busy_served):
    served, token = busy_served
    browser = Browser(served.url)
    browser.login("demo")
    views_before = count(
        served, "SELECT count(*) FROM core_auditevent WHERE action = 'view' AND object_id = ?",
        "dfb-ceo",
    )  # fmt: skip
    lock = hold_write_lock(served)
    try:
        bearer = {"Authorization": f"Bearer {token}"}
        # reads: a token's use and a key-person view write nothing in their request
        assert browser.get("/api/people?limit=5", **bearer)[0] == 200
        assert browser.get("/api/accounts/dfb/analysis", **bearer)[0] == 200
        status, _, page = browser.get("/people/dfb-ceo/")
        assert status == 200 and b"dfb-ceo" in page
        assert browser.get("/accounts/dfb/")[0] == 200
        assert browser.get("/")[0] == 200
        # an API write: 503, Retry-After, the API's error shape
        status, headers, body = browser.send(
            "PATCH",
            "/api/people/dfb-ceo",
            json.dumps({"title": "Busy CEO"}).encode(),
            Content_Type="application/json",
            **bearer,
        )
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "busy" in json.loads(body)["detail"][0]["message"]
        # a page write: the busy page in the app's layout
        form = urllib.parse.urlencode(
            {
                "source": "ht-hr",
                "target": "tyt-ceo",
                "kind": "relationship",
                "strength": "60",
                "csrfmiddlewaretoken": browser.csrf(),
            }
        ).encode()
        status, headers, page = browser.send(
            "POST",
            "/new/tie/",
            form,
            Content_Type="application/x-www-form-urlencoded",
            Referer=served.url + "/",
        )
        assert status == 503 and int(headers["Retry-After"]) > 0
        assert b'data-testid="busy"' in page and b"Guanxi" in page
        assert b"Traceback" not in page
    finally:
        lock.rollback()
        lock.close()
    # nothing of the refused writes was saved
    assert count(served, "SELECT count(*) FROM people_person WHERE title = 'Busy CEO'") == 0
    assert (
        count(
            served,
            "SELECT count(*) FROM people_tie t JOIN people_person s ON s.id = t.source_id "
            "JOIN people_person d ON d.id = t.target_id WHERE s.ext_id = 'ht-hr' "
            "AND d.ext_id = 'tyt-ceo' AND t.strength = 60",
        )
        == 0
    )
    # the lock released, the queued writes follow within seconds (every worker retries)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        views_after = count(
            served, "SELECT count(*) FROM core_auditevent WHERE action = 'view' "
            "AND object_id = ?", "dfb-ceo",
        )  # fmt: skip
        unused = count(served, "SELECT count(*) FROM access_apitoken WHERE last_used_at IS NULL")
        if views_after == views_before + 1 and unused == 0:
            break
        time.sleep(0.2)
    assert views_after == views_before + 1
    assert unused == 0
    # and the write the user sends again goes through
    status, _, body = browser.send(
        "PATCH",
        "/api/people/dfb-ceo",
        json.dumps({"title": "Busy CEO"}).encode(),
        Content_Type="application/json",
        Authorization=f"Bearer {token}",
    )
    assert status == 200 and json.loads(body)["title"] == "Busy CEO"
