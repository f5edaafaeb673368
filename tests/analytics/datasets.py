"""Workspaces made from the real networks in tests/data (see its README), plus a side of ours."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

TODAY = dt.date(2025, 6, 30)
REPO = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The real networks kept with the tests (each folder with its source and licence)."""
    return REPO / "tests" / "data"


def read_edges(folder: str, name: str) -> list[tuple[str, str]]:
    with open(data_dir() / folder / name, newline="", encoding="utf-8") as f:
        return [(row["source"], row["target"]) for row in csv.DictReader(f)]


def read_nodes(folder: str) -> list[dict[str, str]]:
    with open(data_dir() / folder / "nodes.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def published(folder: str) -> dict:
    return json.loads((data_dir() / folder / "published_checks.json").read_text())


class Rows:
    """Accumulates the plain rows build_workspace takes, numbering keys as it goes."""

    def __init__(self) -> None:
        self.orgs: list[tuple] = []
        self.people: list[tuple] = []
        self.ties: list[tuple] = []
        self.interactions: list[tuple] = []
        self.participants: list[tuple] = []
        self.deals: list[tuple] = []
        self.roles: list[tuple] = []
        self.credits: list[tuple] = []
        self.org_key: dict[str, int] = {}
        self.person_key: dict[str, int] = {}
        self.deal_key: dict[str, int] = {}

    def org(self, org_id: str, kind: str, tier: str | None = None) -> None:
        self.org_key[org_id] = len(self.orgs) + 1
        self.orgs.append((self.org_key[org_id], org_id, kind, tier))

    def person(
        self,
        pid: str,
        org_id: str,
        *,
        left: bool = False,
        power: float | None = None,
        key: bool = False,
        sales: bool = False,
    ) -> None:
        self.person_key[pid] = 1000 + len(self.people)
        self.people.append(
            (
                self.person_key[pid],
                pid,
                self.org_key[org_id],
                "left" if left else "active",
                power,
                key,
                sales,
            )
        )

    def tie(self, a: str, b: str, kind: str, strength: float | None = None) -> None:
        self.ties.append((self.person_key[a], self.person_key[b], kind, strength))

    def interaction(self, days_ago: int, kind: str, *who: str) -> None:
        key = len(self.interactions) + 1
        self.interactions.append((key, TODAY - dt.timedelta(days=days_ago), kind))
        self.participants.extend((key, self.person_key[p]) for p in who)

    def deal(
        self,
        did: str,
        org_id: str,
        status: str,
        amount: float | None,
        competitors: tuple[str, ...] = (),
    ) -> None:
        self.deal_key[did] = len(self.deals) + 1
        self.deals.append(
            (
                self.deal_key[did],
                did,
                self.org_key[org_id],
                status,
                amount,
                tuple(self.org_key[c] for c in competitors),
            )
        )

    def role(
        self,
        did: str,
        pid: str,
        role: str,
        attitude: int = 0,
        contact: str | None = None,
        checked: bool = False,
    ) -> None:
        self.roles.append(
            (self.deal_key[did], self.person_key[pid], role, attitude, contact, checked)
        )

    def credit(self, did: str, pid: str, share: float) -> None:
        """A share of a won deal's credit recorded at the win (v2)."""
        self.credits.append((self.deal_key[did], self.person_key[pid], share))

    def args(self) -> dict:
        return {
            "orgs": self.orgs,
            "people": self.people,
            "ties": self.ties,
            "interactions": self.interactions,
            "participants": self.participants,
            "deals": self.deals,
            "roles": self.roles,
            "credits": self.credits,
            "today": TODAY,
        }


def our_side(
    rows: Rows,
    customer: str,
    contacts: dict[str, list[tuple[str, float]]],
    rival: dict[str, list[tuple[str, float]]],
) -> None:
    """Adds our company and one competitor with relationships into the customer."""
    rows.org("us", "own")
    rows.org("rival", "competitor")
    for e, ties in contacts.items():
        rows.person(e, "us", sales=e.endswith("sales"))
        for p, s in ties:
            rows.tie(e, p, "relationship", s)
    for e, ties in rival.items():
        rows.person(e, "rival")
        for p, s in ties:
            rows.tie(e, p, "relationship", s)


def krackhardt(left: tuple[str, ...] = ()) -> Rows:
    """Krackhardt's 21 managers: reports_to as reporting lines, advice as influence (adviser
    -> advisee, 50), friendship as relationships (30); our people and a rival around them."""
    folder = "krackhardt_hightech"
    rows = Rows()
    rows.org("hightech", "customer", "strategic")
    for node in read_nodes(folder):
        pid = f"m{int(node['id']):02d}"
        rows.person(pid, "hightech", left=pid in left)
    name = lambda x: f"m{int(x):02d}"  # noqa: E731
    for a, b in read_edges(folder, "reports_to.csv"):
        rows.tie(name(a), name(b), "reports_to")
    for a, b in read_edges(folder, "advice.csv"):
        rows.tie(name(b), name(a), "influence", 50)
    for a, b in read_edges(folder, "friendship.csv"):
        rows.tie(name(a), name(b), "relationship", 30)
    our_side(
        rows,
        "hightech",
        {
            "us-ann-sales": [("m07", 40), ("m02", 80)],
            "us-bob-hr": [("m14", 60), ("m18", 20)],
            "us-cy-sales": [("m21", 90), ("m10", 45)],
        },
        {"rv-dan": [("m07", 85), ("m02", 30)], "rv-eve": [("m14", 75), ("m10", 100)]},
    )
    rows.org("smallco", "customer", None)
    rows.org("emptyco", "customer", "key")
    rows.person("s1", "smallco")
    rows.person("s2", "smallco", power=90)
    rows.tie("s1", "s2", "reports_to")
    rows.tie("us-bob-hr", "s2", "relationship", "strong")
    rows.interaction(30, "meal", "us-cy-sales", "m21", "m07")
    rows.interaction(400, "meeting", "us-ann-sales", "m07")
    rows.interaction(-5, "call", "us-bob-hr", "m03")
    rows.interaction(10, "email", "us-bob-hr", "s1")
    rows.deal("d-erp", "hightech", "open", 250000, ("rival",))
    rows.role("d-erp", "m07", "approver", -1, "initial")
    rows.role("d-erp", "m14", "decision_maker", 1, "regular")
    rows.role("d-erp", "m10", "evaluator", 0, "deep")
    rows.role("d-erp", "m03", "evaluator", 2, "none")
    rows.deal("d-crm", "hightech", "won", 120000, ("rival",))
    rows.role("d-crm", "m02", "approver", 2, "deep")
    rows.role("d-crm", "m21", "decision_maker", 1, "regular")
    rows.role("d-crm", "m18", "user", 0, None)
    rows.deal("d-pilot", "smallco", "won", None)
    rows.role("d-pilot", "s2", "approver", 1, "regular")
    rows.deal("d-lost", "smallco", "lost", 5000, ("rival",))
    # v2: a strong influence on the CEO (m13, of little influence, becomes an influence
    # centre), a role marked "competitors checked", and credit recorded when d-crm was won
    # (bob has since lost his tie to m18 in this story, but keeps his recorded share)
    rows.tie("m13", "m07", "influence", 80)
    rows.role("d-erp", "m21", "user", 0, "regular", checked=True)
    rows.credit("d-crm", "us-ann-sales", 0.6)
    rows.credit("d-crm", "us-bob-hr", 0.3)
    rows.credit("d-crm", "us-cy-sales", 0.1)
    return rows


def lazega() -> Rows:
    """Lazega's 71 lawyers: advice as influence (60), friendship as relationships (40)."""
    folder = "lazega_lawfirm"
    rows = Rows()
    rows.org("lawfirm", "customer", "key")
    for node in read_nodes(folder):
        rows.person(
            f"l{int(node['id']):02d}",
            "lawfirm",
            key=node["status"] == "partner" and int(node["seniority_rank"]) <= 3,
        )
    name = lambda x: f"l{int(x):02d}"  # noqa: E731
    for a, b in read_edges(folder, "advice.csv"):
        rows.tie(name(b), name(a), "influence", 60)
    for a, b in read_edges(folder, "friendship.csv"):
        rows.tie(name(a), name(b), "relationship", 40)
    our_side(
        rows,
        "lawfirm",
        {
            "us-ann-sales": [("l01", 70), ("l17", 50)],
            "us-bob": [("l40", 80)],
            "us-cy-sales": [("l26", 45), ("l02", 20)],
        },
        {"rv-dan": [("l04", 90), ("l17", 60)]},
    )
    rows.deal("d-audit", "lawfirm", "open", 80000, ("rival",))
    rows.role("d-audit", "l04", "approver", -2, "initial")
    rows.role("d-audit", "l17", "evaluator", 1, "regular")
    return rows


def padgett(families: str = "all", kinds: tuple[str, ...] = ("marriage", "business")) -> Rows:
    """Padgett's Florentine families as one customer; marriage (70) and business (50) ties are
    relationships. families="networkx" keeps networkx's 15 (Pucci, an isolate, dropped)."""
    folder = "padgett_florentine"
    rows = Rows()
    rows.org("florence", "customer", "strategic")
    names = [n["family"] for n in read_nodes(folder)]
    if families == "networkx":
        names = [f for f in names if f != "Pucci"]
    for f in names:
        rows.person(f, "florence")
    strength = {"marriage": 70, "business": 50}
    for kind in kinds:
        for a, b in read_edges(folder, f"{kind}.csv"):
            rows.tie(a, b, "relationship", strength[kind])
    our_side(
        rows,
        "florence",
        {"us-cosimo": [("Medici", 90), ("Strozzi", 30)], "us-lena": [("Pazzi", 60)]},
        {"rv-rinaldo": [("Albizzi", 95), ("Guadagni", 80)]},
    )
    return rows
