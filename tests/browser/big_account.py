"""A 500-person customer (and a 2-person one) written as interchange CSV files for the
browser tests: a reporting tree of executives, departments, managers and staff, our people's
relationships into it, relationships and influence inside it, and one open deal with roles.
Generated from a fixed seed, so every run draws the same account."""

from __future__ import annotations

import csv
import random
from pathlib import Path

BIG = "hx5"
DUO = "duo2"
OURS = ("ht-kam1", "ht-kam2", "ht-kam3", "ht-sd", "ht-ceo", "ht-ps1", "ht-psm", "ht-dm1")
#: a staff member inside a department, for find-in-graph
FINDABLE = "Zhou Mingyuan 周明远"


def _people() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(key: str, name: str, title: str, dept: str, boss: str, power: str = "") -> str:
        pid = f"{BIG}-{key}"
        rows.append(
            {
                "id": pid,
                "organization_id": BIG,
                "name": name,
                "title": title,
                "department": dept,
                "reports_to_id": f"{BIG}-{boss}" if boss else "",
                "power": power,
                "key": "true" if power else "false",
            }
        )
        return key

    ceo = add("ceo", "Han Wei 韩伟", "Chief Executive 总裁", "Executive Office", "", "90")
    managers = []
    for e in range(5):
        evp = add(f"e{e}", f"Executive {e} 副总{e}", f"EVP {e}", "Executive Office", ceo, "70")
        for d in range(4):
            dept = f"Department {e}{d} 部门{e}{d}"
            head = add(f"e{e}d{d}", f"Head {e}{d} 主任{e}{d}", f"Director {e}{d}", dept, evp)
            for m in range(2):
                managers.append(
                    (add(f"e{e}d{d}m{m}", f"Manager {e}{d}{m}", "Manager 经理", dept, head), dept)
                )
    i = 0
    while len(rows) < 500:
        boss, dept = managers[i % len(managers)]
        name = FINDABLE if i == 77 else f"Staff {i:03d} 员工{i:03d}"
        add(f"s{i:03d}", name, "Engineer 工程师", dept, boss)
        i += 1
    return rows


def write_account(folder: Path) -> dict[str, object]:
    """Write the interchange files into `folder`; the people rows, for the assertions."""
    rng = random.Random(500)
    people = _people()
    ids = [p["id"] for p in people]
    seniors = [p["id"] for p in people if "-s" not in p["id"]]
    folder.mkdir(parents=True, exist_ok=True)
    organisations = [
        {"id": BIG, "name": "Hexa Grid 500 六方电网", "kind": "customer", "tier": "key"},
        {"id": DUO, "name": "Duo Works 双工", "kind": "customer", "tier": "standard"},
    ]
    duo = [
        {
            "id": f"{DUO}-a",
            "organization_id": DUO,
            "name": "Meng Yuxi 孟雨溪",
            "title": "Owner",
            "department": "",
            "reports_to_id": "",
            "power": "80",
            "key": "true",
        },
        {
            "id": f"{DUO}-b",
            "organization_id": DUO,
            "name": "Kang Lixin 康立新",
            "title": "Buyer",
            "department": "",
            "reports_to_id": f"{DUO}-a",
            "power": "",
            "key": "false",
        },
    ]
    ties = []
    for ours in OURS:
        for target in rng.sample(ids, 8):
            ties.append((ours, target, "relationship", str(rng.randint(25, 95))))
    for _ in range(120):
        a, b = rng.sample(ids, 2)
        ties.append((a, b, "relationship", str(rng.randint(20, 90))))
    for _ in range(25):
        a, b = rng.sample(seniors, 2)
        ties.append((a, b, "influence", str(rng.randint(30, 90))))
    ties.append(("ht-kam1", f"{DUO}-b", "relationship", "60"))
    seen, unique = set(), []
    for t in ties:
        key = (min(t[0], t[1]), max(t[0], t[1]), t[2])
        if key not in seen:
            seen.add(key)
            unique.append(t)
    holders = [f"{BIG}-e1d2", f"{BIG}-e3d0m1", f"{BIG}-s210", f"{BIG}-e4"]
    _write(folder / "organizations.csv", organisations)
    _write(folder / "people.csv", people + duo)
    _write(
        folder / "ties.csv",
        [{"source_id": a, "target_id": b, "kind": k, "strength": s} for a, b, k, s in unique],
    )
    _write(
        folder / "deals.csv",
        [
            {
                "id": f"{BIG}-d1",
                "organization_id": BIG,
                "name": "Grid analytics",
                "stage": "proposal",
                "status": "open",
                "amount": "1000000",
                "currency": "CNY",
            }
        ],
    )
    roles = ("approver", "decision_maker", "evaluator", "user")
    _write(
        folder / "deal_roles.csv",
        [
            {"deal_id": f"{BIG}-d1", "person_id": p, "role": r}
            for p, r in zip(holders, roles, strict=True)
        ],
    )
    return {"people": people, "holders": holders}


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
