"""How people look for a name: the whole name, its Latin or Chinese part, a word's start.

Names are stored as one string such as "Li Na 李娜"; these functions rank them against what
someone typed, the same way for the search page, the header's suggestions and the pickers.
"""

from __future__ import annotations

EXACT, WORD, PREFIX, CONTAINS, OTHER = range(5)


def _parts(name: str) -> tuple[list[str], str, str]:
    words = name.casefold().split()
    latin = " ".join(w for w in words if w.isascii())
    other = "".join(w for w in words if not w.isascii())
    return words, latin, other


def name_matches(name: str, typed: str) -> bool:
    """True when `typed` is the whole name, or its Latin or Chinese part (case-insensitive).

    >>> [name_matches("Li Na 李娜", t) for t in ("li na", "李娜", "Li")]
    [True, True, False]
    """
    return name_rank(name, typed) == EXACT


def name_rank(name: str, typed: str) -> int:
    """How well `typed` names someone: 0 the whole name (or its Latin or Chinese part),
    1 one word of it (the family name "Li") or the start of the Chinese name ("李"),
    2 the start of a word ("Lia" for Liang), 3 anywhere inside, 4 not at all.

    >>> [name_rank("Li Na 李娜", t) for t in ("li na", "Li", "李", "N", "i N", "Wang")]
    [0, 1, 1, 2, 3, 4]
    """
    wanted = " ".join(typed.casefold().split())
    if not wanted:
        return OTHER
    words, latin, other = _parts(name)
    full = " ".join(words)
    compact = wanted.replace(" ", "")
    if wanted in {full, latin, other} or compact == other:
        return EXACT
    latin_words = latin.split()
    if wanted in latin_words or (other and other.startswith(compact) and not compact.isascii()):
        return WORD
    if any(w.startswith(wanted) for w in latin_words) or latin.startswith(wanted):
        return PREFIX
    if full.startswith(wanted):
        return PREFIX
    if wanted in full or (compact and compact in other):
        return CONTAINS
    return OTHER


def name_key(name: str, typed: str) -> tuple[int, bool, str]:
    """A sort key: best `name_rank` first, then names that start with what was typed (the
    family name before the given name), then alphabetical."""
    wanted = " ".join(typed.casefold().split())
    return (name_rank(name, typed), not name.casefold().startswith(wanted), name.casefold())


def searchable(name: str, title: str) -> str:
    """The text a person's record keeps to be found by what is typed (`Person.search_text`):
    the name and the title case-folded, one per line, so a search reads one column with a
    plain LIKE (no upper-casing of every row) and never matches across the two.

    >>> searchable("Li Na 李娜", "CFO")
    'li na 李娜\\ncfo'
    """
    return f"{name.casefold()}\n{title.casefold()}"
