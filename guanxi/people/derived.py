"""The columns a person's record derives from its name and title, for search: the name's
pinyin (guanxi.people.pinyin) and the case-folded search text (guanxi.people.names).

`Person.save` and the import (which writes rows itself) both keep them through `derived`, so
a record written either way is found the same.

>>> dict(zip(COLUMNS, derived("李娜", "CFO")))["search_text"]
'李娜\\ncfo'
"""

from __future__ import annotations

from collections.abc import Iterable

from guanxi.people.names import searchable
from guanxi.people.pinyin import COLUMNS as PINYIN_COLUMNS
from guanxi.people.pinyin import spelled

#: the derived columns, in `derived`'s order
COLUMNS = (*PINYIN_COLUMNS, "search_text")
#: which of them a change of each source field moves
MOVED_BY = {"name": COLUMNS, "title": ("search_text",)}


def derived(name: str, title: str) -> tuple[str, ...]:
    """The derived columns' values of a record with this name and title."""
    return (*spelled(name), searchable(name, title))


def with_derived(fields: Iterable[str]) -> set[str]:
    """`update_fields` of a save, with the derived columns its fields move.

    >>> sorted(with_derived(["title", "key"]))
    ['key', 'search_text', 'title']
    """
    named = set(fields)
    return named.union(*(MOVED_BY.get(f, ()) for f in named))
