"""Pinyin search: "lina", "li na", "Li Na" and the initials "ln" find 李娜, whose stored name
has only Chinese characters, ranked as a name (whole, then start) ahead of titles and
organisations, on the search page and in the header's suggestions."""

from __future__ import annotations

import re

import pytest

from guanxi.people import pinyin
from guanxi.people.models import Organisation, Person
from guanxi.people.services import save_person
from guanxi.web.tests.test_search import HTMX, people_found


@pytest.fixture
def chinese_only(as_user):
    """李娜 (no Latin name) at a customer, and someone whose title and organisation contain
    "lina" so a name match must outrank them."""
    pinyin.forget_index()
    org = Organisation.objects.filter(kind="customer").order_by("ext_id").first()
    save_person(Person(ext_id="zz-lina", name="李娜", organisation=org), actor=None)
    save_person(Person(ext_id="zz-linan", name="林楠", organisation=org), actor=None)
    save_person(
        Person(
            ext_id="zz-title",
            name="Zhou Bo 周博",
            title="Carolina desk, Li Na office",
            organisation=org,
        ),
        actor=None,
    )
    yield as_user("demo")
    pinyin.forget_index()


@pytest.mark.parametrize("typed", ["lina", "li na", "Li Na", "LINA"])
def test_the_whole_pinyin_finds_the_chinese_only_name_first(chinese_only, typed):
    found = people_found(chinese_only.get("/search/", {"q": typed}).content.decode())

    li_nas = {p.ext_id for p in Person.objects.all() if "李娜" in p.name}
    assert set(found[: len(li_nas)]) == li_nas
    assert "zz-lina" in li_nas
    assert found.index("zz-lina") < found.index("zz-title")


def test_initials_find_the_chinese_only_names_with_those_initials(chinese_only):
    found = people_found(chinese_only.get("/search/", {"q": "ln"}).content.decode())

    assert {"zz-lina", "zz-linan"} <= set(found[:10])


def test_the_start_of_the_pinyin_ranks_after_the_whole_pinyin(chinese_only):
    whole = people_found(chinese_only.get("/search/", {"q": "linnan"}).content.decode())
    start = people_found(chinese_only.get("/search/", {"q": "linn"}).content.decode())

    assert whole[0] == "zz-linan"
    assert start[0] == "zz-linan"
    assert "zz-lina" not in start


def test_the_header_suggestions_find_by_pinyin_the_same_way(chinese_only):
    page = people_found(chinese_only.get("/search/", {"q": "li na"}).content.decode())
    dropdown = people_found(chinese_only.get("/search/", {"q": "li na"}, **HTMX).content.decode())

    assert "zz-lina" in dropdown[:2]
    assert dropdown == page[:5]


def test_pinyin_does_not_match_other_text_or_unrelated_names(chinese_only):
    digits = chinese_only.get("/search/", {"q": "ln2"}).content.decode()
    other = chinese_only.get("/search/", {"q": "wangfang"}).content.decode()
    one_letter = chinese_only.get("/search/", {"q": "l"}).content.decode()

    assert 'data-result="zz-lina"' not in digits
    assert 'data-result="zz-lina"' not in other
    assert 'data-result="zz-lina"' not in one_letter


def test_sales_find_by_pinyin_only_the_people_of_their_accounts(as_user):
    pinyin.forget_index()
    theirs = Organisation.objects.get(ext_id="dfb")
    other = Organisation.objects.filter(kind="customer").exclude(ext_id__in=["dfb", "jng"])[0]
    save_person(Person(ext_id="zz-in", name="李娜", organisation=theirs), actor=None)
    save_person(Person(ext_id="zz-out", name="李娜", organisation=other), actor=None)

    found = people_found(as_user("lina").get("/search/", {"q": "lina"}).content.decode())
    pinyin.forget_index()

    assert "zz-in" in found
    assert "zz-out" not in found


def test_pinyin_rank_ranks_whole_initials_and_start():
    assert pinyin.pinyin_rank("李娜", "Li Na") == 0
    assert pinyin.pinyin_rank("李娜", "ln") == 1
    assert pinyin.pinyin_rank("李娜", "li") == 1
    assert pinyin.pinyin_rank("李娜", "lin") == 2
    assert pinyin.pinyin_rank("李娜", "l") == 4
    assert pinyin.pinyin_rank("Li Na 李娜", "lina") == 0
    assert pinyin.pinyin_rank("Lily Zhang 张莉莉", "li") == 4


def test_a_person_picker_suggests_a_chinese_only_name_by_pinyin(chinese_only):
    html = chinese_only.get(
        "/new/tie/", {"suggest": "target", "target__text": "li na"}, HTTP_HX_REQUEST="true"
    ).content.decode()

    suggested = re.findall(r'data-pick-id="([^"]+)"', html)
    assert "zz-lina" in suggested[:2]
    assert suggested.index("zz-lina") < suggested.index("zz-title")


def test_a_renamed_person_is_found_by_the_new_pinyin_after_the_write(chinese_only):
    # given the search list made once
    assert "zz-lina" in people_found(chinese_only.get("/search/", {"q": "lina"}).content.decode())
    # when 李娜 is renamed 王芳 (a write that touches her only)
    person = Person.objects.get(ext_id="zz-lina")
    person.name = "王芳"
    save_person(person, actor=None)
    # then search follows at once: the new name is found, the old one no longer
    assert "zz-lina" in people_found(
        chinese_only.get("/search/", {"q": "wangfang"}).content.decode()
    )
    assert "zz-lina" not in people_found(
        chinese_only.get("/search/", {"q": "lina"}).content.decode()
    )


def test_between_writes_only_the_touched_people_are_read_again():
    # given a lookup made from every row at version 1
    rows = [(1, "p1", "李娜"), (2, "p2", "王芳"), (3, "p3", "Ann")]
    pinyin.forget_index()
    assert pinyin.matching_ids(1, lambda: iter(rows), "wangfang", most=5) == ["p2"]
    renamed = [(2, "p2", "林楠")]

    def everyone():
        raise AssertionError("read every row again")

    # when version 2 changed person 2 only
    found = pinyin.matching_ids(
        2,
        everyone,
        "linnan",
        most=5,
        changed=lambda since, until: [2],
        rows_for=lambda keys: renamed,
    )
    # then only person 2 was read again: the new name finds them, the old one nobody, and
    # the others are as they were
    assert found == ["p2"]
    assert pinyin.matching_ids(2, everyone, "wangfang", most=5) == []
    assert pinyin.matching_ids(2, everyone, "lina", most=5) == ["p1"]
    assert pinyin.matching_ids(2, everyone, "linn", most=5) == ["p2"]
    assert pinyin.matching_ids(2, everyone, "ln", most=5) == ["p1", "p2"]
    pinyin.forget_index()


def test_a_request_that_read_an_older_version_uses_the_newer_list():
    # given a lookup already brought to version 5 by another request
    pinyin.forget_index()
    assert pinyin.matching_ids(5, lambda: iter([(1, "p1", "李娜")]), "lina", most=5) == ["p1"]

    def everyone():
        raise AssertionError("read every row again")

    # when a request that read version 4 a moment earlier searches
    found = pinyin.matching_ids(4, everyone, "lina", most=5)
    # then it finds with the newer list, without reading every row again
    assert found == ["p1"]
    pinyin.forget_index()


def test_the_best_pinyin_matches_come_first():
    # given three names "li" finds: as a family name, as the start of a pinyin, and whole
    rows = [(1, "p1", "李娜"), (2, "p2", "黎"), (3, "p3", "林楠")]
    pinyin.forget_index()
    # then the whole pinyin comes first, then the family name, then the start of a pinyin
    assert pinyin.matching_ids(1, lambda: iter(rows), "li", most=5) == ["p2", "p1", "p3"]
    assert pinyin.matching_ids(1, lambda: iter(rows), "li", most=2) == ["p2", "p1"]
    pinyin.forget_index()
