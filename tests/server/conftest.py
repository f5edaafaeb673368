"""A demo workspace served by the production server, started as `guanxi serve` starts it."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def guanxi_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: no test settings, a key folder of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUANXI_", "DJANGO_"))}
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'guanxi.sqlite3'}"
    env["XDG_CONFIG_HOME"] = str(workdir / "config")
    env.update(extra)
    return env


@dataclass
class Served:
    """A running `guanxi serve`: its address, process, log and working folder."""

    url: str
    proc: subprocess.Popen
    log: Path
    workdir: Path


def start(workdir: Path, env: dict[str, str], *args: str, wait: float = 300) -> Served:
    """Start `guanxi serve ARGS` and wait until /healthz answers."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "guanxi.cli", "serve", "--port", str(port), *args],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5)
            return Served(url, proc, log, workdir)
        except OSError:
            if proc.poll() is not None:
                pytest.fail("guanxi serve exited: " + log.read_text())
            time.sleep(0.3)
    proc.kill()
    pytest.fail("guanxi serve did not answer in time: " + log.read_text())


def stop(served: Served) -> None:
    served.proc.terminate()
    served.proc.wait(timeout=60)


class Browser:
    """A logged-in session with cookies, like a browser's, over plain HTTP."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(handler, _NoRedirect)

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path, headers=headers)
        return self._send(request)

    def send(self, method: str, path: str, body: bytes, **headers: str) -> tuple:
        request = urllib.request.Request(self.url + path, data=body, method=method)
        for name, value in headers.items():
            request.add_header(name.replace("_", "-"), value)
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
        try:
            with self.opener.open(request, timeout=120) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, user: str, password: str = "demo") -> None:
        self.get("/login/")
        body = urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": self.csrf()}
        ).encode()
        status, headers, _ = self.send(
            "POST",
            "/login/",
            body,
            Content_Type="application/x-www-form-urlencoded",
            Referer=self.url + "/login/",
        )
        assert status == 302 and headers["Location"] == "/", (status, headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


STATIC_URL = re.compile(r'(?:href|src)="(/static/[^"]+)"')


@pytest.fixture(scope="module")
def demo_served(tmp_path_factory) -> Iterator[Served]:
    """The demo workspace behind `guanxi serve --workers 2 --threads 2`."""
    workdir = tmp_path_factory.mktemp("production")
    env = guanxi_env(workdir)
    subprocess.run(
        [sys.executable, "-m", "guanxi.cli", "demo"],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
    )
    served = start(workdir, env, "--workers", "2", "--threads", "2")
    yield served
    stop(served)
