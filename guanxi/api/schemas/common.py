"""Field types shared by the API schemas: ids, texts, strengths, attitudes and pages.

Every input is checked here before a service sees it, so bad input is a 422 naming the
field, never a database error: texts have the model's length and no NUL characters (which
PostgreSQL refuses), numbers their ranges, choices their words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from guanxi.core.ids import id_problem
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.deals.choices import ATTITUDE_WORDS
from guanxi.people.rules import parse_strength

#: Largest page of a list.
MAX_LIMIT = 500
DEFAULT_LIMIT = 100


def choice(choices: type[TextChoices]) -> Any:
    """A Literal of the choice's stored values, so OpenAPI lists them as an enum."""
    return Literal[tuple(choices.values)]  # type: ignore[valid-type]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _id(value: str) -> str:
    why = id_problem(value)
    if why:
        raise ValueError(why)
    return value


def text(max_length: int = TEXT_MAX_LENGTH) -> Any:
    """A free text of at most `max_length` characters (notes: guanxi.core.limits)."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_no_nul)]


#: A new record's interchange id (guanxi.core.ids: printable, no '/' or ';', no formula start).
NewId = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_id)]
#: A reference to another record by its interchange id.
Ref = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]
Percent = Annotated[int, Field(ge=0, le=100)]


def _strength(value: Any) -> Any:
    """Words (strong/medium/weak, 强/中/弱) and numeric texts to their numbers; numbers pass
    on to the range check."""
    if isinstance(value, str):
        return parse_strength(value)  # its ValueError names the problem plainly
    return value


def _attitude(value: Any) -> Any:
    """Words (champion ... enemy) to their numbers -2..2."""
    if isinstance(value, str):
        word = value.strip().lower().replace("-", "_").replace(" ", "_")
        if word in ATTITUDE_WORDS:
            return ATTITUDE_WORDS[word]
        raise ValueError("use -2..2 or champion, supporter, neutral, non_supporter or enemy")
    return value


StrengthWord = Literal["strong", "medium", "weak", "强", "中", "弱"]
#: A strength: a whole number 0–100 or strong (80) / medium (50) / weak (20).
StrengthIn = Annotated[
    Percent | StrengthWord,
    BeforeValidator(_strength),
    Field(description="0–100, or strong (80), medium (50), weak (20)"),
]
AttitudeWord = Literal["champion", "supporter", "neutral", "non_supporter", "enemy"]
#: An attitude toward us: -2..2 or champion (2) ... enemy (-2).
AttitudeIn = Annotated[
    Annotated[int, Field(ge=-2, le=2)] | AttitudeWord,
    BeforeValidator(_attitude),
    Field(description="-2..2, or champion, supporter, neutral, non_supporter, enemy"),
]
Amount = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
Date = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]


class PageIn(Schema):
    """Which slice of a list: at most 500 rows from `offset`."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10**9)


def page(
    queryset: Any, paging: PageIn, convert: Any = None, *, convert_all: Any = None
) -> dict[str, Any]:
    """One page of a list: {"count", "limit", "offset", "items"}; each row through
    `convert(row)`, or the page's rows at once through `convert_all(rows)`."""
    rows = list(queryset[paging.offset : paging.offset + paging.limit])
    return {
        "count": queryset.count(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": convert_all(rows) if convert_all else [convert(row) for row in rows],
    }
