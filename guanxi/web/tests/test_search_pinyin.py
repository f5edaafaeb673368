"""Pinyin search: "lina", "li na", "Li Na" and the initials "ln" find 李娜, whose stored name
has only Chinese characters, ranked as a name (whole, then start) ahead of titles and
organisations, on the search page and in the header's suggestions."""

from __future__ import annotations

import re

import pytest

from guanxi.access import facade
from guanxi.people import pinyin
from guanxi.people.models import Organisation, Person
from guanxi.people.services import save_person
from guanxi.people.tests.data_migrations import run_data_step
from guanxi.web.tests.test_search import HTMX, people_found


@pytest.fixture
def chinese_only(as_user):
    """李娜 (no Latin name) at a customer, and someone whose title and organisation contain
    "lina" so a name match must outrank them."""
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
    theirs = Organisation.objects.get(ext_id="dfb")
    other = Organisation.objects.filter(kind="customer").exclude(ext_id__in=["dfb", "jng"])[0]
    save_person(Person(ext_id="zz-in", name="李娜", organisation=theirs), actor=None)
    save_person(Person(ext_id="zz-out", name="李娜", organisation=other), actor=None)

    found = people_found(as_user("lina").get("/search/", {"q": "lina"}).content.decode())

    assert "zz-in" in found
    assert "zz-out" not in found


def test_pinyin_rank_ranks_whole_initials_and_start():
    def rank(name: str, typed: str) -> int:
        return pinyin.stored_rank(pinyin.spelled(name), typed)

    assert rank("李娜", "Li Na") == 0
    assert rank("李娜", "ln") == 1
    assert rank("李娜", "li") == 1
    assert rank("李娜", "lin") == 2
    assert rank("李娜", "l") == 4
    assert rank("Li Na 李娜", "lina") == 0
    assert rank("Lily Zhang 张莉莉", "li") == 4


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


def test_the_best_pinyin_matches_come_first(db):
    # given three names "li" finds: as a family name, as the start of a pinyin, and whole
    org = Organisation.objects.create(ext_id="zz-org", name="Z", kind="customer")
    names = [
        ("zz-p1", "李娜"),
        ("zz-p2", "黎"),
        ("zz-p3", "林楠"),
        ("zz-p4", "Ann"),
        ("zz-p5", "左治"),
    ]
    for ext_id, name in names:
        save_person(Person(ext_id=ext_id, name=name, organisation=org), actor=None)
    # then the whole pinyin comes first, then the family name, then the start of a pinyin
    assert ours("li", 5) == ["zz-p2", "zz-p1", "zz-p3"]
    assert facade.pinyin_matches("li", most=2) == ["zz-p2", "zz-p1"]
    assert ours("linnan", 5) == ["zz-p3"]
    assert ours("Li Na", 5) == ["zz-p1"]
    assert ours("qx", 5) == []
    assert ours("zuoz", 5) == ["zz-p5"]  # a start ending in "z": the range ends at "zup"


def ours(typed: str, most: int) -> list[str]:
    """This test's people among the best matches (the workspace has people of its own)."""
    return [i for i in facade.pinyin_matches(typed, most=most) if i.startswith("zz-")]


def test_the_record_keeps_its_names_pinyin_through_every_write(db):
    # given a person saved, then renamed with only the name field written
    org = Organisation.objects.create(ext_id="zz-org", name="Z", kind="customer")
    person = save_person(Person(ext_id="zz-kept", name="李娜", organisation=org), actor=None)
    stored = Person.objects.filter(ext_id="zz-kept").values_list(*pinyin.COLUMNS)
    saved = stored.get()
    person.name = "Anna Wang 王安娜"
    person.save(update_fields=["name"])
    renamed = stored.get()

    # then the stored pinyin is the name's each time
    assert saved == ("lina", "lina", "li", "na", "ln")
    assert renamed == ("wanganna", "", "", "", "")  # a Latin part: the whole pinyin only


def test_an_import_keeps_each_names_pinyin_as_a_form_does(db, tmp_path):
    from guanxi.interchange.services import import_path

    (tmp_path / "organizations.csv").write_text("id,name,kind\nzz-org,Z,customer\n")
    people = tmp_path / "people.csv"
    people.write_text(
        "id,organization_id,name\nzz-imp1,zz-org,林楠\nzz-imp2,zz-org,Tom\n",
        encoding="utf-8",
    )
    assert import_path(tmp_path, actor=None).applied
    stored = Person.objects.filter(ext_id__startswith="zz-imp").values_list("ext_id", "pinyin_key")
    first = dict(stored)
    people.write_text(
        "id,organization_id,name\nzz-imp1,zz-org,王芳\nzz-imp2,zz-org,Tom\n",
        encoding="utf-8",
    )
    assert import_path(tmp_path, actor=None).applied
    second = dict(stored.all())

    assert first == {"zz-imp1": "linnan", "zz-imp2": ""}
    assert second == {"zz-imp1": "wangfang", "zz-imp2": ""}
    assert facade.pinyin_matches("wf", most=5) == ["zz-imp1"]


def test_the_migration_spells_the_people_stored_before_it(db):
    org = Organisation.objects.create(ext_id="zz-org", name="Z", kind="customer")
    save_person(Person(ext_id="zz-old", name="王芳", organisation=org), actor=None)
    Person.objects.filter(ext_id="zz-old").update(**dict.fromkeys(pinyin.COLUMNS, ""))

    run_data_step("guanxi.people.migrations.0004_person_pinyin", "spell_everyone")

    spelling = Person.objects.values_list(*pinyin.COLUMNS).get(ext_id="zz-old")
    assert spelling == ("wangfang", "wangfang", "wang", "fang", "wf")
