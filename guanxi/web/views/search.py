"""Search people, customers and deals from every page (only what the user may see).

Ranked as people expect: a whole name or its start first (family name "Li" finds Li Na,
"李" finds 李娜, and so do "lina", "li na" and "ln" by pinyin), then titles ("CFO" finds
the CFO), then organisations, then names that merely contain the text. Internal ids count
only when typed in full. Results come grouped and counted, with a link to all of a group;
the header's dropdown is the same list, shorter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guanxi.access import facade
from guanxi.people.models import Person
from guanxi.people.names import CONTAINS, name_key, name_rank
from guanxi.people.pinyin import spelling_of, stored_rank

#: results per group in the header's dropdown and on the page; all of one group up to MOST
DROPDOWN, PAGE, MOST = 5, 10, 200
#: candidates read from the database before ranking (a count above it shows as "500+")
CANDIDATES = 500


@dataclass
class Group:
    """One kind of result: its ranked records, how many matched, and whether there are more."""

    key: str
    records: list[Any] = field(default_factory=list)
    total: int = 0
    capped: bool = False

    @property
    def more(self) -> bool:
        """More matched than are shown."""
        return self.total > len(self.records)


def _word_in(text: str, typed: str) -> int:
    """0 when `typed` is a whole word of `text` ("CFO" in "CFO 首席财务官"), 1 when a word
    starts with it, 2 when it is inside, 3 when not there."""
    hay = " ".join(text.casefold().replace(",", " ").split())
    wanted = " ".join(typed.casefold().split())
    if not wanted or wanted not in hay:
        return 3
    padded = f" {hay} "
    if f" {wanted} " in padded:
        return 0
    return 1 if f" {wanted}" in padded else 2


def person_rank(person: Person, typed: str) -> tuple[Any, ...]:
    """Full id, then name (whole, word, start; a Chinese name by its pinyin too), then title,
    then organisation, then the rest."""
    if person.ext_id.casefold() == typed.casefold():
        return (0, 0, "")
    by_name = name_rank(person.name, typed)
    by_pinyin = stored_rank(spelling_of(person), typed)
    if by_pinyin < min(by_name, CONTAINS):
        return (1, by_pinyin, False, person.name.casefold())
    if by_name < CONTAINS:
        return (1, *name_key(person.name, typed)[:2], person.name.casefold())
    by_title = _word_in(person.title, typed)
    if by_title < 3:
        return (2, by_title, person.name.casefold())
    if _word_in(person.organisation.name, typed) < 3:
        return (3, 0, person.name.casefold())
    return (4, by_name, person.name.casefold())


def named_rank(name: str, ext_id: str, typed: str, *extra: str) -> tuple[Any, ...]:
    """Organisations and deals: full id, then name, then the other texts given."""
    if ext_id.casefold() == typed.casefold():
        return (0, 0, "")
    by_name = name_rank(name, typed)
    if by_name < CONTAINS:
        return (1, by_name, name.casefold())
    if any(_word_in(text, typed) < 3 for text in extra):
        return (2, 0, name.casefold())
    return (3, by_name, name.casefold())


def _group(key: str, candidates: list[Any], rank: Any, shown: int) -> Group:
    ranked = sorted(candidates, key=rank)
    return Group(key, ranked[:shown], len(ranked), len(ranked) >= CANDIDATES)


def find(user: Any, typed: str, *, shown: int, only: str = "") -> list[Group]:
    """The ranked, grouped matches of `typed` among what `user` may see."""
    groups = []
    if only in ("", "people"):
        people = facade.search_candidates(user, typed, "people", most=CANDIDATES)
        groups.append(_group("people", people, lambda p: person_rank(p, typed), shown))
    if only in ("", "organisations"):
        orgs = facade.search_candidates(user, typed, "organisations", most=CANDIDATES)
        groups.append(
            _group(
                "organisations",
                orgs,
                lambda o: named_rank(o.name, o.ext_id, typed, o.industry),
                shown,
            )
        )
    if only in ("", "deals"):
        deals = facade.search_candidates(user, typed, "deals", most=CANDIDATES)
        groups.append(
            _group(
                "deals",
                deals,
                lambda d: named_rank(d.name, d.ext_id, typed, d.organisation.name, d.stage),
                shown,
            )
        )
    return groups


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Grouped, ranked matches; a short dropdown for htmx, a page otherwise (?only= one group)."""
    q = " ".join(request.GET.get("q", "").split())[:100]
    only = request.GET.get("only", "")
    only = only if only in ("people", "organisations", "deals") else ""
    dropdown = request.headers.get("HX-Request") == "true"
    shown = DROPDOWN if dropdown else (MOST if only else PAGE)
    groups = find(request.user, q, shown=shown, only=only) if q else []
    context = {
        "search_query": q,
        "groups": groups,
        "only": only,
        "dropdown": dropdown,
        "found": sum(g.total for g in groups),
    }
    return render(request, "web/search.html", context)
