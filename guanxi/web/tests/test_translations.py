"""The Chinese catalogue is complete and the compiled file shipped with it is current."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as f:
        return dict(gettext.GNUTranslations(f)._catalog)  # type: ignore[attr-defined]


def test_every_message_is_translated_and_none_is_fuzzy():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) is needed to check the catalogue"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(LOCALE / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_matches_the_source(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(LOCALE / "django.po")], check=True)
    assert _catalog(LOCALE / "django.mo") == _catalog(fresh), "run `make messages` and commit"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Customers", "客户"), ("Our relationship resource graph", "我司关系资源图谱")],
)
def test_the_seed_terms_are_used(english, chinese):
    assert chinese in _catalog(LOCALE / "django.mo")[english]
