"""Build the demo workspace as interchange CSV files (no database needed).

`build_demo(today)` returns {file name: CSV text} in exactly the columns of INTERCHANGE.md.
The same `today` always gives the same bytes: one seeded generator, consumed in a fixed order,
never iterating a set; dates are offsets from `today`, so a later run shows the same story
shifted to its own year (the scores decay against today).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from guanxi.demo.catalog import (
    COMPETITORS,
    CUSTOMERS,
    OWN_DOMAIN,
    OWN_NAME,
    OWN_STAFF,
    PROFILES,
    RIVAL_STAFF,
)
from guanxi.demo.interactions import interaction_rows
from guanxi.demo.names import NamePool, email_of
from guanxi.demo.orgchart import Chart, customer_chart
from guanxi.demo.story import COLD, DEAL_OWNERS, DEALS, STORY_INFLUENCE, STORY_TIES

SEED = 20240817
OWN_ID = "ht"

#: Interchange files and their columns, in INTERCHANGE.md's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations.csv": ("id", "name", "kind", "tier", "industry", "parent_id"),
    "people.csv": (
        "id", "organization_id", "name", "title", "department", "reports_to_id", "power", "key",
        "is_sales", "personality", "status", "email", "phone", "notes",
    ),
    "ties.csv": ("source_id", "target_id", "kind", "strength", "since", "notes"),
    "interactions.csv": ("id", "date", "kind", "participant_ids", "notes"),
    "deals.csv": (
        "id", "organization_id", "name", "stage", "status", "amount", "currency", "close_date",
        "competitor_ids", "owner",
    ),
    "deal_roles.csv": (
        "deal_id", "person_id", "role", "attitude", "contact_level", "personality", "notes",
    ),
}  # fmt: skip

Rows = list[dict[str, str]]


def build_demo(today: dt.date) -> dict[str, str]:
    """The demo workspace as {file name: CSV text}, deterministic for a given `today`.

    >>> files = build_demo(dt.date(2025, 1, 1))
    >>> sorted(files)[:2], files["organizations.csv"].splitlines()[0]
    (['deal_roles.csv', 'deals.csv'], 'id,name,kind,tier,industry,parent_id')
    """
    return {name: to_csv(name, rows) for name, rows in build_rows(today).items()}


def to_csv(name: str, rows: Rows) -> str:
    """One interchange file's text: header, then the rows (missing cells empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[name], restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build_rows(today: dt.date) -> dict[str, Rows]:
    """The demo workspace as {file name: rows}, rows being {column: text}."""
    rng = random.Random(SEED)
    pool = NamePool(rng)
    for staff in OWN_STAFF:
        pool.reserve(staff.name)

    organisations: Rows = [{"id": OWN_ID, "name": OWN_NAME, "kind": "own"}]
    charts: dict[str, Chart] = {OWN_ID: _own_chart()}
    for prefix, name, domain in COMPETITORS:
        organisations.append({"id": prefix, "name": name, "kind": "competitor"})
        charts[prefix] = _rival_chart(prefix, domain, pool, rng)
    for customer in CUSTOMERS:
        organisations.append(
            {
                "id": customer.prefix,
                "name": customer.name,
                "kind": "customer",
                "tier": customer.tier,
                "industry": customer.industry,
                "parent_id": customer.parent,
            }
        )
        profile = PROFILES[customer.profile]
        chart = customer_chart(customer, profile, pool, rng)
        for key in ("ceo", "cio", profile.sales_exec):
            chart.rows[list(chart.ids).index(key)]["key"] = "true"
        charts[customer.prefix] = chart

    ids = {org: chart.ids for org, chart in charts.items()}
    people = [_complete_person(row) for chart in charts.values() for row in chart.rows]
    ties = _influence_ties(rng, ids) + _relationship_ties(rng, ids, today)
    deals, roles = _deal_rows(ids, today)
    interactions = interaction_rows(rng, ids, ties, roles, today)
    return {
        "organizations.csv": organisations,
        "people.csv": people,
        "ties.csv": ties,
        "interactions.csv": interactions,
        "deals.csv": deals,
        "deal_roles.csv": roles,
    }


def ref(ids: dict[str, dict[str, str]], reference: str, org: str = "") -> str:
    """The person id of "org:key" (or of "key" at `org`); a clear error for a typo.

    >>> ref({"ht": {"ceo": "ht-ceo"}}, "ht:ceo")
    'ht-ceo'
    """
    where, _, key = reference.rpartition(":")
    where = where or org
    try:
        return ids[where][key]
    except KeyError:
        raise KeyError(f"demo story refers to unknown person {where}:{key}") from None


def _complete_person(row: dict[str, str]) -> dict[str, str]:
    row.setdefault("key", "false")
    row.setdefault("is_sales", "false")
    row.setdefault("status", "active")
    return row


def _own_chart() -> Chart:
    chart = Chart()
    for staff in OWN_STAFF:
        chart.add(
            staff.key,
            OWN_ID,
            staff.name,
            title=staff.title,
            department=staff.department,
            reports_to_id=chart.ids[staff.manager] if staff.manager else "",
            is_sales="true" if staff.is_sales else "false",
            status=staff.status,
            email=email_of(staff.name, OWN_DOMAIN),
            notes=staff.notes,
        )
    return chart


def _rival_chart(prefix: str, domain: str, pool: NamePool, rng: random.Random) -> Chart:
    chart = Chart()
    for key, title, department, manager, is_sales in RIVAL_STAFF:
        name = pool.draw()
        chart.add(
            key,
            prefix,
            name,
            title=title,
            department=department,
            reports_to_id=chart.ids[manager] if manager else "",
            is_sales="true" if is_sales else "false",
            email=email_of(name, domain) if rng.random() < 0.5 else "",
            notes="From deal intelligence 来自项目情报",
        )
    return chart


def _is_senior(key: str) -> bool:
    return ".m" not in key and ".s" not in key


def _influence_ties(rng: random.Random, ids: dict[str, dict[str, str]]) -> Rows:
    """Who influences whom inside each customer: the gatekeeper, trusted directors, peers."""
    rows: Rows = []
    seen: set[tuple[str, str]] = set()

    def add(source: str, target: str, strength: int, notes: str = "") -> None:
        if source != target and (source, target) not in seen:
            seen.add((source, target))
            rows.append(
                {
                    "source_id": source,
                    "target_id": target,
                    "kind": "influence",
                    "strength": str(strength),
                    "notes": notes,
                }
            )

    for source, target, strength, notes in STORY_INFLUENCE:
        add(ref(ids, source), ref(ids, target), strength, notes)
    for customer in CUSTOMERS:
        keys = ids[customer.prefix]
        profile = PROFILES[customer.profile]
        add(
            keys["office"],
            keys["ceo"],
            80,
            "The gatekeeper: the chief listens to the office 领导最信任的大管家",
        )
        if "region0" in keys:
            add(
                keys["region0"],
                keys[profile.sales_exec],
                70,
                "Trusted regional director 最受信任的区域负责人",
            )
        if "cfo" in keys:
            add(keys["cfo"], keys["ceo"], 55, "Controls the budget 掌握预算")
        execs = [e.key for e in profile.execs if e.key in keys]
        for i in range(2):
            a, b = rng.sample(execs, 2)
            add(keys[a], keys[b], rng.randrange(40, 65, 5), "Peers 同级同事")
            if i == 0:
                add(keys[b], keys[a], rng.randrange(40, 65, 5), "Peers 同级同事")
        if "cio.d0" in keys:
            add(keys["cio.d0"], keys["cio"], 60, "The CIO's technical adviser CIO的技术参谋")
        if "cio.d0.s0" in keys:
            add(keys["cio.d0.s0"], keys["cio.d0"], 45, "Evaluates products 负责产品评估")
        directors = [k for k in keys if _is_senior(k) and (".d" in k or k.startswith("region"))]
        for _ in range(customer.size // 25):
            a, b = rng.sample(directors, 2)
            add(keys[a], keys[b], rng.randrange(30, 65, 5))
    return rows


def _strength(rng: random.Random, mean: int) -> int:
    value = round(rng.gauss(mean, 15) / 5) * 5
    return min(95, max(10, value))


def _since(rng: random.Random, today: dt.date, *, old: bool) -> str:
    """Old ties date from before the year; the rest spread over it, so capability grows."""
    days = rng.randrange(366, 2000) if old else rng.randrange(0, 365)
    return (today - dt.timedelta(days=days)).isoformat()


def _relationship_ties(rng: random.Random, ids: dict[str, dict[str, str]], today: dt.date) -> Rows:
    """Our and the competitors' relationships with customer people (one row per pair)."""
    rows: Rows = []
    pairs: set[frozenset[str]] = set()
    touched: set[tuple[str, str]] = set()  # (side, customer person) written by hand

    def add(a: str, b: str, strength: int, since: str, notes: str = "") -> None:
        pair = frozenset((a, b))
        if a != b and pair not in pairs:
            pairs.add(pair)
            rows.append(
                {
                    "source_id": a,
                    "target_id": b,
                    "kind": "relationship",
                    "strength": str(strength),
                    "since": since,
                    "notes": notes,
                }
            )

    for a, b, strength, days, notes in STORY_TIES:
        since = (today - dt.timedelta(days=days)).isoformat()
        add(ref(ids, a), ref(ids, b), strength, since, notes)
        touched.add((a.split(":")[0], ref(ids, b)))

    for customer in CUSTOMERS:
        keys = ids[customer.prefix]
        cold = COLD.get(customer.prefix, frozenset())
        targets = [k for k in keys if k not in cold]
        team = [s for s in OWN_STAFF if customer.prefix in s.accounts]
        for key in targets:
            person = keys[key]
            # we know many leaders, fewer staff, and (a software vendor) more of IT's staff
            reach = (
                customer.reach
                if _is_senior(key)
                else customer.staff * (2 if key[:4] == "cio." else 1)
            )
            if (OWN_ID, person) in touched or rng.random() >= reach:
                continue
            for member in rng.sample(team, 2 if rng.random() < 0.2 else 1):
                left = member.status == "left"
                add(
                    ids[OWN_ID][member.key],
                    person,
                    _strength(rng, customer.ours),
                    _since(rng, today, old=left or rng.random() < 0.3),
                )
        for rival, mean in customer.rivals.items():
            crew = [ids[rival][k] for k in ("vp", "am1", "am2", "am3", "ps1", "dl1")]
            chance = min(0.6, 0.25 * mean / 40)
            for key in targets:
                person = keys[key]
                reach = chance * (1 if _is_senior(key) else 0.3)
                if (rival, person) in touched or rng.random() >= reach:
                    continue
                add(
                    rng.choice(crew),
                    person,
                    _strength(rng, mean),
                    _since(rng, today, old=rng.random() < 0.5),
                )
    return rows


def _deal_rows(ids: dict[str, dict[str, str]], today: dt.date) -> tuple[Rows, Rows]:
    """Deals with their competitors, and the decision roles on them."""
    deals: Rows = []
    roles: Rows = []
    for spec in DEALS:
        deals.append(
            {
                "id": spec["id"],
                "organization_id": spec["org"],
                "name": spec["name"],
                "stage": spec["stage"],
                "status": spec["status"],
                "amount": spec["amount"],
                "currency": spec["currency"],
                "close_date": (today + dt.timedelta(days=spec["close"])).isoformat(),
                "competitor_ids": ";".join(spec["competitors"]),
                "owner": ref(ids, f"ht:{DEAL_OWNERS[spec['id']]}"),
            }
        )
        for role, who, attitude, contact, personality, notes in spec["roles"]:
            roles.append(
                {
                    "deal_id": spec["id"],
                    "person_id": ref(ids, who, spec["org"]),
                    "role": role,
                    "attitude": attitude,
                    "contact_level": contact,
                    "personality": personality,
                    "notes": notes,
                }
            )
    return deals, roles
