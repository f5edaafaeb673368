"""Generate a customer's believable org chart: chief, executives, departments, regions, staff.

The chart is a tree (one root, every other person reports to exactly one manager in the same
organisation), sized to the customer's head count, with stable keys such as "ceo", "cio",
"cio.d0" (the CIO's first department director), "cio.d0.s1" (a member of its staff) or
"region0" so the story in guanxi.demo.build can refer to people by role.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from guanxi.demo.catalog import Customer, Dept, Profile
from guanxi.demo.names import PERSONALITIES, NamePool, email_of

#: (customer prefix, key) → power override (0–100) where the reporting tree misleads.
POWER_OVERRIDES: dict[tuple[str, str], int] = {
    ("dfb", "chairman"): 60,  # a party-secretary chairman who leaves IT to the President
    ("dfb", "cro"): 75,  # risk signs off every system that touches credit data
    ("jng", "chairman"): 55,
    ("qln", "chairman"): 90,  # the founder still decides every large purchase
    ("rhg", "vp_med"): 70,  # doctors' buy-in decides hospital systems
}

OFFICE = Dept("General Office", "办公室", "Secretary", "秘书")


@dataclass
class Chart:
    """People rows of one organisation (interchange columns) and their keys → ids."""

    rows: list[dict[str, str]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, org_id: str, name: str, **columns: str) -> str:
        """Append one person; their id is "<org>-<key>" with dots as dashes."""
        person_id = f"{org_id}-{key.replace('.', '-').replace('_', '-')}"
        self.rows.append({"id": person_id, "organization_id": org_id, "name": name, **columns})
        self.ids[key] = person_id
        return person_id


@dataclass
class _Unit:
    key: str
    head: str
    dept: Dept
    department: str
    quota: int = 0


def _personality(rng: random.Random, chance: float) -> str:
    return rng.choice(PERSONALITIES) if rng.random() < chance else ""


def customer_chart(
    customer: Customer, profile: Profile, pool: NamePool, rng: random.Random
) -> Chart:
    """The org chart of `customer`: exactly `customer.size` people in one reporting tree."""
    chart = Chart()
    org = customer.prefix
    limit = max(6, math.floor(customer.size * 0.45))

    def senior(key: str, title: str, department: str, manager: str, personality: str) -> str:
        name = pool.draw()
        power = POWER_OVERRIDES.get((org, key))
        return chart.add(
            key,
            org,
            name,
            title=title,
            department=department,
            reports_to_id=chart.ids.get(manager, ""),
            power="" if power is None else str(power),
            personality=personality,
            email=email_of(name, customer.domain),
        )

    board = "Executive Office 领导班子"
    if profile.chairman and customer.size >= 30:
        senior("chairman", " ".join(profile.chairman), board, "", _personality(rng, 1))
    chief = (
        "General Manager 总经理" if customer.parent else f"{profile.chief_en} {profile.chief_zh}"
    )
    senior("ceo", chief, board, "chairman", _personality(rng, 1))
    senior(
        "office",
        "Director, General Office 办公室主任",
        "General Office 办公室",
        "ceo",
        "Discreet, the chief's gatekeeper 低调稳重，领导身边的大管家",
    )
    for ex in profile.execs:
        senior(
            ex.key,
            f"{ex.title_en} {ex.title_zh}",
            f"{ex.dept_en} {ex.dept_zh}",
            "ceo",
            PERSONALITIES[ex.personality],
        )

    units = [_Unit("office", "office", OFFICE, "General Office 办公室")]
    candidates: list[tuple[int, _Unit, str, str]] = []
    for ex in profile.execs:
        for i, dept in enumerate(ex.depts):
            unit = _Unit(f"{ex.key}.d{i}", ex.key, dept, f"{dept.en} {dept.zh}")
            title = f"Director, {dept.en} {dept.zh}{profile.director_zh}"
            candidates.append((i, unit, title, ex.key))
    for i, (en, zh) in enumerate(profile.regions):
        region = Dept(en, zh, "Account Manager", "客户经理")
        unit = _Unit(f"region{i}", profile.sales_exec, region, f"{en} {zh}")
        title = f"{profile.region_en.format(en)} {profile.region_zh.format(zh)}"
        candidates.append((i if i < 2 else i + 1, unit, title, profile.sales_exec))
    candidates.sort(key=lambda c: c[0])  # stable: every exec's first department, then the rest
    for _rank, unit, title, manager in candidates:
        if len(chart.rows) >= limit:
            break
        senior(unit.key, title, unit.department, manager, _personality(rng, 0.5))
        unit.head = unit.key
        units.append(unit)

    for i in range(customer.size - len(chart.rows)):
        units[i % len(units)].quota += 1
    for unit in units:
        managers = 0 if unit.quota <= 2 else math.ceil(unit.quota / 6)
        heads = []
        for j in range(managers):
            heads.append(f"{unit.key}.m{j}")
            chart.add(
                heads[-1],
                org,
                pool.draw(),
                title=f"Manager, {unit.dept.en} {unit.dept.zh}{profile.manager_zh}",
                department=unit.department,
                reports_to_id=chart.ids[unit.head],
                personality=_personality(rng, 0.3),
            )
        for j in range(unit.quota - managers):
            boss = heads[j % len(heads)] if heads else unit.head
            senior_staff = j % 3 == 0
            chart.add(
                f"{unit.key}.s{j}",
                org,
                pool.draw(),
                title=("Senior " if senior_staff else "")
                + f"{unit.dept.staff_en} {'高级' if senior_staff else ''}{unit.dept.staff_zh}",
                department=unit.department,
                reports_to_id=chart.ids[boss],
                personality=_personality(rng, 0.15),
            )
    return chart
