"""Rules about ties and organisations that the database cannot hold by itself.

Plain functions over ids, shared by the services (one record at a time) and the import
(a whole folder at once), so both say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from django.utils.translation import gettext_lazy as _

from guanxi.core.ids import id_problem
from guanxi.people.choices import STRENGTH_WORDS

#: The same words in Chinese, as users of the Chinese pages type them.
STRENGTH_WORDS_ZH = {"强": "strong", "中": "medium", "弱": "weak"}


def parse_strength(text: str) -> int:
    """Read a strength cell: a whole number 0–100 or strong/medium/weak (or 强/中/弱).

    >>> parse_strength("strong"), parse_strength(" 35 "), parse_strength("弱")
    (80, 35, 20)
    """
    value = text.strip().lower()
    value = STRENGTH_WORDS_ZH.get(value, value)
    if value in STRENGTH_WORDS:
        return STRENGTH_WORDS[value]
    try:
        number = float(value)
    except ValueError:
        raise ValueError(
            _("strength '%(text)s' is not a number from 0 to 100 nor strong/medium/weak")
            % {"text": text}
        ) from None
    if number != int(number):
        raise ValueError(_("strength '%(text)s' must be a whole number") % {"text": text})
    if not 0 <= number <= 100:
        raise ValueError(_("strength %(text)s is out of range 0–100") % {"text": text})
    return int(number)


def reporting_cycle(managers: Mapping[Hashable, Hashable], start: Hashable) -> list | None:
    """The reporting cycle through `start` in a {person: manager} map, or None.

    >>> reporting_cycle({"a": "b", "b": "a"}, "a")
    ['a', 'b', 'a']
    """
    path = [start]
    seen = {start}
    node = managers.get(start)
    while node is not None:
        path.append(node)
        if node == start:
            return path
        if node in seen:
            return None  # a cycle further up that does not include start
        seen.add(node)
        node = managers.get(node)
    return None


def all_reporting_cycles(managers: Mapping[Hashable, Hashable]) -> list[list]:
    """Every distinct cycle in a {person: manager} map, each listed once from its smallest member.

    >>> all_reporting_cycles({"a": "b", "b": "a", "c": "a"})
    [['a', 'b', 'a']]
    """
    state: dict[Hashable, int] = {}  # 1 = on current walk, 2 = done
    cycles: list[list] = []
    for origin in managers:
        if state.get(origin):
            continue
        walk: list = []
        node = origin
        while node is not None and not state.get(node):
            state[node] = 1
            walk.append(node)
            node = managers.get(node)
        if node is not None and state.get(node) == 1:
            loop = walk[walk.index(node) :]
            first = min(range(len(loop)), key=lambda i: str(loop[i]))
            loop = loop[first:] + loop[:first]
            cycles.append([*loop, loop[0]])
        for member in walk:
            state[member] = 2
    return cycles


#: Characters an interchange id may not start with: a spreadsheet would read it as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def check_id(value: str) -> str | None:
    """Why `value` cannot be an interchange id, or None when it can.

    Ids appear in URLs, CSV files and spreadsheets, so they are printable text without
    spaces, '/' or ';', and do not start like a formula.

    >>> check_id("dfb-ceo") is None, check_id("a b") is not None, check_id("=1") is not None
    (True, True, True)
    """
    if not value:
        return str(_("An id cannot be empty."))
    # One rule for every writer (guanxi.core.ids).
    return id_problem(value)
