"""Search ranks as people expect: whole names and their start first (both scripts), then
titles, then organisations; internal ids only when typed in full; grouped and counted,
with a link to all of a group; the header's dropdown ranks the same way."""

from __future__ import annotations

import re

from guanxi.people.models import Person

HTMX = {"HTTP_HX_REQUEST": "true"}


def people_found(html: str) -> list[str]:
    """The ids of the people listed, in order."""
    block = html.split('data-group="people"')[1].split('data-group="')[0]
    return re.findall(r'data-result="([^"]+)"', block)


def test_li_finds_li_na_before_names_that_merely_start_with_li(as_user):
    client = as_user("demo")

    found = people_found(client.get("/search/?q=Li").content.decode())

    li_family = [
        p.ext_id for p in Person.objects.filter(name__startswith="Li ") if p.ext_id in found
    ]
    assert "ht-kam1" in found[:10]
    assert found[: len(li_family)] == sorted(li_family, key=found.index)
    assert set(found[: len(li_family)]) == set(li_family)


def test_the_chinese_name_finds_the_person_first(as_user):
    client = as_user("demo")

    assert people_found(client.get("/search/?q=李娜").content.decode())[0] == "ht-kam1"
    assert people_found(client.get("/search/?q=Li+Na").content.decode())[0] == "ht-kam1"


def test_cfo_finds_the_cfo_by_title_first(as_user):
    client = as_user("demo")

    found = people_found(client.get("/search/?q=CFO").content.decode())
    titles = [Person.objects.get(ext_id=i).title for i in found]

    assert found[0].endswith("-cfo")
    assert all("cfo" in t.casefold() for t in titles)


def test_internal_ids_count_only_when_typed_in_full(as_user):
    client = as_user("demo")

    partial = client.get("/search/?q=ht-kam").content.decode()
    full = client.get("/search/?q=ht-kam1").content.decode()

    assert 'data-result="ht-kam1"' not in partial
    assert people_found(full)[0] == "ht-kam1"


def test_results_are_grouped_and_counted_with_a_link_to_all_of_a_group(as_user):
    client = as_user("demo")
    matching = Person.objects.filter(name__icontains="li").count()

    html = client.get("/search/?q=li").content.decode()
    everyone = client.get("/search/?q=li&only=people").content.decode()

    assert 'data-group="people"' in html and 'data-group="organisations"' in html
    assert len(people_found(html)) == 10
    assert 'data-testid="more-people"' in html
    assert len(people_found(everyone)) >= min(matching, 200)
    assert 'data-group="organisations"' not in everyone


def test_the_header_dropdown_ranks_the_same_and_is_shorter(as_user):
    client = as_user("demo")

    page = people_found(client.get("/search/?q=Li").content.decode())
    dropdown = people_found(client.get("/search/?q=Li", **HTMX).content.decode())

    assert dropdown == page[:5]
