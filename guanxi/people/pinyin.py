"""Chinese names found by their pinyin: "lina", "li na", "Li Na" and the initials "ln" find 李娜.

The pinyin of a name never changes, so it is computed once per distinct name (pypinyin is
about 0.1 ms a name); the search's lookup of who has a Chinese name is built once, then
follows the people each write touches, and answers by dictionary, not by reading every name.
"""

from __future__ import annotations

import os
import sys
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


def pinyin_of(name: str) -> Pinyin | None:
    """The pinyin of the Chinese characters of `name`, None when it has none.

    >>> pinyin_of("李娜")
    Pinyin(syllables=('li', 'na'), initials='ln', only=True)
    """
    han = "".join(ch for ch in name if _is_han(ch))
    if not han:
        return None
    return _pinyin_of_han(han, not any(ch.isascii() and ch.isalpha() for ch in name))


@lru_cache(maxsize=8192)
def _pinyin_of_han(han: str, only: bool) -> Pinyin:
    """One Pinyin per distinct Chinese part, its strings shared: a worker keeps one for
    every person with a Chinese name, so they must be small."""
    # Each character's own readings only: pypinyin's table of word readings (for running
    # text, not names) would cost every server worker 44 MB. Set before the first import.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin  # imported on first use: it loads a table

    syllables = tuple(
        sys.intern(s.casefold()) for s in lazy_pinyin(han, style=Style.NORMAL, v_to_u=False)
    )
    return Pinyin(syllables, sys.intern("".join(s[0] for s in syllables if s)), only)


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
    """`pinyin_rank` of letters already normalised."""
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


class _Lookup:
    """Who `typed` letters can name, found by dictionary, not by reading every name: the
    whole pinyin (every Chinese name), the initials, family name and given name (names with
    no Latin part), and, for the start of a pinyin, the names by their first two letters.
    Kept up to date one person at a time."""

    def __init__(self) -> None:
        self.by_key: dict[int, tuple[str, Pinyin]] = {}
        self.exact: dict[str, set[int]] = {}
        self.word: dict[str, set[int]] = {}
        self.start: dict[str, set[int]] = {}

    def _places(self, found: Pinyin) -> list[tuple[dict[str, set[int]], str]]:
        places = [(self.exact, found.compact)]
        if found.only:
            words = {found.syllables[0], "".join(found.syllables[1:])}
            if len(found.initials) >= 2:
                words.add(found.initials)
            places += [(self.word, w) for w in words if w]
            if len(found.compact) >= 2:
                places.append((self.start, found.compact[:2]))
        return places

    def add(self, key: int, ext_id: str, found: Pinyin) -> None:
        self.remove(key)
        self.by_key[key] = (ext_id, found)
        for table, token in self._places(found):
            table.setdefault(token, set()).add(key)

    def remove(self, key: int) -> None:
        old = self.by_key.pop(key, None)
        if old is None:
            return
        for table, token in self._places(old[1]):
            keys = table.get(token)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del table[token]

    def match(self, letters: str, most: int) -> list[str]:
        """Ids of up to `most` people the letters name, best first (whole pinyin, then a
        word, then a start), then by id."""
        keys = set(self.exact.get(letters, ())) | self.word.get(letters, set())
        if len(letters) >= 2:
            keys |= self.start.get(letters[:2], set())
        ranked = []
        for key in keys:
            ext_id, found = self.by_key[key]
            rank = _rank(found, letters)
            if rank < OTHER:
                ranked.append((rank, ext_id))
        return [ext_id for _rank_, ext_id in sorted(ranked)[:most]]


_lock = threading.Lock()
_index: dict[str, Any] = {"version": None, "lookup": _Lookup()}

Rows = Callable[[], Iterable[tuple[int, str, str]]]


def _brought_to(
    version: int,
    rows_of: Rows,
    changed: Callable[[int, int], Iterable[int] | None] | None,
    rows_for: Callable[[list[int]], Iterable[tuple[int, str, str]]] | None,
) -> _Lookup:
    """The lookup at data `version` or newer (call with `_lock` held). `rows_of()` gives
    every (key, id, name); with `changed(since, until)` (the keys of the people changed in
    between, None when everyone may have) and `rows_for(keys)`, a newer version re-reads only
    the people changed since the lookup was made."""
    made, lookup = _index["version"], _index["lookup"]
    if made is not None and version <= made:
        return lookup  # current, or newer (another request brought it past this version)
    touched = None
    if made is not None and changed is not None and rows_for is not None:
        touched = changed(made, version)
    if touched is None:
        lookup = _Lookup()
        for k, i, n in rows_of():
            if (p := _chinese(n)) is not None:
                lookup.add(k, i, p)
    else:
        keys = list(touched)
        for k in keys:
            lookup.remove(k)
        for k, i, n in rows_for(keys) if keys else ():
            if (p := _chinese(n)) is not None:
                lookup.add(k, i, p)
    _index.update(version=version, lookup=lookup)
    return lookup


def matching_ids(
    version: int,
    rows_of: Rows,
    typed: str,
    *,
    most: int,
    changed: Callable[[int, int], Iterable[int] | None] | None = None,
    rows_for: Callable[[list[int]], Iterable[tuple[int, str, str]]] | None = None,
) -> list[str]:
    """Ids of up to `most` people with a Chinese name at data `version` that `typed` finds
    by pinyin, the best matches first."""
    letters = typed_letters(typed)
    if not letters:
        return []
    with _lock:
        return _brought_to(version, rows_of, changed, rows_for).match(letters, most)


def _chinese(name: str) -> Pinyin | None:
    return None if name.isascii() else pinyin_of(name)


def forget_index() -> None:
    """Drop the lookup (tests whose rolled-back data reuses a version number)."""
    with _lock:
        _index.update(version=None, lookup=_Lookup())
