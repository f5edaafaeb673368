"""Chinese names found by their pinyin: "lina", "li na", "Li Na" and the initials "ln" find 李娜.

A name's pinyin is worked out once, when the person is written (`spelled`), and kept on the
record in indexed columns: the syllables run together, and for a name written in Chinese
only the same again (to find it by its start), its family name, given name and initials. A
search finds each kind of match through its index, so no reader loads pypinyin's table or
keeps a list of names.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Q

from guanxi.people.names import EXACT, OTHER, PREFIX, WORD

#: the longest pinyin a record keeps (a name has at most 300 characters; pinyin of the
#: rarest characters runs to 6 letters each, and the store keeps the first 600)
KEEP = 600


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
    """One Pinyin per distinct Chinese part (an import writes many people of one name)."""
    # Each character's own readings only: pypinyin's table of word readings (for running
    # text, not names) would cost 44 MB. Set before the first import.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin  # imported by writers only, on first use

    syllables = tuple(s.casefold() for s in lazy_pinyin(han, style=Style.NORMAL, v_to_u=False))
    return Pinyin(syllables, "".join(s[0] for s in syllables if s), only)


class Spelling(NamedTuple):
    """What a person's record keeps of its name's pinyin (all "" without Chinese characters).
    The words a name is also found by, and its start, count only for a name written in
    Chinese only: a Latin part already says how the name is written in letters."""

    #: the syllables run together ("lina")
    key: str
    #: the key again for a name with no Latin part, else "" (found by its start: "lin")
    start: str = ""
    #: the family name's syllable ("li")
    family: str = ""
    #: the given name's syllables run together ("na")
    given: str = ""
    #: the syllables' initials, from two syllables on ("ln")
    initials: str = ""


#: the record's columns, in Spelling's order
COLUMNS = ("pinyin_key", "pinyin_start", "pinyin_family", "pinyin_given", "pinyin_initials")


def spelled(name: str) -> Spelling:
    """The spelling a person's record keeps of `name`.

    >>> spelled("李娜")
    Spelling(key='lina', start='lina', family='li', given='na', initials='ln')
    >>> spelled("Li Na 李娜")
    Spelling(key='lina', start='', family='', given='', initials='')
    >>> spelled("Lily").key
    ''
    """
    found = None if name.isascii() else pinyin_of(name)
    if found is None or not found.compact:
        return Spelling("")
    key = found.compact[:KEEP]
    if not found.only:
        return Spelling(key)
    initials = found.initials if len(found.initials) >= 2 else ""
    given = "".join(found.syllables[1:])
    return Spelling(key, key, found.syllables[0][:KEEP], given[:KEEP], initials[:KEEP])


def typed_letters(typed: str) -> str:
    """What was typed as plain lower-case letters without spaces ("Li Na" → "lina"), or ""
    when it is not pinyin (digits, Chinese, punctuation)."""
    compact = "".join(typed.casefold().split())
    return compact if compact.isascii() and compact.isalpha() else ""


def stored_rank(spelling: Spelling, typed: str) -> int:
    """How well `typed` names someone by their record's spelling, on the scale of
    `names.name_rank`: the whole pinyin ("lina", "li na") is exact; the initials ("ln"), the
    family name ("li") or the given name ("na") a word; the start of the pinyin ("lin") a
    prefix.

    >>> [stored_rank(spelled("李娜"), t) for t in ("Li Na", "ln", "li", "lin", "na", "lina 2")]
    [0, 1, 1, 2, 1, 4]
    """
    letters = typed_letters(typed)
    if not letters or not spelling.key:
        return OTHER
    # (the same tiers as `matches`, in Python for people already read)
    if letters == spelling.key:
        return EXACT
    if letters in (spelling.family, spelling.given, spelling.initials):
        return WORD
    if len(letters) >= 2 and spelling.start.startswith(letters):
        return PREFIX
    return OTHER


def spelling_of(person: object) -> Spelling:
    """The spelling a person's record keeps (a Person, or anything with its columns)."""
    return Spelling(*(getattr(person, column) for column in COLUMNS))


def matches(letters: str) -> list[Q]:
    """The filters of the people `letters` (from `typed_letters`) name by pinyin, best tier
    first, each read through its own index: the whole pinyin, a word of it, its start (a
    range ending at the next string of letters, "lin" up to "lio", which every collation
    orders alike; `startswith` keeps it exact)."""
    tiers = [
        Q(pinyin_key=letters),
        Q(pinyin_family=letters) | Q(pinyin_given=letters) | Q(pinyin_initials=letters),
    ]
    if len(letters) >= 2:  # the start of a name written in Chinese only
        start = Q(pinyin_start__gte=letters, pinyin_start__startswith=letters)
        stem = letters.rstrip("z")  # nothing after "zz…"
        if stem:
            start &= Q(pinyin_start__lt=stem[:-1] + chr(ord(stem[-1]) + 1))
        tiers.append(start)
    return tiers
