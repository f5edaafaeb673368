"""The analysis JSON of CLI.md, described for the OpenAPI document.

The routes send the reports' own dicts (the CLI's JSON, byte for byte the same keys and
numbers); these schemas only document them, and the schema tests check the two agree.
Extra keys are allowed, as CLI.md says.
"""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class Open(Schema):
    """Allows the extra keys the contract permits."""

    model_config = ConfigDict(extra="allow")


class Path(Open):
    """A path from one of our people to the target, both included; strength 0–1."""

    people: list[str]
    strength: float


class AccountPerson(Open):
    id: str
    name: str
    power: float
    influence: float
    importance: float
    closeness: float
    competitor_closeness: dict[str, float]
    broker: float


class Edge(Open):
    source: str
    target: str
    kind: str
    strength: float | None


class Threat(Open):
    """v2: a key person a competitor is closer to than we are (closeness 0–100); the person
    is null for a role that sees no individual people."""

    person: str | None
    account: str
    closeness: float
    ours: float
    importance: float


class AccountThreat(Threat):
    competitor: str


class CloserThanUs(Open):
    """v2: how many key people, and how many accounts on average, a competitor leads us at."""

    people: int
    accounts: int


class AccountAnalysis(Open):
    """`guanxi account ID --json`: the customer relationship graph."""

    id: str
    name: str
    score: float
    level: str
    people: list[AccountPerson]
    power_centres: list[str]
    influence_centres: list[str]
    plan_targets: list[str]
    edges: list[Edge]
    threats: list[AccountThreat]  # v2: competitors ahead with this account's key people


class Entry(Open):
    id: str
    strength: float


class Indirect(Open):
    id: str
    via: str
    strength: float


class Ours(Open):
    direct: list[Entry]
    indirect: list[Indirect]


class PersonDeal(Open):
    deal_id: str
    role: str
    attitude: int


class PersonView(Open):
    """`guanxi person ID --json`: the key-person view."""

    id: str
    name: str
    organization_id: str | None
    inside: list[Entry]
    ours: Ours
    competitors: dict[str, list[Entry]]
    paths: list[Path]
    deals: list[PersonDeal]


class Levels(Open):
    strong: int
    medium: int
    weak: int


class Dependency(Open):
    employee: str
    share: float


class CompanyAccount(Open):
    id: str
    score: float
    level: str
    top_dependency: Dependency | None


class Employee(Open):
    id: str
    resources: float
    key_people: list[str]
    credit: float


class TrendPoint(Open):
    date: str
    score: float
    strong: int
    medium: int
    weak: int


class CompanyView(Open):
    """`guanxi company --json`: our (or a competitor's) relationship resources."""

    side: str
    name: str
    score: float
    levels: Levels
    accounts: list[CompanyAccount]
    employees: list[Employee]
    trend: list[TrendPoint]
    threats: list[Threat] | None = None  # v2: a competitor's side only
    closer_than_us: CloserThanUs | None = None  # v2: a competitor's side only


class DealRoleView(Open):
    person: str
    role: str
    attitude: int
    contact_level: str
    closeness: float
    competitor_closeness: dict[str, float]
    edge: float
    weight: float
    competitors_checked: bool
    intel_known: bool


class Warning(Open):
    code: str
    person: str | None
    reason: str


class DealAnalysis(Open):
    """`guanxi deal ID --json`: the decision chain of a deal."""

    id: str
    win_odds: float | None  # v2: null when nobody holds a role
    win_odds_low: float | None  # v2: the odds if unknown competitors were strong (MODEL.md)
    intel_coverage: float  # v2: share of role holders whose competitor intelligence is known
    coverage: float
    roles: list[DealRoleView]
    warnings: list[Warning]
    paths: dict[str, list[Path]]
