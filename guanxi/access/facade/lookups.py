"""Small lookups the pages make around a report: the names and titles of the people it
names, and the search box's candidates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from guanxi.access import visibility
from guanxi.access.permissions import restrict
from guanxi.deals.models import Deal
from guanxi.people import pinyin
from guanxi.people.models import Organisation, Person

SIDE_OF_KIND = {"customer": "customer", "own": "ours", "competitor": "competitor"}


def person_facts(
    user: Any, ids: Iterable[str], *, paths: Iterable[dict[str, Any]] = ()
) -> dict[str, dict[str, Any]]:
    """Name, title, department, organisation and side of each person id the user may see
    (one query per 500 ids); the people on `paths` too when the user sees paths whole
    (contributors: a path is exactly who to ask for an introduction)."""
    wanted = set(ids)
    allowed = visibility.visible_ids(user, wanted) if not visibility.unfiltered(user) else wanted
    if visibility.whole_paths(user):
        allowed |= wanted & {i for p in paths for i in p["people"]}
    rows = Person.objects.filter(ext_id__in=allowed).values_list(
        "ext_id",
        "name",
        "title",
        "organisation__ext_id",
        "organisation__name",
        "organisation__kind",
        "key",
        "department",
    )
    return {
        r[0]: {
            "name": r[1],
            "title": r[2],
            "org": r[3],
            "org_name": r[4],
            "side": SIDE_OF_KIND.get(r[5], "partner"),
            "key": r[6],
            "department": r[7],
        }
        for r in rows
    }


def search_candidates(user: Any, typed: str, group: str, *, most: int) -> list[Any]:
    """Up to `most` records of one search group ("people", "organisations", "deals") that the
    user may see and that `typed` matches by name (people's Chinese names by pinyin too),
    title, organisation or industry, or by id typed in full; the page ranks them."""
    if not typed.strip() or "\x00" in typed:
        return []
    if group == "people":
        return _people_candidates(user, typed, most=most)
    if group == "organisations":
        rows = restrict(user, Organisation.objects.all()).filter(
            Q(name__icontains=typed) | Q(industry__icontains=typed) | Q(ext_id__iexact=typed)
        )
    elif group == "deals":
        rows = restrict(user, Deal.objects.select_related("organisation")).filter(
            Q(name__icontains=typed)
            | Q(organisation__name__icontains=typed)
            | Q(ext_id__iexact=typed)
        )
    else:
        raise ValueError(f"no search group {group!r}")
    return list(rows.order_by("name")[:most])


def _people_candidates(user: Any, typed: str, *, most: int) -> list[Person]:
    """People whose name or title contains `typed` (the case-folded text each record keeps),
    who work at an organisation whose name does, whom it spells in pinyin, or whose id it
    is; an id typed in full comes first.

    Each condition has an index on PostgreSQL (the text's trigrams from three letters on,
    migration people/0006), so the OR is read through them: the upper-cased name, title and
    organisation name it replaces read every record (60–120 ms at 105,100 people)."""
    people = restrict(user, Person.objects.select_related("organisation"))
    named = list(Organisation.objects.filter(name__icontains=typed).values_list("pk", flat=True))
    rows = people.filter(
        Q(search_text__contains=typed.casefold())
        | Q(organisation_id__in=named)
        | Q(ext_id__in=pinyin_matches(typed, most=most))
    )
    # the id on its own, read through its upper-cased index (in the OR, every row's id
    # would be upper-cased)
    by_id = list(people.filter(ext_id__iexact=typed))
    first = {p.pk for p in by_id}
    return (by_id + [p for p in rows.order_by("name")[:most] if p.pk not in first])[:most]


def pinyin_matches(typed: str, *, most: int) -> list[str]:
    """Ids of up to `most` people whose Chinese name `typed` spells in pinyin, best first
    (the whole pinyin, then a word of it, then its start; each in id order); callers filter
    them through `restrict()` like any other candidates. Each kind of match is read through
    its own index of the spelling each record keeps, in id order, no further than needed."""
    letters = pinyin.typed_letters(typed)
    if not letters:
        return []
    found: dict[str, None] = {}
    for tier in pinyin.matches(letters):
        rows = Person.objects.filter(tier).order_by("ext_id").values_list("ext_id", flat=True)
        found.update(dict.fromkeys(rows[:most]))
        if len(found) >= most:
            break
    return list(found)[:most]


def deal_records(user: Any, ids: Iterable[str]) -> dict[str, Deal]:
    """The deals of `ids` the user may see, by id, with their customer."""
    wanted = [i for i in set(ids) if "\x00" not in i]
    deals = restrict(user, Deal.objects.select_related("organisation").filter(ext_id__in=wanted))
    return {d.ext_id: d for d in deals}
