"""Cell readers: each turns the text of one cell into a value or raises ValueError with a reason.

Enums, dates and strengths repeat a few distinct texts over a million rows, so their readers
remember the answer for each text they have seen.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guanxi.core import ids
from guanxi.core.limits import TEXT_MAX_LENGTH
from guanxi.deals.choices import ATTITUDE_WORDS
from guanxi.people.rules import parse_strength

#: marks a column the file does not have: existing records keep their value for it
KEEP: Any = type("Keep", (), {"__repr__": lambda self: "KEEP"})()

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MISSING = object()
_FAILED = object()


def memoised(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """`parse` with a cache of answers (values and error reasons) per distinct text.

    A reason is kept per language as well as per text: the readers live as long as the
    process, and one server answers requests in English and in Chinese. Looking the language
    up only on the error path keeps the million good cells as fast as before.
    """
    cache: dict[Any, Any] = {}

    def cached(text: str) -> Any:
        hit = cache.get(text, _MISSING)
        if hit is not _MISSING and hit is not _FAILED:
            return hit
        key = (get_language(), text)
        reason = cache.get(key) if hit is _FAILED else None
        if reason is None:
            try:
                value = parse(text)
            except ValueError as exc:
                reason = str(exc)
            else:
                if len(cache) < 100_000:
                    cache[text] = value
                return value
            if len(cache) < 100_000:
                cache[text], cache[key] = _FAILED, reason
        raise ValueError(reason)

    return cached


def enum_reader(choices: Iterable[str], what: Any, default: str | None = None) -> Callable:
    """A reader of one of `choices` (case-insensitive); empty gives `default` or an error.

    `what` names the value in messages (a lazy translation: readers are made at import time).
    """
    allowed = tuple(choices)

    def read(text: str) -> str:
        value = text.strip().lower()
        if value in allowed:
            return value
        if not value and default is not None:
            return default
        if not value:
            raise ValueError(
                _("missing %(what)s (one of %(choices)s)")
                % {"what": what, "choices": ", ".join(allowed)}
            )
        raise ValueError(
            _("'%(text)s' is not a %(what)s; use one of %(choices)s")
            % {"text": text, "what": what, "choices": ", ".join(allowed)}
        )

    return memoised(read)


def _date(text: str) -> dt.date | None:
    value = text.strip()
    if not value:
        return None
    if not _DATE.fullmatch(value):
        raise ValueError(_("'%(text)s' is not a date; write it as YYYY-MM-DD") % {"text": text})
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("'%(text)s' is not a real date") % {"text": text}) from None


#: date or None (empty)
read_date = memoised(_date)


def _strength(text: str) -> int | None:
    if not text.strip():
        return None
    return parse_strength(text)


#: strength 0–100 or strong/medium/weak, via the rule the services use; None when empty
read_strength = memoised(_strength)


def read_bool(text: str) -> bool:
    """true/false (any case); empty is false."""
    value = text.strip().lower()
    if value == "true":
        return True
    if value in ("false", ""):
        return False
    raise ValueError(_("'%(text)s' is not true or false") % {"text": text})


def read_power(text: str) -> int | None:
    """A whole number 0–100, or None when empty."""
    value = text.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(
            _("power '%(text)s' is not a number from 0 to 100") % {"text": text}
        ) from None
    if not math.isfinite(number) or number != int(number):
        raise ValueError(_("power '%(text)s' must be a whole number") % {"text": text})
    if not 0 <= number <= 100:
        raise ValueError(_("power %(text)s is out of range 0–100") % {"text": text})
    return int(number)


def read_amount(text: str) -> Decimal | None:
    """A non-negative amount with at most 2 decimals, or None when empty."""
    value = text.strip().replace("_", "")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("amount '%(text)s' is not a number") % {"text": text}) from None
    if not number.is_finite():
        raise ValueError(_("amount '%(text)s' is not a number") % {"text": text})
    if number < 0:
        raise ValueError(_("amount %(text)s is negative") % {"text": text})
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and number != number.quantize(Decimal("0.01")):
        raise ValueError(_("amount %(text)s has more than 2 decimals") % {"text": text})
    if number >= Decimal(10) ** 16:
        raise ValueError(_("amount %(text)s is too large") % {"text": text})
    return number.quantize(Decimal("0.01"))


def _attitude(text: str) -> int:
    value = text.strip().lower()
    if not value:
        return 0
    if value in ATTITUDE_WORDS:
        return ATTITUDE_WORDS[value]
    try:
        number = int(value.replace("\u2212", "-"))
    except ValueError:
        raise ValueError(
            _("attitude '%(text)s' is not one of %(words)s nor a number -2..2")
            % {"text": text, "words": ", ".join(ATTITUDE_WORDS)}
        ) from None
    if not -2 <= number <= 2:
        raise ValueError(_("attitude %(text)s is out of range -2..2") % {"text": text})
    return number


#: attitude word or -2..2 → -2..2 (empty: neutral)
read_attitude = memoised(_attitude)


def read_float(text: str) -> float:
    """A finite number (snapshot values)."""
    value = text.strip()
    try:
        number = float(value)
    except ValueError:
        raise ValueError(_("'%(text)s' is not a number") % {"text": text}) from None
    if not math.isfinite(number):
        raise ValueError(_("'%(text)s' is not a finite number") % {"text": text})
    return number


def read_list(text: str) -> list[str]:
    """The ids of a ';'-separated list cell, spaces around each trimmed, empty items dropped."""
    return [item.strip() for item in text.split(";") if item.strip()]


def row_id_problem(text: str, max_length: int, seen: dict[Any, Any], key: Any = None) -> str | None:
    """Why a row's id cannot be used: not an id at all, or a duplicate of an earlier row of
    the same file (`seen` maps keys to rows with a `.line`; `key` defaults to the id)."""
    why = id_problem(text, max_length)
    if why:
        return why
    earlier = seen.get(text if key is None else key)
    if earlier is not None:
        return _("duplicate id '%(id)s' (also on line %(line)s)") % {
            "id": text,
            "line": earlier.line,
        }
    return None


def id_problem(text: str, max_length: int) -> str | None:
    """Why `text` cannot be an id (missing, against the id rule of guanxi.core.ids, too long),
    or None."""
    if not text.strip():
        return _("missing id")
    why = ids.id_problem(text)
    if why:
        return why
    if len(text) > max_length:
        return _("id is longer than %(limit)s characters") % {"limit": max_length}
    return None


def text_problem(text: str, max_length: int | None) -> str | None:
    """Why `text` cannot be stored in a text column (too long, a NUL character), or None;
    an unbounded column (`max_length` None) holds guanxi.core.limits' longest text."""
    limit = TEXT_MAX_LENGTH if max_length is None else max_length
    if len(text) > limit:
        return _("longer than %(limit)s characters (%(length)s)") % {
            "limit": limit,
            "length": len(text),
        }
    if "\x00" in text:
        return _("contains a NUL character")
    return None
