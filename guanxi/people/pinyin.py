"""Chinese names found by their pinyin: "lina", "li na", "Li Na" and the initials "ln" find 李娜.

The pinyin of a name never changes, so it is computed once per distinct name (pypinyin is
about 0.1 ms a name); the search's list of who has a Chinese name is built once per data
version, not per request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from guanxi.people.names import EXACT, OTHER, PREFIX, WORD


class Pinyin(NamedTuple):
    """The pinyin of a name's Chinese part: its syllables and their initials."""

    syllables: tuple[str, ...]
    initials: str
    #: True when the name has no Latin part, so pinyin is the only way to type it
    only: bool

    @property
    def compact(self) -> str:
        """The syllables run together ("lina")."""
        return "".join(self.syllables)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=200_000)
def pinyin_of(name: str) -> Pinyin | None:
    """The pinyin of the Chinese characters of `name`, None when it has none.

    >>> pinyin_of("李娜")
    Pinyin(syllables=('li', 'na'), initials='ln', only=True)
    """
    han = "".join(ch for ch in name if _is_han(ch))
    if not han:
        return None
    from pypinyin import Style, lazy_pinyin  # imported on first use: it loads a large table

    syllables = tuple(s.casefold() for s in lazy_pinyin(han, style=Style.NORMAL, v_to_u=False))
    latin = any(ch.isascii() and ch.isalpha() for ch in name)
    return Pinyin(syllables, "".join(s[0] for s in syllables if s), not latin)


def typed_letters(typed: str) -> str:
    """What was typed as plain lower-case letters without spaces ("Li Na" → "lina"), or ""
    when it is not pinyin (digits, Chinese, punctuation)."""
    compact = "".join(typed.casefold().split())
    return compact if compact.isascii() and compact.isalpha() else ""


def pinyin_rank(name: str, typed: str) -> int:
    """How well `typed` names someone by pinyin, on the scale of `names.name_rank`: the whole
    pinyin ("lina", "li na") is exact; the initials ("ln"), the family name ("li") or the
    given name ("na") a word; the start of the pinyin ("lin") a prefix. A name that also
    has a Latin part counts only its whole pinyin: its Latin part already says how it is
    written in letters.

    >>> [pinyin_rank("李娜", t) for t in ("Li Na", "ln", "li", "lin", "na", "lina 2")]
    [0, 1, 1, 2, 1, 4]
    """
    letters = typed_letters(typed)
    found = pinyin_of(name) if letters else None
    return OTHER if found is None else _rank(found, letters)


def _rank(found: Pinyin, letters: str) -> int:
    """`pinyin_rank` of letters already normalised (the search scans many names with them)."""
    if letters == found.compact:
        return EXACT
    if not found.only:
        return OTHER
    if len(letters) >= 2 and letters == found.initials:
        return WORD
    if letters in (found.syllables[0], "".join(found.syllables[1:])):
        return WORD
    if len(letters) >= 2 and found.compact.startswith(letters):
        return PREFIX
    return OTHER


_lock = threading.Lock()
_index: dict[str, Any] = {"version": None, "by_key": {}, "names": ()}

Rows = Callable[[], Iterable[tuple[int, str, str]]]


def chinese_names(
    version: int,
    rows_of: Rows,
    *,
    changed: Callable[[int, int], Iterable[int] | None] | None = None,
    rows_for: Callable[[list[int]], Iterable[tuple[int, str, str]]] | None = None,
) -> tuple[tuple[str, Pinyin], ...]:
    """(id, pinyin) of everyone with a Chinese name at data `version`. `rows_of()` gives
    every (key, id, name); with `changed(since, until)` (the keys of the people changed in
    between, None when everyone may have) and `rows_for(keys)`, a newer version re-reads only
    the people changed since the list was made."""
    with _lock:
        made, by_key, names = _index["version"], _index["by_key"], _index["names"]
    if made == version:
        return names
    touched = None
    if made is not None and version > made and changed is not None and rows_for is not None:
        touched = changed(made, version)
    if touched is None:
        by_key = {k: (i, p) for k, i, n in rows_of() if (p := _chinese(n)) is not None}
    else:
        keys = list(touched)
        gone = set(keys)
        by_key = {k: v for k, v in by_key.items() if k not in gone}
        for k, i, n in rows_for(keys) if keys else ():
            if (p := _chinese(n)) is not None:
                by_key[k] = (i, p)
    names = tuple(by_key.values())
    with _lock:
        _index.update(version=version, by_key=by_key, names=names)
    return names


def _chinese(name: str) -> Pinyin | None:
    return None if name.isascii() else pinyin_of(name)


def forget_index() -> None:
    """Drop the per-version list (tests whose rolled-back data reuses a version number)."""
    with _lock:
        _index.update(version=None, by_key={}, names=())


def matching_ids(names: tuple[tuple[str, Pinyin], ...], typed: str, *, most: int) -> list[str]:
    """Ids of up to `most` of `names` that `typed` finds by pinyin."""
    letters = typed_letters(typed)
    if not letters:
        return []
    found = []
    for ext_id, spelled in names:
        if _rank(spelled, letters) < OTHER:
            found.append(ext_id)
            if len(found) >= most:
                break
    return found
