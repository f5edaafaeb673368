"""Browser tests: the system Chromium (Playwright) against `guanxi serve` on a demo workspace.

The server is the real command in a subprocess, on a temporary SQLite file loaded with
`guanxi demo`, so these tests see exactly what a user of `make run` sees. Screenshots of
every page type are saved under test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("GUANXI_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-artifacts" / "screenshots"
#: the served workspace's folder and environment (set by the `server` fixture), so a test
#: module can add data with the real `guanxi` command while the server runs
SERVED: dict[str, object] = {}


def run_guanxi(*args: str) -> subprocess.CompletedProcess:
    """Run `guanxi ARGS` on the served workspace; fails the test with its output on an error."""
    result = subprocess.run(
        [sys.executable, "-m", "guanxi.cli", *args],
        cwd=SERVED["workdir"],
        env=SERVED["env"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"guanxi {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """A demo workspace served by `guanxi serve` on a free loopback port."""
    workdir = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'guanxi.sqlite3'}",
        "XDG_CONFIG_HOME": str(workdir / "config"),  # the server's own secret key file
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    SERVED.update(workdir=workdir, env=env)
    guanxi = [sys.executable, "-m", "guanxi.cli"]
    subprocess.run([*guanxi, "demo"], cwd=workdir, env=env, check=True, capture_output=True)
    port = _free_port()
    log = (workdir / "serve.log").open("w")
    proc = subprocess.Popen(
        [*guanxi, "serve", "--port", str(port), "--no-reload"],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # the first start collects the static files
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/login/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("guanxi serve exited: " + (workdir / "serve.log").read_text())
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("guanxi serve did not answer within 300 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A logged-in page that records console errors and any request leaving the machine."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            self.outside.append(request.url)

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(page, base: str, username: str = "demo", password: str = "demo") -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def user_page(browser, server):
    """A fresh browser context logged in as the demo admin; asserts no script errors and no
    request leaving the machine when the test ends."""
    context = browser.new_context(viewport={"width": 1400, "height": 950}, locale="en-US")
    page = context.new_page()
    watched = Watched(page, server)
    login(page, server)
    yield watched
    context.close()
    assert watched.errors == [], f"script errors: {watched.errors}"
    assert watched.outside == [], f"requests leaving the machine: {watched.outside}"
