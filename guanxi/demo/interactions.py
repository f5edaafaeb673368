"""A year of our touchpoints with each customer: meals, meetings, visits, calls, messages.

Each account gets a few interactions a month (more for strategic accounts, and more in recent
months, so the relationship evidence grows over the year), between its account team and the
customer people we know or who hold deal roles; plus two events with many guests. Zhou Peng,
who left, appears only before he left.
"""

from __future__ import annotations

import datetime as dt
import random

from guanxi.demo.catalog import CUSTOMERS, OWN_STAFF
from guanxi.demo.story import COLD

Rows = list[dict[str, str]]

#: Interaction kinds and how often each happens.
KINDS = ("meeting", "call", "email", "message", "meal", "visit", "event")
WEIGHTS = (26, 20, 18, 16, 9, 8, 3)
PER_MONTH = {"strategic": 7, "key": 5, "standard": 3}
LEFT_DAYS_AGO = 220  # Zhou Peng's last day was this many days before today

NOTES: dict[str, tuple[str, ...]] = {
    "meeting": (
        "Requirements workshop 需求研讨会",
        "Steering committee 项目指导委员会",
        "Solution walkthrough 方案讲解",
        "Quarterly business review 季度业务回顾",
        "Contract negotiation 合同谈判",
    ),
    "call": (
        "Follow-up on the proposal 方案跟进",
        "Clarified budget timing 确认预算时间",
        "Escalation about a production issue 生产问题升级沟通",
    ),
    "email": (
        "Sent the reference case 发送参考案例",
        "Shared the revised quotation 发送修订报价",
        "Meeting minutes 会议纪要",
    ),
    "message": (
        "WeChat greetings for the holiday 微信节日问候",
        "Quick question on the demo 演示问题沟通",
        "Congratulated on the promotion 祝贺升职",
    ),
    "meal": (
        "Dinner after the steering committee 指导委员会后晚宴",
        "Lunch near their office 附近午餐",
        "Tea with the account team 与客户团队喝茶",
    ),
    "visit": (
        "Visited our Hangzhou headquarters 参观杭州总部",
        "Site visit to their data centre 现场参观数据中心",
        "Reference visit to another customer 参观样板客户",
    ),
    "event": (
        "Industry forum 行业论坛",
        "Product launch 新品发布会",
    ),
}


def interaction_rows(
    rng: random.Random,
    ids: dict[str, dict[str, str]],
    ties: Rows,
    roles: Rows,
    today: dt.date,
) -> Rows:
    """Interactions over the 365 days before `today`, ids in date order (ix-0001 is oldest)."""
    known = _known_people(ids, ties, roles)
    drafts: list[tuple[int, str, list[str], str]] = []  # (days ago, kind, participants, notes)
    for customer in CUSTOMERS:
        contacts = known[customer.prefix]
        if not contacts:
            continue
        for month in range(12):
            growth = 0.6 + 0.8 * (11 - month) / 11
            for _ in range(round(PER_MONTH[customer.tier] * growth)):
                days = month * 30 + rng.randrange(30)
                team = _team(ids, customer.prefix, days)
                kind = rng.choices(KINDS, WEIGHTS)[0]
                ours = rng.sample(team, min(len(team), 2 if rng.random() < 0.3 else 1))
                theirs = rng.sample(contacts, min(len(contacts), rng.choice((1, 1, 1, 2, 2, 3))))
                drafts.append((days, kind, ours + theirs, rng.choice(NOTES[kind])))
    drafts.extend(_events(rng, ids, known))
    drafts.sort(key=lambda d: -d[0])  # stable: same-day drafts keep their generation order
    return [
        {
            "id": f"ix-{i:04d}",
            "date": (today - dt.timedelta(days=days)).isoformat(),
            "kind": kind,
            "participant_ids": ";".join(dict.fromkeys(people)),
            "notes": notes,
        }
        for i, (days, kind, people, notes) in enumerate(drafts, start=1)
    ]


def _known_people(ids: dict[str, dict[str, str]], ties: Rows, roles: Rows) -> dict[str, list[str]]:
    """Per customer, in a stable order: people we have a relationship with or who hold a role."""
    ours = set(ids["ht"].values())
    wanted: set[str] = set()
    for tie in ties:
        if tie["kind"] == "relationship" and tie["source_id"] in ours:
            wanted.add(tie["target_id"])
    wanted.update(role["person_id"] for role in roles)
    known: dict[str, list[str]] = {}
    for customer in CUSTOMERS:
        cold = {ids[customer.prefix][k] for k in COLD.get(customer.prefix, ())}
        known[customer.prefix] = [
            person
            for person in ids[customer.prefix].values()
            if person in wanted and person not in cold
        ]
    return known


def _team(ids: dict[str, dict[str, str]], account: str, days_ago: int) -> list[str]:
    """Our people working the account on that day (Zhou Peng only before he left)."""
    return [
        ids["ht"][s.key]
        for s in OWN_STAFF
        if account in s.accounts and (s.status == "active" or days_ago > LEFT_DAYS_AGO)
    ]


def _events(
    rng: random.Random, ids: dict[str, dict[str, str]], known: dict[str, list[str]]
) -> list[tuple[int, str, list[str], str]]:
    """Our annual customer summit and a fintech forum: many guests from several accounts."""
    own = ids["ht"]
    summit = [own[k] for k in ("ceo", "sd", "mkt", "kam1", "kam2", "kam3", "psm")]
    for account in ("dfb", "jng", "tyt", "qln", "rhg"):
        summit += rng.sample(known[account], min(3, len(known[account])))
    forum = [own[k] for k in ("sd", "kam1", "ps1", "rd")]
    for account in ("dfb", "jng"):
        forum += rng.sample(known[account], min(2, len(known[account])))
    return [
        (100, "event", summit, "Hengtai customer summit 恒泰年度客户大会"),
        (250, "event", forum, "Fintech forum, Shanghai 上海金融科技论坛"),
    ]
