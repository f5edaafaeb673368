"""Organisations, people, ties and interactions as the API reads and writes them.

Field names are the interchange columns (INTERCHANGE.md) and references are interchange ids.
`*In` creates (POST), `*Patch` changes (PATCH: only the fields sent), `*Out` is read.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import field_validator

from guanxi.api.schemas.common import Date, NewId, Percent, Ref, StrengthIn, choice, text
from guanxi.people.choices import InteractionKind, OrgKind, PersonStatus, TieKind, TieOrigin, Tier


def _not_future(value: dt.date | None) -> dt.date | None:
    if value is not None and value > dt.date.today():
        raise ValueError("the date is in the future; interactions record what happened")
    return value


class OrganisationOut(Schema):
    """A customer, our company (kind own), a competitor or a partner."""

    id: str
    name: str
    kind: choice(OrgKind)  # type: ignore[valid-type]
    tier: choice(Tier) | None  # type: ignore[valid-type]
    industry: str
    parent_id: str | None


class OrganisationIn(Schema):
    """A new organisation."""

    id: NewId
    name: text(300) = Field(..., min_length=1)
    kind: choice(OrgKind)  # type: ignore[valid-type]
    tier: choice(Tier) | None = None  # type: ignore[valid-type]
    industry: text(200) = ""
    parent_id: Ref | None = None


class OrganisationPatch(Schema):
    """Changes to an organisation (the id stays)."""

    name: text(300) | None = Field(None, min_length=1)
    kind: choice(OrgKind) | None = None  # type: ignore[valid-type]
    tier: choice(Tier) | None = None  # type: ignore[valid-type]
    industry: text(200) | None = None
    parent_id: Ref | None = None


class PersonOut(Schema):
    """Someone at an organisation; `reports_to_id` is their reporting line."""

    id: str
    organization_id: str
    name: str
    title: str
    department: str
    reports_to_id: str | None
    power: int | None
    key: bool
    is_sales: bool
    personality: str
    status: choice(PersonStatus)  # type: ignore[valid-type]
    email: str
    phone: str
    notes: str


class PersonIn(Schema):
    """A new person."""

    id: NewId
    organization_id: Ref
    name: text(300) = Field(..., min_length=1)
    title: text(300) = ""
    department: text(300) = ""
    reports_to_id: Ref | None = None
    power: Percent | None = None
    key: bool = False
    is_sales: bool = False
    personality: text(300) = ""
    status: choice(PersonStatus) = "active"  # type: ignore[valid-type]
    email: text(254) = ""
    phone: text(50) = ""
    notes: text() = ""


class PersonPatch(Schema):
    """Changes to a person (reports_to_id null removes the reporting line)."""

    organization_id: Ref | None = None
    name: text(300) | None = Field(None, min_length=1)
    title: text(300) | None = None
    department: text(300) | None = None
    reports_to_id: Ref | None = None
    power: Percent | None = None
    key: bool | None = None
    is_sales: bool | None = None
    personality: text(300) | None = None
    status: choice(PersonStatus) | None = None  # type: ignore[valid-type]
    email: text(254) | None = None
    phone: text(50) | None = None
    notes: text() | None = None


class TieOut(Schema):
    """A tie, identified by its two people and its kind (a relationship is stored once, in
    either order)."""

    source_id: str
    target_id: str
    kind: choice(TieKind)  # type: ignore[valid-type]
    strength: int | None
    since: dt.date | None
    notes: str
    origin: choice(TieOrigin)  # type: ignore[valid-type]
    last_confirmed: dt.date | None


class TieIn(Schema):
    """A new tie; strength is required unless the kind is reports_to."""

    source_id: Ref
    target_id: Ref
    kind: choice(TieKind)  # type: ignore[valid-type]
    strength: StrengthIn | None = None
    since: Date | None = None
    notes: text() = ""


class TiePatch(Schema):
    """Changes to a tie (its people and kind stay: delete it and record another instead)."""

    strength: StrengthIn | None = None
    since: Date | None = None
    notes: text() | None = None


class InteractionOut(Schema):
    """A dated touchpoint and who took part, in the order given."""

    id: str
    date: dt.date
    kind: choice(InteractionKind)  # type: ignore[valid-type]
    participant_ids: list[str] = Field(description="the participants you may see, in order")
    hidden_participants: int = Field(
        0, description="how many more people took part whom you may not see"
    )
    notes: str


class InteractionIn(Schema):
    """A new interaction with two or more participants."""

    id: NewId
    date: Date
    kind: choice(InteractionKind)  # type: ignore[valid-type]
    participant_ids: list[Ref] = Field(..., min_length=2, max_length=500)
    notes: text() = ""

    _date = field_validator("date")(_not_future)


class InteractionPatch(Schema):
    """Changes to an interaction (participant_ids replaces the participants)."""

    date: Date | None = None
    kind: choice(InteractionKind) | None = None  # type: ignore[valid-type]
    participant_ids: list[Ref] | None = Field(None, min_length=2, max_length=500)
    notes: text() | None = None

    _date = field_validator("date")(_not_future)


class OrganisationPage(Schema):
    """A page of organisations."""

    count: int
    limit: int
    offset: int
    items: list[OrganisationOut]


class PersonPage(Schema):
    """A page of people."""

    count: int
    limit: int
    offset: int
    items: list[PersonOut]


class TiePage(Schema):
    """A page of ties."""

    count: int
    limit: int
    offset: int
    items: list[TieOut]


class InteractionPage(Schema):
    """A page of interactions."""

    count: int
    limit: int
    offset: int
    items: list[InteractionOut]
