"""Real organisational networks (tests/data) converted to interchange folders and imported."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from guanxi.interchange import export_path, import_path
from guanxi.interchange.tests.helpers import real_networks_dir, write_folder
from guanxi.people.models import Person, Tie

pytestmark = pytest.mark.django_db

DATA = real_networks_dir()
ORG_HEADER = "id,name,kind\n"
PEOPLE_HEADER = "id,organization_id,name,title,department,reports_to_id\n"
TIES_HEADER = "source_id,target_id,kind,strength\n"


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def csv_text(header: str, lines: list[list[str]]) -> str:
    """CSV text with a header line (cells quoted as needed)."""
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(lines)
    return header + out.getvalue()


def krackhardt_folder(target: Path) -> Path:
    """Krackhardt's 21 managers: reporting lines, and advice reversed as influence (advisor →
    advisee), strength 50 (the data has no strengths)."""
    src = DATA / "krackhardt_hightech"
    boss = {r["source"]: r["target"] for r in rows(src / "reports_to.csv")}
    people = [
        [
            f"k{n['id']}",
            "hightech",
            n["ucinet_label"],
            n["level_label"],
            n["department"],
            f"k{boss[n['id']]}" if n["id"] in boss else "",
        ]
        for n in rows(src / "nodes.csv")
    ]
    ties = [
        [f"k{a['target']}", f"k{a['source']}", "influence", "50"] for a in rows(src / "advice.csv")
    ]
    return write_folder(
        target,
        {
            "organizations.csv": ORG_HEADER + "us,Us,own\nhightech,Krackhardt's firm,customer\n",
            "people.csv": csv_text(PEOPLE_HEADER, people),
            "ties.csv": csv_text(TIES_HEADER, ties),
        },
    )


def lazega_folder(target: Path) -> Path:
    """Lazega's 71 lawyers: advice as influence; friendship as relationship, one tie per pair
    (80 where the nomination is returned, 50 where it is not)."""
    src = DATA / "lazega_lawfirm"
    people = [
        [f"l{n['id']}", "sgr", f"Lawyer {n['id']}", n["status"], n["office"], ""]
        for n in rows(src / "nodes.csv")
    ]
    ties = [
        [f"l{a['target']}", f"l{a['source']}", "influence", "50"] for a in rows(src / "advice.csv")
    ]
    nominations = {(r["source"], r["target"]) for r in rows(src / "friendship.csv")}
    for a, b in sorted(nominations):
        if (b, a) in nominations and b < a:
            continue  # the returned nomination is the same relationship
        ties.append([f"l{a}", f"l{b}", "relationship", "80" if (b, a) in nominations else "50"])
    return write_folder(
        target,
        {
            "organizations.csv": ORG_HEADER + "us,Us,own\nsgr,SG&R law firm,customer\n",
            "people.csv": csv_text(PEOPLE_HEADER, people),
            "ties.csv": csv_text(TIES_HEADER, ties),
        },
    )


def test_krackhardt_managers_import_with_their_reporting_tree_and_advice(tmp_path):
    # given Krackhardt's high-tech managers as an interchange folder
    folder = krackhardt_folder(tmp_path / "kh")
    # when imported
    report = import_path(folder)
    # then the published figures hold: 21 managers, 20 reporting lines, 190 advice ties
    assert report.ok, report.problem_lines()
    assert Person.objects.count() == 21
    assert Tie.objects.filter(kind="reports_to").count() == 20
    assert Tie.objects.filter(kind="influence").count() == 190
    # the CEO (7) is the only one without a manager; reports-to in-degree as published
    managed = set(Tie.objects.filter(kind="reports_to").values_list("source__ext_id", flat=True))
    assert {p for p in Person.objects.values_list("ext_id", flat=True)} - managed == {"k7"}
    reports = Counter(
        Tie.objects.filter(kind="reports_to").values_list("target__ext_id", flat=True)
    )
    published_in = [0, 3, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 4]
    assert [reports.get(f"k{i}", 0) for i in range(1, 22)] == published_in
    # an advisor influences everyone who seeks their advice: out-degree = advice in-degree
    advisors = Counter(
        Tie.objects.filter(kind="influence").values_list("source__ext_id", flat=True)
    )
    published_advice_in = [13, 18, 5, 8, 5, 10, 13, 10, 4, 9, 11, 7, 4, 10, 4, 8, 9, 15, 4, 8, 15]
    assert [advisors.get(f"k{i}", 0) for i in range(1, 22)] == published_advice_in


def test_krackhardt_import_is_idempotent_and_round_trips(tmp_path):
    # given the imported managers
    folder = krackhardt_folder(tmp_path / "kh")
    import_path(folder)
    # when imported again / then nothing changes
    again = import_path(folder)
    assert again.totals().created == again.totals().updated == 0
    # and the export lists the reporting lines in people.csv and only advice in ties.csv
    export_path(tmp_path / "out")
    people = rows(tmp_path / "out" / "people.csv")
    assert sum(1 for p in people if p["reports_to_id"]) == 20
    assert len(rows(tmp_path / "out" / "ties.csv")) == 190


def test_lazega_lawyers_import_with_friendship_collapsed_to_relationships(tmp_path):
    # given Lazega's lawyers, friendship counted independently from the source CSV
    src = DATA / "lazega_lawfirm"
    nominations = [(r["source"], r["target"]) for r in rows(src / "friendship.csv")]
    pairs = {frozenset(n) for n in nominations}
    mutual = sum(1 for a, b in set(nominations) if (b, a) in set(nominations)) // 2
    assert len(nominations) == 575 and len(rows(src / "advice.csv")) == 892  # published
    # when imported
    report = import_path(lazega_folder(tmp_path / "lz"))
    # then 71 lawyers, 892 influence ties, and one relationship per befriended pair
    assert report.ok, report.problem_lines()
    assert Person.objects.count() == 71
    assert Tie.objects.filter(kind="influence").count() == 892
    assert Tie.objects.filter(kind="relationship").count() == len(pairs) == 575 - mutual
    assert Tie.objects.filter(kind="relationship", strength=80).count() == mutual


def test_lazega_friendship_listed_both_ways_is_a_duplicate(tmp_path):
    # given the raw friendship nominations written as relationships, without collapsing
    src = DATA / "lazega_lawfirm"
    people = [
        [f"l{n['id']}", "sgr", f"Lawyer {n['id']}", "", "", ""] for n in rows(src / "nodes.csv")
    ]
    ties = [
        [f"l{r['source']}", f"l{r['target']}", "relationship", "50"]
        for r in rows(src / "friendship.csv")
    ]
    folder = write_folder(
        tmp_path / "raw",
        {
            "organizations.csv": ORG_HEADER + "sgr,SG&R,customer\n",
            "people.csv": csv_text(PEOPLE_HEADER, people),
            "ties.csv": csv_text(TIES_HEADER, ties),
        },
    )
    nominations = {(r["source"], r["target"]) for r in rows(src / "friendship.csv")}
    mutual = sum(1 for a, b in nominations if (b, a) in nominations) // 2
    # when imported / then every returned nomination is reported as a duplicate tie
    report = import_path(folder)
    assert report.problem_count == mutual
    assert all("duplicate tie: the relationship between" in p.reason for p in report.problems)
