"""Deals, decision roles and score snapshots as the API reads and writes them."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import field_validator

from guanxi.api.schemas.common import Amount, AttitudeIn, Date, NewId, Ref, choice, text
from guanxi.deals.choices import ContactLevel, DealStatus, Role


def _currency(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    if value and not (len(value) == 3 and value.isascii() and value.isalpha()):
        raise ValueError("use a three-letter currency code such as CNY or USD")
    return value


class DealOut(Schema):
    """A sales opportunity at a customer, with the competitors in play."""

    id: str
    organization_id: str
    name: str
    stage: str
    status: choice(DealStatus)  # type: ignore[valid-type]
    amount: float | None
    currency: str
    close_date: dt.date | None
    competitor_ids: list[str]
    owner: str | None = Field(None, description="The id of one of our people, who answers for it")


class DealIn(Schema):
    """A new deal on a customer."""

    id: NewId
    organization_id: Ref
    name: text(300) = Field(..., min_length=1)
    stage: text(100) = ""
    status: choice(DealStatus) = "open"  # type: ignore[valid-type]
    amount: Amount | None = None
    currency: text(3) = ""
    close_date: Date | None = None
    competitor_ids: list[Ref] = Field(default_factory=list, max_length=100)
    owner: Ref | None = None

    _currency = field_validator("currency")(_currency)


class DealPatch(Schema):
    """Changes to a deal (competitor_ids replaces the competitors in play)."""

    organization_id: Ref | None = None
    name: text(300) | None = Field(None, min_length=1)
    stage: text(100) | None = None
    status: choice(DealStatus) | None = None  # type: ignore[valid-type]
    amount: Amount | None = None
    currency: text(3) | None = None
    close_date: Date | None = None
    competitor_ids: list[Ref] | None = Field(None, max_length=100)
    owner: Ref | None = None  # null: no owner

    _currency = field_validator("currency")(_currency)


class DealRoleOut(Schema):
    """A person's part in a deal's decision; attitude is -2 (enemy) .. 2 (champion)."""

    deal_id: str
    person_id: str
    role: choice(Role)  # type: ignore[valid-type]
    attitude: int
    contact_level: choice(ContactLevel)  # type: ignore[valid-type]
    personality: str
    notes: str
    competitors_checked: bool  # v2: we asked where the competitors stand; nothing found


class DealRoleIn(Schema):
    """A new decision role: a customer's person on a deal."""

    deal_id: Ref
    person_id: Ref
    role: choice(Role)  # type: ignore[valid-type]
    attitude: AttitudeIn = 0
    contact_level: choice(ContactLevel) = "none"  # type: ignore[valid-type]
    personality: text(300) = ""
    notes: text() = ""
    competitors_checked: bool = False


class DealRolePatch(Schema):
    """Changes to a decision role (deal, person and role stay)."""

    attitude: AttitudeIn | None = None
    contact_level: choice(ContactLevel) | None = None  # type: ignore[valid-type]
    personality: text(300) | None = None
    notes: text() | None = None
    competitors_checked: bool | None = None


class SnapshotOut(Schema):
    """One recorded score of one subject (an account or a side) on one date."""

    date: dt.date
    subject_id: str
    metric: str
    value: float


class DealPage(Schema):
    """A page of deals."""

    count: int
    limit: int
    offset: int
    items: list[DealOut]


class DealRolePage(Schema):
    """A page of decision roles."""

    count: int
    limit: int
    offset: int
    items: list[DealRoleOut]


class SnapshotPage(Schema):
    """A page of snapshots."""

    count: int
    limit: int
    offset: int
    items: list[SnapshotOut]
