"""What every figure on the pages means, in plain words, and where the scoring guide says how.

The guide is the repository's docs/scoring.md (English, then Chinese after "## 中文"); the app
serves it at /help/scoring/ in the reader's language, so a figure's ⓘ links to its section
there. Section anchors are the headings' slugs, found by the section number, so the words of
a heading may change without breaking a link.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import markdown
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from markdown.extensions.toc import slugify_unicode

#: Where the Chinese half of the guide starts.
CHINESE_HEADING = "## 中文"

#: figure → (label, plain explanation, section of the guide: its number or (en, zh) heading start)
FIGURES: dict[str, tuple[Any, Any, Any]] = {
    "power": (
        _("Power"),
        _(
            "How much say this person has from where they sit in the reporting lines, from 0 "
            "to 1: the head of the customer has 1. A power entered by hand replaces it."
        ),
        "4.1",
    ),
    "influence": (
        _("Influence"),
        _(
            "How strongly this person's word reaches the powerful people at the customer, "
            "from 0 to 1: the most influential person there has 1."
        ),
        "4.2",
    ),
    "importance": (
        _("Importance"),
        _("How much this person matters: the larger of their power and their influence (0 to 1)."),
        "4.3",
    ),
    "closeness": (
        _("Closeness"),
        _(
            "How close we are to this person, from 0 to 100: the chance that at least one of "
            "our people's relationships with them gets through. 70 or more is strong, 40 or "
            "more medium."
        ),
        "4.4",
    ),
    "score": (
        _("Closeness score"),
        _(
            "Our closeness to the customer as a whole, from 0 to 100: our closeness to each of "
            "its people, weighted by how much that person matters."
        ),
        "4.5",
    ),
    "capability": (
        _("Capability score"),
        _(
            "Our closeness to all our customers together, from 0 to 100: each customer's "
            "closeness score, a strategic customer counting three times and a key customer "
            "twice as much as a standard one."
        ),
        "6.1",
    ),
    "broker": (
        _("Broker"),
        _(
            "How much this person bridges groups inside the customer, from 0 to 1: the share "
            "of the shortest connections between two colleagues that run through them."
        ),
        "4.8",
    ),
    "resources": (
        _("Relationship resources"),
        _(
            "What this person's relationships are worth: the strength of each relationship "
            "with a customer's person, weighted by how much that person matters, added up. "
            "It has no upper limit."
        ),
        "6.2",
    ),
    "coverage": (
        _("Coverage"),
        _(
            "The share of the four roles (approver, decision maker, evaluator, user) where we "
            "are in regular or deep contact with someone."
        ),
        "8.5",
    ),
    "edge": (
        _("Edge"),
        _(
            "Whether we are ahead with this role holder: above zero when we are closer to "
            "them than the closest competitor or they support us, below zero when a "
            "competitor is closer or they oppose us."
        ),
        "8.2",
    ),
    "weight": (
        _("Weight"),
        _(
            "How much this role counts in the odds: approver 35%, decision maker 30%, "
            "evaluator 20%, user 15%, shared by the people in the same role."
        ),
        "8.1",
    ),
    "odds": (
        _("Win odds"),
        _(
            "Our relationship odds of winning, from the people who decide: each role "
            "holder's edge, weighted by their role. It is not a sales forecast. A range means "
            "we don't know where the competitors stand with some of the role holders."
        ),
        "8.3",
    ),
    "share": (
        _("Share"),
        _(
            "How much of the account's closeness score rests on this colleague: what would go "
            "if their relationships went. At half or more, the account is at risk if they leave."
        ),
        "6.4",
    ),
    "credit_share": (
        _("Credit share"),
        _(
            "This colleague's part of a won deal: how well they know its role holders, "
            "weighted by role, against everyone of ours. It is recorded when the deal is won."
        ),
        "6.3",
    ),
    "intel": (
        _("Competitor intelligence"),
        _(
            "The share of role holders where we know where the competitors stand: a tie with "
            "a competitor's person is on record, or someone checked and found none."
        ),
        "8.4",
    ),
    "path": (
        _("Path strength"),
        _(
            "How strong a chain of introductions is, from 0 to 1: the strengths of its ties "
            "multiplied (two ties of 0.5 make 0.25)."
        ),
        ("Best paths", "最佳路径"),
    ),
    "strength": (
        _("Strength"),
        _(
            "How well two people know each other, from 0 to 100 (strong 80, medium 50, weak "
            "20). Recent meetings, meals and visits raise it."
        ),
        "2.",
    ),
    "threat": (
        _("Competitor threat"),
        _(
            "The key people (power and influence centres, role holders of open deals) a "
            "competitor is closer to than we are, the most important first."
        ),
        "7.",
    ),
}


def guide_path() -> Path:
    """docs/scoring.md of this copy of the project."""
    return Path(settings.REPO_DIR) / "docs" / "scoring.md"


def _half(text: str, chinese: bool) -> str:
    """The English or the Chinese half of the guide."""
    lines = text.splitlines()
    cut = next((i for i, line in enumerate(lines) if line.strip() == CHINESE_HEADING), len(lines))
    part = lines[cut + 1 :] if chinese else lines[:cut]
    return "\n".join(part)


@functools.lru_cache(maxsize=4)
def _rendered(path: str, mtime: float, chinese: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The half's HTML and its headings as (text, anchor), cached until the file changes."""
    text = Path(path).read_text(encoding="utf-8")
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "toc"],
        extension_configs={"toc": {"slugify": slugify_unicode}},
    )
    html = md.convert(_half(text, chinese))
    headings: list[tuple[str, str]] = []

    def walk(tokens: list[dict[str, Any]]) -> None:
        for t in tokens:
            headings.append((t["name"], t["id"]))
            walk(t.get("children", []))

    walk(md.toc_tokens)
    return html, tuple(headings)


#: How long the guide file's modification time is trusted: a page explains a dozen figures,
#: and asking the file system for each one cost a busy server 5 % of its time.
STAT_SECONDS = 2.0
_stat: dict[str, tuple[float, float | None]] = {}


def _mtime(path: Path) -> float | None:
    """The file's modification time (None when it is missing), looked at most every
    STAT_SECONDS."""
    now = time.monotonic()
    seen = _stat.get(str(path))
    if seen is not None and now - seen[0] < STAT_SECONDS:
        return seen[1]
    try:
        mtime: float | None = path.stat().st_mtime
    except OSError:
        mtime = None
    _stat[str(path)] = (now, mtime)
    return mtime


def guide(language: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The guide in `language` (Chinese for zh-*, English otherwise): HTML and headings."""
    path = guide_path()
    mtime = _mtime(path)
    if mtime is None:
        return "", ()
    return _rendered(str(path), mtime, language.lower().startswith("zh"))


def anchor_of(figure: str, language: str) -> str:
    """The anchor of the figure's section in the guide of `language` ("" when not found)."""
    path = guide_path()
    return _anchor(figure, language.lower().startswith("zh"), str(path), _mtime(path))


@functools.lru_cache(maxsize=512)
def _anchor(figure: str, chinese: bool, path: str, mtime: float | None) -> str:
    """`anchor_of`, cached until the guide changes."""
    section = FIGURES[figure][2]
    _html, headings = guide("zh" if chinese else "en")
    if isinstance(section, tuple):
        start = section[1] if chinese else section[0]
        return next((a for name, a in headings if name.startswith(start)), "")
    prefix = section if section.endswith(".") else f"{section} "
    return next((a for name, a in headings if name.startswith(prefix)), "")
