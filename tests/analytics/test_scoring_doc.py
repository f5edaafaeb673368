"""The numbers docs/scoring.md quotes from the engine are the engine's: its appendix script
runs, and every print whose comment is a number prints that number (to 13 significant
digits: the last bit of an iterative solve differs between processors' vector units)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"
NUMBER = re.compile(r"^print\(.*\)\s+# (-?\d+(?:\.\d+)?)$")


def appendix() -> str:
    text = DOC.read_text(encoding="utf-8")
    after = text.split("## Appendix: reproduce the example", 1)[1]
    return after.split("```python\n", 1)[1].split("\n```", 1)[0]


def test_the_appendix_prints_the_numbers_the_doc_quotes():
    # given the appendix script and the numbers its comments quote
    script = appendix()
    quoted = [m.group(1) for line in script.splitlines() if (m := NUMBER.match(line.strip()))]
    assert len(quoted) >= 9
    # when it runs
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, str(DOC), "exec"), {})  # noqa: S102 - our own documentation
    printed = out.getvalue().splitlines()
    # then each numeric print shows exactly the quoted value
    numeric = [
        printed[i]
        for i, line in enumerate(x for x in script.splitlines() if x.startswith("print("))
        if NUMBER.match(line.strip())
    ]
    assert [float(x) for x in numeric] == [pytest.approx(float(q), rel=1e-13) for q in quoted]


def test_the_odds_range_of_the_worked_example_is_in_both_languages():
    text = DOC.read_text(encoding="utf-8")
    english, chinese = text.split("\n## 中文\n", 1)
    for part in (english, chinese):
        assert "47.72" in part and "66.73" in part and "60.67" in part
