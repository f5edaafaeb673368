"""Hand-over in bulk (one successor for all of a colleague's open tasks, or for one account's),
and hand-over tasks for a colleague set to left by any writer: the page, the person form, the
API and admin (all through save_person) and the import."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from guanxi.interchange.services import import_files
from guanxi.people.choices import HandoverStatus
from guanxi.people.handover import mark_departed
from guanxi.people.models import Handover, Person
from guanxi.people.services import save_person


def demo_pk() -> str:
    return str(get_user_model().objects.get(username="demo").pk)


def open_tasks(ext_id: str) -> int:
    return Handover.objects.filter(departed__ext_id=ext_id, status=HandoverStatus.OPEN).count()


def test_a_colleague_set_to_left_through_save_person_gets_hand_over_tasks(demo, db):
    song = Person.objects.get(ext_id="ht-kam3")
    assert open_tasks("ht-kam3") == 0

    song.status = "left"
    save_person(song, actor="test")

    assert open_tasks("ht-kam3") >= 10


def test_a_colleague_set_to_left_by_an_import_gets_hand_over_tasks(demo, db):
    files = {
        "organizations.csv": b"id,name,kind\nht,Hengtai Software,own\n",
        "people.csv": "id,organization_id,name,status\nht-kam3,ht,Song Jia 宋佳,left\n".encode(),
    }

    report = import_files(files, actor="test")

    assert report.applied, report.problem_lines()
    assert Person.objects.get(ext_id="ht-kam3").status == "left"
    assert open_tasks("ht-kam3") >= 10


def test_the_demo_import_opened_the_tasks_of_its_colleague_who_left(demo, db):
    assert open_tasks("ht-zp") >= 8


def test_a_customer_person_who_leaves_gets_no_tasks(demo, db):
    cfo = Person.objects.get(ext_id="dfb-cfo")

    cfo.status = "left"
    save_person(cfo, actor="test")

    assert Handover.objects.filter(departed=cfo).count() == 0


def test_one_successor_takes_over_all_open_tasks_in_one_go(as_user):
    client = as_user("demo")
    tasks = mark_departed(Person.objects.get(ext_id="ht-kam3"), actor="test")
    page = client.get("/handovers/ht-kam3/").content.decode()

    response = client.post(
        "/handovers/ht-kam3/",
        {"action": "assign_all", "successor__text": "Li Na", "account": "", "owner": demo_pk()},
    )

    assert 'data-testid="bulk-handover"' in page
    assert response.status_code == 302
    successors = set(
        Handover.objects.filter(pk__in=[t.pk for t in tasks]).values_list(
            "successor__ext_id", flat=True
        )
    )
    assert successors == {"ht-kam1"}


def test_one_accounts_tasks_go_to_one_successor_and_the_rest_stay_open(as_user):
    client = as_user("demo")
    tasks = mark_departed(Person.objects.get(ext_id="ht-kam3"), actor="test")
    accounts = {t.contact.organisation.ext_id for t in tasks}
    first = sorted(accounts)[0]

    client.post(
        "/handovers/ht-kam3/",
        {
            "action": "assign_all",
            "successor__text": "ht-kam2",
            "account": first,
            "owner": demo_pk(),
        },
    )

    rows = Handover.objects.filter(departed__ext_id="ht-kam3").values_list(
        "contact__organisation__ext_id", "successor__ext_id"
    )
    assert len(accounts) >= 2
    assert {s for a, s in rows if a == first} == {"ht-kam2"}
    assert {s for a, s in rows if a != first} == {None}


def test_a_successor_who_left_is_refused_and_nothing_is_assigned(as_user):
    client = as_user("demo")
    mark_departed(Person.objects.get(ext_id="ht-kam3"), actor="test")
    gone = Person.objects.get(ext_id="ht-kam2")
    gone.status = "left"
    save_person(gone, actor="test")

    response = client.post(
        "/handovers/ht-kam3/",
        {"action": "assign_all", "successor__text": "ht-kam2", "account": "", "owner": demo_pk()},
        follow=True,
    )

    assert "Nobody called" in response.content.decode()
    assert not Handover.objects.filter(departed__ext_id="ht-kam3", successor__isnull=False)
