"""The dashboard's recent changes list business changes only, in the reader's language."""

from __future__ import annotations

from guanxi.core import audit
from guanxi.core.choices import AuditAction


def recent_block(html: str, title: str = "Recent changes") -> str:
    return html.split(title)[1].split("</section>")[0]


def test_failed_logins_snapshots_and_views_stay_out_of_recent_changes(as_user):
    client = as_user("demo")
    client.post(
        "/new/tie/",
        {"source": "ht-kam1", "target": "dfb-cfo", "kind": "relationship", "strength": "60"},
    )
    audit.record(actor=None, action=AuditAction.LOGIN_FAILED, object_type="user", object_id="x")
    audit.record(actor=None, action=AuditAction.VIEW, object_type="person", object_id="dfb-ceo")
    audit.record(actor=None, action=AuditAction.CREATE, object_type="snapshot", object_id="s")

    block = recent_block(client.get("/").content.decode())

    assert "Li Na 李娜" in block and "Guo Zhejun 郭哲俊" in block
    assert "login" not in block.casefold()
    assert "snapshot" not in block.casefold()
    assert "viewed" not in block.casefold()
    assert "just now" in block


def test_recent_changes_read_in_chinese(as_user):
    client = as_user("demo")
    client.post(
        "/new/tie/",
        {"source": "ht-kam1", "target": "dfb-cfo", "kind": "relationship", "strength": "60"},
    )

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    block = recent_block(html, "最近变更")

    assert "刚刚" in block
    assert "关系" in block
    assert "relationship" not in block
    assert "Added" not in block and "Changed" not in block
