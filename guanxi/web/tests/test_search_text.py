"""The search box reads each person's case-folded name and title (`Person.search_text`),
kept through every write (a form, a rename of one field, an import, the migration for people
stored before it): letters outside ASCII match in any case on both databases, a name never
matches across into the title, and an id typed in full in another case comes first."""

from __future__ import annotations

import pytest

from guanxi.people.models import Organisation, Person
from guanxi.people.services import save_person
from guanxi.people.tests.data_migrations import run_data_step
from guanxi.web.tests.test_search import people_found


@pytest.fixture
def customer(db):
    found = Organisation.objects.filter(kind="customer").order_by("ext_id").first()
    return found or Organisation.objects.create(ext_id="zz-org", name="Z", kind="customer")


def found_by(client, typed: str) -> list[str]:
    """The ids of the people the search page lists for `typed` (none: no people group)."""
    html = client.get("/search/", {"q": typed}).content.decode()
    return people_found(html) if 'data-group="people"' in html else []


def stored(ext_id: str) -> str:
    return Person.objects.values_list("search_text", flat=True).get(ext_id=ext_id)


def test_the_record_keeps_its_search_text_through_every_write(customer):
    person = save_person(
        Person(
            ext_id="zz-el", name="Élodie Martin", title="Directrice Générale", organisation=customer
        ),
        actor=None,
    )
    first = stored("zz-el")
    person.title = "CFO"
    person.save(update_fields=["title"])
    retitled = stored("zz-el")
    person.name = "ÉLODIE Dupont"
    person.save(update_fields=["name"])
    renamed = stored("zz-el")

    assert first == "élodie martin\ndirectrice générale"
    assert retitled == "élodie martin\ncfo"
    assert renamed == "élodie dupont\ncfo"


def test_an_import_keeps_the_search_text_as_a_form_does(db, tmp_path):
    from guanxi.interchange.services import import_path

    (tmp_path / "organizations.csv").write_text("id,name,kind\nzz-org,Z,customer\n")
    people = tmp_path / "people.csv"
    people.write_text("id,organization_id,name,title\nzz-imp,zz-org,Ana Ñúñez,Jefa\n")
    assert import_path(tmp_path, actor=None).applied
    created = stored("zz-imp")
    people.write_text("id,organization_id,name,title\nzz-imp,zz-org,Ana Ñúñez,Directora\n")
    assert import_path(tmp_path, actor=None).applied

    assert created == "ana ñúñez\njefa"
    assert stored("zz-imp") == "ana ñúñez\ndirectora"


def test_the_migration_fills_in_the_people_stored_before_it(customer):
    save_person(
        Person(ext_id="zz-old", name="Zoë Bauer", title="CTO", organisation=customer), actor=None
    )
    Person.objects.filter(ext_id="zz-old").update(search_text="")
    run_data_step("guanxi.people.migrations.0005_person_search_text", "fold_everyone")

    assert stored("zz-old") == "zoë bauer\ncto"


def test_letters_outside_ascii_match_in_any_case(as_user, customer):
    save_person(
        Person(
            ext_id="zz-el", name="Élodie Martin", title="Directrice Générale", organisation=customer
        ),
        actor=None,
    )
    client = as_user("demo")

    for typed in ("élodie", "ÉLODIE", "GÉNÉRALE", "générale"):
        assert "zz-el" in found_by(client, typed)


def test_a_name_does_not_match_across_into_the_title(as_user, customer):
    save_person(
        Person(ext_id="zz-ab", name="Anna Berg", title="Chief", organisation=customer), actor=None
    )
    client = as_user("demo")

    assert "zz-ab" in found_by(client, "berg")
    assert "zz-ab" not in found_by(client, "berg chief")


def test_an_id_typed_in_full_in_another_case_comes_first(as_user, customer):
    save_person(Person(ext_id="ZZ-Kam9", name="Li Wei", organisation=customer), actor=None)
    client = as_user("demo")

    assert found_by(client, "zz-kam9")[0] == "ZZ-Kam9"
