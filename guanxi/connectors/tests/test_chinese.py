"""The connectors speak the user's language: an import problem, a note and a review reason
on the Chinese pages are in Chinese, and every connector message has its translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import guanxi
from guanxi.access.services import add_user
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA, ours
from guanxi.connectors.tests.test_org_review import acme, cards  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "zh-hans"}
CONNECTORS = Path(guanxi.__file__).parent / "connectors"
PO = Path(guanxi.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def manager(client):
    client.force_login(add_user(username="meg", role="manager", actor=None))
    return client


def test_an_import_error_on_the_chinese_import_page_is_in_chinese(manager):
    # given Li Na's LinkedIn export whose date cell is broken
    ours(("li", "Li Na", "li@us.example"))
    text = (DATA / "linkedin" / "Connections.csv").read_text(encoding="utf-8")
    broken = re.sub(r"\d{1,2} \w{3} \d{4}", "yesterday", text, count=1)
    upload = SimpleUploadedFile("Connections.csv", broken.encode("utf-8"))
    # when a manager checks it on the Chinese page
    html = manager.post(
        "/import/",
        {"step": "check", "format": "linkedin", "employee": "li", "file": upload},
        **HTMX,
    ).content.decode()
    # then the problem is told in Chinese, naming the cell
    problems = html.split('data-testid="import-problems"')[1]
    assert "“yesterday”不是“15 Mar 2024”这样的日期" in problems
    assert "is not a date" not in problems


def test_a_missing_column_is_reported_in_chinese(tmp_path):
    # given a Salesforce Account.csv without its Name column
    folder = tmp_path / "sf"
    folder.mkdir()
    (folder / "Account.csv").write_text("Id,Type\n0015g00000AbCdEAAV,Customer\n")
    # when imported in Chinese
    with translation.override("zh-hans"):
        report = import_source(folder, format="salesforce", actor="test")
    # then the reason is Chinese
    assert [p.reason for p in report.problems] == ["缺少列：Name；表头中有：Id, Type"]


def test_the_organisation_review_reason_shows_in_chinese(acme, tmp_path, client):  # noqa: F811
    cards(tmp_path, ("u2", "Cai Li", "", "cai@acmegroup.example"))
    client.force_login(add_user(username="meg", role="manager", actor=None))
    html = client.get("/review/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "一个新的邮箱域名与某个已知组织的名称相似" in html and "并入 Acme" in html


def test_every_connector_message_has_a_chinese_translation():
    # given every message the connectors mark for translation
    source = "\n".join(p.read_text(encoding="utf-8") for p in CONNECTORS.rglob("*.py"))
    marked = set(re.findall(r'\b_\(\s*"((?:[^"\\]|\\.)+)"\s*\)', source))
    # then the catalogue has a non-empty Chinese text for each one written on one line
    po = PO.read_text(encoding="utf-8")
    missing = [m for m in marked if f'msgid "{m}"\nmsgstr ""\n' in po or f'msgid "{m}"' not in po]
    assert len(marked) > 60 and missing == []
